import type { Db } from '../../src/db/database';
import type { DeliveryOutcome, FollowUpDelivery, FollowUpMessenger } from '../../src/follow-ups/follow-up-service';
import { actionCard } from '../cards/action-card';
import type { Card } from '../cards/elements';
import { homeworkCard } from '../cards/homework-card';
import { steeringRequestCard } from '../cards/steering-request-card';
import { findMeeting, loadDeliveryFacts, openActionsOfPerson, setPersonalConversation, upsertConversation, type DeliveryFacts } from '../data/bot-repository';
import { daysBetween } from '../../src/follow-ups/calendar';
import { AppError } from '../../src/shared/errors';
import { createSteeringService } from '../../src/steering-sessions/steering-service';
import { formatDate, langOf, texts, type Lang } from '../i18n/texts';
import { mayReport, viewOf } from '../services/action-views';
import { createMeasurementViews } from '../services/measurement-views';
import { DeliveryError, type ProactiveTransport } from '../transport/bot-framework';
import type { StoredReference } from '../transport/conversation-reference';
import { createSharedRateWindows } from './shared-rate-windows';
import { backoffMs, conversationWindows, tenantWindows, type RateWindows } from './teams-rate-limits';

export interface MessengerOptions {
  /** Throttled sends are retried in place up to this many times, then handed back to the queue. */
  maxAttempts?: number;
  /** The longest Retry-After waited for in place; a longer one re-queues the reminder. */
  maxWaitMs?: number;
  /** Teams' rate windows; by default kept in the database, shared by all instances. */
  limiter?: RateWindows;
}

/**
 * More than a claim and the reading of its messages' facts take, even on a busy machine: the
 * reminders for places that free up this soon are claimed, prepared and booked (the shared
 * windows book ahead), so each goes out the moment its place is free. No more than that: a
 * reminder claimed and not yet sent when the process dies is left 'uncertain', never sent.
 */
const PREPARE_AHEAD_MS = 300;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** What each reminder of a batch needs for its message, read together (by follow-up id). */
type Prepared = Map<string, DeliveryFacts>;

/**
 * Turns planned follow-ups into Teams messages in the owners' personal chats: builds the cards,
 * keeps Teams' rate limits, honours Retry-After, and reports outcomes the dispatcher records.
 */
