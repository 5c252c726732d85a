import type { Db } from '../../src/db/database';
import { systemClock, type Clock } from '../../src/follow-ups/clock';
import { brusselsDay, chairCardDueOn, nextCollegeMeeting } from '../../src/reports/college-calendar';
import * as reportRepo from '../../src/reports/report-repository';
import type { ReportEvent } from '../../src/reports/report-schemas';
import type { Card } from '../cards/elements';
import { loadDeliveryFacts, setPersonalConversation, upsertConversation } from '../data/bot-repository';
import { awaitingReports, claimChairCard, releaseChairCard, steeringPeople } from '../data/report-post-repository';
import { reportTexts } from '../i18n/report-texts';
import { langOf, type Lang } from '../i18n/texts';
import { createReportViews, reportTabUrl, type ReportUrl, type ReportViews } from '../services/report-views';
import { DeliveryError, type ProactiveTransport } from '../transport/bot-framework';
import type { StoredReference } from '../transport/conversation-reference';
import { createSharedRateWindows } from './shared-rate-windows';
import { backoffMs, conversationWindows, tenantWindows, type RateWindows } from './teams-rate-limits';

export interface ReportPostsOptions {
  clock?: Clock;
  limiter?: RateWindows;
  url?: ReportUrl;
  maxAttempts?: number;
  log?: (message: string, error?: unknown) => void;
}

const defaultWorkingDays = 3;
const nothingSent = (error: unknown): boolean => error instanceof DeliveryError && (error.kind === 'throttled' || error.kind === 'notDelivered');

/**
 * The bot's report posts (issue 10): the chair's card in their personal chat when a report is
 * submitted and again N working days before the college meets (if it still awaits a decision),
 * and the coordinators' card when the chair sends it back. Same transport and shared Teams rate
 * windows as the follow-ups and the meeting posts.
 */
