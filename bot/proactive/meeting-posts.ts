import type { Principal } from '../../src/auth/principal';
import type { Db } from '../../src/db/database';
import { systemClock, type Clock } from '../../src/follow-ups/clock';
import * as meetingRepo from '../../src/meetings/meeting-repository';
import type { MeetingEvent, MeetingService } from '../../src/meetings/meeting-service';
import type { Card } from '../cards/elements';
import { loadDeliveryFacts, setPersonalConversation, upsertConversation } from '../data/bot-repository';
import { bodyChannel, channelReference, claimDue, releaseClaim, setAgendaActivity, tenantsWithMeetings, type ScheduledPost } from '../data/meeting-post-repository';
import { meetingTexts } from '../i18n/meeting-texts';
import { langOf, statusName, type Lang } from '../i18n/texts';
import type { ActionChange } from '../services/action-views';
import { createMeetingViews, type MeetingViews } from '../services/meeting-views';
import { DeliveryError, type ProactiveTransport } from '../transport/bot-framework';
import type { OutgoingMessage, StoredReference } from '../transport/conversation-reference';
import { createSharedRateWindows } from './shared-rate-windows';
import { backoffMs, conversationWindows, tenantWindows, type RateWindows } from './teams-rate-limits';

export interface MeetingPostsOptions {
  clock?: Clock;
  /** Teams' rate windows: by default the ones in the database that the follow-ups count in too. */
  limiter?: RateWindows;
  maxAttempts?: number;
  log?: (message: string, error?: unknown) => void;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Nothing reached Teams: the claim may be given back and tried at the next tick. */
const nothingSent = (error: unknown): boolean => error instanceof DeliveryError && (error.kind === 'throttled' || error.kind === 'notDelivered');

/**
 * The bot's meeting posts: the agenda card in the body's channel some days ahead, the final
 * agenda once it is fixed, the chair's approval card, the approved minutes, and the trusted
 * person's cards the day before and the day after. Sends go through the same transport and the
 * same shared Teams rate windows as the follow-ups, so together they stay inside Teams' limits.
 */
export function createMeetingPosts(db: Db, transport: ProactiveTransport, meetings: MeetingService, options: MeetingPostsOptions = {}) {
  const clock = options.clock ?? systemClock;
  const limiter = options.limiter ?? createSharedRateWindows(db);
  const maxAttempts = options.maxAttempts ?? 5;
  const log = options.log ?? (() => undefined);
  const views: MeetingViews = createMeetingViews(db, meetings, () => clock.now());

  async function limited<T>(tenantId: string, conversationId: string | undefined, send: () => Promise<T>): Promise<T> {
    const keys = [{ key: `tenant:${tenantId}`, windows: tenantWindows }, ...(conversationId ? [{ key: `conversation:${conversationId}`, windows: conversationWindows }] : [])];
    for (let attempt = 0; ; attempt++) {
      const answered = await limiter.acquire(tenantId, keys);
      try {
        return await send();
      } catch (error) {
        if (!(error instanceof DeliveryError) || error.kind !== 'throttled' || attempt + 1 >= maxAttempts) throw error;
        const wait = error.retryAfterMs ?? backoffMs(attempt);
        if (wait > 60_000) throw error;
        await limiter.pause(tenantId, keys.map((k) => k.key), wait);
        await sleep(0);
      } finally {
        await answered();
      }
    }
  }

  async function post(tenantId: string, reference: StoredReference, message: OutgoingMessage): Promise<string | undefined> {
    const { activityId } = await limited(tenantId, reference.conversation.id, () => transport.send(reference, { ...message, alert: true }));
    return activityId;
  }

  async function channelOf(tenantId: string, meeting: meetingRepo.FoundMeeting): Promise<{ reference: StoredReference; lang: Lang } | null> {
    const channel = await bodyChannel(db, tenantId, meeting.bodyId);
    if (!channel) return null;
    const reference = await channelReference(db, tenantId, channel);
    return reference ? { reference, lang: langOf(reference.locale) } : null;
  }

  /** A person's 1:1 chat with the bot, opened if needed (as the follow-ups do). */
  async function personalOf(tenantId: string, personId: string): Promise<{ reference: StoredReference; aadObjectId: string; lang: Lang } | null> {
    const [facts] = await loadDeliveryFacts(db, tenantId, [{ personId, actionId: null }]);
    const target = facts?.target;
    if (!target) return null;
    if (target.personal) return { reference: target.personal, aadObjectId: target.aadObjectId, lang: langOf(target.personal.locale) };
    if (!target.anyReference) return null;
    const reference = await limited(tenantId, undefined, () => transport.createPersonalConversation(target.anyReference!, { id: target.teamsUserId, aadObjectId: target.aadObjectId }));
    await upsertConversation(db, { tenantId, conversationId: reference.conversation.id, kind: 'personal', reference, teamId: null, userAadObjectId: target.aadObjectId });
    await setPersonalConversation(db, tenantId, target.aadObjectId, reference.conversation.id);
    return { reference, aadObjectId: target.aadObjectId, lang: langOf(reference.locale) };
  }

  async function postInChannel(tenantId: string, meetingId: string, build: (lang: Lang) => Promise<Card | null>): Promise<string | undefined> {
    const meeting = await meetingRepo.findMeeting(db, tenantId, meetingId);
    if (!meeting) return undefined;
    const target = await channelOf(tenantId, meeting);
    if (!target) return undefined;
    const card = await build(target.lang);
    return card ? post(tenantId, target.reference, { cards: [card] }) : undefined;
  }

  /** Replaces the posted agenda card, so everyone sees the new proposal (and the refresh gives each their own view). */
  async function updateAgenda(tenantId: string, meetingId: string): Promise<void> {
    const meeting = await meetingRepo.findMeeting(db, tenantId, meetingId);
    if (!meeting?.agendaActivityId) return;
    const target = await channelOf(tenantId, meeting);
    if (!target) return;
    const card = await views.postedAgendaCard(tenantId, meetingId, target.lang);
    if (!card) return;
    await limited(tenantId, target.reference.conversation.id, () => transport.update(target.reference, meeting.agendaActivityId!, { cards: [card] }));
  }

  async function chairCard(tenantId: string, meetingId: string): Promise<void> {
    const meeting = await meetingRepo.findMeeting(db, tenantId, meetingId);
    if (!meeting) return;
    const chair = await meetingRepo.findBodyChair(db, tenantId, meeting.bodyId);
    if (!chair) return log(`meeting ${meetingId}: the body has no chair to approve the minutes`);
    const target = await personalOf(tenantId, chair.id);
    if (!target) return log(`meeting ${meetingId}: the chair has no Teams chat with the bot`);
    const card = await views.approvalCard(tenantId, meetingId, target.lang, 'waiting');
    if (card) await post(tenantId, target.reference, { cards: [card] });
  }

  /** The trusted people of the meeting's parents, each with their own card (never in a channel). */
  async function trustedPeopleCards(tenantId: string, meetingId: string, build: (principal: Principal, lang: Lang) => Promise<Card | null>): Promise<number> {
    const attendees = await meetingRepo.listAttendees(db, tenantId, meetingId);
    const trusted = [...new Set(attendees.filter((a) => a.isParent && a.trustedPersonId).map((a) => a.trustedPersonId!))];
    let sent = 0;
    for (const personId of trusted) {
      // One person's failure is theirs: the others still get their card, and nobody gets it twice.
      try {
        const target = await personalOf(tenantId, personId);
        if (!target) continue;
        // Built as that person may see it: the meeting service decides which parents and numbers.
        const card = await build({ tenantId, userId: target.aadObjectId, name: '' }, target.lang);
        if (!card) continue;
        await post(tenantId, target.reference, { cards: [card] });
        sent++;
      } catch (error) {
        log(`meeting ${meetingId}: a trusted person's card could not be sent`, error);
      }
    }
    return sent;
  }

  async function runClaimed(tenantId: string, kind: ScheduledPost, meetingId: string): Promise<boolean> {
    try {
      if (kind === 'agenda') {
        const activityId = await postInChannel(tenantId, meetingId, (lang) => views.postedAgendaCard(tenantId, meetingId, lang));
        if (!activityId) {
          // The bot is in no channel of this tenant yet: try again once it is installed.
          await releaseClaim(db, tenantId, meetingId, kind);
          return false;
        }
        await setAgendaActivity(db, tenantId, meetingId, activityId);
        return true;
      }
      const build = kind === 'parentsReminder' ? views.parentsCallCard : views.checkInCard;
      return (await trustedPeopleCards(tenantId, meetingId, (principal, lang) => build(principal, meetingId, lang))) > 0;
    } catch (error) {
      if (nothingSent(error)) await releaseClaim(db, tenantId, meetingId, kind);
      log(`meeting ${meetingId}: the ${kind} post failed`, error);
      return false;
    }
  }

  return {
    views,
    updateAgenda,

    /**
     * The work group's channel notice: an action of its domain moved (from a card; best effort,
     * one line). The channels come with the change, read with the action before it.
     */
    async noticeActionChange(principal: Principal, change: ActionChange): Promise<void> {
      for (const channel of change.channels) {
        const reference = await channelReference(db, principal.tenantId, channel);
        if (!reference) continue;
        const lang = langOf(reference.locale);
        const text = meetingTexts[lang].actionMoved(principal.name || '—', change.title, statusName(lang, change.status));
        // Text only and no alert: a notice in the channel, not a ping for everyone.
        await limited(principal.tenantId, reference.conversation.id, () => transport.send(reference, { text }));
      }
    },

    /** The side effects of a committed change (services.meetingEvents). */
    async onEvent(event: MeetingEvent): Promise<void> {
      const { tenantId, meetingId } = event;
      switch (event.type) {
        case 'agenda_proposed':
          return updateAgenda(tenantId, meetingId);
        case 'agenda_fixed':
          await postInChannel(tenantId, meetingId, (lang) => views.finalAgendaCard(tenantId, meetingId, lang));
          // The posted agenda card closes its form too.
          return updateAgenda(tenantId, meetingId);
        case 'minutes_submitted':
          return chairCard(tenantId, meetingId);
        case 'minutes_approved':
          await postInChannel(tenantId, meetingId, (lang) => views.minutesCard(tenantId, meetingId, lang));
          return;
        default:
          return;
      }
    },

    /** What the clock says is due now, each post at most once (claimed in the statement that marks it). */
    async runDue(): Promise<{ agenda: number; parentsReminder: number; parentsCheck: number }> {
      const now = clock.now();
      const done = { agenda: 0, parentsReminder: 0, parentsCheck: 0 };
      for (const tenantId of await tenantsWithMeetings(db)) {
        for (const kind of ['agenda', 'parentsReminder', 'parentsCheck'] as const) {
          for (const meetingId of await claimDue(db, tenantId, kind, now)) {
            if (await runClaimed(tenantId, kind, meetingId)) done[kind]++;
          }
        }
      }
      return done;
    },
  };
}

export type MeetingPosts = ReturnType<typeof createMeetingPosts>;
