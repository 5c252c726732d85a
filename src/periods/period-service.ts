import { z } from 'zod';
import { assertCan, assertRead, canRead, loadAccess, loadAccessToAll } from '../auth/access';
import type { Principal } from '../auth/principal';
import { actorOf, auditCreate, auditUpdate } from '../audit/audit';
import type { Db } from '../db/database';
import { conflict, invalid, notFound } from '../shared/errors';
import { dateOnly, shortText, uuid } from '../shared/schemas';
import { findTrajectory } from '../trajectories/trajectory-repository';
import { closeTrajectory, copyPlan, findLineage, insertSuccessor, type LineageKind } from './period-repository';

export const nextPeriodInput = z
  .object({
    name: shortText(160),
    periodStart: dateOnly,
    periodEnd: dateOnly,
  })
  .strict()
  .refine((p) => p.periodEnd >= p.periodStart, { message: 'must not be before periodStart', path: ['periodEnd'] });

const copyCounts = z.object({
  domains: z.int(),
  bodies: z.int(),
  memberships: z.int(),
  strategicObjectives: z.int(),
  operationalObjectives: z.int(),
  actions: z.int(),
  indicators: z.int(),
  initiatives: z.int(),
});

export const nextPeriodOutput = z.object({
  trajectoryId: uuid.describe('the new period'),
  originTrajectoryId: uuid.describe('the period it continues, now closed'),
  copied: copyCounts,
});

export const periodOutput = z.object({
  id: uuid,
  name: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  closedAt: z.string().nullable(),
  current: z.boolean().describe('the period asked about'),
});

export const lineageOutput = z.array(
  z.object({
    id: uuid,
    trajectoryId: uuid,
    trajectoryName: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    title: z.string(),
    adjustment: z.enum(['kept', 'changed', 'stopped']).nullable(),
    adjustmentReason: z.string(),
    status: z.string().nullable(),
  }),
);

const MAX_CHAIN = 50;

export function createPeriodService(db: Db) {
  return {
    /**
     * Starts the next policy period from this one. The copy gives nobody a right they did not
     * hold: the same people keep the same roles in the same bodies. The old period is closed in
     * the same transaction, so it cannot change after the copy was taken.
     */
    async startNext(principal: Principal, trajectoryId: string, input: z.output<typeof nextPeriodInput>): Promise<z.input<typeof nextPeriodOutput>> {
      return db.transaction().execute(async (trx) => {
        // Locked: two requests to start a next period queue here, and only the first finds it open.
        const current = await findTrajectory(trx, principal.tenantId, trajectoryId, true);
        if (!current) throw notFound(`trajectory ${trajectoryId}`);
        const access = await loadAccess(trx, principal, trajectoryId);
        assertRead(access);
        if (current.closedAt) throw conflict('This policy period is closed already: its next period was started before');
        assertCan(access, 'period.start');
        if (input.periodStart <= current.periodStart) {
          throw invalid([{ path: 'body.periodStart', message: `must be after the start of the period it continues (${current.periodStart})` }]);
        }
        const successor = await insertSuccessor(trx, principal.tenantId, trajectoryId, input);
        const copied = await copyPlan(trx, principal.tenantId, trajectoryId, successor.id, input.periodStart);
        await closeTrajectory(trx, principal.tenantId, trajectoryId, successor.id);
        const actor = actorOf(access);
        const created = await findTrajectory(trx, principal.tenantId, successor.id);
        const after = await findTrajectory(trx, principal.tenantId, trajectoryId);
        if (created) await auditCreate(trx, actor, successor.id, 'trajectory', created);
        if (after) await auditUpdate(trx, actor, trajectoryId, 'trajectory', current, after);
        return { trajectoryId: successor.id, originTrajectoryId: trajectoryId, copied };
      });
    },

    /** The chain of periods this one belongs to, as far as the caller takes part in them. */
    async periods(principal: Principal, trajectoryId: string): Promise<z.input<typeof periodOutput>[]> {
      // One read of the caller's access serves both questions: this period, and the others of the chain.
      const readable = await loadAccessToAll(db, principal);
      const access = readable.get(trajectoryId);
      if (!access) throw notFound(`trajectory ${trajectoryId}`);
      assertRead(access);
      const all = await db
        .selectFrom('trajectory')
        .select(['id', 'name', 'periodStart', 'periodEnd', 'closedAt', 'originTrajectoryId'])
        .where('tenantId', '=', principal.tenantId)
        .execute();
      const byId = new Map(all.map((t) => [t.id, t]));
      const successorOf = new Map(all.filter((t) => t.originTrajectoryId).map((t) => [t.originTrajectoryId as string, t.id]));
      const chain: string[] = [trajectoryId];
      for (let id = byId.get(trajectoryId)?.originTrajectoryId; id && chain.length < MAX_CHAIN; id = byId.get(id)?.originTrajectoryId) chain.unshift(id);
      for (let id = successorOf.get(trajectoryId); id && chain.length < MAX_CHAIN; id = successorOf.get(id)) chain.push(id);
      return chain.flatMap((id) => {
        const t = byId.get(id);
        const a = readable.get(id);
        if (!t || !a || !canRead(a)) return [];
        return [{ id: t.id, name: t.name, periodStart: t.periodStart, periodEnd: t.periodEnd, closedAt: t.closedAt ? t.closedAt.toISOString() : null, current: id === trajectoryId }];
      });
    },

    /** One objective's or action's versions across periods; periods the reader takes no part in are left out. */
    async lineage(principal: Principal, kind: LineageKind, id: string): Promise<z.input<typeof lineageOutput>> {
      const rows = await findLineage(db, principal.tenantId, kind, id);
      const self = rows.find((r) => r.id === id);
      if (!self) throw notFound(`${kind} ${id}`);
      const readable = await loadAccessToAll(db, principal);
      const own = readable.get(self.trajectoryId);
      if (!own || !canRead(own)) throw notFound(`${kind} ${id}`);
      return rows
        .filter((r) => {
          const a = readable.get(r.trajectoryId);
          return a !== undefined && canRead(a);
        })
        .map((r) => ({ ...r, adjustment: r.adjustment as 'kept' | 'changed' | 'stopped' | null }));
    },
  };
}
