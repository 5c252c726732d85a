import type { Principal } from '../../src/auth/principal';
import type { Db } from '../../src/db/database';
import { daysBetween } from '../../src/follow-ups/calendar';
import { notFound } from '../../src/shared/errors';
import * as meetingRepo from '../../src/meetings/meeting-repository';
import type { MeetingService } from '../../src/meetings/meeting-service';
import { brusselsDate } from '../../src/shared/time';
import { agendaCard, type AgendaCardView } from '../cards/agenda-card';
import { checkInCard, type CheckInView } from '../cards/check-in-card';
import type { Card } from '../cards/elements';
import { finalAgendaCard } from '../cards/final-agenda-card';
import type { AgendaLine, MeetingHead, MinutesSummary } from '../cards/meeting-parts';
import { minutesApprovalCard, type MinutesApprovalView } from '../cards/minutes-approval-card';
import { minutesCard } from '../cards/minutes-card';
import { parentsCallCard } from '../cards/parents-call-card';
import { memberTeamsIds, previousMeetingStart } from '../data/meeting-post-repository';
import type { Lang } from '../i18n/texts';

function headOf(m: meetingRepo.FoundMeeting): MeetingHead {
  return { id: m.id, title: m.title, startsAt: m.startsAt, endsAt: m.endsAt, location: m.location, online: m.online, onlineJoinUrl: m.onlineJoinUrl, bodyName: m.bodyName };
}

function linesOf(items: meetingRepo.AgendaItemListRow[]): AgendaLine[] {
  return items.map((i) => ({ title: i.title, kind: i.kind, durationMinutes: i.durationMinutes, presenterName: i.presenterName, proposedByName: i.proposedByName }));
}

/**
 * The meeting cards, built from the meetings' own tables. For a person (a refresh, an answer to
 * a button) the meeting service is asked first, so its rules decide what they may see and do;
 * for a post the bot makes on its own, the card holds only what the whole channel may read.
 */
