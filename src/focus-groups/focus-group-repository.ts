import type { Db } from '../db/database';

export async function trajectoryExists(db: Db, tenantId: string, trajectoryId: string): Promise<boolean> {
  const row = await db.selectFrom('trajectory').select('id').where('tenantId', '=', tenantId).where('id', '=', trajectoryId).executeTakeFirst();
  return Boolean(row);
}

/** Where a focus group sits: its trajectory, and the domain whose work group it prepares. */
export async function findFocusGroupScope(db: Db, tenantId: string, focusGroupId: string) {
  return db
    .selectFrom('focusGroup')
    .select(['trajectoryId', 'domainId'])
    .where('tenantId', '=', tenantId)
    .where('id', '=', focusGroupId)
    .executeTakeFirst();
}

/** The domain an objective belongs to, only within the given trajectory. */
export async function findObjectiveInTrajectory(db: Db, tenantId: string, trajectoryId: string, id: string) {
  return db
    .selectFrom('operationalObjective')
    .select(['id', 'domainId'])
    .where('tenantId', '=', tenantId)
    .where('trajectoryId', '=', trajectoryId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The domain and objective an action belongs to, only within the given trajectory. */
export async function findActionInTrajectory(db: Db, tenantId: string, trajectoryId: string, id: string) {
  return db
    .selectFrom('action')
    .select(['id', 'domainId', 'operationalObjectiveId'])
    .where('tenantId', '=', tenantId)
    .where('trajectoryId', '=', trajectoryId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Every proposal of a trajectory with its focus group and whatever it is linked to. An objective
 * or domain reached only through the linked action counts too: linking the action is enough.
 */
export async function listProposalTraces(db: Db, tenantId: string, trajectoryId: string, actionId?: string) {
  let query = db
    .selectFrom('focusGroupProposal as p')
    .innerJoin('focusGroup as g', (j) => j.onRef('g.tenantId', '=', 'p.tenantId').onRef('g.id', '=', 'p.focusGroupId'))
    .leftJoin('action as a', (j) => j.onRef('a.tenantId', '=', 'p.tenantId').onRef('a.id', '=', 'p.actionId'))
    .leftJoin('operationalObjective as o', (j) =>
      j.onRef('o.tenantId', '=', 'p.tenantId').on((eb) => eb('o.id', '=', eb.fn.coalesce('p.operationalObjectiveId', 'a.operationalObjectiveId'))),
    )
    .leftJoin('domain as d', (j) =>
      j.onRef('d.tenantId', '=', 'p.tenantId').on((eb) => eb('d.id', '=', eb.fn.coalesce('p.domainId', 'o.domainId', 'a.domainId', 'g.domainId'))),
    )
    .select([
      'p.id',
      'p.text',
      'p.theme',
      'p.focusGroupId',
      'g.title as focusGroupTitle',
      'g.heldOn as focusGroupHeldOn',
      'd.id as domainId',
      'd.name as domainName',
      'o.id as objectiveId',
      'o.title as objectiveTitle',
      'a.id as actionId',
      'a.title as actionTitle',
      'a.status as actionStatus',
    ])
    .where('p.tenantId', '=', tenantId)
    .where('p.trajectoryId', '=', trajectoryId)
    .orderBy('g.heldOn', (ob) => ob.desc().nullsLast())
    .orderBy('g.title')
    .orderBy('p.createdAt');
  if (actionId) query = query.where('p.actionId', '=', actionId);
  return query.execute();
}

