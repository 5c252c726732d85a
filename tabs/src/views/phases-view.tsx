import { Button, Field, Input, makeStyles, mergeClasses, MessageBar, MessageBarBody, Spinner, Textarea, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { PhaseState, RoadmapPhaseInfo, Trajectory } from '../api/types';
import { useApp } from '../app-context';
import { fieldState, FormError, useFormStyles, useSubmit } from '../components/form';
import { Check, Circle, HalfCircle, Info, Warning } from '../components/icons';
import { ErrorBox } from '../components/problem';
import { useCardStyles, ViewRoot } from '../components/view';
import { mutateResource, useResource } from '../data/resource';
import { label, useI18n, type I18n, type PluralKey } from '../i18n/i18n';
import { parseAmount } from '../../../src/shared/i18n/numbers';
import type { MessageKey } from '../../../src/shared/i18n/messages/nl';
import { paths } from '../router';

export interface PhasesViewProps {
  trajectoryId: string;
  access: Trajectory | undefined;
}

const useStyles = makeStyles({
  phases: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`, marginBottom: tokens.spacingVerticalM },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold, minWidth: 0, overflowWrap: 'anywhere' },
  step: { display: 'block', fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground2 },
  badge: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    padding: `2px ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
  },
  done: { color: tokens.colorPaletteGreenForeground1, backgroundColor: tokens.colorPaletteGreenBackground1 },
  in_progress: { color: tokens.colorBrandForeground1, backgroundColor: tokens.colorBrandBackground2 },
  todo: { color: tokens.colorNeutralForeground2, backgroundColor: tokens.colorNeutralBackground3 },
  date: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  body: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)',
    gap: tokens.spacingHorizontalXL,
    '@media (max-width: 760px)': { gridTemplateColumns: 'minmax(0, 1fr)', gap: tokens.spacingVerticalM },
  },
  subheading: { margin: `0 0 ${tokens.spacingVerticalXS}`, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  asks: { margin: `0 0 ${tokens.spacingVerticalM}`, paddingInlineStart: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  who: { margin: 0 },
  evidence: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  fact: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start' },
  factIcon: { flexShrink: 0, marginTop: '3px' },
  met: { color: tokens.colorPaletteGreenForeground1 },
  missing: { color: tokens.colorPaletteDarkOrangeForeground1 },
  info: { color: tokens.colorNeutralForeground3 },
  go: { display: 'inline-flex', alignItems: 'center', minHeight: '44px', marginTop: tokens.spacingVerticalS },
  goButton: { minHeight: '44px', marginTop: tokens.spacingVerticalS },
  save: { minHeight: '44px', alignSelf: 'flex-start' },
  input: { minHeight: '44px' },
  records: { display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`, margin: 0, '@media (max-width: 520px)': { gridTemplateColumns: 'minmax(0, 1fr)' } },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, overflowWrap: 'anywhere', '@media (max-width: 520px)': { marginBottom: tokens.spacingVerticalS } },
});

// Amounts are typed and shown the Belgian way (1.500,50) whatever the interface language: the
// college's decision is written like that.
const belgianNumber = new Intl.NumberFormat('nl-BE', { maximumFractionDigits: 2 });
const belgianMoney = new Intl.NumberFormat('nl-BE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const belgianEuro = new Intl.NumberFormat('nl-BE', { style: 'currency', currency: 'EUR' });

/** A number typed the Belgian way ("1.500,50", "1500,5", "1 500", "1500.50"): the shared reader. Empty is null; unreadable or negative is 'invalid'. */
export function parseBelgianNumber(text: string): number | null | 'invalid' {
  if (text.trim() === '') return null;
  const parsed = parseAmount(text, 'nl');
  return parsed.ok && parsed.value >= 0 ? parsed.value : 'invalid';
}

const decimalsOk = (n: number) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6;

const pluralEvidence = new Set([
  'context_indicators',
  'inventory_initiatives',
  'steering_parents',
  'active_domains',
  'objectives',
  'objective_smart_incomplete',
  'actions',
  'objectives_without_actions',
  'action_without_owner',
  'action_without_due_date',
  'owner_overloaded',
  'actions_overdue',
  'indicators',
  'action_without_outcome_indicator',
  'indicators_without_baseline',
  'indicators_without_measurement',
]);

type Evidence = RoadmapPhaseInfo['evidence'][number];

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** The evidence in plain words, from its code and params. */
export function evidenceText(i18n: I18n, e: Evidence): string {
  const p = e.params;
  const key = `phases.ev.${e.code}`;
  const str = (name: string) => (typeof p[name] === 'string' ? (p[name] as string) : '');
  switch (e.code) {
    case 'policy_decided':
    case 'steering_group_met':
    case 'last_measurement':
      return i18n.t(key as MessageKey, { date: i18n.date(str('date')) });
    case 'policy_staff_time':
      return i18n.t('phases.ev.policy_staff_time', { fte: belgianNumber.format(Number(p.fte ?? 0)) });
    case 'policy_budget':
      return i18n.t('phases.ev.policy_budget', { amount: belgianEuro.format(Number(p.amount ?? 0)) });
    case 'coordinator_appointed': {
      const appointed = i18n.t('phases.ev.coordinator_appointed', { date: i18n.date(str('date')) });
      return typeof p.jobShare === 'number' ? `${appointed} ${i18n.t('phases.ev.coordinator_job_share', { share: p.jobShare })}` : appointed;
    }
    case 'facilitator_engaged': {
      const parts = [str('organisation') ? i18n.t('phases.ev.facilitator_organisation', { organisation: str('organisation') }) : i18n.t('phases.ev.facilitator_engaged')];
      if (str('date')) parts.push(i18n.t('phases.ev.facilitator_since', { date: i18n.date(str('date')) }));
      return parts.join(' ');
    }
    case 'context_without_comparison':
      return i18n.t('phases.ev.context_without_comparison', { indicators: i18n.list(list(p.indicators).map((c) => label(i18n, 'phases.indicator', c))) });
    case 'steering_roles_missing':
      return i18n.t('phases.ev.steering_roles_missing', { roles: i18n.list(list(p.roles).map((r) => label(i18n, 'phases.steeringRole', r))) });
    case 'steering_session_held':
      return i18n.t('phases.ev.steering_session_held', { number: Number(p.number ?? 0), date: i18n.date(str('date')) });
    case 'domains_without_work_group':
    case 'work_groups_without_members':
    case 'domains_without_objectives':
      return i18n.t(key as MessageKey, { domains: i18n.list(list(p.domains)) });
    default: {
      const params = Object.fromEntries(Object.entries(p).filter((x): x is [string, string | number] => typeof x[1] === 'string' || typeof x[1] === 'number'));
      if (pluralEvidence.has(e.code)) return i18n.tc(key as PluralKey, Number(p.count ?? 0), params);
      return i18n.has(key) ? i18n.t(key, params) : e.code;
    }
  }
}

function StateBadge({ state }: { state: PhaseState }) {
  const i18n = useI18n();
  const styles = useStyles();
  const Icon = state === 'done' ? Check : state === 'in_progress' ? HalfCircle : Circle;
  return (
    <span className={mergeClasses(styles.badge, styles[state])} data-state={state}>
      <Icon size={14} />
      {label(i18n, 'phaseState', state)}
    </span>
  );
}

function Fact({ e }: { e: Evidence }) {
  const i18n = useI18n();
  const styles = useStyles();
  const card = useCardStyles();
  const [Icon, tone, status] = e.met === true ? [Check, styles.met, i18n.t('phases.met')] : e.met === false ? [Warning, styles.missing, i18n.t('phases.missing')] : [Info, styles.info, i18n.t('phases.info')];
  return (
    <li className={styles.fact} data-evidence={e.code} data-met={String(e.met)}>
      <span className={mergeClasses(styles.factIcon, tone)}>
        <Icon size={16} />
      </span>
      <span>
        <span className={card.srOnly}>{status}: </span>
        {evidenceText(i18n, e)}
      </span>
    </li>
  );
}

function PhaseItem({ trajectoryId, phase, canEdit, onOpenForm }: { trajectoryId: string; phase: RoadmapPhaseInfo; canEdit: boolean; onOpenForm: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const headingId = `phase-${phase.phase}`;
  const viewName = t(`phases.view.${phase.view}` as MessageKey);
  return (
    <li className={card.card} data-phase={phase.phase} data-state={phase.state}>
      <div className={styles.header}>
        <h2 id={headingId} className={styles.title}>
          <span className={styles.step}>{t('phases.step', { number: phase.number })}</span>
          {label(i18n, 'phase', phase.phase)}
        </h2>
        <StateBadge state={phase.state} />
        {phase.date ? <span className={styles.date}>{t('phases.doneOn', { date: i18n.date(phase.date) })}</span> : null}
      </div>
      <div className={styles.body}>
        <div>
          <h3 className={styles.subheading}>{t('phases.asksHeading')}</h3>
          <ul className={styles.asks}>
            {phase.asks.map((code) => (
              <li key={code}>{label(i18n, 'phases.ask', code)}</li>
            ))}
          </ul>
          <h3 className={styles.subheading}>{t('phases.whoHeading')}</h3>
          <p className={styles.who}>{i18n.list(phase.who.map((w) => label(i18n, 'phases.actor', w)))}</p>
        </div>
        <div>
          <h3 className={styles.subheading}>{t('phases.evidenceHeading')}</h3>
          <ul className={styles.evidence}>
            {phase.evidence.map((e, index) => (
              <Fact key={`${e.code}:${index}`} e={e} />
            ))}
          </ul>
          {phase.view === 'phases' ? (
            canEdit ? (
              <Button appearance="secondary" className={styles.goButton} onClick={onOpenForm}>
                {t('phases.goToForm')}
                <span className={card.srOnly}>: {label(i18n, 'phase', phase.phase)}</span>
              </Button>
            ) : null
          ) : (
            <a className={mergeClasses(card.link, styles.go)} href={linkTo(trajectoryId, phase.view)} data-goto={phase.view}>
              {t('phases.goTo', { view: viewName })}
            </a>
          )}
        </div>
      </div>
    </li>
  );
}

function linkTo(trajectoryId: string, view: RoadmapPhaseInfo['view']): string {
  switch (view) {
    case 'plan':
      return paths.plan(trajectoryId);
    case 'board':
      return paths.board(trajectoryId);
    case 'members':
      return paths.members(trajectoryId);
    case 'context':
      return paths.context(trajectoryId);
    case 'inventory':
      return paths.inventory(trajectoryId);
    case 'focusGroups':
      return paths.focusGroups(trajectoryId);
    case 'steering':
      return paths.steering(trajectoryId);
    case 'phases':
      return paths.phases(trajectoryId);
    default:
      return paths.overview(trajectoryId);
  }
}

interface RecordsForm {
  policyDecidedOn: string;
  policyStaffFte: string;
  policyBudget: string;
  policyNote: string;
  coordinatorAppointedOn: string;
  coordinatorJobShare: string;
  facilitatorOrganisation: string;
  facilitatorEngagedOn: string;
}

function formOf(t: Trajectory): RecordsForm {
  return {
    policyDecidedOn: t.policyDecidedOn ?? '',
    policyStaffFte: t.policyStaffFte == null ? '' : belgianNumber.format(t.policyStaffFte),
    policyBudget: t.policyBudget == null ? '' : belgianMoney.format(t.policyBudget),
    policyNote: t.policyNote ?? '',
    coordinatorAppointedOn: t.coordinatorAppointedOn ?? '',
    coordinatorJobShare: t.coordinatorJobShare == null ? '' : String(t.coordinatorJobShare),
    facilitatorOrganisation: t.facilitatorOrganisation ?? '',
    facilitatorEngagedOn: t.facilitatorEngagedOn ?? '',
  };
}

/** The form's text as the API's body, or the fields that cannot be read (checked here, in the user's words). */
function bodyOf(i18n: I18n, f: RecordsForm): { body: Record<string, unknown>; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const fte = parseBelgianNumber(f.policyStaffFte);
  if (fte === 'invalid' || (fte !== null && (fte > 100 || !decimalsOk(fte)))) errors.policyStaffFte = i18n.t('phases.records.v.fte');
  const budget = parseBelgianNumber(f.policyBudget);
  if (budget === 'invalid' || (budget !== null && (budget > 999_999_999_999.99 || !decimalsOk(budget)))) errors.policyBudget = i18n.t('phases.records.v.amount');
  const share = f.coordinatorJobShare.trim() === '' ? null : /^\d{1,3}$/.test(f.coordinatorJobShare.trim()) ? Number(f.coordinatorJobShare.trim()) : NaN;
  if (share !== null && !(share >= 1 && share <= 100)) errors.coordinatorJobShare = i18n.t('phases.records.v.share');
  const date = (v: string) => (v.trim() === '' ? null : v);
  return {
    errors,
    body: {
      policyDecidedOn: date(f.policyDecidedOn),
      policyStaffFte: fte,
      policyBudget: budget,
      policyNote: f.policyNote,
      coordinatorAppointedOn: date(f.coordinatorAppointedOn),
      coordinatorJobShare: share,
      facilitatorOrganisation: f.facilitatorOrganisation.trim(),
      facilitatorEngagedOn: date(f.facilitatorEngagedOn),
    },
  };
}

const recordFields = [
  ['policyDecidedOn', 'policyStaffFte', 'policyBudget', 'policyNote'],
  ['coordinatorAppointedOn', 'coordinatorJobShare', 'facilitatorOrganisation', 'facilitatorEngagedOn'],
] as const;
type RecordField = (typeof recordFields)[number][number];

function RecordsView({ trajectory }: { trajectory: Trajectory }) {
  const i18n = useI18n();
  const styles = useStyles();
  const f = formOf(trajectory);
  const shown = (name: RecordField): string => {
    if (!f[name]) return i18n.t('phases.records.empty');
    if (name.endsWith('On')) return i18n.date(f[name]);
    if (name === 'policyBudget') return belgianEuro.format(trajectory.policyBudget ?? 0);
    if (name === 'coordinatorJobShare') return `${f[name]} %`;
    return f[name];
  };
  return (
    <dl className={styles.records}>
      {recordFields.flat().map((name) => (
        <div key={name} style={{ display: 'contents' }}>
          <dt className={styles.term}>{i18n.t(`phases.records.${name}`)}</dt>
          <dd className={styles.value} data-record={name}>
            {shown(name)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function RecordsEditor({ trajectory, onSaved, firstFieldRef }: { trajectory: Trajectory; onSaved: (t: Trajectory) => void; firstFieldRef: React.RefObject<HTMLInputElement | null> }) {
  const { api } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const form = useFormStyles();
  const { saving, errors: serverErrors, formError, submit } = useSubmit();
  const [values, setValues] = useState<RecordsForm>(() => formOf(trajectory));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const errors = { ...serverErrors, ...localErrors };
  const set = (name: keyof RecordsForm, value: string) => {
    setSaved(false);
    setValues((v) => ({ ...v, [name]: value }));
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const { body, errors: found } = bodyOf(i18n, values);
    setLocalErrors(found);
    setSaved(false);
    if (Object.keys(found).length) return;
    let updated: Trajectory | undefined;
    const ok = await submit(async () => {
      updated = await api.patch<Trajectory>(`/api/v1/trajectories/${trajectory.id}`, body);
    });
    if (ok && updated) {
      setValues(formOf(updated));
      setSaved(true);
      onSaved(updated);
    }
  };

  const text = (name: RecordField, options: { hint?: string; inputMode?: 'decimal' | 'numeric'; type?: 'date' } = {}) => (
    <Field label={t(`phases.records.${name}`)} hint={options.hint} {...fieldState(errors, name)}>
      <Input
        name={name}
        className={styles.input}
        value={values[name]}
        onChange={(_, d) => set(name, d.value)}
        {...(options.type ? { type: options.type } : {})}
        {...(options.inputMode ? { inputMode: options.inputMode } : {})}
        {...(name === 'policyDecidedOn' ? { ref: firstFieldRef } : {})}
      />
    </Field>
  );

  return (
    <form className={form.form} onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="records-heading">
      <fieldset className={form.fieldset}>
        <legend className={form.legend}>{t('phases.records.policy')}</legend>
        <div className={form.form}>
          <div className={form.row}>
            {text('policyDecidedOn', { type: 'date' })}
            {text('policyStaffFte', { hint: t('phases.records.fteHint'), inputMode: 'decimal' })}
            {text('policyBudget', { hint: t('phases.records.amountHint'), inputMode: 'decimal' })}
          </div>
          <Field label={t('phases.records.policyNote')} {...fieldState(errors, 'policyNote')}>
            <Textarea name="policyNote" rows={3} value={values.policyNote} onChange={(_, d) => set('policyNote', d.value)} resize="vertical" />
          </Field>
        </div>
      </fieldset>
      <fieldset className={form.fieldset}>
        <legend className={form.legend}>{t('phases.records.coordinator')}</legend>
        <div className={form.row}>
          {text('coordinatorAppointedOn', { type: 'date' })}
          {text('coordinatorJobShare', { inputMode: 'numeric' })}
          {text('facilitatorOrganisation')}
          {text('facilitatorEngagedOn', { type: 'date' })}
        </div>
      </fieldset>
      <FormError message={formError} />
      {saved ? (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{t('phases.records.saved')}</MessageBarBody>
        </MessageBar>
      ) : null}
      <Button appearance="primary" type="submit" disabled={saving} className={styles.save}>
        {t('phases.records.save')}
      </Button>
    </form>
  );
}

export function PhasesView({ trajectoryId, access }: PhasesViewProps) {
  const { api } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const phases = useResource<RoadmapPhaseInfo[]>(`phases:${trajectoryId}`, () => api.get(`/api/v1/trajectories/${trajectoryId}/phases`));
  const firstField = useRef<HTMLInputElement | null>(null);
  const [focusForm, setFocusForm] = useState(false);
  const trajectory = access?.id === trajectoryId ? access : undefined;
  const canEdit = Boolean(trajectory?.permissions.includes('trajectory.edit'));
  const data = phases.data;
  const done = data?.filter((p) => p.state === 'done').length ?? 0;

  useEffect(() => {
    if (!focusForm) return;
    firstField.current?.scrollIntoView({ block: 'center' });
    firstField.current?.focus();
    setFocusForm(false);
  }, [focusForm]);

  const onSaved = (updated: Trajectory) => {
    mutateResource<Trajectory>(`trajectory:${trajectoryId}`, (current) => ({ ...current, ...updated }));
    void phases.reload();
  };

  return (
    <ViewRoot name="phases" title={t('phases.title')} subtitle={data ? t('phases.summary', { done, total: data.length }) : undefined} ready={Boolean(data && trajectory)}>
      <p className={card.muted} style={{ margin: 0 }}>
        {t('phases.intro')}
      </p>
      {phases.error ? <ErrorBox error={phases.error} onRetry={() => void phases.reload()} /> : null}
      {!data && !phases.error ? <Spinner label={t('app.loading')} /> : null}
      {data ? (
        <ol className={styles.phases} aria-label={t('phases.title')}>
          {data.map((p) => (
            <PhaseItem key={p.phase} trajectoryId={trajectoryId} phase={p} canEdit={canEdit} onOpenForm={() => setFocusForm(true)} />
          ))}
        </ol>
      ) : null}
      {trajectory ? (
        <section className={card.card} aria-labelledby="records-heading" data-records={canEdit ? 'edit' : 'read'}>
          <h2 id="records-heading" className={card.heading}>
            {t('phases.records.title')}
          </h2>
          <p className={card.muted} style={{ marginTop: 0 }}>
            {t('phases.records.intro')}
            {canEdit ? ` ${t('phases.records.typing')}` : ''}
          </p>
          {canEdit ? <RecordsEditor trajectory={trajectory} onSaved={onSaved} firstFieldRef={firstField} /> : <RecordsView trajectory={trajectory} />}
        </section>
      ) : null}
    </ViewRoot>
  );
}
