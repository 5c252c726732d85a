import { sql } from 'kysely';
import type { Db } from '../db/database';

export interface AccessRow {
  personId: string;
  ownsActions: boolean;
  role: string | null;
  kind: string | null;
  domainId: string | null;
}

/** The caller's person, their memberships in the trajectory and whether they own actions there: one round trip. */
export async function findAccessRows(db: Db, tenantId: string, userId: string, trajectoryId: string): Promise<AccessRow[]> {
  const { rows } = await sql<AccessRow>`
    select p.id as "personId",
           exists (select 1 from action a where a.tenant_id = p.tenant_id and a.trajectory_id = ${trajectoryId} and a.owner_id = p.id) as "ownsActions",
           mb.role, mb.kind, mb.domain_id as "domainId"
    from person p
    left join (
      select m.person_id, m.role, b.kind, b.domain_id
      from membership m
      join body b on b.tenant_id = m.tenant_id and b.id = m.body_id
      where m.tenant_id = ${tenantId} and b.trajectory_id = ${trajectoryId}
    ) mb on mb.person_id = p.id
    where p.tenant_id = ${tenantId} and p.entra_object_id = ${userId}`.execute(db);
  return rows;
}

