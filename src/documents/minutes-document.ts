import { createTranslator } from '../shared/i18n/translator';
import { TIME_ZONE } from '../shared/time';
import type { DocumentModel, DocumentSection } from './document-model';

export type MinutesAttendance = 'present' | 'excused' | 'absent' | 'unknown';
export type MinutesItemKind = 'information' | 'discussion' | 'decision';
export type MinutesLocale = DocumentModel['locale'];

/**
 * What the minutes say, in plain values the meetings service fills in. The minutes are mailed to
 * every alderman, so an attendee is a display name and an attendance, nothing more: there is no
 * field for a phone number, an address or anything about a family's situation, so none can leak.
 */
export interface MinutesDocumentInput {
  /** The municipality, for the document properties' author. */
  municipalityName?: string;
  bodyName: string;
  title: string;
  /** ISO 8601 instants; shown in Europe/Brussels. */
  startsAt: string;
  endsAt: string;
  location: string;
  online: boolean;
  chairName: string | null;
  /** When the chair approved the minutes; absent or null for a draft. */
  approvedAt?: string | null;
  attendees: readonly { name: string; attendance: MinutesAttendance }[];
  items: readonly {
    position: number;
    title: string;
    kind: MinutesItemKind;
    presenterName?: string | null;
    notes: string;
    /** One decision per line, as typed in the minutes editor. */
    decisions: string;
    newActions: readonly { title: string; ownerName: string; dueDate?: string | null }[];
  }[];
  generalNotes: string;
}

interface Texts {
  title: (meeting: string) => string;
  date: string;
  place: string;
  online: string;
  onlineAnd: (place: string) => string;
  noPlace: string;
  chair: string;
  nobody: string;
  status: string;
  approved: (date: string) => string;
  draft: string;
  attendance: string;
  groups: Record<MinutesAttendance, string>;
  noAttendees: string;
  agenda: string;
  noItems: string;
  kind: Record<MinutesItemKind, string>;
  presenter: (name: string) => string;
  noNotes: string;
  decisions: string;
  newActionsHere: (count: number) => string;
  actions: string;
  actionColumns: readonly [string, string, string, string];
  noDueDate: string;
  generalNotes: string;
  footerApproved: (chair: string | null, date: string) => string;
  footerDraft: string;
}

// The minutes' words live in the one catalogue (src/shared/i18n/messages/features/documents.ts).
function textsOf(locale: MinutesLocale): Texts {
  const { t } = createTranslator(locale === 'en' ? 'en' : 'nl');
  return {
    title: (meeting) => t('doc.minutes.title', { meeting }),
    date: t('doc.minutes.date'),
    place: t('doc.minutes.place'),
    online: t('doc.minutes.online'),
    onlineAnd: (place) => t('doc.minutes.onlineAnd', { place }),
    noPlace: t('doc.minutes.noPlace'),
    chair: t('doc.minutes.chair'),
    nobody: t('doc.minutes.nobody'),
    status: t('doc.minutes.status'),
    approved: (date) => t('doc.minutes.approved', { date }),
    draft: t('doc.minutes.draft'),
    attendance: t('doc.minutes.attendance'),
    groups: { present: t('doc.minutes.groups.present'), excused: t('doc.minutes.groups.excused'), absent: t('doc.minutes.groups.absent'), unknown: t('doc.minutes.groups.unknown') },
    noAttendees: t('doc.minutes.noAttendees'),
    agenda: t('doc.minutes.agenda'),
    noItems: t('doc.minutes.noItems'),
    kind: { information: t('doc.minutes.kind.information'), discussion: t('doc.minutes.kind.discussion'), decision: t('doc.minutes.kind.decision') },
    presenter: (name) => t('doc.minutes.presenter', { name }),
    noNotes: t('doc.minutes.noNotes'),
    decisions: t('doc.minutes.decisions'),
    newActionsHere: (count) => t('doc.minutes.newActionsHere', { count }),
    actions: t('doc.minutes.actions'),
    actionColumns: [t('doc.minutes.actionColumns.item'), t('doc.minutes.actionColumns.action'), t('doc.minutes.actionColumns.owner'), t('doc.minutes.actionColumns.due')],
    noDueDate: t('doc.minutes.noDueDate'),
    generalNotes: t('doc.minutes.generalNotes'),
    footerApproved: (chair, date) => (chair ? t('doc.minutes.footerApprovedBy', { chair, date }) : t('doc.minutes.footerApproved', { date })),
    footerDraft: t('doc.minutes.footerDraft'),
  };
}

const texts: Record<MinutesLocale, Texts> = { 'nl-BE': textsOf('nl-BE'), en: textsOf('en') };


/** Belgians write English dates the British way. */
const intlLocale = (locale: MinutesLocale) => (locale === 'en' ? 'en-GB' : 'nl-BE');

