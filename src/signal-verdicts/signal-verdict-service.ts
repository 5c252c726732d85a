import { z } from 'zod';
import { assertCan, assertRead, loadAccess, type TrajectoryAccess } from '../auth/access';
import type { Principal } from '../auth/principal';
import { actorOf, auditCreate, auditDelete, auditUpdate, diff } from '../audit/audit';
import type { Db } from '../db/database';
import { forbidden, invalid, notFound } from '../shared/errors';
import { dateOnly, longText, rowMeta, uuid } from '../shared/schemas';
import {
  deleteVerdict,
  domainExists,
  findActionDomain,
  findSignalGroup,
  findVerdict,
  findVerdictNames,
  insertVerdict,
  isTrustedPersonIn,
  listVerdicts,
  updateVerdict,
} from './signal-verdict-repository';

export const verdicts = ['works', 'partly', 'not'] as const;

const verdictFields = {
  verdict: z.enum(verdicts),
  reasons: longText(2000).optional(),
  givenOn: dateOnly,
};

export const signalVerdictInput = z
  .object({
    bodyId: uuid,
    actionId: uuid.nullable().optional(),
    domainId: uuid.nullable().optional(),
    ...verdictFields,
  })
  .strict()
  .refine((v) => Boolean(v.actionId || v.domainId), { message: 'give the action or the domain the verdict is about', path: ['actionId'] });

export const signalVerdictUpdate = z
  .object(verdictFields)
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'give at least one field to change' });

export const signalVerdictOutput = z.object({
  ...rowMeta,
  updatedAt: z.string(),
  trajectoryId: uuid,
  bodyId: uuid,
  bodyName: z.string(),
  domainId: uuid,
  actionId: uuid.nullable().describe('null: the verdict is about the whole domain'),
  actionTitle: z.string().nullable(),
  verdict: z.enum(verdicts),
  reasons: z.string(),
  givenOn: z.string(),
  recordedById: uuid.nullable(),
  recordedByName: z.string().nullable(),
});
export type SignalVerdictOutput = z.input<typeof signalVerdictOutput>;

type VerdictRow = NonNullable<Awaited<ReturnType<typeof findVerdict>>>;
type Names = { bodyName: string; actionTitle: string | null; recordedByName: string | null };

function toOutput(row: VerdictRow, names: Names): SignalVerdictOutput {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    trajectoryId: row.trajectoryId,
    bodyId: row.bodyId,
    bodyName: names.bodyName,
    domainId: row.domainId,
    actionId: row.actionId,
    actionTitle: names.actionTitle,
    verdict: row.verdict as (typeof verdicts)[number],
    reasons: row.reasons,
    givenOn: row.givenOn,
    recordedById: row.recordedById,
    recordedByName: names.recordedByName,
  };
}

/**
 * Parents have no write rights, so the group's verdict is written down on its behalf: by the
 * coordinator, or by a trusted person of that very group (not of another parents' group).
 */
async function assertMayRecordFor(db: Db, access: TrajectoryAccess, bodyId: string): Promise<void> {
  assertCan(access, 'signal.record');
  if (access.roles.has('coordinator')) return;
  if (!access.personId || !(await isTrustedPersonIn(db, access.principal.tenantId, bodyId, access.personId))) {
    throw forbidden("Only the coordinator and the group's own trusted person may record the signal group's verdicts");
  }
}

export function createSignalVerdictService(db: Db) {
  async function loadOwn(principal: Principal, id: string, tx: Db = db, forUpdate = false) {
    const row = await findVerdict(tx, principal.tenantId, id, forUpdate);
    if (!row) throw notFound(`signal verdict ${id}`);
    const access = await loadAccess(tx, principal, row.trajectoryId);
    assertRead(access, `signal verdict ${id}`);
    return { row, access };
  }

  return {
    async list(principal: Principal, trajectoryId: string, domainId?: string): Promise<SignalVerdictOutput[]> {
      const access = await loadAccess(db, principal, trajectoryId);
      assertRead(access);
      const rows = await listVerdicts(db, principal.tenantId, trajectoryId, domainId);
      return rows.map((r) => toOutput(r, r));
    },

    async get(principal: Principal, id: string): Promise<SignalVerdictOutput> {
      const { row } = await loadOwn(principal, id);
      return toOutput(row, await findVerdictNames(db, principal.tenantId, id));
    },

    async create(principal: Principal, trajectoryId: string, input: z.output<typeof signalVerdictInput>): Promise<SignalVerdictOutput> {
      const access = await loadAccess(db, principal, trajectoryId);
      assertRead(access);
      assertCan(access, 'signal.record');
      const tenantId = principal.tenantId;
      const body = await findSignalGroup(db, tenantId, trajectoryId, input.bodyId);
      if (!body?.signalGroup) throw invalid([{ path: 'body.bodyId', message: 'is not a signal group of this trajectory' }]);
      await assertMayRecordFor(db, access, body.id);
      let domainId = input.domainId ?? null;
      if (input.actionId) {
        const action = await findActionDomain(db, tenantId, trajectoryId, input.actionId);
        if (!action) throw invalid([{ path: 'body.actionId', message: 'no such action in this trajectory' }]);
        if (domainId && domainId !== action.domainId) throw invalid([{ path: 'body.domainId', message: "is not the action's domain" }]);
        domainId = action.domainId;
      } else if (!domainId || !(await domainExists(db, tenantId, trajectoryId, domainId))) {
        throw invalid([{ path: 'body.domainId', message: 'no such domain in this trajectory' }]);
      }
      return db.transaction().execute(async (trx) => {
        const row = await insertVerdict(trx, {
          tenantId,
          trajectoryId,
          bodyId: body.id,
          domainId: domainId!,
          actionId: input.actionId ?? null,
          verdict: input.verdict,
          reasons: input.reasons ?? '',
          givenOn: input.givenOn,
          recordedById: access.personId,
        });
        await auditCreate(trx, actorOf(access), trajectoryId, 'signal verdict', row);
        return toOutput(row, await findVerdictNames(trx, tenantId, row.id));
      });
    },

    async update(principal: Principal, id: string, input: z.output<typeof signalVerdictUpdate>): Promise<SignalVerdictOutput> {
      return db.transaction().execute(async (trx) => {
        const { row, access } = await loadOwn(principal, id, trx, true);
        await assertMayRecordFor(trx, access, row.bodyId);
        const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
        const changed = diff(row, { ...row, ...given });
        const values = Object.fromEntries(Object.entries(given).filter(([key]) => key in changed));
        if (!Object.keys(values).length) return toOutput(row, await findVerdictNames(trx, principal.tenantId, id));
        const updated = await updateVerdict(trx, principal.tenantId, id, { ...values, updatedAt: new Date() });
        await auditUpdate(trx, actorOf(access), row.trajectoryId, 'signal verdict', row, updated);
        return toOutput(updated, await findVerdictNames(trx, principal.tenantId, id));
      });
    },

    async remove(principal: Principal, id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const { row, access } = await loadOwn(principal, id, trx, true);
        await assertMayRecordFor(trx, access, row.bodyId);
        await deleteVerdict(trx, principal.tenantId, id);
        await auditDelete(trx, actorOf(access), row.trajectoryId, 'signal verdict', row);
      });
    },
  };
}

export type SignalVerdictService = ReturnType<typeof createSignalVerdictService>;
