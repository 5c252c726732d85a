import { meetingTexts } from '../i18n/meeting-texts';
import { formatMoment, type Lang } from '../i18n/texts';
import { byteSize, container, facts, text, type Element } from './elements';

/*
 * What the meeting cards (agenda, final agenda, minutes, the trusted person's cards) share:
 * the meeting's head and the agenda as a list. Each card is its own file beside this one.
 */
export interface MeetingHead {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  location: string;
  online: boolean;
  onlineJoinUrl: string;
  bodyName: string;
}

export interface AgendaLine {
  title: string;
  kind: string;
  durationMinutes: number;
  presenterName: string | null;
  proposedByName: string | null;
}

/** Longer agendas are cut here, so a card stays far under Teams' 28 KB. */
export const MAX_AGENDA_LINES = 30;

export function clip(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

export function meetingFacts(lang: Lang, m: MeetingHead): Element {
  const t = meetingTexts[lang];
  const until = new Intl.DateTimeFormat(lang === 'nl' ? 'nl-BE' : 'en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Brussels' }).format(m.endsAt);
  const where = [m.location, m.online ? t.online : ''].filter(Boolean).join(' · ') || '—';
  return facts([
    [t.body, m.bodyName],
    [t.when, `${formatMoment(lang, m.startsAt)}–${until}`],
    [t.where, where],
  ]);
}

export function agendaList(lang: Lang, items: AgendaLine[], options: { showProposer?: boolean } = {}): Element[] {
  const t = meetingTexts[lang];
  if (!items.length) return [text(t.emptyAgenda, { isSubtle: true })];
  const shown = items.slice(0, MAX_AGENDA_LINES);
  const lines: Element[] = shown.flatMap((item, i) => {
    const details = [t.kinds[item.kind] ?? item.kind, t.minutesShort(item.durationMinutes), item.presenterName ? t.by(item.presenterName) : '', options.showProposer && item.proposedByName ? t.proposedBy(item.proposedByName) : '']
      .filter(Boolean)
      .join(' · ');
    return [text(`${i + 1}. ${clip(item.title, 200)}`, { weight: 'bolder', spacing: i === 0 ? 'small' : 'medium' }), text(details, { isSubtle: true, size: 'small', spacing: 'none' })];
  });
  if (items.length > shown.length) lines.push(text(t.moreItems(items.length - shown.length), { isSubtle: true, size: 'small' }));
  return lines;
}

export interface MinutesSummary {
  notes: string;
  items: { title: string; notes: string; decisions: string }[];
  present: number;
  invited: number;
  actions: { title: string; ownerName: string | null; dueDate: string | null }[];
}

/**
 * Elements in order until `budget` bytes are used; what does not fit is counted in one line.
 * Teams refuses a message over about 28 KB, and minutes can be long.
 */
export function withinBudget(elements: Element[], budget: number, more: (left: number) => string): Element[] {
  const out: Element[] = [];
  let used = 0;
  for (const [i, e] of elements.entries()) {
    used += byteSize(e);
    if (used > budget) {
      out.push(text(more(elements.length - i), { isSubtle: true, size: 'small' }));
      break;
    }
    out.push(e);
  }
  return out;
}

/** The minutes in short: what a chair reads on a phone before approving (the full text is in the tab and the mail). */
export function minutesSummary(lang: Lang, m: MinutesSummary, budget = 16_000): Element[] {
  const t = meetingTexts[lang];
  const out: Element[] = [text(t.attendance(m.present, m.invited), { isSubtle: true, size: 'small' })];
  if (m.notes.trim()) out.push(text(t.generalNotes, { weight: 'bolder' }), text(clip(m.notes.trim(), 1200), { spacing: 'none' }));
  const items = m.items.map((item, i) => {
    const parts: Element[] = [text(`${i + 1}. ${clip(item.title, 200)}`, { weight: 'bolder' })];
    if (item.notes.trim()) parts.push(text(`${t.notes}: ${clip(item.notes.trim(), 400)}`, { spacing: 'none', size: 'small' }));
    if (item.decisions.trim()) parts.push(text(`${t.decisions}: ${clip(item.decisions.trim(), 400)}`, { spacing: 'none', size: 'small', weight: 'bolder' }));
    return container(parts);
  });
  out.push(...withinBudget(items, budget * 0.6 - byteSize(out), t.moreItems));
  out.push(text(t.newActions, { weight: 'bolder' }));
  if (!m.actions.length) out.push(text(t.noNewActions, { isSubtle: true, spacing: 'none' }));
  const actions = m.actions.map((a) => text(`• ${clip(a.title, 200)}${a.ownerName ? ` (${a.ownerName}${a.dueDate ? `, ${a.dueDate}` : ''})` : ''}`, { spacing: 'none', size: 'small' }));
  out.push(...withinBudget(actions, budget - byteSize(out), t.moreActions));
  return out;
}