function instant(value: string, field: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`minutesDocument: ${field} is not a date: ${value}`);
  return date;
}

function formatters(locale: MinutesLocale) {
  const tag = intlLocale(locale);
  const day = new Intl.DateTimeFormat(tag, { timeZone: TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const time = new Intl.DateTimeFormat(tag, { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  // A due date is a calendar date, not an instant: formatted in UTC so no time zone can shift its day.
  const calendarDay = new Intl.DateTimeFormat(tag, { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
  const plainDay = new Intl.DateTimeFormat(tag, { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' });
  return { day, time, calendarDay, plainDay };
}

/** "dinsdag 9 maart 2027, 19:00–21:00"; a meeting past midnight names both days. */
export function meetingWhen(startsAt: string, endsAt: string, locale: MinutesLocale): string {
  const { day, time } = formatters(locale);
  const start = instant(startsAt, 'startsAt');
  const end = instant(endsAt, 'endsAt');
  const startDay = day.format(start);
  const endDay = day.format(end);
  if (startDay === endDay) return `${startDay}, ${time.format(start)}–${time.format(end)}`;
  return `${startDay}, ${time.format(start)} – ${endDay}, ${time.format(end)}`;
}

/** "9 maart 2027" for an ISO date (YYYY-MM-DD) or instant; what is neither is shown as typed. */
export function calendarDate(value: string, locale: MinutesLocale): string {
  const { calendarDay, plainDay } = formatters(locale);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const date = new Date(`${value}T12:00:00Z`);
    return Number.isNaN(date.getTime()) ? value : calendarDay.format(date);
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : plainDay.format(date);
}

function blocks(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter(Boolean);
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim().replace(/^[-*•]\s*/, ''))
    .filter(Boolean);
}

const attendanceOrder: readonly MinutesAttendance[] = ['present', 'excused', 'absent', 'unknown'];

export function minutesDocument(input: MinutesDocumentInput, locale: MinutesLocale): DocumentModel {
  const t = texts[locale];
  const collator = new Intl.Collator(intlLocale(locale));
  const approvedOn = input.approvedAt ? calendarDate(input.approvedAt, locale) : null;
  const place = input.location.trim();
  const where = input.online ? (place ? t.onlineAnd(place) : t.online) : place || t.noPlace;

  const attendance: DocumentSection = {
    heading: t.attendance,
    ...(input.attendees.length
      ? {
          bullets: attendanceOrder.flatMap((group) => {
            const names = input.attendees
              .filter((a) => a.attendance === group)
              .map((a) => a.name.trim())
              .sort(collator.compare);
            return names.length ? [`${t.groups[group]} (${names.length}): ${names.join(', ')}`] : [];
          }),
        }
      : { paragraphs: [t.noAttendees] }),
  };

  const items = [...input.items].sort((a, b) => a.position - b.position);
  const agenda: DocumentSection = {
    heading: t.agenda,
    ...(items.length ? {} : { paragraphs: [t.noItems] }),
    sections: items.map((item) => {
      const decisions = lines(item.decisions);
      const about = item.presenterName?.trim() ? `${t.kind[item.kind]}, ${t.presenter(item.presenterName.trim())}.` : `${t.kind[item.kind]}.`;
      const paragraphs = [about, ...(blocks(item.notes).length ? blocks(item.notes) : [t.noNotes])];
      if (item.newActions.length) paragraphs.push(t.newActionsHere(item.newActions.length));
      if (decisions.length) paragraphs.push(t.decisions);
      return { heading: `${item.position}. ${item.title.trim()}`, paragraphs, ...(decisions.length ? { bullets: decisions } : {}) };
    }),
  };

  const sections: DocumentSection[] = [attendance, agenda];
  const actions = items.flatMap((item) =>
    item.newActions.map((action) => [
      String(item.position),
      action.title.trim(),
      action.ownerName.trim(),
      action.dueDate ? calendarDate(action.dueDate, locale) : t.noDueDate,
    ]),
  );
  if (actions.length) sections.push({ heading: t.actions, table: { columns: t.actionColumns, rows: actions } });
  if (blocks(input.generalNotes).length) sections.push({ heading: t.generalNotes, paragraphs: blocks(input.generalNotes) });

  return {
    locale,
    title: t.title(input.title.trim()),
    subtitle: input.bodyName.trim(),
    facts: [
      [t.date, meetingWhen(input.startsAt, input.endsAt, locale)],
      [t.place, where],
      [t.chair, input.chairName?.trim() || t.nobody],
      [t.status, approvedOn ? t.approved(approvedOn) : t.draft],
    ],
    sections,
    footer: approvedOn ? t.footerApproved(input.chairName?.trim() || null, approvedOn) : t.footerDraft,
    ...(input.municipalityName ? { author: input.municipalityName } : {}),
  };
}
