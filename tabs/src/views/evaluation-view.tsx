import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, mergeClasses, Radio, RadioGroup, Select, Textarea, tokens } from '@fluentui/react-components';
import { useMemo, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import type {
  Body,
  Measurement,
  Plan,
  PlanAction,
  PlanDomain,
  Person,
  PlanIndicator,
  PlannedMeasurement,
  PlannedMeasurements,
  QuestionnaireResults,
  SignalVerdict,
  SignalVerdictValue,
  Trajectory,
} from '../api/types';
import { signalVerdicts } from '../api/types';
import { useApp } from '../app-context';
import { LineChart } from '../components/charts';
import { ErrorBox } from '../components/problem';
import { emptyToNull, fieldState, FormError, useFormStyles, useSubmit } from '../components/form';
import { useCardStyles, ViewRoot } from '../components/view';
import { usePlan, usePlanIndicators } from '../data/plan';
import { loadResource, useResource } from '../data/resource';
import { brusselsToday, useI18n } from '../i18n/i18n';
import type { MessageKey } from '../../../src/shared/i18n/messages/nl';
import { paths } from '../router';
import { MeasurementPlanForm, measurementPlansKey } from './measurement-plan-form';

export interface EvaluationViewProps {
  trajectoryId: string;
  domainId: string | null;
  access: Trajectory | undefined;
}

const useStyles = makeStyles({
  scope: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, listStyle: 'none', margin: 0, padding: 0 },
  scopeLink: {
    display: 'inline-flex',
    alignItems: 'center',
    minHeight: '44px',
    padding: `0 ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    color: tokens.colorNeutralForeground1,
    textDecorationLine: 'none',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  current: { backgroundColor: tokens.colorBrandBackground, color: tokens.colorNeutralForegroundOnBrand, border: `1px solid ${tokens.colorBrandBackground}`, ':hover': { backgroundColor: tokens.colorBrandBackgroundHover } },
  domain: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  domainTitle: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 420px), 1fr))', gap: tokens.spacingHorizontalL, alignItems: 'start' },
  actionTitle: { margin: `0 0 ${tokens.spacingVerticalS}`, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  sub: { margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalXS}`, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  indicator: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, paddingBlock: tokens.spacingVerticalS, borderTop: `1px solid ${tokens.colorNeutralStroke2}` },
  indicatorName: { margin: 0, fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  figures: { display: 'flex', flexWrap: 'wrap', gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalL}`, margin: 0, padding: 0, listStyle: 'none', fontSize: tokens.fontSizeBase200 },
  muted: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  badge: { display: 'inline-block', padding: '0 6px', borderRadius: tokens.borderRadiusMedium, fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold },
  late: { color: tokens.colorPaletteRedForeground1, backgroundColor: tokens.colorPaletteRedBackground1 },
  works: { color: tokens.colorPaletteGreenForeground1, backgroundColor: tokens.colorPaletteGreenBackground1 },
  partly: { color: tokens.colorPaletteDarkOrangeForeground1, backgroundColor: tokens.colorPaletteDarkOrangeBackground1 },
  not: { color: tokens.colorPaletteRedForeground1, backgroundColor: tokens.colorPaletteRedBackground1 },
  neutral: { color: tokens.colorNeutralForeground2, backgroundColor: tokens.colorNeutralBackground3 },
  verdict: { display: 'flex', flexDirection: 'column', gap: '2px', paddingBlock: tokens.spacingVerticalXS },
  reasons: { margin: 0, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  row: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 200px), 1fr))', gap: tokens.spacingHorizontalM, '& > *': { minWidth: 0 } },
  select: { width: '100%', minWidth: 0, '& select': { minWidth: 0, width: '100%', textOverflow: 'ellipsis' } },
  submit: { alignSelf: 'flex-start', minHeight: '44px' },
  radios: { display: 'flex', flexWrap: 'wrap', '& label': { minHeight: '32px', display: 'inline-flex', alignItems: 'center' } },
});

const verdictsKey = (t: string) => `signal-verdicts:${t}`;
const plansKey = measurementPlansKey;
const resultsKey = (t: string) => `questionnaire-results:${t}`;
const bodiesKey = (t: string) => `bodies:${t}`;

const actionsOf = (domain: PlanDomain): PlanAction[] => domain.strategicObjectives.flatMap((s) => s.operationalObjectives.flatMap((o) => o.actions));

function Figures({ indicator }: { indicator: PlanIndicator }) {
  const i18n = useI18n();
  const styles = useStyles();
  const unit = indicator.unit ? ` ${indicator.unit}` : '';
  const show = (v: number | null) => (v === null ? i18n.t('evaluation.none') : `${i18n.number(v)}${unit}`);
  return (
    <ul className={styles.figures}>
      <li>
        {i18n.t('evaluation.baseline')}: <strong>{show(indicator.baseline)}</strong>
      </li>
      <li>
        {i18n.t('evaluation.target')}: <strong>{show(indicator.target)}</strong>
      </li>
      <li>
        {i18n.t('evaluation.latest')}: <strong>{show(indicator.latestValue)}</strong>
        {indicator.latestOn ? ` (${i18n.date(indicator.latestOn)})` : ''}
      </li>
    </ul>
  );
}

/** Who may plan measurements in a domain: `domain.edit` trajectory-wide or as that domain's work group. */
interface Planning {
  trajectoryId: string;
  domainIds: 'all' | ReadonlySet<string>;
  people: Person[];
}

const mayPlanIn = (planning: Planning | null, domainId: string): boolean =>
  Boolean(planning && (planning.domainIds === 'all' || planning.domainIds.has(domainId)));

function IndicatorBlock({ indicator, plan, planning }: { indicator: PlanIndicator; plan: PlannedMeasurement | undefined; planning: Planning | null }) {
  const i18n = useI18n();
  const { api } = useApp();
  const styles = useStyles();
  const measurements = useResource<Measurement[]>(indicator.measurementCount ? `measurements:${indicator.id}` : null, () => api.get(`/api/v1/indicators/${indicator.id}/measurements`));
  return (
    <li className={styles.indicator} data-indicator={indicator.id}>
      <p className={styles.indicatorName} id={`eval-indicator-${indicator.id}`}>
        {indicator.name}{' '}
        <span className={mergeClasses(styles.badge, styles.neutral)}>{i18n.t(indicator.kind === 'output' ? 'evaluation.kind.output' : 'evaluation.kind.outcome')}</span>
      </p>
      <Figures indicator={indicator} />
      {plan ? (
        <p className={styles.muted}>
          {i18n.t('evaluation.plan')}:{' '}
          {i18n.t('evaluation.planLine', {
            frequency: i18n.t(`evaluation.frequency.${plan.frequency}` as MessageKey),
            measurer: plan.measurerName ?? i18n.t('evaluation.nobody'),
            date: i18n.date(plan.dueOn),
          })}{' '}
          {plan.overdue ? <span className={mergeClasses(styles.badge, styles.late)}>{i18n.t('evaluation.overdue')}</span> : null}
          {plan.source ? (
            <>
              <br />
              {i18n.t('evaluation.planSource', { source: plan.source })}
            </>
          ) : null}
        </p>
      ) : (
        <p className={styles.muted}>{i18n.t('evaluation.noPlan')}</p>
      )}
      {planning ? (
        <MeasurementPlanForm
          trajectoryId={planning.trajectoryId}
          indicatorId={indicator.id}
          indicatorName={indicator.name}
          describedBy={`eval-indicator-${indicator.id}`}
          plan={plan}
          people={planning.people}
        />
      ) : null}
      {indicator.measurementCount ? (
        <LineChart name={indicator.name} unit={indicator.unit} measurements={measurements.data ?? []} baseline={indicator.baseline} target={indicator.target} />
      ) : null}
    </li>
  );
}

function VerdictItem({ verdict }: { verdict: SignalVerdict }) {
  const i18n = useI18n();
  const styles = useStyles();
  return (
    <li className={styles.verdict} data-verdict={verdict.verdict}>
      <span>
        <span className={mergeClasses(styles.badge, styles[verdict.verdict])}>{i18n.t(`evaluation.verdict.${verdict.verdict}`)}</span>
        {verdict.actionId ? null : <> {i18n.t('evaluation.verdictAbout.domain')}</>}
      </span>
      {verdict.reasons ? <p className={styles.reasons}>{verdict.reasons}</p> : null}
      <p className={styles.muted}>{i18n.t('evaluation.verdictMeta', { date: i18n.date(verdict.givenOn), group: verdict.bodyName, by: verdict.recordedByName ?? '—' })}</p>
    </li>
  );
}

function ResultsBlock({ results }: { results: QuestionnaireResults['results'] }) {
  const i18n = useI18n();
  const styles = useStyles();
  if (!results.length) return <p className={styles.muted}>{i18n.t('evaluation.noResults')}</p>;
  return (
    <ul className={styles.list}>
      {results.map((r) => (
        <li key={r.questionnaireId} className={styles.indicator}>
          <p className={styles.indicatorName}>
            {r.title} <span className={mergeClasses(styles.badge, styles.neutral)}>{i18n.t(`evaluation.resultKind.${r.kind}`)}</span>
          </p>
          <p className={styles.muted}>{i18n.tc('evaluation.answers', r.answerCount)}</p>
          <ul className={styles.list}>
            {r.questions.map((q) => (
              <li key={q.id}>
                <span>{q.text}</span>{' '}
                <span className={styles.muted}>
                  {q.type === 'open'
                    ? i18n.t('evaluation.openQuestion')
                    : q.average !== null
                      ? i18n.t('evaluation.average', { value: i18n.number(Math.round(q.average * 10) / 10) })
                      : q.distribution
                        ? Object.entries(q.distribution)
                            .map(([k, n]) => `${k}: ${n}`)
                            .join(' · ')
                        : i18n.t('evaluation.tooFew')}
                </span>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

function DomainSection({
  trajectoryId,
  domain,
  indicators,
  plans,
  verdicts,
  results,
  planning,
}: {
  trajectoryId: string;
  domain: PlanDomain;
  indicators: Map<string, PlanIndicator[]>;
  planning: Planning | null;
  plans: Map<string, PlannedMeasurement>;
  verdicts: SignalVerdict[];
  results: QuestionnaireResults['results'] | undefined;
}) {
  const i18n = useI18n();
  const styles = useStyles();
  const card = useCardStyles();
  const mine = verdicts.filter((v) => v.domainId === domain.id);
  const indicatorsOf = (a: PlanAction) => indicators.get(a.id) ?? [];
  const actions = actionsOf(domain).filter((a) => indicatorsOf(a).length || mine.some((v) => v.actionId === a.id));
  const domainVerdicts = mine.filter((v) => !v.actionId);
  const adjusted = actionsOf(domain).filter((a) => a.adjustment);
  const headingId = `eval-domain-${domain.id}`;
  const planHere = mayPlanIn(planning, domain.id) ? planning : null;
  return (
    <section className={styles.domain} aria-labelledby={headingId} data-domain={domain.id}>
      <h2 id={headingId} className={styles.domainTitle}>
        {domain.name}
      </h2>
      {domainVerdicts.length ? (
        <div className={card.card}>
          <h3 className={styles.actionTitle}>{i18n.t('evaluation.verdicts')}</h3>
          <ul className={styles.list}>
            {domainVerdicts.map((v) => (
              <VerdictItem key={v.id} verdict={v} />
            ))}
          </ul>
        </div>
      ) : null}
      {actions.length ? (
        <div className={styles.grid}>
          {actions.map((a) => {
            const own = mine.filter((v) => v.actionId === a.id);
            return (
              <article key={a.id} className={card.card} aria-labelledby={`eval-action-${a.id}`} data-action={a.id}>
                <h3 id={`eval-action-${a.id}`} className={styles.actionTitle}>
                  <a className={card.link} href={paths.action(trajectoryId, a.id)}>
                    {a.title}
                  </a>
                </h3>
                <h4 className={styles.sub}>{i18n.t('evaluation.indicators')}</h4>
                {indicatorsOf(a).length ? (
                  <ul className={styles.list}>
                    {indicatorsOf(a).map((ind) => (
                      <IndicatorBlock key={ind.id} indicator={ind} plan={plans.get(ind.id)} planning={planHere} />
                    ))}
                  </ul>
                ) : (
                  <p className={styles.muted}>{i18n.t('evaluation.noIndicators')}</p>
                )}
                <h4 className={styles.sub}>{i18n.t('evaluation.verdicts')}</h4>
                {own.length ? (
                  <ul className={styles.list}>
                    {own.map((v) => (
                      <VerdictItem key={v.id} verdict={v} />
                    ))}
                  </ul>
                ) : (
                  <p className={styles.muted}>{i18n.t('evaluation.noVerdicts')}</p>
                )}
              </article>
            );
          })}
        </div>
      ) : (
        <p className={styles.muted}>{i18n.t('evaluation.noActions')}</p>
      )}
      <div className={card.card}>
        <h3 className={styles.actionTitle}>{i18n.t('evaluation.results')}</h3>
        <ResultsBlock results={results ?? []} />
      </div>
      <div className={card.card}>
        <h3 className={styles.actionTitle}>{i18n.t('evaluation.adjusted')}</h3>
        {adjusted.length ? (
          <ul className={styles.list}>
            {adjusted.map((a) => (
              <li key={a.id}>
                {a.title} <span className={mergeClasses(styles.badge, styles.neutral)}>{i18n.t(`evaluation.adjustment.${a.adjustment!}`)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className={styles.muted}>{i18n.t('evaluation.noAdjusted')}</p>
        )}
      </div>
    </section>
  );
}

function VerdictForm({ trajectoryId, plan, groups }: { trajectoryId: string; plan: Plan; groups: Body[] }) {
  const { api } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const form = useFormStyles();
  const card = useCardStyles();
  const styles = useStyles();
  const { saving, errors, formError, submit } = useSubmit();
  const [bodyId, setBodyId] = useState(groups[0]?.id ?? '');
  const [subject, setSubject] = useState('');
  const [verdict, setVerdict] = useState<SignalVerdictValue>('works');
  const [reasons, setReasons] = useState('');
  const [givenOn, setGivenOn] = useState(brusselsToday());
  const [saved, setSaved] = useState(false);
  if (!groups.length) {
    return (
      <section className={card.card} aria-labelledby="eval-record-heading">
        <h2 id="eval-record-heading" className={card.heading}>
          {t('evaluation.record')}
        </h2>
        <p className={card.muted}>{t('evaluation.noSignalGroup')}</p>
      </section>
    );
  }
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    void submit(async () => {
      const [kind, id] = subject.split(':');
      await api.post(`/api/v1/trajectories/${trajectoryId}/signal-verdicts`, {
        bodyId,
        ...(kind === 'action' ? { actionId: id } : { domainId: emptyToNull(id ?? '') }),
        verdict,
        reasons,
        givenOn,
      });
      await loadResource(verdictsKey(trajectoryId), () => api.get(`/api/v1/trajectories/${trajectoryId}/signal-verdicts`));
      setReasons('');
      setSaved(true);
    });
  };
  return (
    <section className={card.card} aria-labelledby="eval-record-heading">
      <h2 id="eval-record-heading" className={card.heading}>
        {t('evaluation.record')}
      </h2>
      <form className={form.form} onSubmit={onSubmit} noValidate>
        <p className={form.hint}>{t('evaluation.recordHint')}</p>
        <div className={styles.row}>
          <Field label={t('evaluation.field.group')} required {...fieldState(errors, 'bodyId')}>
            <Select className={styles.select} value={bodyId} onChange={(_e, d) => setBodyId(d.value)}>
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('evaluation.field.subject')} required {...fieldState(errors, errors.actionId ? 'actionId' : 'domainId')}>
            <Select className={styles.select} value={subject} onChange={(_e, d) => setSubject(d.value)}>
              <option value="">—</option>
              {plan.domains.map((d) => (
                <optgroup key={d.id} label={d.name}>
                  <option value={`domain:${d.id}`}>
                    {d.name} ({t('evaluation.verdictAbout.domain').toLowerCase()})
                  </option>
                  {actionsOf(d).map((a) => (
                    <option key={a.id} value={`action:${a.id}`}>
                      {a.title}
                    </option>
                  ))}
                </optgroup>
              ))}
            </Select>
          </Field>
          <Field label={t('evaluation.field.givenOn')} required {...fieldState(errors, 'givenOn')}>
            <Input type="date" value={givenOn} onChange={(_e, d) => setGivenOn(d.value)} />
          </Field>
        </div>
        <Field label={t('evaluation.field.verdict')} required {...fieldState(errors, 'verdict')}>
          <RadioGroup className={styles.radios} layout="horizontal" value={verdict} onChange={(_e, d) => setVerdict(d.value as SignalVerdictValue)}>
            {signalVerdicts.map((v) => (
              <Radio key={v} value={v} label={t(`evaluation.verdict.${v}`)} />
            ))}
          </RadioGroup>
        </Field>
        <Field label={t('evaluation.field.reasons')} {...fieldState(errors, 'reasons')}>
          <Textarea value={reasons} onChange={(_e, d) => setReasons(d.value)} maxLength={2000} resize="vertical" />
        </Field>
        <FormError message={formError} />
        {saved ? (
          <MessageBar intent="success">
            <MessageBarBody>{t('evaluation.saved')}</MessageBarBody>
          </MessageBar>
        ) : null}
        <Button className={styles.submit} appearance="primary" type="submit" disabled={saving}>
          {t('evaluation.submit')}
        </Button>
      </form>
    </section>
  );
}

async function loadResults(api: ReturnType<typeof useApp>['api'], trajectoryId: string): Promise<QuestionnaireResults> {
  try {
    return await api.get<QuestionnaireResults>(`/api/v1/trajectories/${trajectoryId}/questionnaire-results`);
  } catch (error) {
    // The questionnaires' route may not be there (yet): then there is simply nothing measured.
    if (error instanceof ApiError && error.status === 404) return { results: [] };
    throw error;
  }
}

const scopeHref = (trajectoryId: string, domainId?: string): string => paths.evaluation(trajectoryId, domainId);

export function EvaluationView({ trajectoryId, domainId, access }: EvaluationViewProps) {
  const { api } = useApp();
  const i18n = useI18n();
  const styles = useStyles();
  const plan = usePlan(api, trajectoryId);
  // The indicators of the scope shown: one domain's, or the whole plan's.
  const indicators = usePlanIndicators(api, trajectoryId, domainId);
  const plans = useResource<PlannedMeasurements>(plansKey(trajectoryId), () => api.get(`/api/v1/trajectories/${trajectoryId}/measurement-plans`));
  const verdicts = useResource<SignalVerdict[]>(verdictsKey(trajectoryId), () => api.get(`/api/v1/trajectories/${trajectoryId}/signal-verdicts`));
  const results = useResource<QuestionnaireResults>(resultsKey(trajectoryId), () => loadResults(api, trajectoryId));
  const mayRecord = Boolean(access?.permissions.includes('signal.record'));
  const bodies = useResource<Body[]>(mayRecord ? bodiesKey(trajectoryId) : null, () => api.get(`/api/v1/trajectories/${trajectoryId}/bodies`));
  const planEverywhere = Boolean(access?.permissions.includes('domain.edit'));
  const workGroupDomainIds = access?.workGroupDomainIds;
  const mayPlan = planEverywhere || Boolean(workGroupDomainIds?.length);
  const people = useResource<Person[]>(mayPlan ? `people:${trajectoryId}` : null, () => api.get(`/api/v1/trajectories/${trajectoryId}/people`));
  const planning = useMemo<Planning | null>(
    () => (mayPlan && people.data ? { trajectoryId, domainIds: planEverywhere ? 'all' : new Set(workGroupDomainIds ?? []), people: people.data } : null),
    [mayPlan, planEverywhere, workGroupDomainIds, people.data, trajectoryId],
  );
  const planById = useMemo(() => new Map((plans.data?.plans ?? []).map((p) => [p.indicatorId, p])), [plans.data]);
  const ready = Boolean(plan.data && indicators.data && plans.data && verdicts.data && (results.data || results.error) && (!mayPlan || people.data || people.error));
  const domains = (plan.data?.domains ?? []).filter((d) => !domainId || d.id === domainId);
  const error = plan.error ?? indicators.error ?? plans.error ?? verdicts.error;
  return (
    <ViewRoot name="evaluation" title={i18n.t('evaluation.title')} subtitle={i18n.t('evaluation.subtitle')} ready={ready}>
      {error ? <ErrorBox error={error} onRetry={() => void plan.reload()} /> : null}
      {plan.data ? (
        <nav aria-label={i18n.t('evaluation.scope')}>
          <ul className={styles.scope}>
            <li>
              <a className={mergeClasses(styles.scopeLink, !domainId && styles.current)} href={scopeHref(trajectoryId)} aria-current={!domainId ? 'page' : undefined}>
                {i18n.t('evaluation.wholePlan')}
              </a>
            </li>
            {plan.data.domains.map((d) => (
              <li key={d.id}>
                <a className={mergeClasses(styles.scopeLink, domainId === d.id && styles.current)} href={scopeHref(trajectoryId, d.id)} aria-current={domainId === d.id ? 'page' : undefined}>
                  {d.name}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {ready && !domains.length ? <p>{i18n.t('evaluation.noDomains')}</p> : null}
      {ready
        ? domains.map((d) => (
            <DomainSection
              key={d.id}
              trajectoryId={trajectoryId}
              domain={d}
              indicators={indicators.data ?? new Map<string, PlanIndicator[]>()}
              plans={planById}
              verdicts={verdicts.data ?? []}
              results={(results.data?.results ?? []).filter((r) => r.domainId === d.id)}
              planning={planning}
            />
          ))
        : null}
      {ready && mayRecord && plan.data && bodies.data ? (
        <VerdictForm trajectoryId={trajectoryId} plan={plan.data} groups={bodies.data.filter((b) => b.kind === 'parents_group' && b.signalGroup)} />
      ) : null}
    </ViewRoot>
  );
}
