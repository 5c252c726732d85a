import type { Db } from '../db/database';
import { dueOn } from '../measurement-plans/due-date';
import { brusselsDate } from '../shared/time';
import { addDays, isInSendWindow, nextSendWindow, officeHours, startOfBrusselsDay, type SendWindow } from './calendar';
import type { Clock } from './clock';
import {
  claimBatch,
  insertOccasions,
  listTenantIdsBySize,
  loadPlanningFacts,
  markStaleAsUncertain,
  recordOutcomes,
  tenantsWithReadyWork,
  type Caps,
  type ClaimedRow,
  type RecordedOutcome,
} from './follow-up-repository';
import type { FollowUpKind } from './follow-up-table';
import { planOccasions, STEERING_REQUEST_DAYS_BEFORE, stillCurrent, type ReminderLevel } from './planner';

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
  /** Set for a measurement that is due: the card asks for its value. */
  measurementPlanId?: string | null;
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

/** The port the bot implements: turn reminders into Teams messages. */
export interface FollowUpMessenger {
  /**
   * Sends several reminders (their messages prepared together) and reports each outcome as
   * soon as it is known, so the dispatcher records it right away. A reminder whose message
   * cannot even be built is reported 'failed'; `report` is never left uncalled for an item.
   */
  deliverAll(items: FollowUpDelivery[], report: (item: FollowUpDelivery, outcome: DeliveryOutcome) => Promise<void>): Promise<void>;
  /**
   * How many messages this tenant may receive right now, at most `atMost`; waits until at
   * least `atLeast` may. Lets the dispatcher claim only what can go out at once, and in batches.
   */
  room(tenantId: string, atMost: number, atLeast: number): Promise<number>;
}

export interface FollowUpPolicy {
  window: SendWindow;
  perDay: number;
  /** A 'sending' row older than this belongs to a dead worker. */
  staleAfterMs: number;
  /**
   * Reminders of one tenant in flight at once (claimed and not yet recorded). Teams allows 50
   * a second per tenant; the default is that one window's worth, so the next window's messages
   * can be claimed, prepared and booked before their places free up, and a window's sends are
   * never held back by the last ones' answers. More in flight also means more rows left
   * 'uncertain' if the process dies mid-send (each of them was claimed, so none is ever sent twice).
   */
  sendConcurrency: number;
}

export const defaultPolicy: FollowUpPolicy = { window: officeHours, perDay: 3, staleAfterMs: 10 * 60_000, sendConcurrency: 50 };

export interface DispatchResult {
  sent: number;
  skipped: number;
  failed: number;
  uncertain: number;
  retried: number;
}

function stateOf(row: ClaimedRow): Parameters<typeof stillCurrent>[1] {
  return {
    reminders: row.reminders as ReminderLevel,
    action:
      row.actionStatus !== null && row.daysBefore !== null
        ? { status: row.actionStatus, dueDate: row.actionDueDate, ownerId: row.actionOwnerId, daysBefore: row.daysBefore }
        : undefined,
    meeting: row.meetingState !== null && row.meetingDate !== null ? { state: row.meetingState, date: row.meetingDate } : undefined,
    measurement:
      row.planFrequency !== null && row.planCreatedOn !== null
        ? {
            measurerId: row.planMeasurerId,
            dueOn: dueOn({ frequency: row.planFrequency, nextDueOn: row.planNextDueOn, createdOn: row.planCreatedOn }, row.planLastMeasuredOn),
          }
        : undefined,
  };
}

function deliveryOf(row: ClaimedRow, today: string): FollowUpDelivery {
  return {
    id: row.id,
    tenantId: row.tenantId,
    trajectoryId: row.trajectoryId,
    personId: row.personId,
    kind: row.kind,
    occasion: row.occasion,
    actionId: row.actionId,
    meetingId: row.meetingId,
    measurementPlanId: row.measurementPlanId,
    today,
  };
}

/** Tenants planned together: their facts are read and their occasions written in one go. */
const PLAN_CHUNK = 100;
/**
 * The first chunk: the biggest tenant alone. Its dispatch sets how long the whole dispatch
 * takes (Teams' per-tenant limit), so it starts while the others are still being planned.
 */
const FIRST_PLAN_CHUNK = 1;

