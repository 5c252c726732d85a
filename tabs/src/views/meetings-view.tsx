import { Button, Checkbox, Field, Input, makeStyles, mergeClasses, Radio, RadioGroup, Select, Spinner, tokens } from '@fluentui/react-components';
import { useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Body, Meeting, MeetingDetail, Trajectory } from '../api/types';
import { useApp } from '../app-context';
import { fieldState, FormError, useFormStyles, useSubmit } from '../components/form';
import { ErrorBox } from '../components/problem';
import { useCardStyles, ViewRoot } from '../components/view';
import { media } from '../components/responsive';
import { invalidateResource, useResource } from '../data/resource';
import { brusselsToday, useI18n, type I18n } from '../i18n/i18n';
import { navigate, paths } from '../router';
import { brusselsDay, brusselsToIso, clockTime, longDate, meetingWhen, meetingWhere, MeetingStateBadge } from './meeting-parts';
import { MeetingTimesPanel } from './meeting-times';

export interface MeetingsViewProps {
  trajectoryId: string;
  query: URLSearchParams;
  access: Trajectory | undefined;
}

export const meetingsKey = (t: string) => `meetings:${t}`;
export const meetingKey = (id: string) => `meeting:${id}`;

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  toolbar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  filter: { minWidth: 0, width: 'min(100%, 320px)', '& select': { minWidth: 0, maxWidth: '100%', textOverflow: 'ellipsis' } },
  button: { minHeight: '44px' },
  columns: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 420px), 1fr))', gap: tokens.spacingHorizontalL, alignItems: 'start' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    padding: `${tokens.spacingVerticalS} 0`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    overflowWrap: 'anywhere',
    ':last-child': { borderBottom: 'none' },
  },
  itemHead: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}` },
  itemLink: { fontWeight: tokens.fontWeightSemibold, display: 'inline-block', minHeight: '24px', paddingTop: '2px', [media.touch]: { display: 'inline-flex', alignItems: 'center', minHeight: '44px', paddingTop: 0 } },
  meta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  row: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 160px), 1fr))', gap: tokens.spacingHorizontalM },
  wide: { minWidth: 0, '& select': { minWidth: 0, maxWidth: '100%', textOverflow: 'ellipsis' } },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  // The month grid on wide screens; on narrow ones the same month as a list of days.
  grid: { width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed', '@media (max-width: 640px)': { display: 'none' } },
  wideOnly: { '@media (max-width: 640px)': { display: 'none' } },
  monthList: { display: 'none', '@media (max-width: 640px)': { display: 'flex' } },
  weekday: { padding: tokens.spacingVerticalXS, fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, textAlign: 'start' },
  cell: { padding: '2px', verticalAlign: 'top', border: `1px solid ${tokens.colorNeutralStroke3}` },
  day: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'stretch',
    gap: '2px',
    width: '100%',
    minHeight: '72px',
    padding: tokens.spacingHorizontalXS,
    border: '2px solid transparent',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground1,
    textAlign: 'start',
    cursor: 'pointer',
    font: 'inherit',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  outside: { color: tokens.colorNeutralForeground3 },
  today: { border: `2px solid ${tokens.colorBrandStroke1}` },
  selectedDay: { backgroundColor: tokens.colorBrandBackground2, ':hover': { backgroundColor: tokens.colorBrandBackground2Hover } },
  dayNumber: { fontWeight: tokens.fontWeightSemibold },
  chip: {
    display: 'block',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    fontSize: tokens.fontSizeBase100,
    lineHeight: tokens.lineHeightBase200,
    padding: `0 ${tokens.spacingHorizontalXXS}`,
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorNeutralForeground1,
  },
  monthHead: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, marginBottom: tokens.spacingVerticalS },
  monthTitle: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, textTransform: 'capitalize' },
  hint: { margin: `0 0 ${tokens.spacingVerticalS}`, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  subheading: { margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalXS}`, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
});

const byStart = (a: Meeting, b: Meeting) => Date.parse(a.startsAt) - Date.parse(b.startsAt);

