import { makeStyles, mergeClasses, Spinner, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { ActionStatus, Overview, OverviewSection, OverviewWarning, WarningCode } from '../api/types';
import { useApp } from '../app-context';
import { StatusChart } from '../components/charts';
import { Check, Circle, HalfCircle, Info, Warning } from '../components/icons';
import { ErrorBox } from '../components/problem';
import { OverdueFlag, StatusLabel } from '../components/status';
import { useCardStyles, ViewRoot } from '../components/view';
import { media } from '../components/responsive';
import { useResource } from '../data/resource';
import { label, useI18n, type I18n, type PluralKey } from '../i18n/i18n';
import type { MessageKey } from '../../../src/shared/i18n/messages/nl';
import { paths } from '../router';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
    '@media (max-width: 900px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  wide: { gridColumn: '1 / -1' },
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingHorizontalL, minWidth: 0 },
  phases: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))', gap: tokens.spacingVerticalS },
  phase: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalS,
    padding: tokens.spacingVerticalXS,
    minHeight: '44px',
    boxSizing: 'border-box',
    color: tokens.colorNeutralForeground1,
    textDecorationLine: 'none',
    borderRadius: tokens.borderRadiusMedium,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  phaseName: { color: tokens.colorBrandForegroundLink, textDecorationLine: 'underline' },
  phaseIcon: { flexShrink: 0, marginTop: '2px' },
  done: { color: tokens.colorPaletteGreenForeground1 },
  doing: { color: tokens.colorBrandForeground1 },
  todo: { color: tokens.colorNeutralForeground3 },
  phaseText: { display: 'flex', flexDirection: 'column' },
  phaseState: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  progress: { height: '6px', borderRadius: '3px', backgroundColor: tokens.colorNeutralBackground5, overflow: 'hidden', margin: `${tokens.spacingVerticalS} 0 ${tokens.spacingVerticalM}` },
  progressFill: { display: 'block', height: '100%', backgroundColor: tokens.colorPaletteGreenBackground3 },
  warning: {
    display: 'flex',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} 0`,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    ':first-child': { borderTop: 'none', paddingTop: 0 },
    // On a phone the badge goes above the text, which gets the card's whole width.
    [media.narrow]: { flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalXS },
  },
  warningBody: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  warningTitle: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  severity: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXXS, fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap', alignSelf: 'flex-start', padding: '1px 6px', borderRadius: tokens.borderRadiusMedium },
  high: { color: tokens.colorPaletteRedForeground1, backgroundColor: tokens.colorPaletteRedBackground1 },
  medium: { color: tokens.colorPaletteDarkOrangeForeground1, backgroundColor: tokens.colorPaletteDarkOrangeBackground1 },
  low: { color: tokens.colorNeutralForeground2, backgroundColor: tokens.colorNeutralBackground3 },
  fix: { margin: 0, color: tokens.colorNeutralForeground2 },
  severityColumn: { width: '7.5rem', flexShrink: 0 },
  targets: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: '2px' },
  meeting: { display: 'flex', flexDirection: 'column', gap: '2px', paddingBottom: tokens.spacingVerticalS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  meetingWhen: { fontWeight: tokens.fontWeightSemibold },
  overdue: { display: 'flex', flexDirection: 'column', gap: '2px', paddingBottom: tokens.spacingVerticalS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  meta: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  item: { display: 'flex', flexDirection: 'column', gap: '2px', paddingBottom: tokens.spacingVerticalS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, minWidth: 0, overflowWrap: 'anywhere' },
  itemLink: { display: 'inline-flex', alignItems: 'center', minHeight: '44px' },
  facts: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: tokens.spacingVerticalM, margin: `0 0 ${tokens.spacingVerticalM}` },
  fact: { display: 'flex', flexDirection: 'column', gap: '2px', margin: 0 },
  factLabel: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  factValue: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  factNone: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground2 },
  callRow: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalM, fontSize: tokens.fontSizeBase200 },
  tag: { display: 'inline-flex', alignItems: 'center', fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold, padding: '1px 6px', borderRadius: tokens.borderRadiusMedium, alignSelf: 'flex-start' },
  subheading: { margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalS}`, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  note: { margin: 0, padding: tokens.spacingHorizontalM, borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground1 },
  intro: { margin: `0 0 ${tokens.spacingVerticalM}`, color: tokens.colorNeutralForeground2 },
  groups: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', gap: tokens.spacingVerticalM, listStyle: 'none', margin: 0, padding: 0 },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, padding: tokens.spacingHorizontalM, border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, minWidth: 0 },
  groupName: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
});

