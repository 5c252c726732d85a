import pLimit from 'p-limit';
import type { Db } from '../db/database';
import type { DocumentModel } from '../documents/document-model';
import { renderDocx } from '../documents/docx-renderer';
import { minutesDocument, meetingWhen, type MinutesDocumentInput } from '../documents/minutes-document';
import { renderPdf } from '../documents/pdf-renderer';
import { buildInvitationIcs } from '../mail/invitation-ics';
import type { MailAddress, MailSender } from '../mail/mail-types';
import { TIME_ZONE } from '../shared/time';
import * as repo from './meeting-repository';
import type { MeetingEvent, MeetingListener } from './meeting-service';
import * as deliveries from './minutes-delivery-repository';
import type { GraphMeetingReads } from './meeting-transports';

/**
 * The meeting's way out of Kansrijk: invitations (an Outlook event with a Teams meeting through
 * Graph, or an iCalendar invitation in a mail), the minutes as .docx and .pdf, and their
 * delivery to every attendee and alderman, one logged row per recipient.
 */

/** The organiser's calendar through Graph; absent when Graph is not configured. */
export interface MeetingCalendar {
  create(organiser: string, input: CalendarInput): Promise<{ id: string; joinUrl: string | null }>;
  update(organiser: string, eventId: string, input: CalendarInput): Promise<{ id: string; joinUrl: string | null }>;
  cancel(organiser: string, eventId: string, comment: string): Promise<void>;
}

export interface CalendarInput {
  subject: string;
  agendaHtml: string;
  /** Brussels wall time 'YYYY-MM-DDTHH:mm:ss'. */
  start: string;
  end: string;
  location: string;
  online: boolean;
  attendees: readonly MailAddress[];
  transactionId: string;
}

export interface MeetingDeliveryDeps {
  db: Db;
  mail: MailSender;
  calendar?: MeetingCalendar | undefined;
  /** The calendar with the signed-in user's delegated rights (Graph and Entra sign-in on). */
  calendarAsUser?: ((userAssertion: string) => MeetingCalendar) | undefined;
  graph?: GraphMeetingReads | undefined;
  /** The mailbox that organises when the organiser has no address of their own (scheduled work). */
  fallbackOrganiser?: string | undefined;
  log: (message: string, error?: unknown) => void;
  /**
   * Mails in progress at once. Above Graph's 4 concurrent requests per mailbox on purpose: the
   * Graph client keeps requests at 4, and a mail waiting out a Retry-After then holds no slot.
   */
  concurrency?: number;
  /** A 'sending' row older than this belonged to an instance that died: it is resumed. */
  staleAfterSeconds?: number;
}