export function MeetingsView({ trajectoryId, query, access }: MeetingsViewProps) {
  const { api, hostInfo } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const meetings = useResource<{ meetings: Meeting[] }>(meetingsKey(trajectoryId), () => api.get(`/api/v1/trajectories/${trajectoryId}/meetings`));
  const bodies = useResource<Body[]>(`bodies:${trajectoryId}`, () => api.get(`/api/v1/trajectories/${trajectoryId}/bodies`));
  const [bodyId, setBodyId] = useState(query.get('bodyId') ?? '');
  const [scheduling, setScheduling] = useState(false);
  const openButton = useRef<HTMLButtonElement>(null);
  // Scheduling is the organisers' right. A work group's chair holds it only for their own work
  // group (not trajectory-wide): the server would answer 403 for the other bodies, so the form
  // shows only to whom the trajectory's permissions grant it everywhere.
  const mayOrganise = Boolean(access?.permissions.includes('meeting.manage'));
  const ready = Boolean(meetings.data && access && bodies.data);

  const all = useMemo(() => meetings.data?.meetings ?? [], [meetings.data]);
  const shown = useMemo(() => all.filter((m) => !bodyId || m.bodyId === bodyId), [all, bodyId]);
  const now = Date.now();
  const upcoming = shown.filter((m) => Date.parse(m.endsAt) >= now).sort(byStart);
  const past = shown.filter((m) => Date.parse(m.endsAt) < now).sort((a, b) => byStart(b, a));

  const actions = mayOrganise ? (
    <div className={styles.buttons}>
      <a href={paths.outbox(trajectoryId)} className={mergeClasses(card.link, styles.button)} style={{ display: 'inline-flex', alignItems: 'center' }}>
        {t('meetings.outbox')}
      </a>
      {!scheduling ? (
        <Button appearance="primary" className={styles.button} ref={openButton} onClick={() => setScheduling(true)}>
          {t('schedule.open')}
        </Button>
      ) : null}
    </div>
  ) : null;

  return (
    <ViewRoot name="meetings" title={t('meetings.title')} subtitle={t('meetings.subtitle')} ready={ready} actions={actions}>
      {meetings.error && !meetings.data ? <ErrorBox error={meetings.error} onRetry={() => void meetings.reload()} /> : null}
      {!meetings.data && !meetings.error ? <Spinner label={t('app.loading')} /> : null}
      {hostInfo.meetingId && meetings.data ? <TodayPicker trajectoryId={trajectoryId} meetings={all} /> : null}
      {mayOrganise && scheduling && bodies.data ? (
        <ScheduleForm
          trajectoryId={trajectoryId}
          bodies={bodies.data}
          onClose={() => {
            setScheduling(false);
            window.setTimeout(() => openButton.current?.focus(), 0);
          }}
        />
      ) : null}
      {meetings.data ? (
        <div className={styles.stack}>
          <div className={styles.toolbar}>
            <Field className={styles.filter} label={t('meetings.filter.body')}>
              <Select value={bodyId} onChange={(_e, d) => setBodyId(d.value)}>
                <option value="">{t('meetings.filter.all')}</option>
                {(bodies.data ?? []).map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.name}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <div className={styles.columns}>
            <section className={card.card} aria-labelledby="upcoming-heading">
              <h2 id="upcoming-heading" className={card.heading}>
                {t('meetings.upcoming')}
              </h2>
              <MeetingList trajectoryId={trajectoryId} meetings={upcoming} empty={t('meetings.noneUpcoming')} testId="upcoming" />
            </section>
            <MonthCalendar trajectoryId={trajectoryId} meetings={shown} />
          </div>
          <section className={card.card} aria-labelledby="past-heading">
            <h2 id="past-heading" className={card.heading}>
              {t('meetings.past')}
            </h2>
            <MeetingList trajectoryId={trajectoryId} meetings={past} empty={t('meetings.nonePast')} testId="past" />
          </section>
        </div>
      ) : null}
    </ViewRoot>
  );
}

