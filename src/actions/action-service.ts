import { z } from 'zod';
import { accessFromRows, assertRead, loadAccess, refusal, type TrajectoryAccess } from '../auth/access';
import { actionCan, actionCanOutput, operationalObjectiveCan, type ActionCan, type ActionField } from '../auth/entity-rights';
import { assertMayReferencePerson } from '../people/person-access';
import type { Principal } from '../auth/principal';
import { actorOf, auditCreate, auditDelete, updateEntry } from '../audit/audit';
import type { Db } from '../db/database';
import { AppError, forbidden, invalid, notFound, preconditionFailed, type FieldProblem } from '../shared/errors';
import { actionStatuses, openStatuses, sevenB } from '../shared/enums';
import { adjustmentFields, adjustmentOutputFields, dateOnly, longText, position, publicRow, reasonGiven, reasonIssue, shortText, uuid } from '../shared/schemas';
import { brusselsDate } from '../shared/time';
import {
  deleteAction,
  findAction,
  findActionWithAccess,
  findOperationalObjective,
  insertAction,
  listActions,
  listActionUpdates,
  updateActionRecorded,
  type ActionFilter,
  type ActionRow,
  type FoundAction,
} from './action-repository';

export type { FoundAction };

const actionFields = {
  title: shortText(300),
  description: longText().optional(),
  ownerId: uuid.nullable().optional(),
  partners: z.array(shortText(200)).max(50).optional(),
  startDate: dateOnly.nullable().optional(),
  dueDate: dateOnly.nullable().optional(),
  status: z.enum(actionStatuses).optional(),
  means: longText(2000).optional(),
  // numeric(12, 2): anything that rounds to 10^10 or more overflows the column.
  budget: z.number().min(0, 'must not be negative').max(9_999_999_999.99, 'too large').nullable().optional(),
  intendedResult: longText(2000).optional(),
  expectedResult: longText(2000).optional(),
  evaluationMethod: longText(2000).optional(),
  sevenB: z.array(z.enum(sevenB)).max(7).optional(),
  position: position.optional(),
  ...adjustmentFields,
};

const datesInOrder = (a: { startDate?: string | null | undefined; dueDate?: string | null | undefined }) =>
  !a.startDate || !a.dueDate || a.dueDate >= a.startDate;
const datesIssue = { message: 'must not be before startDate', path: ['dueDate'] };

export const actionInput = z.object(actionFields).strict().refine(datesInOrder, datesIssue).refine(reasonGiven, reasonIssue);

export const actionPatch = z
  .object({
    ...actionFields,
    title: actionFields.title.optional(),
    operationalObjectiveId: uuid.optional(),
    /** Written to the progress timeline; required when postponing. */
    progressNote: longText(2000).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'give at least one field to change' })
  .refine(reasonGiven, reasonIssue);

export type ActionPatch = z.output<typeof actionPatch>;

// A patch field the rights (src/auth/entity-rights.ts) do not name would be refused to everyone: tsc keeps them equal.
type UnnamedField = Exclude<keyof ActionPatch, ActionField>;
const everyFieldNamed: [UnnamedField] extends [never] ? true : UnnamedField = true;
void everyFieldNamed;