const wallTime = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** An instant as Brussels wall time, which Outlook keeps at the same hour across a DST change. */
export function brusselsWallTime(at: Date): string {
  const parts = Object.fromEntries(wallTime.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

const kindWord: Record<string, string> = { information: 'informatie', discussion: 'bespreking', decision: 'beslissing' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'vergadering'
  );
}

export function createMeetingDelivery(deps: MeetingDeliveryDeps) {
  const { db, mail, log } = deps;
  const concurrency = deps.concurrency ?? 16;
  const staleAfter = deps.staleAfterSeconds ?? 120;
  const inFlight = new Set<Promise<unknown>>();

  function background(work: Promise<unknown>): void {
    const tracked = work.catch((error: unknown) => log('meeting delivery failed; it is retried', error));
    inFlight.add(tracked);
    void tracked.finally(() => inFlight.delete(tracked));
  }

  async function load(tenantId: string, meetingId: string) {
    const meeting = await repo.findMeeting(db, tenantId, meetingId);
    if (!meeting) return undefined;
    const [attendees, items, actions, chair, organiser] = await Promise.all([
      repo.listAttendees(db, tenantId, meetingId),
      repo.listAgendaItems(db, tenantId, meetingId),
      repo.listActionsOfMeeting(db, tenantId, meetingId),
      repo.findBodyChair(db, tenantId, meeting.bodyId),
      meeting.organiserId ? repo.findPersonBrief(db, tenantId, meeting.organiserId) : undefined,
    ]);
    return { meeting, attendees, items, actions, chair, organiser };
  }
  type Loaded = NonNullable<Awaited<ReturnType<typeof load>>>;

  function agendaText(l: Loaded): string {
    if (l.items.length === 0) return 'De agenda volgt.';
    return l.items.map((i, n) => `${n + 1}. ${i.title} (${kindWord[i.kind] ?? i.kind}, ${i.durationMinutes} min)${i.presenterName ? ` — ${i.presenterName}` : ''}`).join('\n');
  }

  function agendaHtml(l: Loaded): string {
    const items = l.items.map((i) => `<li>${escapeHtml(i.title)} (${kindWord[i.kind] ?? i.kind}, ${i.durationMinutes} min)${i.presenterName ? ` — ${escapeHtml(i.presenterName)}` : ''}</li>`).join('');
    return `<p>Agenda</p>${items ? `<ol>${items}</ol>` : '<p>De agenda volgt.</p>'}`;
  }

  /** Only attendees with an address are mailed; parents without one hear it from their trusted person. */
  const addressed = (l: Loaded): MailAddress[] => l.attendees.filter((a) => a.email).map((a) => ({ name: a.displayName, address: a.email! }));

  async function invite(event: MeetingEvent): Promise<void> {
    const l = await load(event.tenantId, event.meetingId);
    if (!l) return;
    const { meeting } = l;
    const organiserAddress = l.organiser?.email ?? deps.fallbackOrganiser ?? 'no-reply@kansrijk.invalid';
    if (deps.calendar) {
      const organiser = l.organiser?.email ?? deps.fallbackOrganiser;
      if (!organiser) return log(`meeting ${meeting.id}: no organiser mailbox for the Outlook event`);
      // What a user does in the tab runs with their own delegated rights; scheduled work with the app's.
      const calendar = event.userAssertion && deps.calendarAsUser ? deps.calendarAsUser(event.userAssertion) : deps.calendar;
      if (event.type === 'cancelled') {
        if (meeting.graphEventId) await calendar.cancel(organiser, meeting.graphEventId, meeting.cancelReason || 'Deze vergadering gaat niet door.');
        return;
      }
      const input: CalendarInput = {
        subject: meeting.title,
        agendaHtml: agendaHtml(l),
        start: brusselsWallTime(meeting.startsAt),
        end: brusselsWallTime(meeting.endsAt),
        location: meeting.location,
        online: meeting.online,
        attendees: addressed(l),
        transactionId: meeting.id,
      };
      const made = meeting.graphEventId ? await calendar.update(organiser, meeting.graphEventId, input) : await calendar.create(organiser, input);
      await repo.setGraphEvent(db, event.tenantId, meeting.id, { graphEventId: made.id, ...(made.joinUrl ? { onlineJoinUrl: made.joinUrl } : {}) });
      return;
    }
    const to = addressed(l);
    if (to.length === 0) return;
    const cancelled = event.type === 'cancelled';
    const ics = buildInvitationIcs({
      meetingId: meeting.id,
      sequence: meeting.icalSequence,
      title: meeting.title,
      startsAt: meeting.startsAt.toISOString(),
      endsAt: meeting.endsAt.toISOString(),
      location: meeting.location,
      joinUrl: meeting.onlineJoinUrl || null,
      description: agendaText(l),
      organiser: { name: l.organiser?.displayName ?? 'Kansrijk', address: organiserAddress },
      attendees: l.attendees.filter((a) => a.email).map((a) => ({ name: a.displayName, address: a.email!, response: a.response as 'none' })),
      method: cancelled ? 'CANCEL' : 'REQUEST',
    });
    const when = meetingWhen(meeting.startsAt.toISOString(), meeting.endsAt.toISOString(), 'nl-BE');
    await mail.send(
      {
        to,
        subject: cancelled ? `Geannuleerd: ${meeting.title}` : `Uitnodiging: ${meeting.title} (${when})`,
        text: cancelled
          ? `${meeting.title} op ${when} gaat niet door.${meeting.cancelReason ? `\n\n${meeting.cancelReason}` : ''}`
          : `${meeting.bodyName} komt samen op ${when}${meeting.location ? ` in ${meeting.location}` : ''}.${meeting.onlineJoinUrl ? `\nOnline deelnemen: ${meeting.onlineJoinUrl}` : ''}\n\nAgenda\n${agendaText(l)}`,
        calendar: { method: cancelled ? 'CANCEL' : 'REQUEST', ics },
      },
      { tenantId: event.tenantId, trajectoryId: meeting.trajectoryId, kind: cancelled ? 'cancellation' : 'invitation', key: `invitation:${meeting.id}:${meeting.icalSequence}` },
    );
  }

  function minutesInput(l: Loaded): MinutesDocumentInput {
    const { meeting } = l;
    return {
      bodyName: meeting.bodyName,
      title: meeting.title,
      startsAt: meeting.startsAt.toISOString(),
      endsAt: meeting.endsAt.toISOString(),
      location: meeting.location,
      online: meeting.online,
      chairName: l.chair?.displayName ?? null,
      approvedAt: meeting.minutesApprovedAt?.toISOString() ?? null,
      // A name and an attendance, nothing more: the minutes go to every alderman.
      attendees: l.attendees.map((a) => ({ name: a.displayName, attendance: a.attendance as MinutesDocumentInput['attendees'][number]['attendance'] })),
      items: l.items.map((i, n) => ({
        position: n + 1,
        title: i.title,
        kind: i.kind as MinutesDocumentInput['items'][number]['kind'],
        presenterName: i.presenterName,
        notes: i.notes,
        decisions: i.decisions,
        newActions: l.actions.filter((a) => a.agendaItemId === i.id).map((a) => ({ title: a.title, ownerName: a.ownerName ?? '—', dueDate: a.dueDate })),
      })),
      generalNotes: [meeting.minutesNotes, ...l.actions.filter((a) => !a.agendaItemId).map((a) => `Nieuwe actie: ${a.title}${a.ownerName ? ` (${a.ownerName})` : ''}`)].filter(Boolean).join('\n'),
    };
  }

  // Approved minutes never change: rendered once per approval, not once per delivery round.
  const rendered = new Map<string, { docx: Buffer; pdf: Buffer; base: string }>();

  async function minutesFiles(tenantId: string, meetingId: string, locale: DocumentModel['locale'] = 'nl-BE') {
    const l = await load(tenantId, meetingId);
    if (!l) return undefined;
    const approved = l.meeting.minutesApprovedAt && (l.meeting.state === 'minutes_approved' || l.meeting.state === 'distributed');
    const key = approved ? `${tenantId}:${meetingId}:${l.meeting.minutesApprovedAt!.toISOString()}:${locale}` : undefined;
    const cached = key ? rendered.get(key) : undefined;
    if (cached) return { ...cached, meeting: l.meeting };
    const model = minutesDocument(minutesInput(l), locale);
    const [docx, pdf] = await Promise.all([renderDocx(model), renderPdf(model)]);
    const base = `verslag-${slug(l.meeting.title)}-${brusselsWallTime(l.meeting.startsAt).slice(0, 10)}`;
    if (key) {
      if (rendered.size >= 20) rendered.delete(rendered.keys().next().value!);
      rendered.set(key, { docx, pdf, base });
    }
    return { docx, pdf, base, meeting: l.meeting };
  }

  /** Who receives approved minutes: every attendee with an address and every alderman, each once. */
  async function recipients(l: Loaded): Promise<deliveries.DeliveryRecipient[]> {
    const aldermen = await repo.listAldermen(db, l.meeting.tenantId, l.meeting.trajectoryId);
    const out = new Map<string, deliveries.DeliveryRecipient>();
    for (const a of l.attendees) if (a.email) out.set(a.email.toLowerCase(), { personId: a.personId, address: a.email, name: a.displayName, reason: 'attendee' });
    for (const a of aldermen) if (a.email) out.set(a.email.toLowerCase(), { personId: a.id, address: a.email, name: a.displayName, reason: 'alderman' });
    return [...out.values()];
  }

  /**
   * Sends the approved minutes to everyone not yet reached, and marks the meeting distributed
   * once nobody is left. Safe to run again at any moment (after a crash, on two instances):
   * rows are claimed skip-locked, each mail keyed by its row, and a Graph draft resumed.
   */
  async function deliverMinutes(tenantId: string, meetingId: string): Promise<{ sent: number; failed: number }> {
    const l = await load(tenantId, meetingId);
    if (!l || (l.meeting.state !== 'minutes_approved' && l.meeting.state !== 'distributed')) return { sent: 0, failed: 0 };
    await deliveries.insertDeliveries(db, tenantId, l.meeting.trajectoryId, meetingId, mail.transport, await recipients(l));
    let files: Awaited<ReturnType<typeof minutesFiles>>;
    let sent = 0;
    let failed = 0;
    const limit = pLimit(concurrency);
    for (;;) {
      const batch = await deliveries.claimDeliveries(db, tenantId, meetingId, concurrency * 4, staleAfter);
      if (batch.length === 0) break;
      files ??= await minutesFiles(tenantId, meetingId);
      if (!files) return { sent, failed };
      const { docx, pdf, base } = files;
      await Promise.all(
        batch.map((row) =>
          limit(async () => {
            try {
              await mail.send(
                {
                  to: [{ name: row.recipientName, address: row.address }],
                  subject: `Verslag: ${l.meeting.title}`,
                  text: `Beste ${row.recipientName},\n\nIn de bijlage vind je het goedgekeurde verslag van ${l.meeting.bodyName}: ${l.meeting.title} (${meetingWhen(l.meeting.startsAt.toISOString(), l.meeting.endsAt.toISOString(), 'nl-BE')}).\n\nMet vriendelijke groeten,\nKansrijk`,
                  attachments: [
                    { fileName: `${base}.docx`, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', content: docx },
                    { fileName: `${base}.pdf`, contentType: 'application/pdf', content: pdf },
                  ],
                },
                {
                  tenantId,
                  trajectoryId: l.meeting.trajectoryId,
                  kind: 'minutes',
                  key: row.id,
                  draftId: row.draftId,
                  onDraft: (draftId) => deliveries.recordDraft(db, tenantId, row.id, draftId),
                },
              );
              await deliveries.markDelivery(db, tenantId, row.id, { state: 'sent' });
              sent += 1;
            } catch (error) {
              failed += 1;
              // Up to 5 tries across runs; then it waits in the log for the organiser to see.
              await deliveries.markDelivery(db, tenantId, row.id, { state: row.attempts >= 5 ? 'failed' : 'pending', error: error instanceof Error ? error.message : String(error) });
              log(`minutes of meeting ${meetingId} to one recipient failed (attempt ${row.attempts})`, error);
            }
          }),
        ),
      );
      if (failed > 0) break;
    }
    if ((await deliveries.openDeliveryCount(db, tenantId, meetingId)) === 0) {
      await db.updateTable('meeting').set({ state: 'distributed', updatedAt: new Date() }).where('tenantId', '=', tenantId).where('id', '=', meetingId).where('state', '=', 'minutes_approved').execute();
    }
    return { sent, failed };
  }

  /**
   * The printable invitation for parents: the practical questions the roadmap says they ask
   * (how often, day or evening, how long, where and how to get there, childcare, compensation),
   * in plain Dutch.
   */
  async function parentsInvitation(tenantId: string, meetingId: string) {
    const l = await load(tenantId, meetingId);
    if (!l) return undefined;
    const { meeting } = l;
    const minutes = Math.round((meeting.endsAt.getTime() - meeting.startsAt.getTime()) / 60_000);
    const duration = minutes >= 60 ? `${Math.floor(minutes / 60)} uur${minutes % 60 ? ` en ${minutes % 60} minuten` : ''}` : `${minutes} minuten`;
    const count = await repo.countBodyMeetings(db, tenantId, meeting.bodyId);
    const model: DocumentModel = {
      locale: 'nl-BE',
      title: `Uitnodiging: ${meeting.title}`,
      subtitle: meeting.bodyName,
      facts: [
        ['Wanneer', meetingWhen(meeting.startsAt.toISOString(), meeting.endsAt.toISOString(), 'nl-BE')],
        ['Overdag of ’s avonds', meeting.dayPart === 'evening' ? '’s Avonds' : 'Overdag'],
        ['Hoe lang', duration],
        ['Waar', meeting.location || (meeting.online ? 'Online, via Teams' : 'Dat laten we je nog weten')],
      ],
      sections: [
        { heading: 'Waarom we je uitnodigen', paragraphs: ['Jouw ervaring helpt ons om het beleid in onze gemeente beter te maken. Je hoeft niets voor te bereiden: we luisteren naar wat jij belangrijk vindt.'] },
        { heading: 'Hoe kom je er?', paragraphs: [meeting.directions || 'Vraag het gerust aan je vertrouwenspersoon: die helpt je op weg.'] },
        { heading: 'Hoe vaak komen we samen?', paragraphs: [count === 1 ? 'Er staat nu één bijeenkomst gepland.' : `Er staan nu ${count} bijeenkomsten gepland. Je kiest zelf of je telkens komt.`] },
        { heading: 'Opvang voor je kinderen', paragraphs: [meeting.childcare || 'Heb je opvang nodig om te kunnen komen? Laat het weten, dan zoeken we samen een oplossing.'] },
        { heading: 'Vergoeding', paragraphs: [meeting.compensation || 'Vraag je vertrouwenspersoon welke vergoeding er is voor je tijd en je verplaatsing.'] },
        { heading: 'Waarover gaat het?', bullets: l.items.length ? l.items.map((i) => i.title) : ['Dat bespreken we samen bij het begin.'] },
        { heading: 'Vragen?', paragraphs: ['Je vertrouwenspersoon belt of sms’t je de dag voordien nog even. Je mag altijd zelf bellen als er iets is.'] },
      ],
      // Nothing is promised here that the minutes do not keep: they list attendees by name.
      footer: 'Vragen over wat er met je gegevens gebeurt? Je vertrouwenspersoon of de coördinator legt het je graag uit.',
    };
    return { pdf: await renderPdf(model), base: `uitnodiging-${slug(meeting.title)}` };
  }

  function organiserOf(l: Loaded): string | undefined {
    return l.organiser?.email ?? deps.fallbackOrganiser;
  }

  /** Invitation answers from Outlook into the attendee list. */
  async function syncResponses(tenantId: string, meetingId: string): Promise<number> {
    const l = await load(tenantId, meetingId);
    const organiser = l && organiserOf(l);
    if (!deps.graph || !l?.meeting.graphEventId || !organiser) return 0;
    const answers = await deps.graph.responses(organiser, l.meeting.graphEventId);
    let changed = 0;
    for (const a of l.attendees) {
      const answer = a.email ? answers.find((r) => r.address === a.email!.toLowerCase()) : undefined;
      if (answer && answer.response !== a.response) {
        await repo.updateAttendee(db, tenantId, meetingId, a.personId, { response: answer.response });
        changed += 1;
      }
    }
    return changed;
  }

  /** After an online meeting: who joined, from Teams' attendance report, as attendance still unknown. */
  async function prefillAttendance(tenantId: string, meetingId: string, userAssertion: string | undefined): Promise<number> {
    const l = await load(tenantId, meetingId);
    const organiser = l && organiserOf(l);
    if (!deps.graph || !userAssertion || !l?.meeting.onlineJoinUrl || !organiser) return 0;
    const report = await deps.graph.attendance(userAssertion, organiser, l.meeting.onlineJoinUrl);
    let changed = 0;
    for (const a of l.attendees) {
      if (a.attendance !== 'unknown' || !a.email) continue;
      if (report.some((r) => r.address.toLowerCase() === a.email!.toLowerCase() && r.totalAttendanceInSeconds > 0)) {
        await repo.updateAttendee(db, tenantId, meetingId, a.personId, { attendance: 'present' });
        changed += 1;
      }
    }
    return changed;
  }

  const listener: MeetingListener = (event) => {
    switch (event.type) {
      case 'scheduled':
      case 'changed':
      case 'agenda_fixed':
      case 'cancelled':
        background(invite(event));
        break;
      case 'minutes_approved':
        background(deliverMinutes(event.tenantId, event.meetingId));
        break;
      default:
        break;
    }
    return Promise.resolve();
  };

  return {
    listener,
    deliverMinutes,
    minutesFiles,
    parentsInvitation,
    syncResponses,
    prefillAttendance,
    invite,
    graphConfigured: Boolean(deps.graph),
    graph: deps.graph,
    /** After a restart: every meeting whose approved minutes still have someone to reach. */
    async resume(): Promise<void> {
      for (const m of await deliveries.meetingsWithOpenDeliveries(db)) await deliverMinutes(m.tenantId, m.id);
    },
    /** Waits for the background work started by events (tests and a clean shutdown). */
    async idle(): Promise<void> {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    listDeliveries: (tenantId: string, meetingId: string) => deliveries.listDeliveries(db, tenantId, meetingId),
  };
}

export type MeetingDelivery = ReturnType<typeof createMeetingDelivery>;