export function createMeetingViews(db: Db, meetings: MeetingService, now: () => Date = () => new Date()) {
  async function meetingOrNull(tenantId: string, meetingId: string) {
    return (await meetingRepo.findMeeting(db, tenantId, meetingId)) ?? null;
  }

  async function agendaViewOf(m: meetingRepo.FoundMeeting, lang: Lang, mode: AgendaCardView['mode']): Promise<AgendaCardView> {
    const [items, refreshUserIds] = await Promise.all([meetingRepo.listAgendaItems(db, m.tenantId, m.id), memberTeamsIds(db, m.tenantId, m.bodyId)]);
    let progress: AgendaCardView['progress'] = null;
    if (m.bodyKind === 'steering_group') {
      const since = await previousMeetingStart(db, m.tenantId, m.bodyId, m.startsAt);
      progress = await meetings.steeringProgress(m.tenantId, m.trajectoryId, since);
    }
    const daysLeft = daysBetween(brusselsDate(now()), brusselsDate(m.startsAt));
    return { lang, meeting: headOf(m), items: linesOf(items), progress, daysLeft, mode: m.state === 'planned' ? mode : 'closed', refreshUserIds };
  }

  async function minutesOf(m: meetingRepo.FoundMeeting): Promise<MinutesSummary> {
    const [items, attendees, actions] = await Promise.all([
      meetingRepo.listAgendaItems(db, m.tenantId, m.id),
      meetingRepo.listAttendees(db, m.tenantId, m.id),
      meetingRepo.listActionsOfMeeting(db, m.tenantId, m.id),
    ]);
    return {
      notes: m.minutesNotes,
      items: items.map((i) => ({ title: i.title, notes: i.notes, decisions: i.decisions })),
      present: attendees.filter((a) => a.attendance === 'present').length,
      invited: attendees.length,
      actions: actions.map((a) => ({ title: a.title, ownerName: a.ownerName, dueDate: a.dueDate })),
    };
  }

  return {
    meetingOrNull,

    /** The agenda card as this person may use it (the form only if they may propose). */
    async agendaCardFor(principal: Principal, meetingId: string, lang: Lang, extra: Pick<AgendaCardView, 'banner' | 'errors' | 'typed'> = {}): Promise<Card> {
      const detail = await meetings.get(principal, meetingId);
      const m = await meetingOrNull(principal.tenantId, meetingId);
      if (!m) throw notFound(`meeting ${meetingId}`);
      const mode = detail.can.propose || detail.can.editAgenda ? 'propose' : 'readOnly';
      return agendaCard({ ...(await agendaViewOf(m, lang, mode)), ...extra });
    },

    /** The posted agenda card: the form for everyone (the service refuses whoever may not propose). */
    async postedAgendaCard(tenantId: string, meetingId: string, lang: Lang): Promise<Card | null> {
      const m = await meetingOrNull(tenantId, meetingId);
      return m ? agendaCard(await agendaViewOf(m, lang, 'propose')) : null;
    },

    async finalAgendaCard(tenantId: string, meetingId: string, lang: Lang): Promise<Card | null> {
      const m = await meetingOrNull(tenantId, meetingId);
      if (!m) return null;
      return finalAgendaCard({ lang, meeting: headOf(m), items: linesOf(await meetingRepo.listAgendaItems(db, tenantId, meetingId)) });
    },

    async minutesCard(tenantId: string, meetingId: string, lang: Lang): Promise<Card | null> {
      const m = await meetingOrNull(tenantId, meetingId);
      if (!m) return null;
      const approver = m.minutesApprovedBy ? await meetingRepo.findPersonBrief(db, tenantId, m.minutesApprovedBy) : undefined;
      return minutesCard({ lang, meeting: headOf(m), minutes: await minutesOf(m), approvedBy: approver?.displayName ?? '—' });
    },

    /** The chair's card: built for the system post, or for the chair after a button (then checked by the service). */
    async approvalCard(tenantId: string, meetingId: string, lang: Lang, outcome: MinutesApprovalView['outcome'], extra: Pick<MinutesApprovalView, 'error' | 'typedRemark'> = {}): Promise<Card | null> {
      const m = await meetingOrNull(tenantId, meetingId);
      if (!m) return null;
      const waiting = m.state === 'held' && m.minutesSubmittedAt !== null;
      return minutesApprovalCard({ lang, meeting: headOf(m), minutes: await minutesOf(m), outcome: outcome === 'waiting' && !waiting ? 'notWaiting' : outcome, ...extra });
    },

    /** The trusted person's parents in this meeting (as the service lets them see them). */
    async parentsCallCard(principal: Principal, meetingId: string, lang: Lang): Promise<Card | null> {
      const m = await meetingOrNull(principal.tenantId, meetingId);
      if (!m) return null;
      const list = await meetings.parentsToCall(principal, meetingId);
      const mine = await ownParents(principal, meetingId, list.parents.map((p) => p.personId));
      const parents = list.parents.filter((p) => mine.has(p.personId));
      if (!parents.length) return null;
      return parentsCallCard({ lang, meeting: headOf(m), parents: parents.map((p) => ({ personId: p.personId, displayName: p.displayName, phone: p.phone, contactPreference: p.contactPreference, response: p.response })) });
    },

    async checkInCard(principal: Principal, meetingId: string, lang: Lang, extra: Pick<CheckInView, 'banner' | 'errors'> = {}): Promise<Card | null> {
      const m = await meetingOrNull(principal.tenantId, meetingId);
      if (!m) return null;
      const list = await meetings.parentsToCall(principal, meetingId);
      const mine = await ownParents(principal, meetingId, list.parents.map((p) => p.personId));
      // The coordinator sees every parent through the service; their card still lists all of them.
      const parents = mine.size ? list.parents.filter((p) => mine.has(p.personId)) : list.parents;
      if (!parents.length) return null;
      return checkInCard({ lang, meeting: headOf(m), parents: parents.map((p) => ({ personId: p.personId, displayName: p.displayName, checkedIn: p.checkedIn, checkInNote: p.checkInNote })), ...extra });
    },
  };

  /** Of these parents, the ones this person is the trusted person of (the coordinator sees all, but is sent none). */
  async function ownParents(principal: Principal, meetingId: string, personIds: string[]): Promise<Set<string>> {
    if (!personIds.length) return new Set();
    const rows = await db
      .selectFrom('person as p')
      .innerJoin('person as t', (j) => j.onRef('t.tenantId', '=', 'p.tenantId').onRef('t.id', '=', 'p.trustedPersonId'))
      .innerJoin('meetingAttendee as a', (j) => j.onRef('a.tenantId', '=', 'p.tenantId').onRef('a.personId', '=', 'p.id'))
      .select('p.id')
      .where('p.tenantId', '=', principal.tenantId)
      .where('a.meetingId', '=', meetingId)
      .where('t.entraObjectId', '=', principal.userId)
      .where('p.id', 'in', personIds)
      .execute();
    return new Set(rows.map((r) => r.id));
  }
}

export type MeetingViews = ReturnType<typeof createMeetingViews>;