export const actionOutput = z.object({
  id: uuid,
  trajectoryId: uuid,
  domainId: uuid,
  operationalObjectiveId: uuid,
  title: z.string(),
  description: z.string(),
  ownerId: uuid.nullable(),
  partners: z.array(z.string()),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  status: z.enum(actionStatuses),
  means: z.string(),
  budget: z.number().nullable(),
  intendedResult: z.string(),
  expectedResult: z.string(),
  evaluationMethod: z.string(),
  sevenB: z.array(z.string()),
  position: z.int(),
  ...adjustmentOutputFields,
  version: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ActionOutput = z.input<typeof actionOutput>;

/** An action as one caller reads it: with what they may do with it. */
export const actionWithCan = actionOutput.extend({ can: actionCanOutput });
export type ActionWithCan = ActionOutput & { can: ActionCan };

export const actionListItem = actionWithCan.extend({
  operationalObjectiveTitle: z.string(),
  domainName: z.string(),
  ownerName: z.string().nullable(),
  overdue: z.boolean(),
});

export const actionUpdateOutput = z.object({
  id: uuid,
  actionId: uuid,
  authorPersonId: uuid.nullable(),
  authorName: z.string(),
  note: z.string(),
  statusFrom: z.string().nullable(),
  statusTo: z.string().nullable(),
  dueFrom: z.string().nullable(),
  dueTo: z.string().nullable(),
  createdAt: z.string(),
});

export function etagOf(action: { version: number }): string {
  return `"${action.version}"`;
}

/**
 * The versions an If-Match header accepts (RFC 9110 §13.1.1): undefined when absent or `*`;
 * otherwise the strong entity-tags of our form. A weak, foreign or garbled tag matches no
 * version, so it answers 412 rather than 400.
 */
export function versionFromIfMatch(header: string | undefined): readonly number[] | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  return header
    .split(',')
    .map((tag) => /^\s*"(\d{1,9})"\s*$/.exec(tag)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number);
}

export function isOverdue(action: { dueDate: string | null; status: string }, today = brusselsDate()): boolean {
  return Boolean(action.dueDate && action.dueDate < today && (openStatuses as readonly string[]).includes(action.status));
}

/**
 * How `get` and `update` read the action and the caller's access (by default findActionWithAccess).
 * A caller that needs more about the action (the bot, for its card) passes a reader that fetches
 * that in the same statement, and so saves a round trip; the decisions stay the service's.
 */
export type ActionReader = (tenantId: string, id: string, userId: string) => Promise<FoundAction | undefined>;

export class ActionConflict extends Error {
  constructor(readonly current: ActionOutput) {
    super('The action changed since it was read');
  }
}

export function createActionService(db: Db) {
  const readAction: ActionReader = (tenantId, id, userId) => findActionWithAccess(db, tenantId, id, userId);

  async function checkOwner(access: TrajectoryAccess, ownerId: string | null | undefined, problems: FieldProblem[]): Promise<void> {
    if (!ownerId) return;
    try {
      await assertMayReferencePerson(db, access, ownerId, 'body.ownerId');
    } catch (error) {
      if (error instanceof AppError && error.errors) problems.push(...error.errors);
      else throw error;
    }
  }

  function assertMayChange(access: TrajectoryAccess, action: ActionRow, input: ActionPatch): void {
    assertRead(access, `action ${action.id}`);
    const { fields } = actionCan(access, action);
    if (!fields.length) throw refusal(access, 'action.report');
    const other = Object.keys(input).filter((k) => !(fields as readonly string[]).includes(k));
    if (other.length) throw forbidden(`As the owner you may change the status, the due date and the progress; not: ${other.join(', ')}`);
  }

  return {
    async get(principal: Principal, id: string, read: ActionReader = readAction): Promise<ActionWithCan> {
      const found = await read(principal.tenantId, id, principal.userId);
      if (!found) throw notFound(`action ${id}`);
      const access = accessFromRows(principal, found.action.trajectoryId, found.accessRows);
      assertRead(access, `action ${id}`);
      return { ...publicRow<ActionOutput>(found.action), can: actionCan(access, found.action) };
    },

    async list(principal: Principal, trajectoryId: string, filter: ActionFilter & { mine?: boolean | undefined }) {
      const access = await loadAccess(db, principal, trajectoryId);
      assertRead(access);
      if (filter.mine) {
        if (!access.personId) return [];
        filter = { ...filter, ownerId: access.personId };
      }
      const today = brusselsDate();
      const rows = await listActions(db, principal.tenantId, trajectoryId, filter);
      return rows.map((r) => ({ ...publicRow<z.input<typeof actionListItem>>(r), overdue: isOverdue(r, today), can: actionCan(access, r) }));
    },

    async create(principal: Principal, operationalObjectiveId: string, input: z.output<typeof actionInput>): Promise<ActionWithCan> {
      const objective = await findOperationalObjective(db, principal.tenantId, operationalObjectiveId);
      if (!objective) throw notFound(`operational objective ${operationalObjectiveId}`);
      const access = await loadAccess(db, principal, objective.trajectoryId);
      assertRead(access, `operational objective ${operationalObjectiveId}`);
      if (!operationalObjectiveCan(access, objective).addAction) throw refusal(access, 'domain.edit');
      const problems: FieldProblem[] = [];
      await checkOwner(access, input.ownerId, problems);
      if (problems.length) throw invalid(problems);
      return db.transaction().execute(async (trx) => {
        const row = await insertAction(trx, {
          ...input,
          tenantId: principal.tenantId,
          trajectoryId: objective.trajectoryId,
          domainId: objective.domainId,
          operationalObjectiveId,
        });
        await auditCreate(trx, actorOf(access), row.trajectoryId, 'action', row);
        return { ...publicRow<ActionOutput>(row), can: actionCan(access, row) };
      });
    },

    /**
     * The one path by which an action changes, for the API, the tabs and the bot alike:
     * permission, optimistic concurrency (version), progress timeline and audit.
     */
    async update(principal: Principal, id: string, input: ActionPatch, expected?: number | readonly number[], read: ActionReader = readAction): Promise<ActionWithCan> {
      const expectedVersion = typeof expected === 'number' ? [expected] : expected;
      // Optimistic: read, decide, then write only if the version is unchanged. Without an
      // If-Match a lost race is retried on the fresh state; with one it is the caller's 412.
      for (let attempt = 0; ; attempt += 1) {
        const found = await read(principal.tenantId, id, principal.userId);
        if (!found) throw notFound(`action ${id}`);
        const { action } = found;
        const access = accessFromRows(principal, action.trajectoryId, found.accessRows);
        assertMayChange(access, action, input);
        if (expectedVersion !== undefined && !expectedVersion.includes(action.version)) {
          throw new ActionConflict(publicRow<ActionOutput>(action));
        }
        const { progressNote, operationalObjectiveId, ...fields } = input;
        const note = progressNote?.trim() ?? '';
        const problems: FieldProblem[] = [];
        if (!datesInOrder({ ...action, ...fields })) problems.push({ path: 'body.dueDate', message: 'must not be before startDate' });
        if (fields.status === 'postponed' && action.status !== 'postponed' && !note) {
          problems.push({ path: 'body.progressNote', message: 'give a reason when postponing' });
        }
        if (fields.ownerId !== undefined && fields.ownerId !== action.ownerId) await checkOwner(access, fields.ownerId, problems);
        let move: { domainId: string; operationalObjectiveId: string } | undefined;
        if (operationalObjectiveId && operationalObjectiveId !== action.operationalObjectiveId) {
          const target = await findOperationalObjective(db, principal.tenantId, operationalObjectiveId);
          if (!target || target.trajectoryId !== action.trajectoryId) {
            problems.push({ path: 'body.operationalObjectiveId', message: 'no such operational objective in this trajectory' });
          } else {
            if (!operationalObjectiveCan(access, target).addAction) throw refusal(access, 'domain.edit');
            move = { domainId: target.domainId, operationalObjectiveId };
          }
        }
        if (problems.length) throw invalid(problems);

        const values = { ...fields, ...move };
        const next = { ...action, ...values };
        const audit = updateEntry(actorOf(access), action.trajectoryId, 'action', action, { ...next, ...(note ? { progressNote: note } : {}) });
        // The same values again change nothing: no new version, no timeline, no audit.
        if (!audit) return { ...publicRow<ActionOutput>(action), can: actionCan(access, action) };
        const statusChanged = next.status !== action.status;
        const dueChanged = next.dueDate !== action.dueDate;
        const updated = await updateActionRecorded(db, {
          tenantId: principal.tenantId,
          id,
          version: action.version,
          values,
          timeline:
            statusChanged || dueChanged || note
              ? {
                  authorPersonId: access.personId,
                  authorName: principal.name,
                  note,
                  statusFrom: statusChanged ? action.status : null,
                  statusTo: statusChanged ? next.status : null,
                  dueFrom: dueChanged ? action.dueDate : null,
                  dueTo: dueChanged ? next.dueDate : null,
                }
              : undefined,
          audit,
        });
        if (updated) return { ...publicRow<ActionOutput>(updated), can: actionCan(access, updated) };
        if (expectedVersion !== undefined || attempt >= 2) {
          const fresh = await findAction(db, principal.tenantId, id);
          if (!fresh) throw notFound(`action ${id}`);
          if (expectedVersion !== undefined) throw new ActionConflict(publicRow<ActionOutput>(fresh));
          throw preconditionFailed('The action keeps changing while it is being saved; try again');
        }
      }
    },

    async remove(principal: Principal, id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const action = await findAction(trx, principal.tenantId, id, true);
        if (!action) throw notFound(`action ${id}`);
        const access = await loadAccess(trx, principal, action.trajectoryId);
        assertRead(access, `action ${id}`);
        if (!actionCan(access, action).delete) throw refusal(access, 'domain.edit');
        await deleteAction(trx, principal.tenantId, id);
        await auditDelete(trx, actorOf(access), action.trajectoryId, 'action', action);
      });
    },

    async updates(principal: Principal, id: string) {
      const action = await findAction(db, principal.tenantId, id);
      if (!action) throw notFound(`action ${id}`);
      assertRead(await loadAccess(db, principal, action.trajectoryId), `action ${id}`);
      const rows = await listActionUpdates(db, principal.tenantId, id);
      return rows.map((r) => publicRow<z.input<typeof actionUpdateOutput>>(r));
    },
  };
}

export type ActionService = ReturnType<typeof createActionService>;
