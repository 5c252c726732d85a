import type { Db } from '../db/database';
import { brusselsDate } from '../shared/time';
import { addDays, isInSendWindow, nextSendWindow, officeHours, startOfBrusselsDay, type SendWindow } from './calendar';
import type { Clock } from './clock';
import {
  claimNext,
  finishFollowUp,
  insertOccasions,
  listTenantIds,
  loadClaimState,
  loadPlanningFacts,
  markStaleAsUncertain,
  releaseFollowUp,
  tenantsWithReadyWork,
  type ClaimedRow,
} from './follow-up-repository';
import type { FollowUpKind } from './follow-up-table';
import { planOccasions, STEERING_REQUEST_DAYS_BEFORE, stillCurrent } from './planner';

/** One reminder, as the messenger needs it to build and send the message. */
export interface FollowUpDelivery {
  id: string;
  tenantId: string;
  trajectoryId: string;
  personId: string;
  kind: FollowUpKind;
  occasion: string;
  actionId: string | null;
  meetingId: string | null;
  today: string;
}

export type DeliveryOutcome =
  | { outcome: 'sent'; activityId: string | null; conversationId: string }
  /** Not sent and never will be (no Teams account linked, bot removed, user gone). */
  | { outcome: 'skipped' | 'failed'; reason: string }
  /** Nothing reached Teams; try again at retryAt. */
  | { outcome: 'retryLater'; reason: string; retryAfterMs: number }
  /** It may have reached Teams (5xx, a connection lost mid-request): not resent. */
  | { outcome: 'uncertain'; reason: string };

/** The port the bot implements: turn a reminder into a Teams message. */
export interface FollowUpMessenger {
  deliver(item: FollowUpDelivery): Promise<DeliveryOutcome>;
}

export interface FollowUpPolicy {
  window: SendWindow;
  perDay: number;
  /** A 'sending' row older than this belongs to a dead worker. */
  staleAfterMs: number;
}

export const defaultPolicy: FollowUpPolicy = { window: officeHours, perDay: 3, staleAfterMs: 10 * 60_000 };

export interface DispatchResult {
  sent: number;
  skipped: number;
  failed: number;
  uncertain: number;
  retried: number;
}

export function createFollowUpService(deps: { db: Db; clock: Clock; messenger: FollowUpMessenger; workerId: string; policy?: Partial<FollowUpPolicy> }) {
  const { db, clock, messenger, workerId } = deps;
  const policy: FollowUpPolicy = { ...defaultPolicy, ...deps.policy };

  async function finish(row: ClaimedRow, outcome: DeliveryOutcome, result: DispatchResult): Promise<void> {
    switch (outcome.outcome) {
      case 'sent':
        result.sent++;
        return finishFollowUp(db, row.tenantId, row.id, 'sent', { sentAt: clock.now(), activityId: outcome.activityId, conversationId: outcome.conversationId, detail: null });
      case 'skipped':
        result.skipped++;
        return finishFollowUp(db, row.tenantId, row.id, 'skipped', { detail: outcome.reason });
      case 'failed':
        result.failed++;
        return finishFollowUp(db, row.tenantId, row.id, 'failed', { detail: outcome.reason });
      case 'uncertain':
        result.uncertain++;
        return finishFollowUp(db, row.tenantId, row.id, 'uncertain', { detail: outcome.reason });
      case 'retryLater':
        result.retried++;
        return releaseFollowUp(db, row.tenantId, row.id, nextSendWindow(new Date(clock.now().getTime() + outcome.retryAfterMs), policy.window), outcome.reason);
    }
  }

  const service = {
    policy,

    /** Writes today's occasions of one tenant into the sent log (idempotent). */
    async planTenant(tenantId: string): Promise<number> {
      const now = clock.now();
      const today = brusselsDate(now);
      const facts = await loadPlanningFacts(db, tenantId, today, addDays(today, STEERING_REQUEST_DAYS_BEFORE));
      const occasions = planOccasions(facts, today);
      // Planned at night or on a Saturday, they wait for the next working morning.
      return insertOccasions(db, tenantId, occasions, nextSendWindow(now, policy.window));
    },

    async planAll(): Promise<number> {
      let total = 0;
      for (const tenantId of await listTenantIds(db)) total += await service.planTenant(tenantId);
      return total;
    },

    readyTenants: () => tenantsWithReadyWork(db, clock.now()),

    reapStale: () => markStaleAsUncertain(db, new Date(clock.now().getTime() - policy.staleAfterMs)),

    /**
     * Sends a tenant's ready reminders one by one until none is left, the send window closes or
     * `limit` is reached. Each goes out at most once: claim (committed), check, send, record.
     */
    async dispatchTenant(tenantId: string, options: { limit?: number; shouldStop?: () => boolean } = {}): Promise<DispatchResult> {
      const result: DispatchResult = { sent: 0, skipped: 0, failed: 0, uncertain: 0, retried: 0 };
      const limit = options.limit ?? Number.POSITIVE_INFINITY;
      for (let handled = 0; handled < limit; handled++) {
        if (options.shouldStop?.()) break;
        const now = clock.now();
        if (!isInSendWindow(now, policy.window)) break;
        const row = await claimNext(db, tenantId, now, workerId, {
          perDay: policy.perDay,
          dayStart: startOfBrusselsDay(now),
          weekStart: new Date(now.getTime() - 7 * 86_400_000),
        });
        if (!row) break;
        const today = brusselsDate(now);
        const state = await loadClaimState(db, row);
        const verdict = stillCurrent(row, {
          reminders: state.reminders,
          action: state.action ? { ...state.action, dueDate: state.action.dueDate } : undefined,
          meeting: state.meeting,
        }, today);
        if (!verdict.ok) {
          await finish(row, { outcome: 'skipped', reason: verdict.reason }, result);
          continue;
        }
        let outcome: DeliveryOutcome;
        try {
          outcome = await messenger.deliver({
            id: row.id,
            tenantId: row.tenantId,
            trajectoryId: row.trajectoryId,
            personId: row.personId,
            kind: row.kind,
            occasion: row.occasion,
            actionId: row.actionId,
            meetingId: row.meetingId,
            today,
          });
        } catch (error) {
          // A bug while building the message: nothing was sent, but retrying blindly would loop.
          outcome = { outcome: 'failed', reason: error instanceof Error ? error.message : String(error) };
        }
        await finish(row, outcome, result);
      }
      return result;
    },
  };
  return service;
}

export type FollowUpService = ReturnType<typeof createFollowUpService>;