export function createFollowUpService(deps: { db: Db; clock: Clock; messenger: FollowUpMessenger; workerId: string; policy?: Partial<FollowUpPolicy> }) {
  const { db, clock, messenger, workerId } = deps;
  const policy: FollowUpPolicy = { ...defaultPolicy, ...deps.policy };

  // Outcomes are written as they come; those that come while a write is on its way go
  // together in the next one. No waiting is added: under load the writes simply get fewer.
  let waiting: { outcome: RecordedOutcome; done: (error?: unknown) => void }[] = [];
  let writing = false;
  async function writeOutcomes(): Promise<void> {
    writing = true;
    while (waiting.length) {
      const batch = waiting;
      waiting = [];
      try {
        await recordOutcomes(db, batch.map((w) => w.outcome));
        for (const w of batch) w.done();
      } catch (error) {
        for (const w of batch) w.done(error);
      }
    }
    writing = false;
  }
  function record(outcome: RecordedOutcome): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      waiting.push({ outcome, done: (error) => (error === undefined ? resolve() : reject(error as Error)) });
      if (!writing) void writeOutcomes();
    });
  }

  function finish(row: ClaimedRow, outcome: DeliveryOutcome, result: DispatchResult): Promise<void> {
    const base = { tenantId: row.tenantId, id: row.id, activityId: null, conversationId: null, sentAt: null, notBefore: null };
    switch (outcome.outcome) {
      case 'sent':
        result.sent++;
        return record({ ...base, state: 'sent', detail: null, sentAt: clock.now(), activityId: outcome.activityId, conversationId: outcome.conversationId });
      case 'skipped':
        result.skipped++;
        return record({ ...base, state: 'skipped', detail: outcome.reason });
      case 'failed':
        result.failed++;
        return record({ ...base, state: 'failed', detail: outcome.reason });
      case 'uncertain':
        result.uncertain++;
        return record({ ...base, state: 'uncertain', detail: outcome.reason });
      case 'retryLater':
        result.retried++;
        return record({
          ...base,
          state: 'pending',
          detail: outcome.reason,
          notBefore: nextSendWindow(new Date(clock.now().getTime() + outcome.retryAfterMs), policy.window),
        });
    }
  }

  async function plan(tenantIds: string[]): Promise<number> {
    const now = clock.now();
    const today = brusselsDate(now);
    const facts = await loadPlanningFacts(db, tenantIds, today, addDays(today, STEERING_REQUEST_DAYS_BEFORE));
    const occasions = [...facts].flatMap(([tenantId, f]) => planOccasions(f, today).map((o) => ({ ...o, tenantId })));
    // Planned at night or on a Saturday, they wait for the next working morning.
    return insertOccasions(db, occasions, nextSendWindow(now, policy.window));
  }

  function capsAt(now: Date): Caps {
    return { perDay: policy.perDay, dayStart: startOfBrusselsDay(now), weekStart: new Date(now.getTime() - 7 * 86_400_000) };
  }

  const service = {
    policy,

    /** Writes today's occasions of one tenant into the sent log (idempotent). */
    planTenant: (tenantId: string): Promise<number> => plan([tenantId]),

    /**
     * Plans every tenant, in chunks: a few statements per chunk rather than per tenant. The
     * biggest first, alone, then the others; `planned` hears of each chunk once it is written,
     * so that its dispatch can begin while the rest is planned.
     */
    async planAll(planned?: (tenantIds: string[]) => Promise<void>): Promise<number> {
      const tenantIds = await listTenantIdsBySize(db);
      let total = 0;
      for (let i = 0; i < tenantIds.length; ) {
        const chunk = tenantIds.slice(i, (i += i === 0 ? FIRST_PLAN_CHUNK : PLAN_CHUNK));
        total += await plan(chunk);
        await planned?.(chunk);
      }
      return total;
    },

    /** Tenants with reminders ready now (all, or among these), most first. */
    readyTenants: (among?: string[]) => tenantsWithReadyWork(db, clock.now(), among),

    reapStale: () => markStaleAsUncertain(db, new Date(clock.now().getTime() - policy.staleAfterMs)),

    /**
     * Sends a tenant's ready reminders until none is left, the send window closes, `shouldStop`
     * says so or `limit` have been handled. Up to `sendConcurrency` are in flight, claimed in
     * small batches as Teams' limits make room. Each goes out at most once: claim (committed),
     * check, send, record.
     */
    async dispatchTenant(
      tenantId: string,
      options: {
        limit?: number;
        shouldStop?: () => boolean;
        /** Once shouldStop has stopped the claims: what is in flight still goes out, nothing more is claimed. */
        onStopped?: () => void;
      } = {},
    ): Promise<DispatchResult> {
      const result: DispatchResult = { sent: 0, skipped: 0, failed: 0, uncertain: 0, retried: 0 };
      const limit = options.limit ?? Number.POSITIVE_INFINITY;
      const concurrency = Math.max(1, policy.sendConcurrency);
      // A claim is one statement (migration 0021): batch a few, except when nothing is in
      // flight. Not more: places free up one by one, and those freed while a claim waits for
      // enough of them stand idle, which every later window of that place inherits. Measured:
      // batches of 2 against 10 took 31.98 against 32.93 s for the bench's biggest tenant.
      const worthClaiming = Math.ceil(concurrency / 25);
      let claimed = 0;
      let inFlight = 0;
      let failure: unknown;
      let wake: (() => void) | undefined;
      const batches = new Set<Promise<void>>();

      const settle = async (row: ClaimedRow, outcome: DeliveryOutcome): Promise<void> => {
        try {
          await finish(row, outcome, result);
        } catch (error) {
          failure ??= error;
        } finally {
          inFlight--;
          wake?.();
        }
      };

      const send = async (rows: ClaimedRow[], today: string): Promise<void> => {
        const current: ClaimedRow[] = [];
        const skipped: Promise<void>[] = [];
        for (const row of rows) {
          const verdict = stillCurrent(row, stateOf(row), today);
          if (verdict.ok) current.push(row);
          else skipped.push(settle(row, { outcome: 'skipped', reason: verdict.reason }));
        }
        await Promise.all(skipped);
        if (!current.length) return;
        const byId = new Map(current.map((row) => [row.id, row]));
        const reported = new Set<string>();
        try {
          await messenger.deliverAll(
            current.map((row) => deliveryOf(row, today)),
            async (item, outcome) => {
              reported.add(item.id);
              await settle(byId.get(item.id)!, outcome);
            },
          );
        } catch (error) {
          // A bug while building the messages: nothing unreported was sent, but retrying blindly would loop.
          const reason = error instanceof Error ? error.message : String(error);
          await Promise.all(current.filter((row) => !reported.has(row.id)).map((row) => settle(row, { outcome: 'failed', reason })));
        }
      };

      let stopped = false;
      const stopAsked = (): boolean => {
        if (!stopped && options.shouldStop?.()) {
          stopped = true;
          options.onStopped?.();
        }
        return stopped;
      };

      for (;;) {
        const room = Math.min(concurrency - inFlight, limit - claimed);
        const mayClaim = !stopAsked() && failure === undefined && room > 0 && (inFlight === 0 || room >= worthClaiming) && isInSendWindow(clock.now(), policy.window);
        if (mayClaim) {
          try {
            const wanted = await messenger.room(tenantId, room, worthClaiming);
            // Waiting for places may have outlasted the slice: then claim nothing more.
            if (stopAsked()) continue;
            const now = clock.now();
            const rows = await claimBatch(db, tenantId, now, workerId, capsAt(now), wanted);
            if (rows.length) {
              inFlight += rows.length;
              claimed += rows.length;
              const batch: Promise<void> = send(rows, brusselsDate(now))
                .catch((error: unknown) => {
                  failure ??= error;
                })
                .finally(() => batches.delete(batch));
              batches.add(batch);
              continue;
            }
          } catch (error) {
            failure ??= error;
          }
        }
        // Nothing (more) to claim. Done once nothing is in flight; until then an outcome may
        // still free a place under someone's daily cap, so the last claim follows the last outcome.
        if (inFlight === 0) break;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
      await Promise.allSettled([...batches]);
      if (failure !== undefined) throw failure;
      return result;
    },
  };
  return service;
}

export type FollowUpService = ReturnType<typeof createFollowUpService>;