const severityOrder = { high: 0, medium: 1, low: 2 } as const;
/** Codes that hold for many items at once are shown as one group with a list of links. */
const grouped = new Set<WarningCode>([
  'action_without_owner',
  'action_without_due_date',
  'action_without_outcome_indicator',
  'objective_smart_incomplete',
  'indicator_without_baseline',
  'indicator_without_measurement_plan',
  'measurement_overdue',
]);
const LINKS_SHOWN = 5;

function targetHref(trajectoryId: string, w: OverviewWarning): string {
  switch (w.target.kind) {
    case 'action':
      return paths.action(trajectoryId, w.target.id);
    case 'indicator':
      // An indicator is read and measured on its action's page.
      return typeof w.params.actionId === 'string' ? paths.action(trajectoryId, w.params.actionId) : paths.evaluation(trajectoryId);
    case 'operationalObjective':
    case 'domain':
      return paths.plan(trajectoryId, { focus: w.target.id });
    case 'person':
      return paths.plan(trajectoryId, { owner: w.target.id });
    case 'body':
      return paths.members(trajectoryId, { body: w.target.id });
    default:
      return w.code === 'no_steering_group' ? paths.members(trajectoryId) : paths.plan(trajectoryId);
  }
}

function warningTitle(i18n: I18n, w: OverviewWarning, count: number): string {
  const p = w.params;
  switch (w.code) {
    case 'steering_group_few_parents':
      return Number(p.count ?? 0) === 0 ? i18n.t('warning.steering_group_few_parents.title.none') : i18n.tc('warning.steering_group_few_parents.title', Number(p.count ?? 0));
    case 'steering_group_not_met':
      return p.lastMet ? i18n.t('warning.steering_group_not_met.title') : i18n.t('warning.steering_group_not_met.never');
    case 'too_many_active_domains':
      return i18n.t('warning.too_many_active_domains.title', { count: Number(p.count ?? 0) });
    case 'owner_overloaded':
      return i18n.t('warning.owner_overloaded.title', { name: String(p.name ?? ''), count: Number(p.count ?? 0) });
    case 'no_steering_group':
    case 'no_structural_domain':
      return i18n.t(`warning.${w.code}.title`);
    default:
      return i18n.tc(`warning.${w.code}.title` as PluralKey, count);
  }
}

function warningFix(i18n: I18n, w: OverviewWarning): string {
  const fix = i18n.t(`warning.${w.code}.fix` as MessageKey, { median: i18n.number(Number(w.params.median ?? 0)) });
  if (w.code === 'steering_group_not_met' && typeof w.params.lastMet === 'string') {
    return `${i18n.t('warning.steering_group_not_met.lastMet', { date: i18n.date(w.params.lastMet.slice(0, 10)) })}. ${fix}`;
  }
  return fix;
}

function targetLabel(i18n: I18n, w: OverviewWarning): string {
  if (w.code === 'objective_smart_incomplete') {
    const missing = Array.isArray(w.params.missing) ? w.params.missing.map((m) => label(i18n, 'smart', m)) : [];
    return i18n.t('warning.objective_smart_incomplete.item', { title: String(w.params.title ?? ''), missing: i18n.list(missing) });
  }
  return typeof w.params.title === 'string' ? w.params.title : i18n.t('warning.fixLink');
}

function Severity({ level }: { level: OverviewWarning['severity'] }) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <span className={mergeClasses(styles.severity, styles[level])}>
      {level === 'low' ? <Info size={14} /> : <Warning size={14} />}
      {t(`overview.severity.${level}`)}
    </span>
  );
}