export function createReportPosts(db: Db, transport: ProactiveTransport, options: ReportPostsOptions = {}) {
  const clock = options.clock ?? systemClock;
  const limiter = options.limiter ?? createSharedRateWindows(db);
  const maxAttempts = options.maxAttempts ?? 5;
  const log = options.log ?? (() => undefined);
  const views: ReportViews = createReportViews(db, options.url ?? reportTabUrl(undefined));

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
      } finally {
        await answered();
      }
    }
  }

  /** A person's 1:1 chat with the bot, opened if needed (as the follow-ups do). */
  async function personalOf(tenantId: string, personId: string): Promise<{ reference: StoredReference; lang: Lang } | null> {
    const [facts] = await loadDeliveryFacts(db, tenantId, [{ personId, actionId: null }]);
    const target = facts?.target;
    if (!target) return null;
    if (target.personal) return { reference: target.personal, lang: langOf(target.personal.locale) };
    if (!target.anyReference) return null;
    const reference = await limited(tenantId, undefined, () => transport.createPersonalConversation(target.anyReference!, { id: target.teamsUserId, aadObjectId: target.aadObjectId }));
    await upsertConversation(db, { tenantId, conversationId: reference.conversation.id, kind: 'personal', reference, teamId: null, userAadObjectId: target.aadObjectId });
    await setPersonalConversation(db, tenantId, target.aadObjectId, reference.conversation.id);
    return { reference, lang: langOf(reference.locale) };
  }

  /** Sends one personal card; false when the person has no chat with the bot (yet). */
  async function sendTo(tenantId: string, personId: string, build: (lang: Lang) => Promise<Card | null>, fallback: (lang: Lang) => string): Promise<boolean> {
    const target = await personalOf(tenantId, personId);
    if (!target) return false;
    const card = await build(target.lang);
    if (!card) return false;
    await limited(tenantId, target.reference.conversation.id, () => transport.send(target.reference, { cards: [card], text: fallback(target.lang), alert: true }));
    return true;
  }

  /** The college meeting a report is for, and the day the chair's card is due for it. */
  async function dueOf(tenantId: string, trajectoryId: string, collegeDate: string | null): Promise<{ meetingDate: string; dueOn: string } | null> {
    const schedule = await reportRepo.findSchedule(db, tenantId, trajectoryId);
    const workingDays = schedule?.cardWorkingDaysBefore ?? defaultWorkingDays;
    let meetingDate = collegeDate;
    if (!meetingDate && schedule) {
      const next = nextCollegeMeeting({ weekday: schedule.weekday, time: schedule.meetingTime, exceptions: schedule.exceptions }, clock.now());
      meetingDate = next ? brusselsDay(next) : null;
    }
    return meetingDate ? { meetingDate, dueOn: chairCardDueOn(meetingDate, workingDays) } : null;
  }

  async function chairCards(tenantId: string, reportId: string, reminder: boolean): Promise<number> {
    const found = await views.factsOf(tenantId, reportId);
    if (!found) return 0;
    const chairs = await steeringPeople(db, tenantId, found.row.trajectoryId, 'chair');
    if (!chairs.length) log(`report ${reportId}: the steering group has no chair to approve it`);
    let sent = 0;
    for (const chair of chairs) {
      if (chair.id === found.row.submittedBy) continue;
      const ok = await sendTo(tenantId, chair.id, (lang) => views.chairCard(tenantId, reportId, lang, 'waiting', { reminder }), (lang) => reportTexts[lang].fallback(found.facts.municipality, `${found.row.periodStart} – ${found.row.periodEnd}`));
      if (ok) sent++;
      else log(`report ${reportId}: the chair has no Teams chat with the bot`);
    }
    return sent;
  }

  async function sentBackCards(event: ReportEvent): Promise<void> {
    const found = await views.factsOf(event.tenantId, event.reportId);
    if (!found) return;
    const coordinators = await steeringPeople(db, event.tenantId, found.row.trajectoryId, 'coordinator');
    const to = new Set([...(found.row.submittedBy ? [found.row.submittedBy] : []), ...coordinators.map((c) => c.id)]);
    const chair = event.actorPersonId ? await db.selectFrom('person').select('displayName').where('tenantId', '=', event.tenantId).where('id', '=', event.actorPersonId).executeTakeFirst() : undefined;
    for (const personId of to) {
      // One person's failure is theirs: the others still get their card.
      try {
        await sendTo(event.tenantId, personId, (lang) => views.sentBackCard(event.tenantId, event.reportId, lang, chair?.displayName ?? null), (lang) => reportTexts[lang].sentBackFallback(found.facts.municipality, found.row.remark));
      } catch (error) {
        log(`report ${event.reportId}: a coordinator's card could not be sent`, error);
      }
    }
  }

  return {
    views,

    /** The side effects of a committed change (services.reportEvents). */
    async onEvent(event: ReportEvent): Promise<void> {
      if (event.kind === 'report_submitted') {
        const row = await reportRepo.findReport(db, event.tenantId, event.reportId);
        if (!row) return;
        const due = await dueOf(event.tenantId, row.trajectoryId, row.collegeDate);
        // Submitted inside the card's window: this card is that one; no second one on the next tick.
        if (due && brusselsDay(clock.now()) >= due.dueOn) await claimChairCard(db, event.tenantId, event.reportId, clock.now());
        await chairCards(event.tenantId, event.reportId, false);
      } else if (event.kind === 'report_sent_back') {
        await sentBackCards(event);
      }
    },

    /** The chair's card N working days before the college meets, for each report still awaiting a decision; once per submission. */
    async runDue(): Promise<{ chairCards: number }> {
      const today = brusselsDay(clock.now());
      let done = 0;
      for (const r of await awaitingReports(db)) {
        try {
          const due = await dueOf(r.tenantId, r.trajectoryId, r.collegeDate);
          if (!due || today < due.dueOn || today > due.meetingDate) continue;
          if (!(await claimChairCard(db, r.tenantId, r.id, clock.now()))) continue;
          try {
            if ((await chairCards(r.tenantId, r.id, true)) > 0) done++;
            else await releaseChairCard(db, r.tenantId, r.id);
          } catch (error) {
            if (nothingSent(error)) await releaseChairCard(db, r.tenantId, r.id);
            throw error;
          }
        } catch (error) {
          log(`report ${r.id}: the chair's scheduled card failed`, error);
        }
      }
      return { chairCards: done };
    },
  };
}

export type ReportPosts = ReturnType<typeof createReportPosts>;
