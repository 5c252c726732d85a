import type { Db } from '../db/database';

/** Read-only, for the phase tracker: which of the first three steering-group meetings exist and when each was held. */
export async function loadSteeringFacts(db: Db, tenantId: string, trajectoryId: string): Promise<{ number: number; heldOn: string | null }[]> {
  return db
    .selectFrom('steeringSession')
    .select(['number', 'heldOn'])
    .where('tenantId', '=', tenantId)
    .where('trajectoryId', '=', trajectoryId)
    .orderBy('number')
    .execute();
}
