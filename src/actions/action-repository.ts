import { sql } from 'kysely';
import { prepared, type Db } from '../db/database';
import type { ActionTable } from './action-tables';
import { openStatuses } from '../shared/enums';
import type { Insertable, Updateable } from 'kysely';
import { auditInsertFrom, type AuditEntry } from '../audit/audit-repository';
import { accessRowsJson, type AccessRow } from '../auth/access-repository';

export async function findAction(db: Db, tenantId: string, id: string, forUpdate = false) {
  let query = db.selectFrom('action').selectAll().where('tenantId', '=', tenantId).where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export type ActionRow = NonNullable<Awaited<ReturnType<typeof findAction>>>;

/** An action and the caller's access rows in its trajectory. */
export interface FoundAction {
  action: ActionRow;
  accessRows: AccessRow[];
}

/** The action and what the caller may do in its trajectory, in one round trip. */
export async function findActionWithAccess(db: Db, tenantId: string, id: string, userId: string): Promise<FoundAction | undefined> {
  const row = await db
    .selectFrom('action')
    .selectAll()
    .select(accessRowsJson(tenantId, userId, sql`action.trajectory_id`).as('accessRows'))
    .where('tenantId', '=', tenantId)
    .where('id', '=', id)
    .modifyEnd(prepared)
    .executeTakeFirst();
  if (!row) return undefined;
  const { accessRows, ...action } = row;
  return { action, accessRows };
}

export async function insertAction(db: Db, values: Insertable<ActionTable>) {
  return db.insertInto('action').values(values).returningAll().executeTakeFirstOrThrow();
}

export interface TimelineEntry {
  authorPersonId: string | null;
  authorName: string;
  note: string;
  statusFrom: string | null;
  statusTo: string | null;
  dueFrom: string | null;
  dueTo: string | null;
}

/**
 * Applies a change only if the version is still the one the caller saw, and records it in
 * the progress timeline and the audit log, in one statement: the three happen together or
 * not at all, in a single round trip. Answers undefined when the version had moved on.
 */
export async function updateActionRecorded(
  db: Db,
  change: {
    tenantId: string;
    id: string;
    version: number;
    values: Updateable<ActionTable>;
    timeline: TimelineEntry | undefined;
    audit: AuditEntry | undefined;
  },
) {
  const t = change.timeline;
  return db
    .with('upd', (qb) =>
      qb
        .updateTable('action')
        .set({ ...change.values, version: change.version + 1, updatedAt: new Date() })
        .where('tenantId', '=', change.tenantId)
        .where('id', '=', change.id)
        .where('version', '=', change.version)
        .returningAll(),
    )
    .with('timeline', () =>
      t
        ? sql`(insert into action_update (tenant_id, action_id, author_person_id, author_name, note, status_from, status_to, due_from, due_to)
              select upd.tenant_id, upd.id, ${t.authorPersonId}::uuid, ${t.authorName}, ${t.note}, ${t.statusFrom}, ${t.statusTo}, ${t.dueFrom}::date, ${t.dueTo}::date
              from upd)`
        : sql`(select 1)`,
    )
    .with('audit', () => (change.audit ? auditInsertFrom('upd', change.audit) : sql<Record<string, unknown>>`(select 1)`))
    .selectFrom('upd')
    .selectAll()
    // Its text depends only on which fields change and on whether a timeline entry is written:
    // a handful of shapes in practice, each prepared once per connection.
    .modifyEnd(prepared)
    .executeTakeFirst();
}

export async function deleteAction(db: Db, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom('action').where('tenantId', '=', tenantId).where('id', '=', id).execute();
}

export async function findOperationalObjective(db: Db, tenantId: string, id: string) {
  return db
    .selectFrom('operationalObjective')
    .select(['id', 'trajectoryId', 'domainId'])
    .where('tenantId', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}


export async function listActionUpdates(db: Db, tenantId: string, actionId: string) {
  return db
    .selectFrom('actionUpdate')
    .selectAll()
    .where('tenantId', '=', tenantId)
    .where('actionId', '=', actionId)
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .execute();
}

export interface ActionFilter {
  ownerId?: string | undefined;
  domainId?: string | undefined;
  statuses?: string[] | undefined;
  overdueOn?: string | undefined;
  search?: string | undefined;
  limit: number;
}

/** Flat list with the context an action card or a list row shows. */
export async function listActions(db: Db, tenantId: string, trajectoryId: string, filter: ActionFilter) {
  let query = db
    .selectFrom('action')
    .innerJoin('operationalObjective as oo', (j) => j.onRef('oo.tenantId', '=', 'action.tenantId').onRef('oo.id', '=', 'action.operationalObjectiveId'))
    .innerJoin('domain', (j) => j.onRef('domain.tenantId', '=', 'action.tenantId').onRef('domain.id', '=', 'action.domainId'))
    .leftJoin('person as owner', (j) => j.onRef('owner.tenantId', '=', 'action.tenantId').onRef('owner.id', '=', 'action.ownerId'))
    .selectAll('action')
    .select(['oo.title as operationalObjectiveTitle', 'domain.name as domainName', 'owner.displayName as ownerName'])
    .where('action.tenantId', '=', tenantId)
    .where('action.trajectoryId', '=', trajectoryId);
  if (filter.ownerId) query = query.where('action.ownerId', '=', filter.ownerId);
  if (filter.domainId) query = query.where('action.domainId', '=', filter.domainId);
  if (filter.statuses?.length) query = query.where('action.status', 'in', filter.statuses);
  if (filter.overdueOn) {
    query = query.where('action.dueDate', '<', filter.overdueOn).where('action.status', 'in', [...openStatuses]);
  }
  if (filter.search) {
    const pattern = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('action.title', 'ilike', pattern), eb('action.description', 'ilike', pattern)]));
  }
  return query
    .orderBy(sql`action.due_date asc nulls last`)
    .orderBy('action.title')
    .limit(filter.limit)
    .execute();
}
