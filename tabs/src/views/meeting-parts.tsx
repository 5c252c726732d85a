import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Meeting, MeetingState } from '../api/types';
import { useI18n, type I18n } from '../i18n/i18n';

/** What the meetings views share: Brussels wall-clock times and the state badge. */

const TIME_ZONE = 'Europe/Brussels';
const keyFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const partsFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The Brussels calendar day (YYYY-MM-DD) an instant falls on. */
export function brusselsDay(iso: string | Date): string {
  return keyFormat.format(typeof iso === 'string' ? new Date(iso) : iso);
}

/** Brussels wall-clock date and time (YYYY-MM-DD, HH:MM) of an instant. */
export function brusselsWallClock(iso: string): { date: string; time: string } {
  const parts = Object.fromEntries(partsFormat.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/**
 * The instant of a Brussels wall-clock time, as ISO 8601 with its offset: the offset is the
 * zone's on that day (+01:00 in winter, +02:00 in summer), whatever the browser's own zone is.
 */
export function brusselsToIso(date: string, time: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  const wanted = Date.UTC(y, m - 1, d, h, min);
  const offsetAt = (instant: number) => {
    const wall = brusselsWallClock(new Date(instant).toISOString());
    const [wy, wm, wd] = wall.date.split('-').map(Number) as [number, number, number];
    const [wh, wmin] = wall.time.split(':').map(Number) as [number, number];
    return Date.UTC(wy, wm - 1, wd, wh, wmin) - instant;
  };
  // Twice: the first guess may sit on the other side of a DST change.
  let offset = offsetAt(wanted);
  offset = offsetAt(wanted - offset);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset) / 60_000;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date}T${pad(h)}:${pad(min)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const longDates = new Map<string, Intl.DateTimeFormat>();
const times = new Map<string, Intl.DateTimeFormat>();
function formatter(cache: Map<string, Intl.DateTimeFormat>, locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let f = cache.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, ...options });
    cache.set(locale, f);
  }
  return f;
}

/** "dinsdag 8 december 2026" in nl-BE. */
export function longDate(i18n: I18n, iso: string): string {
  return formatter(longDates, i18n.locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso));
}

/** "19:30" (24 hours, Brussels). */
export function clockTime(i18n: I18n, iso: string): string {
  return formatter(times, i18n.locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** "dinsdag 8 december 2026, 19:30–21:30". */
export function meetingWhen(i18n: I18n, m: Pick<Meeting, 'startsAt' | 'endsAt'>): string {
  return i18n.t('meetings.timeRange', { date: longDate(i18n, m.startsAt), start: clockTime(i18n, m.startsAt), end: clockTime(i18n, m.endsAt) });
}

export function meetingWhere(i18n: I18n, m: Pick<Meeting, 'location' | 'online'>): string {
  if (m.location && m.online) return i18n.t('meetings.onlineAnd', { place: m.location });
  if (m.location) return m.location;
  return m.online ? i18n.t('meetings.online') : i18n.t('meetings.noPlace');
}

export function lengthInMinutes(m: Pick<Meeting, 'startsAt' | 'endsAt'>): number {
  return Math.round((Date.parse(m.endsAt) - Date.parse(m.startsAt)) / 60_000);
}

const useBadgeStyles = makeStyles({
  badge: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    padding: `0 ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusCircular,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase300,
    whiteSpace: 'nowrap',
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  planned: { backgroundColor: tokens.colorNeutralBackground3 },
  agenda_sent: { backgroundColor: tokens.colorBrandBackground2, border: `1px solid ${tokens.colorBrandStroke2}` },
  held: { backgroundColor: tokens.colorPaletteMarigoldBackground1, border: `1px solid ${tokens.colorPaletteMarigoldBorder2}` },
  minutes_approved: { backgroundColor: tokens.colorPaletteGreenBackground1, border: `1px solid ${tokens.colorPaletteGreenBorder2}` },
  distributed: { backgroundColor: tokens.colorPaletteGreenBackground1, border: `1px solid ${tokens.colorPaletteGreenBorder2}` },
  cancelled: { backgroundColor: tokens.colorPaletteRedBackground1, border: `1px solid ${tokens.colorPaletteRedBorder2}`, textDecorationLine: 'line-through' },
});

/** The state in words, on a tinted pill: the colour is never the only cue. */
export function MeetingStateBadge({ state, className }: { state: MeetingState; className?: string }) {
  const i18n = useI18n();
  const styles = useBadgeStyles();
  return (
    <span className={mergeClasses(styles.badge, styles[state], className)} data-state={state}>
      {i18n.has(`meetingState.${state}`) ? i18n.t(`meetingState.${state}` as 'meetingState.planned') : state}
    </span>
  );
}
