import { makeStyles, mergeClasses, Spinner, tokens } from '@fluentui/react-components';
import type { Overview, OverviewWarning, WarningCode } from '../api/types';
import { useApp } from '../app-context';
import { StatusChart } from '../components/charts';
import { Check, Circle, HalfCircle, Info, Warning } from '../components/icons';
import { ErrorBox } from '../components/problem';
import { OverdueFlag, StatusLabel } from '../components/status';
import { useCardStyles, ViewRoot } from '../components/view';
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
  warning: { display: 'flex', gap: tokens.spacingHorizontalM, padding: `${tokens.spacingVerticalM} 0`, borderTop: `1px solid ${tokens.colorNeutralStroke2}`, ':first-child': { borderTop: 'none', paddingTop: 0 } },
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

export function OverviewView({ trajectoryId }: { trajectoryId: string }) {
  const { api } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const overview = useResource<Overview>(`overview:${trajectoryId}`, () => api.get(`/api/v1/trajectories/${trajectoryId}/overview`));
  const data = overview.data?.trajectory.id === trajectoryId ? overview.data : undefined;
  const done = data?.phases.filter((p) => p.state === 'done').length ?? 0;

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
        <div className={styles.grid}>
          <section className={mergeClasses(card.card, styles.wide)} aria-labelledby="phases-heading">
            <h2 id="phases-heading" className={card.heading}>
              {t('overview.phases')}
            </h2>
            <p className={card.muted} style={{ margin: 0 }}>
              {t('overview.phasesDone', { done, total: data.phases.length })}
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
          </section>

          <div className={styles.column}>
            <section className={card.card} aria-labelledby="warnings-heading">
              <h2 id="warnings-heading" className={card.heading}>
                {t('overview.warnings')}
              </h2>
              <Warnings trajectoryId={trajectoryId} overview={data} />
            </section>
            <section className={card.card} aria-labelledby="overdue-heading">
              <h2 id="overdue-heading" className={card.heading}>
                {t('overview.overdue')} ({data.overdueCount})
              </h2>
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
                        <StatusLabel status={a.status} />
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
            </section>
          </div>
          <div className={styles.column}>
            <section className={card.card} aria-labelledby="chart-heading">
              <h2 id="chart-heading" className={card.heading}>
                {t('overview.statusByDomain')}
              </h2>
              <StatusChart
                rows={data.statusByDomain.map((d) => ({
                  id: d.domainId,
                  label: d.state === 'later' ? `${d.name} ${t('overview.domainLater')}` : d.name,
                  counts: d.counts,
                  total: d.total,
                }))}
              />
            </section>

            <section className={card.card} aria-labelledby="meetings-heading">
              <h2 id="meetings-heading" className={card.heading}>
                {t('overview.meetings')}
              </h2>
              {data.nextMeetings.length ? (
                <ul className={card.list}>
                  {data.nextMeetings.map((m) => (
                    <li key={m.id} className={styles.meeting}>
                      <span className={styles.meetingWhen}>{i18n.dateTime(m.startsAt)}</span>
                      <span>{m.title}</span>
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
            </section>
          </div>
        </div>
      ) : null}
    </ViewRoot>
  );
}