export function createFollowUpMessenger(db: Db, transport: ProactiveTransport, options: MessengerOptions = {}): FollowUpMessenger & {
  /** One reminder on its own (the same path as a batch of one). */
  deliver(item: FollowUpDelivery): Promise<DeliveryOutcome>;
} {
  const limiter = options.limiter ?? createSharedRateWindows(db);
  const maxAttempts = options.maxAttempts ?? 5;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  const steering = createSteeringService(db);
  const measurements = createMeasurementViews(db);

  async function prepare(items: FollowUpDelivery[]): Promise<Prepared> {
    const prepared: Prepared = new Map();
    for (const tenantId of new Set(items.map((i) => i.tenantId))) {
      const mine = items.filter((i) => i.tenantId === tenantId);
      const wanted = mine.map((i) => ({ personId: i.personId, actionId: i.kind === 'steering_group' ? null : i.actionId }));
      const facts = await loadDeliveryFacts(db, tenantId, wanted);
      mine.forEach((item, n) => prepared.set(item.id, facts[n]!));
    }
    return prepared;
  }

  async function buildCard(item: FollowUpDelivery, prepared: Prepared, aadObjectId: string, lang: Lang): Promise<Card | undefined> {
    const t = texts[lang];
    if (item.measurementPlanId) {
      // Built as the measurer sees it: the inputs only if they may record the value.
      try {
        return await measurements.card({ tenantId: item.tenantId, userId: aadObjectId, name: '' }, item.measurementPlanId, lang, { followUpId: item.id }, item.today);
      } catch (error) {
        if (error instanceof AppError && error.status === 404) return undefined;
        throw error;
      }
    }
    if (item.kind === 'homework') {
      const facts = await steering.homeworkCardFacts(item.tenantId, item.trajectoryId, item.personId);
      return facts && homeworkCard({ lang, trajectoryId: item.trajectoryId, ...facts, followUpId: item.id });
    }
    if (item.kind === 'steering_group') {
      const meeting = item.meetingId ? await findMeeting(db, item.tenantId, item.meetingId) : undefined;
      if (!meeting) return undefined;
      const actions = await openActionsOfPerson(db, item.tenantId, item.trajectoryId, item.personId);
      if (!actions.length) return undefined;
      return steeringRequestCard({ lang, meeting, actions, followUpId: item.id });
    }
    const facts = prepared.get(item.id)?.card;
    if (!facts?.dueDate) return undefined;
    const late = daysBetween(facts.dueDate, item.today);
    const heading =
      item.kind === 'before_due'
        ? t.followUpBeforeDue(-late, formatDate(lang, facts.dueDate))
        : item.kind === 'due'
          ? late === 0
            ? t.followUpDueToday
            : t.followUpDuePassed(formatDate(lang, facts.dueDate))
          : t.followUpOverdue(Math.floor(late / 7));
    return actionCard(viewOf(facts, mayReport(facts, aadObjectId), lang, { banner: { kind: 'reminder', text: heading }, followUpId: item.id }));
  }

  async function withLimits<T>(tenantId: string, conversationId: string | undefined, send: () => Promise<T>): Promise<T> {
    const keys = [{ key: `tenant:${tenantId}`, windows: tenantWindows }, ...(conversationId ? [{ key: `conversation:${conversationId}`, windows: conversationWindows }] : [])];
    for (let attempt = 0; ; attempt++) {
      const answered = await limiter.acquire(tenantId, keys);
      try {
        return await send();
      } catch (error) {
        if (!(error instanceof DeliveryError) || error.kind !== 'throttled' || attempt + 1 >= maxAttempts) throw error;
        const wait = error.retryAfterMs ?? backoffMs(attempt);
        if (wait > maxWaitMs) throw error;
        // Hold back everything for this conversation (or the whole tenant) until Teams is ready again.
        await limiter.pause(tenantId, keys.map((k) => k.key), wait);
        await sleep(0);
      } finally {
        await answered();
      }
    }
  }

  async function conversationFor(item: FollowUpDelivery, prepared: Prepared): Promise<{ reference: StoredReference; aadObjectId: string } | string> {
    const target = prepared.get(item.id)?.target;
    if (!target) return 'no Teams account linked to this person';
    if (target.personal) return { reference: target.personal, aadObjectId: target.aadObjectId };
    if (!target.anyReference) return 'the bot is installed nowhere in this tenant';
    const reference = await withLimits(item.tenantId, undefined, () =>
      transport.createPersonalConversation(target.anyReference!, { id: target.teamsUserId, aadObjectId: target.aadObjectId }),
    );
    await upsertConversation(db, {
      tenantId: item.tenantId,
      conversationId: reference.conversation.id,
      kind: 'personal',
      reference,
      teamId: null,
      userAadObjectId: target.aadObjectId,
    });
    await setPersonalConversation(db, item.tenantId, target.aadObjectId, reference.conversation.id);
    return { reference, aadObjectId: target.aadObjectId };
  }

  async function deliverOne(item: FollowUpDelivery, prepared: Prepared): Promise<DeliveryOutcome> {
    let conversationId = '';
    try {
      const found = await conversationFor(item, prepared);
      if (typeof found === 'string') return { outcome: 'skipped', reason: found };
      conversationId = found.reference.conversation.id;
      const lang: Lang = langOf(found.reference.locale);
      const card = await buildCard(item, prepared, found.aadObjectId, lang);
      if (!card) return { outcome: 'skipped', reason: 'nothing left to ask about' };
      const { activityId } = await withLimits(item.tenantId, conversationId, () => transport.send(found.reference, { cards: [card], alert: true }));
      return { outcome: 'sent', activityId: activityId ?? null, conversationId };
    } catch (error) {
      if (!(error instanceof DeliveryError)) throw error;
      const reason = `${error.kind}${error.status ? ` ${error.status}` : ''}: ${error.message}`.slice(0, 500);
      switch (error.kind) {
        case 'throttled':
          return { outcome: 'retryLater', reason, retryAfterMs: error.retryAfterMs ?? 60_000 };
        case 'notDelivered':
          return { outcome: 'retryLater', reason, retryAfterMs: 60_000 };
        case 'rejected':
          return { outcome: 'failed', reason };
        case 'unknown':
          return { outcome: 'uncertain', reason };
      }
    }
  }

  const messenger = {
    async deliverAll(items: FollowUpDelivery[], report: (item: FollowUpDelivery, outcome: DeliveryOutcome) => Promise<void>): Promise<void> {
      let prepared: Prepared;
      try {
        prepared = await prepare(items);
      } catch (error) {
        // Nothing was sent; as for any other failure to build a message, it is not retried blindly.
        const reason = error instanceof Error ? error.message : String(error);
        await Promise.all(items.map((item) => report(item, { outcome: 'failed', reason })));
        return;
      }
      await Promise.all(
        items.map(async (item) => {
          let outcome: DeliveryOutcome;
          try {
            outcome = await deliverOne(item, prepared);
          } catch (error) {
            outcome = { outcome: 'failed', reason: error instanceof Error ? error.message : String(error) };
          }
          await report(item, outcome);
        }),
      );
    },

    // Claiming and preparing take a few milliseconds: reminders are claimed that long before
    // their places free up, so they go out the moment they may (and wait no longer than that).
    room: (tenantId: string, atMost: number, atLeast: number) =>
      limiter.room(tenantId, [{ key: `tenant:${tenantId}`, windows: tenantWindows }], atMost, atLeast, PREPARE_AHEAD_MS),

    async deliver(item: FollowUpDelivery): Promise<DeliveryOutcome> {
      let result: DeliveryOutcome | undefined;
      await messenger.deliverAll([item], async (_item, outcome) => {
        result = outcome;
      });
      return result!;
    },
  };
  return messenger;
}
