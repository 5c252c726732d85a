import type { Db } from '../../src/db/database';
import type { DeliveryOutcome, FollowUpDelivery, FollowUpMessenger } from '../../src/follow-ups/follow-up-service';
import { actionCard } from '../cards/action-card';
import type { Card } from '../cards/elements';
import { steeringRequestCard } from '../cards/steering-request-card';
import { findDeliveryTarget, findMeeting, loadActionCardFacts, openActionsOfPerson, setPersonalConversation, upsertConversation } from '../data/bot-repository';
import { daysBetween } from '../../src/follow-ups/calendar';
import { formatDate, texts, type Lang } from '../i18n/texts';
import { viewOf } from '../services/action-views';
import { DeliveryError, type ProactiveTransport } from '../transport/bot-framework';
import type { StoredReference } from '../transport/conversation-reference';
import { backoffMs, conversationWindows, SlidingWindowLimiter, tenantWindows } from './teams-rate-limits';

export interface MessengerOptions {
  /** Throttled sends are retried in place up to this many times, then handed back to the queue. */
  maxAttempts?: number;
  /** The longest Retry-After waited for in place; a longer one re-queues the reminder. */
  maxWaitMs?: number;
  limiter?: SlidingWindowLimiter;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Turns a planned follow-up into a Teams message in the owner's personal chat: builds the card,
 * keeps Teams' rate limits, honours Retry-After, and reports an outcome the dispatcher records.
 */
export function createFollowUpMessenger(db: Db, transport: ProactiveTransport, options: MessengerOptions = {}): FollowUpMessenger {
  const limiter = options.limiter ?? new SlidingWindowLimiter();
  const maxAttempts = options.maxAttempts ?? 5;
  const maxWaitMs = options.maxWaitMs ?? 60_000;

  async function buildCard(item: FollowUpDelivery, aadObjectId: string, lang: Lang): Promise<Card | undefined> {
    const t = texts[lang];
    if (item.kind === 'steering_group') {
      const meeting = item.meetingId ? await findMeeting(db, item.tenantId, item.meetingId) : undefined;
      if (!meeting) return undefined;
      const actions = await openActionsOfPerson(db, item.tenantId, item.trajectoryId, item.personId);
      if (!actions.length) return undefined;
      return steeringRequestCard({ lang, meeting, actions, followUpId: item.id });
    }
    const [facts] = item.actionId ? await loadActionCardFacts(db, item.tenantId, [item.actionId]) : [];
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
    return actionCard(viewOf(facts, aadObjectId, lang, { banner: { kind: 'reminder', text: heading }, followUpId: item.id }));
  }

  async function withLimits<T>(tenantId: string, conversationId: string | undefined, send: () => Promise<T>): Promise<T> {
    const keys = [{ key: `tenant:${tenantId}`, windows: tenantWindows }, ...(conversationId ? [{ key: `conversation:${conversationId}`, windows: conversationWindows }] : [])];
    for (let attempt = 0; ; attempt++) {
      await limiter.acquire(keys);
      try {
        return await send();
      } catch (error) {
        if (!(error instanceof DeliveryError) || error.kind !== 'throttled' || attempt + 1 >= maxAttempts) throw error;
        const wait = error.retryAfterMs ?? backoffMs(attempt);
        if (wait > maxWaitMs) throw error;
        // Hold back everything for this conversation (or the whole tenant) until Teams is ready again.
        for (const { key } of keys) limiter.pause(key, wait);
        await sleep(0);
      }
    }
  }

  async function conversationFor(item: FollowUpDelivery): Promise<{ reference: StoredReference; aadObjectId: string } | string> {
    const target = await findDeliveryTarget(db, item.tenantId, item.personId);
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

  return {
    async deliver(item): Promise<DeliveryOutcome> {
      let conversationId = '';
      try {
        const found = await conversationFor(item);
        if (typeof found === 'string') return { outcome: 'skipped', reason: found };
        conversationId = found.reference.conversation.id;
        const lang: Lang = found.reference.locale?.toLowerCase().startsWith('en') ? 'en' : 'nl';
        const card = await buildCard(item, found.aadObjectId, lang);
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
    },
  };
}