export function MeetingList({ trajectoryId, meetings, empty, testId }: { trajectoryId: string; meetings: Meeting[]; empty: string; testId?: string }) {
  const i18n = useI18n();
  const styles = useStyles();
  const card = useCardStyles();
  if (meetings.length === 0) return <p className={card.muted}>{empty}</p>;
  return (
    <ul className={styles.list} data-testid={testId}>
      {meetings.map((m) => (
        <li key={m.id} className={styles.item} data-meeting-id={m.id}>
          <span className={styles.itemHead}>
            <a href={paths.meeting(trajectoryId, m.id)} className={mergeClasses(card.link, styles.itemLink)}>
              {m.title}
            </a>
            <MeetingStateBadge state={m.state} />
          </span>
          <span>{meetingWhen(i18n, m)}</span>
          <span className={styles.meta}>
            {m.bodyName} · {meetingWhere(i18n, m)} · {i18n.t(`dayPart.${m.dayPart}`)} · {i18n.tc('meetings.agendaItems', m.agendaCount)}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Inside a Teams meeting without a known link to a Kansrijk meeting: today's, to pick from. */
export function TodayPicker({ trajectoryId, meetings }: { trajectoryId: string; meetings: Meeting[] }) {
  const { t } = useI18n();
  const card = useCardStyles();
  const today = brusselsToday();
  const todays = meetings.filter((m) => brusselsDay(m.startsAt) === today).sort(byStart);
  return (
    <section className={card.card} aria-labelledby="pick-heading" data-testid="today-picker">
      <h2 id="pick-heading" className={card.heading}>
        {t('sidePanel.pick')}
      </h2>
      <p className={card.muted}>{t('sidePanel.pickHint')}</p>
      <MeetingList trajectoryId={trajectoryId} meetings={todays} empty={t('sidePanel.noneToday')} />
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Scheduling

function minutesBetween(start: string, end: string): number {
  const [sh = 0, sm = 0] = start.split(':').map(Number);
  const [eh = 0, em = 0] = end.split(':').map(Number);
  return eh * 60 + em - (sh * 60 + sm);
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function ScheduleForm({ trajectoryId, bodies, onClose }: { trajectoryId: string; bodies: Body[]; onClose: () => void }) {
  const { api, announce } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const form = useFormStyles();
  const { saving, errors, formError, submit } = useSubmit();
  const [local, setLocal] = useState<string | null>(null);
  const [draft, setDraft] = useState({
    bodyId: bodies.length === 1 ? bodies[0]!.id : '',
    title: '',
    date: addDays(brusselsToday(), 14),
    start: '19:00',
    end: '21:00',
    location: '',
    online: true,
    dayPart: 'evening' as 'day' | 'evening',
    agendaDaysBefore: '7',
  });
  const [dayPartTouched, setDayPartTouched] = useState(false);
  const set = <K extends keyof typeof draft>(key: K, value: (typeof draft)[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setStart = (value: string) =>
    setDraft((d) => ({ ...d, start: value, ...(dayPartTouched || !value ? {} : { dayPart: Number(value.slice(0, 2)) >= 17 ? 'evening' : 'day' }) }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setLocal(null);
    if (!draft.bodyId || !draft.title.trim() || !draft.date || !draft.start || !draft.end) {
      setLocal(t('schedule.missing'));
      return;
    }
    if (draft.end <= draft.start) {
      setLocal(t('schedule.endBeforeStart'));
      return;
    }
    let created: MeetingDetail | null = null;
    const ok = await submit(async () => {
      created = await api.post<MeetingDetail>(`/api/v1/trajectories/${trajectoryId}/meetings`, {
        bodyId: draft.bodyId,
        title: draft.title.trim(),
        startsAt: brusselsToIso(draft.date, draft.start),
        endsAt: brusselsToIso(draft.date, draft.end),
        location: draft.location.trim(),
        online: draft.online,
        dayPart: draft.dayPart,
        ...(draft.agendaDaysBefore.trim() !== '' ? { agendaDaysBefore: Number(draft.agendaDaysBefore) } : {}),
      });
    });
    const done = created as MeetingDetail | null;
    if (ok && done) {
      announce(t('schedule.scheduled', { title: done.title }));
      void invalidateResource(meetingsKey(trajectoryId));
      navigate(paths.meeting(trajectoryId, done.id));
    }
  };

  return (
    <section className={card.card} aria-labelledby="schedule-heading">
      <h2 id="schedule-heading" className={card.heading}>
        {t('schedule.title')}
      </h2>
      {bodies.length === 0 ? <p className={card.muted}>{t('schedule.noBodies')}</p> : null}
      <form className={form.form} onSubmit={(e) => void onSubmit(e)} noValidate data-testid="schedule-form">
        <div className={styles.row}>
          <Field className={styles.wide} label={t('schedule.body')} required {...fieldState(errors, 'bodyId')}>
            <Select value={draft.bodyId} onChange={(_e, d) => set('bodyId', d.value)} name="bodyId">
              <option value="">{t('schedule.chooseBody')}</option>
              {bodies.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field className={styles.wide} label={t('schedule.meetingTitle')} required {...fieldState(errors, 'title')}>
            <Input value={draft.title} onChange={(_e, d) => set('title', d.value)} name="title" maxLength={200} />
          </Field>
        </div>
        <div className={styles.row}>
          <Field label={t('schedule.date')} required {...fieldState(errors, 'startsAt')}>
            <Input type="date" value={draft.date} onChange={(_e, d) => set('date', d.value)} name="date" />
          </Field>
          <Field label={t('schedule.start')} required>
            <Input type="time" value={draft.start} onChange={(_e, d) => setStart(d.value)} name="start" />
          </Field>
          <Field label={t('schedule.end')} required {...fieldState(errors, 'endsAt')}>
            <Input type="time" value={draft.end} onChange={(_e, d) => set('end', d.value)} name="end" />
          </Field>
        </div>
        <Field label={t('schedule.place')} hint={t('schedule.placeHint')} {...fieldState(errors, 'location')}>
          <Input value={draft.location} onChange={(_e, d) => set('location', d.value)} name="location" maxLength={300} />
        </Field>
        <Checkbox checked={draft.online} onChange={(_e, d) => set('online', Boolean(d.checked))} label={t('schedule.online')} />
        <div className={styles.row}>
          <Field label={t('schedule.dayPart')}>
            <RadioGroup
              layout="horizontal"
              value={draft.dayPart}
              onChange={(_e, d) => {
                setDayPartTouched(true);
                set('dayPart', d.value === 'day' ? 'day' : 'evening');
              }}
            >
              <Radio value="day" label={t('dayPart.day')} />
              <Radio value="evening" label={t('dayPart.evening')} />
            </RadioGroup>
          </Field>
          <Field label={t('schedule.daysBefore')} hint={t('schedule.daysBeforeHint')} {...fieldState(errors, 'agendaDaysBefore')}>
            <Input type="number" min={0} max={60} value={draft.agendaDaysBefore} onChange={(_e, d) => set('agendaDaysBefore', d.value)} name="agendaDaysBefore" />
          </Field>
        </div>
        {draft.bodyId && draft.date ? (
          <MeetingTimesPanel
            trajectoryId={trajectoryId}
            bodyId={draft.bodyId}
            from={brusselsToIso(draft.date, '08:00')}
            to={brusselsToIso(addDays(draft.date, 7), '22:00')}
            durationMinutes={Math.max(15, minutesBetween(draft.start, draft.end))}
            onPick={(start, end) => setDraft((d) => ({ ...d, date: start.slice(0, 10), start: start.slice(11, 16), end: end.slice(11, 16) }))}
          />
        ) : null}
        <FormError message={local ?? formError} />
        <div className={styles.buttons}>
          <Button type="submit" appearance="primary" className={styles.button} disabled={saving}>
            {t('schedule.submit')}
          </Button>
          <Button className={styles.button} onClick={onClose}>
            {t('schedule.close')}
          </Button>
        </div>
      </form>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// The month calendar

function monthOf(day: string): string {
  return day.slice(0, 7);
}

function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

/** The same day of the month in another month; 31 March → 29 February, the last day it has. */
function sameDayIn(month: string, day: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(Math.min(Number(day.slice(8)), last)).padStart(2, '0')}`;
}

/** Monday-first weeks (as in Belgium) covering the month. */
function weeksOf(month: string): string[][] {
  const first = `${month}-01`;
  const weekday = (new Date(`${first}T12:00:00Z`).getUTCDay() + 6) % 7;
  let day = addDays(first, -weekday);
  const weeks: string[][] = [];
  do {
    const week: string[] = [];
    for (let i = 0; i < 7; i++) {
      week.push(day);
      day = addDays(day, 1);
    }
    weeks.push(week);
  } while (monthOf(day) === month);
  return weeks;
}

function weekdayNames(i18n: I18n): { short: string; long: string }[] {
  const short = new Intl.DateTimeFormat(i18n.locale, { weekday: 'short', timeZone: 'UTC' });
  const long = new Intl.DateTimeFormat(i18n.locale, { weekday: 'long', timeZone: 'UTC' });
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_v, i) => {
    const d = new Date(Date.UTC(2024, 0, 1 + i, 12));
    return { short: short.format(d), long: long.format(d) };
  });
}

function dayName(i18n: I18n, day: string): string {
  return longDate(i18n, `${day}T12:00:00Z`);
}

function MonthCalendar({ trajectoryId, meetings }: { trajectoryId: string; meetings: Meeting[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const today = brusselsToday();
  const [focused, setFocused] = useState(today);
  const [selected, setSelected] = useState<string | null>(null);
  const gridRef = useRef<HTMLTableElement>(null);
  const month = monthOf(focused);
  const weeks = useMemo(() => weeksOf(month), [month]);
  const byDay = useMemo(() => {
    const map = new Map<string, Meeting[]>();
    for (const m of [...meetings].sort(byStart)) {
      const key = brusselsDay(m.startsAt);
      map.set(key, [...(map.get(key) ?? []), m]);
    }
    return map;
  }, [meetings]);
  const monthName = new Intl.DateTimeFormat(i18n.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-15T12:00:00Z`));
  const names = useMemo(() => weekdayNames(i18n), [i18n]);
  const monthMeetings = [...byDay.entries()].filter(([day]) => monthOf(day) === month);

  const moveTo = (day: string) => {
    setFocused(day);
    const find = () => gridRef.current?.querySelector<HTMLButtonElement>(`button[data-day="${day}"]`);
    const shown = find();
    // A day of another month is there once that month has rendered.
    if (shown) shown.focus();
    else window.setTimeout(() => find()?.focus(), 0);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, day: string) => {
    const weekday = (new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7;
    const moves: Record<string, () => string> = {
      ArrowLeft: () => addDays(day, -1),
      ArrowRight: () => addDays(day, 1),
      ArrowUp: () => addDays(day, -7),
      ArrowDown: () => addDays(day, 7),
      Home: () => addDays(day, -weekday),
      End: () => addDays(day, 6 - weekday),
      PageUp: () => sameDayIn(shiftMonth(monthOf(day), -1), day),
      PageDown: () => sameDayIn(shiftMonth(monthOf(day), 1), day),
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    moveTo(move());
  };

  const selectedMeetings = selected ? (byDay.get(selected) ?? []) : [];
  return (
    <section className={card.card} aria-labelledby="calendar-heading" data-testid="calendar">
      <h2 id="calendar-heading" className={card.heading}>
        {t('calendar.title')}
      </h2>
      <div className={styles.monthHead}>
        <Button className={styles.button} onClick={() => setFocused(`${shiftMonth(month, -1)}-01`)}>
          {t('calendar.previous')}
        </Button>
        <h3 id="calendar-month" className={styles.monthTitle} aria-live="polite">
          {monthName}
        </h3>
        <Button className={styles.button} onClick={() => setFocused(`${shiftMonth(month, 1)}-01`)}>
          {t('calendar.next')}
        </Button>
      </div>
      <p className={styles.hint} id="calendar-hint">
        {t('calendar.hint')}
      </p>
      <table className={styles.grid} ref={gridRef} aria-labelledby="calendar-month" aria-describedby="calendar-hint">
        <thead>
          <tr>
            {names.map((n) => (
              <th key={n.long} scope="col" className={styles.weekday}>
                <abbr title={n.long} style={{ textDecorationLine: 'none' }}>
                  {n.short}
                </abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]}>
              {week.map((day) => {
                const list = byDay.get(day) ?? [];
                const label = list.length ? i18n.tc('calendar.dayLabelCount', list.length, { date: dayName(i18n, day) }) : t('calendar.dayLabel', { date: dayName(i18n, day) });
                return (
                  <td key={day} className={styles.cell}>
                    <button
                      type="button"
                      data-day={day}
                      tabIndex={day === focused ? 0 : -1}
                      aria-label={label}
                      aria-pressed={selected === day}
                      aria-current={day === today ? 'date' : undefined}
                      className={mergeClasses(styles.day, monthOf(day) !== month && styles.outside, day === today && styles.today, selected === day && styles.selectedDay)}
                      onClick={() => {
                        setFocused(day);
                        setSelected(day);
                      }}
                      onFocus={() => setFocused(day)}
                      onKeyDown={(e) => onKeyDown(e, day)}
                    >
                      <span className={styles.dayNumber} aria-hidden="true">
                        {Number(day.slice(8))}
                      </span>
                      {list.slice(0, 2).map((m) => (
                        <span key={m.id} className={styles.chip} aria-hidden="true">
                          {clockTime(i18n, m.startsAt)} {m.title}
                        </span>
                      ))}
                      {list.length > 2 ? (
                        <span className={styles.chip} aria-hidden="true">
                          {t('calendar.more', { count: list.length - 2 })}
                        </span>
                      ) : null}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {selected ? (
        <div className={styles.wideOnly} aria-live="polite">
          <h3 className={styles.subheading}>{t('calendar.selected', { date: dayName(i18n, selected) })}</h3>
          <MeetingList trajectoryId={trajectoryId} meetings={selectedMeetings} empty={t('calendar.noneThatDay')} />
        </div>
      ) : null}
      <div className={mergeClasses(styles.list, styles.monthList)} data-testid="calendar-list">
        {monthMeetings.length === 0 ? <p className={card.muted}>{t('calendar.noneThisMonth')}</p> : null}
        {monthMeetings.map(([day, list]) => (
          <div key={day}>
            <h3 className={styles.subheading}>{dayName(i18n, day)}</h3>
            <MeetingList trajectoryId={trajectoryId} meetings={list} empty="" />
          </div>
        ))}
      </div>
    </section>
  );
}
