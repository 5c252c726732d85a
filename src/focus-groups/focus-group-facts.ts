import type { Db } from '../db/database';

export interface FocusGroupFacts {
  planned: number;
  held: number;
  proposals: number;
  /** Proposals that went somewhere in the plan: a domain, an objective or an action. */
  proposalsPlaced: number;
  proposalsInActions: number;
}

/** Read-only, for the phase tracker: how far the focus groups with parents got. Counts only, no names. */
export async function loadFocusGroupFacts(db: Db, tenantId: string, trajectoryId: string): Promise<FocusGroupFacts> {
  const [groups, proposals] = await Promise.all([
    db
      .selectFrom('focusGroup')
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        eb.fn.count<number>('heldOn').as('held'),
      ])
      .where('tenantId', '=', tenantId)
      .where('trajectoryId', '=', trajectoryId)
      .executeTakeFirst(),
    db
      .selectFrom('focusGroupProposal')
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        eb.fn.count<number>(eb.fn.coalesce('actionId', 'operationalObjectiveId', 'domainId')).as('placed'),
        eb.fn.count<number>('actionId').as('inActions'),
      ])
      .where('tenantId', '=', tenantId)
      .where('trajectoryId', '=', trajectoryId)
      .executeTakeFirst(),
  ]);
  const total = Number(groups?.total ?? 0);
  const held = Number(groups?.held ?? 0);
  return {
    planned: total - held,
    held,
    proposals: Number(proposals?.total ?? 0),
    proposalsPlaced: Number(proposals?.placed ?? 0),
    proposalsInActions: Number(proposals?.inActions ?? 0),
  };
}