function Warnings({ trajectoryId, overview }: { trajectoryId: string; overview: Overview }) {
  const i18n = useI18n();
  const styles = useStyles();
  const card = useCardStyles();
  const groups: { key: string; items: OverviewWarning[] }[] = [];
  for (const w of [...overview.warnings].sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity])) {
    const existing = grouped.has(w.code) ? groups.find((g) => g.key === w.code) : undefined;
    if (existing) existing.items.push(w);
    else groups.push({ key: grouped.has(w.code) ? w.code : `${w.code}:${w.target.id}`, items: [w] });
  }
  if (!groups.length) return <p className={card.muted}>{i18n.t('overview.noWarnings')}</p>;
  return (
    <ul className={card.list} aria-label={i18n.t('overview.warnings')}>
      {groups.map(({ key, items }) => {
        const first = items[0]!;
        const total = overview.warningCounts[first.code] ?? items.length;
        const many = grouped.has(first.code);
        return (
          <li key={key} className={styles.warning} data-warning={first.code}>
            <div className={styles.severityColumn}>
              <Severity level={first.severity} />
            </div>
            <div className={styles.warningBody}>
              <h3 className={styles.warningTitle}>{warningTitle(i18n, first, total)}</h3>
              <p className={styles.fix}>{warningFix(i18n, first)}</p>
              {many ? (
                <ul className={styles.targets}>
                  {items.slice(0, LINKS_SHOWN).map((w) => (
                    <li key={w.target.id}>
                      <a className={card.link} href={targetHref(trajectoryId, w)}>
                        {targetLabel(i18n, w)}
                      </a>
                    </li>
                  ))}
                  {total > LINKS_SHOWN ? <li className={card.muted}>{i18n.t('overview.andMore', { count: total - LINKS_SHOWN })}</li> : null}
                </ul>
              ) : (
                <a className={card.link} href={targetHref(trajectoryId, first)}>
                  {i18n.t('warning.fixLink')}
                  <span className={card.srOnly}>: {warningTitle(i18n, first, total)}</span>
                </a>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function PhaseIcon({ state }: { state: string }) {
  const styles = useStyles();
  if (state === 'done') return <Check size={18} className={mergeClasses(styles.phaseIcon, styles.done)} />;
  if (state === 'in_progress') return <HalfCircle size={18} className={mergeClasses(styles.phaseIcon, styles.doing)} />;
  return <Circle size={18} className={mergeClasses(styles.phaseIcon, styles.todo)} />;
}

type SectionProps = { trajectoryId: string; data: Overview };

function Heading({ id, children }: { id: string; children: string }) {
  const card = useCardStyles();
  return (
    <h2 id={id} className={card.heading}>
      {children}
    </h2>
  );
}

function PhasesSection({ trajectoryId, data }: SectionProps) {
  const i18n = useI18n();
  const styles = useStyles();
  const card = useCardStyles();
  const done = data.phases.filter((p) => p.state === 'done').length;
  return (
    <>
      <Heading id="phases-heading">{i18n.t('overview.phases')}</Heading>
      <p className={card.muted} style={{ margin: 0 }}>
        {i18n.t('overview.phasesDone', { done, total: data.phases.length })}
      </p>
      <div className={styles.progress} aria-hidden="true">
        <span className={styles.progressFill} style={{ width: `${(done / data.phases.length) * 100}%` }} />
      </div>
      <ol className={styles.phases}>
        {data.phases.map((p) => (
          <li key={p.phase} data-phase={p.phase} data-state={p.state}>
            {/* The states are derived from the data; the phases view shows why and where to act. */}
            <a className={styles.phase} href={paths.phases(trajectoryId)}>
              <PhaseIcon state={p.state} />
              <span className={styles.phaseText}>
                <span className={styles.phaseName}>{label(i18n, 'phase', p.phase)}</span>
                <span className={styles.phaseState}>
                  {label(i18n, 'phaseState', p.state)}
                  {p.state === 'done' && p.date ? ` · ${i18n.date(p.date)}` : ''}
                </span>
              </span>
            </a>
          </li>
        ))}
      </ol>
    </>
  );
}

function OverdueSection({ trajectoryId, data }: SectionProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  return (
    <>
      <Heading id="overdue-heading">{`${t('overview.overdue')} (${data.overdueCount})`}</Heading>
      {data.overdueActions.length ? (
        <ul className={card.list}>
          {data.overdueActions.map((a) => (
            <li key={a.id} className={styles.overdue}>
              <a className={card.link} href={paths.action(trajectoryId, a.id)}>
                {a.title}
              </a>
              <span className={styles.meta}>
                <OverdueFlag />
                <span>{i18n.date(a.dueDate)}</span>
                <StatusLabel status={a.status as ActionStatus} />
                <span>{a.ownerName ?? t('board.noOwner')}</span>
                <span>{a.domainName}</span>
              </span>
            </li>
          ))}
          {data.overdueCount > data.overdueActions.length ? (
            <li>
              <a className={card.link} href={paths.plan(trajectoryId, { overdue: 'true' })}>
                {t('overview.showAllOverdue')}
              </a>
            </li>
          ) : null}
        </ul>
      ) : (
        <p className={card.muted}>{t('overview.noOverdue')}</p>
      )}
    </>
  );
}

function ChartSection({ data }: SectionProps) {
  const { t } = useI18n();
  return (
    <>
      <Heading id="chart-heading">{t('overview.statusByDomain')}</Heading>
      <StatusChart
        rows={data.statusByDomain.map((d) => ({
          id: d.domainId,
          label: d.state === 'later' ? `${d.name} ${t('overview.domainLater')}` : d.name,
          counts: d.counts,
          total: d.total,
        }))}
      />
    </>
  );
}

function MeetingsSection({ trajectoryId, data }: SectionProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  return (
    <>
      <Heading id="meetings-heading">{t('overview.meetings')}</Heading>
      {data.nextMeetings.length ? (
        <ul className={card.list}>
          {data.nextMeetings.map((m) => (
            <li key={m.id} className={styles.meeting} data-meeting={m.id}>
              <span className={styles.meetingWhen}>{i18n.dateTime(m.startsAt)}</span>
              {/* The meeting opens its own page: agenda, attendees and what to bring. */}
              <a className={mergeClasses(card.link, styles.itemLink)} href={paths.meeting(trajectoryId, m.id)}>
                {m.title}
              </a>
              <span className={styles.meta}>
                <span>{m.body.name}</span>
                <span>{m.online ? t('overview.online') : m.location}</span>
                <span>{label(i18n, 'dayPart', m.dayPart)}</span>
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className={card.muted}>{t('overview.noMeetings')}</p>
      )}
    </>
  );
}

function WarningsSection({ trajectoryId, data }: SectionProps) {
  const { t } = useI18n();
  return (
    <>
      <Heading id="warnings-heading">{t('overview.warnings')}</Heading>
      <Warnings trajectoryId={trajectoryId} overview={data} />
    </>
  );
}

function Fact({ name, value, none = false }: { name: string; value: string; none?: boolean }) {
  const styles = useStyles();
  return (
    <div className={styles.fact}>
      <dt className={styles.factLabel}>{name}</dt>
      <dd className={mergeClasses(styles.factValue, none && styles.factNone)}>{value}</dd>
    </div>
  );
}

function CollegeSection({ trajectoryId, data }: SectionProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const college = data.college;
  if (!college) return null;
  const report = college.report;
  return (
    <>
      <Heading id="college-heading">{t('overviewRoles.college.title')}</Heading>
      <p className={styles.intro}>{t('overviewRoles.college.intro')}</p>
      <dl className={styles.facts}>
        {college.nextMeeting ? (
          <>
            <Fact name={t('overviewRoles.college.next')} value={i18n.dateTime(college.nextMeeting)} />
            {college.chairCardDueOn ? <Fact name={t('overviewRoles.college.cardDue')} value={i18n.date(college.chairCardDueOn)} /> : null}
          </>
        ) : (
          <Fact name={t('overviewRoles.college.next')} value={t('overviewRoles.college.noSchedule')} none />
        )}
        <Fact
          name={t('overviewRoles.college.report')}
          value={
            report
              ? `${label(i18n, 'reports.state', report.state)} · ${t('overviewRoles.college.reportPeriod', { from: i18n.date(report.periodStart), to: i18n.date(report.periodEnd) })}`
              : t('overviewRoles.college.noReport')
          }
          none={!report}
        />
        <Fact name={t('overview.overdue')} value={i18n.number(data.overdueCount)} />
        <Fact name={t('overviewRoles.offTrack.title')} value={i18n.number(data.indicatorsOffTrack?.length ?? 0)} />
      </dl>
      <a className={mergeClasses(card.link, styles.itemLink)} href={report ? paths.report(trajectoryId, report.id) : paths.reports(trajectoryId)}>
        {t('overviewRoles.college.openReports')}
      </a>
    </>
  );
}

const OFF_TRACK_SHOWN = 5;
const percent = (i18n: I18n, share: number) => `${i18n.number(Math.round(share * 100))} %`;

function OffTrackSection({ trajectoryId, data }: SectionProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const all = data.indicatorsOffTrack ?? [];
  // The furthest behind first (the server's order); the evaluation view holds the rest.
  const list = all.slice(0, OFF_TRACK_SHOWN);
  const unit = (value: number, u: string) => `${i18n.number(value)}${u ? ` ${u}` : ''}`;
  return (
    <>
      <Heading id="offtrack-heading">{`${t('overviewRoles.offTrack.title')} (${all.length})`}</Heading>
      {list.length ? (
        <ul className={card.list}>
          {list.map((i) => (
            <li key={i.id} className={styles.item} data-indicator={i.id}>
              <a className={card.link} href={paths.action(trajectoryId, i.actionId)}>
                {i.name}
              </a>
              <span className={styles.meta}>
                <span>{i.actionTitle}</span>
                <span>{i.domainName}</span>
              </span>
              <span className={styles.meta}>
                <span>{t('overviewRoles.offTrack.latest', { value: unit(i.latest.value, i.unit), date: i18n.date(i.latest.measuredOn) })}</span>
                <span>{t('overviewRoles.offTrack.target', { baseline: unit(i.baseline, i.unit), target: unit(i.target, i.unit) })}</span>
              </span>
              <span className={styles.meta}>{t('overviewRoles.offTrack.progress', { progress: percent(i18n, i.progress), expected: percent(i18n, i.expected) })}</span>
            </li>
          ))}
          {all.length > list.length ? (
            <li>
              <a className={mergeClasses(card.link, styles.itemLink)} href={paths.evaluation(trajectoryId)}>
                {t('overviewRoles.offTrack.all', { count: all.length })}
              </a>
            </li>
          ) : null}
        </ul>
      ) : (
        <p className={card.muted}>{t('overviewRoles.offTrack.none')}</p>
      )}
    </>
  );
}

function Urgency({ urgency }: { urgency: 'overdue' | 'due_soon' | 'later' }) {
  const { t } = useI18n();
  const styles = useStyles();
  const tone = urgency === 'overdue' ? styles.high : urgency === 'due_soon' ? styles.medium : styles.low;
  return <span className={mergeClasses(styles.tag, tone)}>{t(`overviewRoles.urgency.${urgency}`)}</span>;
}

function MyActionsSection({ trajectoryId, data }: SectionProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const list = data.myActions ?? [];
  return (
    <>
      <Heading id="my-actions-heading">{`${t('overviewRoles.myActions.title')} (${list.length})`}</Heading>
      {list.length ? (
        <ul className={card.list}>
          {list.map((a) => (
            <li key={a.id} className={styles.item} data-my-action={a.id} data-urgency={a.urgency}>
              <a className={mergeClasses(card.link, styles.itemLink)} href={paths.action(trajectoryId, a.id)}>
                {a.title}
              </a>
              <span className={mergeClasses(styles.meta, styles.callRow)}>
                <Urgency urgency={a.urgency} />
                <span>{a.dueDate ? i18n.date(a.dueDate) : t('overviewRoles.myActions.noDue')}</span>
                <StatusLabel status={a.status as ActionStatus} />
                <span>{a.domainName}</span>
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className={card.muted}>{t('overviewRoles.myActions.none')}</p>
      )}
    </>
  );
}

function countsLine(i18n: I18n, counts: Record<ActionStatus, number>): string {
  return i18n.t('overviewRoles.workGroups.summary', { planned: counts.planned, inProgress: counts.in_progress, done: counts.done });
}

function MyDomainsSection({ trajectoryId, data }: SectionProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const block = data.myDomains;
  if (!block) return null;
  return (
    <>
      <Heading id="my-domains-heading">{t('overviewRoles.myDomains.title')}</Heading>
      <p className={styles.intro}>{t(block.scope === 'linked' ? 'overviewRoles.myDomains.linked' : 'overviewRoles.myDomains.all')}</p>
      <ul className={styles.groups}>
        {block.domains.map((d) => (
          <li key={d.domainId} className={styles.group} data-domain={d.domainId}>
            <h3 className={styles.groupName}>{d.state === 'later' ? `${d.name} ${t('overview.domainLater')}` : d.name}</h3>
            <span className={styles.meta}>{t('overviewRoles.myDomains.summary', { total: d.total, done: d.counts.done, overdue: d.overdue })}</span>
            <span className={styles.meta}>{countsLine(i18n, d.counts)}</span>
            <a className={mergeClasses(card.link, styles.itemLink)} href={paths.board(trajectoryId, d.domainId)}>
              {t('overviewRoles.myDomains.openBoard', { name: d.name })}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

function WorkGroupsSection({ trajectoryId, data }: SectionProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const groups = data.workGroups ?? [];
  return (
    <>
      <Heading id="work-groups-heading">{t('overviewRoles.workGroups.title')}</Heading>
      {groups.length ? (
        <ul className={styles.groups}>
          {groups.map((g) => (
            <li key={g.bodyId} className={styles.group} data-work-group={g.bodyId}>
              <h3 className={styles.groupName}>{g.name}</h3>
              <span className={styles.meta}>{g.domainName}</span>
              <span>{countsLine(i18n, g.counts)}</span>
              {g.overdue ? <span className={mergeClasses(styles.tag, styles.high)}>{i18n.tc('overviewRoles.workGroups.overdue', g.overdue)}</span> : null}
              <span className={styles.meta}>
                {g.nextMeeting ? (
                  <>
                    {t('overviewRoles.workGroups.next')}:{' '}
                    <a className={card.link} href={paths.meeting(trajectoryId, g.nextMeeting.id)}>
                      {`${g.nextMeeting.title}, ${i18n.dateTime(g.nextMeeting.startsAt)}`}
                    </a>
                  </>
                ) : (
                  t('overviewRoles.workGroups.noNext')
                )}
              </span>
              <a className={mergeClasses(card.link, styles.itemLink)} href={paths.board(trajectoryId, g.domainId)}>
                {t('overviewRoles.workGroups.openBoard')}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p className={card.muted}>{t('overviewRoles.workGroups.none')}</p>
      )}
    </>
  );
}

function Phone({ name, phone }: { name: string; phone: string | null }) {
  const { t } = useI18n();
  const styles = useStyles();
  const card = useCardStyles();
  if (!phone) return <span>{t('overviewRoles.parents.noPhone')}</span>;
  return (
    <a className={mergeClasses(card.link, styles.itemLink)} href={`tel:${phone.replace(/[^+\d]/g, '')}`} aria-label={`${t('overviewRoles.parents.call', { name })}: ${phone}`}>
      {phone}
    </a>
  );
}

function MyParentsSection({ trajectoryId, data }: SectionProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const block = data.myParents;
  if (!block) return null;
  const preference = (p: string) => (i18n.has(`contact.${p}`) ? t('overviewRoles.parents.prefers', { preference: label(i18n, 'contact', p) }) : null);
  return (
    <>
      <Heading id="my-parents-heading">{t('overviewRoles.parents.title')}</Heading>
      <p className={styles.intro}>{t('overviewRoles.parents.intro')}</p>
      {block.parents.length ? (
        <ul className={styles.groups} aria-label={t('overviewRoles.parents.title')}>
          {block.parents.map((p) => (
            <li key={p.personId} className={styles.group} data-parent={p.personId}>
              <h3 className={styles.groupName}>{p.displayName}</h3>
              <Phone name={p.displayName} phone={p.phone} />
              {preference(p.contactPreference) ? <span className={styles.meta}>{preference(p.contactPreference)}</span> : null}
              <span className={styles.meta}>
                {p.nextMeeting ? (
                  <a className={card.link} href={paths.meeting(trajectoryId, p.nextMeeting.id)}>
                    {t('overviewRoles.parents.next', { title: p.nextMeeting.title, when: i18n.dateTime(p.nextMeeting.startsAt) })}
                  </a>
                ) : (
                  t('overviewRoles.parents.noNext')
                )}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className={card.muted}>{t('overviewRoles.parents.none')}</p>
      )}

      <h3 className={styles.subheading}>{t('overviewRoles.parents.toCall')}</h3>
      {block.toCall.length ? (
        <ul className={card.list}>
          {block.toCall.map((c) => (
            <li key={c.meetingId} className={styles.item} data-call={c.meetingId}>
              <span className={styles.meetingWhen}>{t('overviewRoles.parents.callOn', { date: i18n.date(c.callOn) })}</span>
              <a className={mergeClasses(card.link, styles.itemLink)} href={paths.meeting(trajectoryId, c.meetingId)}>
                {`${c.title} · ${i18n.dateTime(c.startsAt)}`}
              </a>
              <ul className={styles.targets}>
                {c.parents.map((p) => (
                  <li key={p.personId} className={styles.callRow}>
                    <span>{p.displayName}</span>
                    <Phone name={p.displayName} phone={p.phone} />
                    <span>{label(i18n, 'overviewRoles.parents.response', p.response)}</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      ) : (
        <p className={card.muted}>{t('overviewRoles.parents.nobodyToCall')}</p>
      )}

      {block.checkIns.length ? (
        <>
          <h3 className={styles.subheading}>{t('overviewRoles.parents.checkIns')}</h3>
          <ul className={card.list}>
            {block.checkIns.map((c) => (
              <li key={c.meetingId} className={styles.item} data-check-in={c.meetingId}>
                <a className={mergeClasses(card.link, styles.itemLink)} href={paths.meeting(trajectoryId, c.meetingId)}>
                  {`${c.title} · ${i18n.dateTime(c.startsAt)}`}
                </a>
                <span className={styles.meta}>{i18n.list(c.parents.map((p) => p.displayName))}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

const sectionViews: Record<OverviewSection, (props: SectionProps) => ReactNode> = {
  phases: PhasesSection,
  college: CollegeSection,
  myParents: MyParentsSection,
  myActions: MyActionsSection,
  workGroups: WorkGroupsSection,
  myDomains: MyDomainsSection,
  warnings: WarningsSection,
  overdue: OverdueSection,
  indicatorsOffTrack: OffTrackSection,
  meetings: MeetingsSection,
  statusByDomain: ChartSection,
};

const headingIds: Record<OverviewSection, string> = {
  phases: 'phases-heading',
  college: 'college-heading',
  myParents: 'my-parents-heading',
  myActions: 'my-actions-heading',
  workGroups: 'work-groups-heading',
  myDomains: 'my-domains-heading',
  warnings: 'warnings-heading',
  overdue: 'overdue-heading',
  indicatorsOffTrack: 'offtrack-heading',
  meetings: 'meetings-heading',
  statusByDomain: 'chart-heading',
};

function Section({ section, trajectoryId, data, className }: SectionProps & { section: OverviewSection; className?: string }) {
  const card = useCardStyles();
  const View = sectionViews[section];
  return (
    <section className={mergeClasses(card.card, className)} aria-labelledby={headingIds[section]} data-section={section}>
      <View trajectoryId={trajectoryId} data={data} />
    </section>
  );
}

export function OverviewView({ trajectoryId }: { trajectoryId: string }) {
  const { api } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const overview = useResource<Overview>(`overview:${trajectoryId}`, () => api.get(`/api/v1/trajectories/${trajectoryId}/overview`));
  const data = overview.data?.trajectory.id === trajectoryId ? overview.data : undefined;
  // The server decides which sections this caller gets and in which order; the first leads, full width.
  const [lead, ...rest] = data?.sections ?? [];
  const half = Math.ceil(rest.length / 2);

  return (
    <ViewRoot
      name="overview"
      title={t('overview.title')}
      subtitle={data ? `${data.trajectory.name} · ${t('overview.period', { from: i18n.date(data.trajectory.periodStart), to: i18n.date(data.trajectory.periodEnd) })}` : undefined}
      ready={Boolean(data)}
    >
      {overview.error ? <ErrorBox error={overview.error} onRetry={() => void overview.reload()} /> : null}
      {!data && !overview.error ? <Spinner label={t('app.loading')} /> : null}
      {data ? (
        <div className={styles.grid} data-persona={data.persona}>
          {data.readOnly ? (
            <p className={mergeClasses(styles.note, styles.wide)} data-testid="read-only">
              {t('overviewRoles.readOnly')}
            </p>
          ) : null}
          {lead ? <Section section={lead} trajectoryId={trajectoryId} data={data} className={styles.wide} /> : null}
          <div className={styles.column}>
            {rest.slice(0, half).map((section) => (
              <Section key={section} section={section} trajectoryId={trajectoryId} data={data} />
            ))}
          </div>
          <div className={styles.column}>
            {rest.slice(half).map((section) => (
              <Section key={section} section={section} trajectoryId={trajectoryId} data={data} />
            ))}
          </div>
        </div>
      ) : null}
    </ViewRoot>
  );
}
