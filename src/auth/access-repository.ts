import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database';

export interface AccessRow {
  personId: string | null;
  ownsActions: boolean;
  role: string | null;
  kind: string | null;
  domainId: string | null;
  /** The trajectory is a closed policy period: read-only for everyone. */
  closed: boolean;
}

/**
 * The caller's person, their memberships in the trajectory and whether they own actions there.
 * `trajectoryId` is SQL: a parameter, or a column of the statement this is embedded in.
 */
function accessRowsFrom(tenantId: string, userId: string, trajectoryId: RawBuilder<unknown>, select: RawBuilder<unknown>) {
  // A tenant admin need not be a person of any trajectory: their row carries no person. The
  // aliases are unusual on purpose: `trajectoryId` may name a column of an enclosing statement.
  return sql`
    select ${select}
    from (
      select p.tenant_id, p.id, mb.role, mb.kind, mb.domain_id
      from person p
      left join (
        select m.person_id, m.role, b.kind, b.domain_id
        from membership m
        join body b on b.tenant_id = m.tenant_id and b.id = m.body_id
        where m.tenant_id = ${tenantId} and b.trajectory_id = ${trajectoryId}
      ) mb on mb.person_id = p.id
      where p.tenant_id = ${tenantId} and p.entra_object_id = ${userId}
      union all
      select admin_of.tenant_id, null, 'admin', 'tenant', null
      from tenant_admin admin_of
      where admin_of.tenant_id = ${tenantId} and admin_of.entra_object_id = ${userId}
        and exists (select 1 from trajectory admin_trajectory where admin_trajectory.tenant_id = admin_of.tenant_id and admin_trajectory.id = ${trajectoryId})
    ) p`;
}

// The alias is unusual on purpose: `trajectoryId` may name a column of an enclosing `action`.
const ownsActions = (trajectoryId: RawBuilder<unknown>) =>
  sql`exists (select 1 from action owned where owned.tenant_id = p.tenant_id and owned.trajectory_id = ${trajectoryId} and owned.owner_id = p.id)`;

// Asked per row rather than joined: the rows come from a union that has no trajectory row in it.
const closedPeriod = (trajectoryId: RawBuilder<unknown>) =>
  sql`exists (select 1 from trajectory period where period.tenant_id = p.tenant_id and period.id = ${trajectoryId} and period.closed_at is not null)`;

/** One round trip. */
export async function findAccessRows(db: Db, tenantId: string, userId: string, trajectoryId: string): Promise<AccessRow[]> {
  const trajectory = sql`${trajectoryId}::uuid`;
  const { rows } = await sql<AccessRow>`${accessRowsFrom(
    tenantId,
    userId,
    trajectory,
    sql`p.id as "personId", ${ownsActions(trajectory)} as "ownsActions", p.role, p.kind, p.domain_id as "domainId", ${closedPeriod(trajectory)} as "closed"`,
  )}`.execute(db);
  return rows;
}

/** The access rows of every trajectory of the tenant at once, for listing "my trajectories". */
export async function findAccessRowsOfAllTrajectories(db: Db, tenantId: string, userId: string): Promise<(AccessRow & { trajectoryId: string })[]> {
  const trajectory = sql`t.id`;
  const { rows } = await sql<AccessRow & { trajectoryId: string }>`
    select t.id as "trajectoryId", a.*
    from trajectory t
    cross join lateral (${accessRowsFrom(
      tenantId,
      userId,
      trajectory,
      sql`p.id as "personId", ${ownsActions(trajectory)} as "ownsActions", p.role, p.kind, p.domain_id as "domainId", ${closedPeriod(trajectory)} as "closed"`,
    )}) a
    where t.tenant_id = ${tenantId}`.execute(db);
  return rows;
}

/**
 * The same rows as a JSON array, for a statement that reads the thing being accessed too: the
 * row and the right to it then cost one round trip instead of two.
 */
export function accessRowsJson(tenantId: string, userId: string, trajectoryId: RawBuilder<unknown>): RawBuilder<AccessRow[]> {
  const row = sql`json_build_object('personId', p.id, 'ownsActions', ${ownsActions(trajectoryId)}, 'role', p.role, 'kind', p.kind, 'domainId', p.domain_id, 'closed', ${closedPeriod(trajectoryId)})`;
  return sql<AccessRow[]>`coalesce((${accessRowsFrom(tenantId, userId, trajectoryId, sql`json_agg(${row})`)}), '[]'::json)`;
}
