import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  Radio,
  RadioGroup,
  Spinner,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { Action, Indicator, Measurement } from '../api/types';
import { useApp } from '../app-context';
import { LineChart } from '../components/charts';
import { ConfirmDelete } from '../components/confirm-delete';
import { fieldState, FormError, useFormStyles, useSubmit } from '../components/form';
import { Pencil, Plus } from '../components/icons';
import { ErrorBox } from '../components/problem';
import { useCardStyles } from '../components/view';
import { PlanDeleteButton } from '../dialogs/plan-delete-button';
import { reloadPlanIndicators } from '../data/plan';
import { loadResource, useResource } from '../data/resource';
import { label, useI18n, type I18n } from '../i18n/i18n';
import { amountErrorKeys, parseAmount } from '../../../src/shared/i18n/numbers';

/*
 * Shaping an action's indicators and recording their measurements, from the action's drawer.
 * Every control is rendered from the server's answer (`can` on the action, each indicator and
 * each measurement): the work group of the domain shapes indicators, whoever carries the action
 * out measures.
 */

type MeasurementRow = Measurement & { can?: { edit: boolean; delete: boolean } };

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  h3: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    padding: tokens.spacingVerticalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  name: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  meta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  tools: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  touch: { minHeight: '44px', minWidth: '44px' },
  measurements: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  measurement: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS, borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, paddingBottom: tokens.spacingVerticalXS },
  value: { fontWeight: tokens.fontWeightSemibold, minWidth: '5rem' },
  grow: { flexGrow: 1, minWidth: '8rem', overflowWrap: 'anywhere' },
  preview: { border: `1px dashed ${tokens.colorNeutralStroke1}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingVerticalS },
  h4: { margin: `0 0 ${tokens.spacingVerticalXS}`, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
});

/** A number typed the Belgian way (1.250,5), or empty; `bad` with the message to show. */
function readNumber(i18n: I18n, text: string): { value: number | null } | { bad: string } {
  if (!text.trim()) return { value: null };
  const parsed = parseAmount(text, i18n.lang);
  return parsed.ok ? { value: parsed.value } : { bad: i18n.has(amountErrorKeys[parsed.reason]) ? i18n.t(amountErrorKeys[parsed.reason]) : i18n.t('indicators.badNumber') };
}

const numberText = (i18n: I18n, value: number | null | undefined) => (value === null || value === undefined ? '' : i18n.number(value));

function reloadIndicators(api: ReturnType<typeof useApp>['api'], actionId: string, trajectoryId: string | undefined, indicatorId?: string) {
  const work = [loadResource(`indicators:${actionId}`, () => api.get(`/api/v1/actions/${actionId}/indicators`))];
  if (indicatorId) work.push(loadResource(`measurements:${indicatorId}`, () => api.get(`/api/v1/indicators/${indicatorId}/measurements`)));
  // The plan's indicator reads carry each indicator's latest value: the board's bars and the evaluation read them.
  if (trajectoryId) work.push(reloadPlanIndicators(trajectoryId));
  return Promise.all(work);
}

function IndicatorDialog({ open, actionId, trajectoryId, indicator, onClose }: { open: boolean; actionId: string; trajectoryId: string | undefined; indicator: Indicator | null; onClose: () => void }) {
  const { api, announce } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const form = useFormStyles();
  const styles = useStyles();
  const [name, setName] = useState(indicator?.name ?? '');
  const [kind, setKind] = useState<string>(indicator?.kind ?? 'output');
  const [unit, setUnit] = useState(indicator?.unit ?? '');
  const [baseline, setBaseline] = useState(numberText(i18n, indicator?.baseline));
  const [target, setTarget] = useState(numberText(i18n, indicator?.target));
  const [local, setLocal] = useState<Record<string, string>>({});
  const { saving, errors, formError, submit } = useSubmit();
  const shown = { ...errors, ...local };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const b = readNumber(i18n, baseline);
    const g = readNumber(i18n, target);
    const problems: Record<string, string> = {};
    if ('bad' in b) problems.baseline = b.bad;
    if ('bad' in g) problems.target = g.bad;
    setLocal(problems);
    if (Object.keys(problems).length) return;
    const body = { name, kind, unit, baseline: 'value' in b ? b.value : null, target: 'value' in g ? g.value : null };
    const ok = await submit(async () => {
      if (indicator) await api.patch(`/api/v1/indicators/${indicator.id}`, body);
      else await api.post(`/api/v1/actions/${actionId}/indicators`, body);
      await reloadIndicators(api, actionId, trajectoryId);
    });
    if (ok) {
      announce(t(indicator ? 'form.saved' : 'form.created', { name: name.trim() }));
      onClose();
    }
  };

  return (
    <Dialog open={open} onOpenChange={(_, data) => (data.open ? undefined : onClose())}>
      <DialogSurface>
        <form onSubmit={(e) => void save(e)} noValidate>
          <DialogBody>
            <DialogTitle>{indicator ? t('indicators.edit') : t('indicators.new')}</DialogTitle>
            <DialogContent className={form.form}>
              <FormError message={formError} />
              <Field label={t('indicators.field.name')} required {...fieldState(shown, 'name')}>
                <Input name="name" value={name} onChange={(_, d) => setName(d.value)} />
              </Field>
              <Field label={t('indicators.field.kind')} hint={t('indicators.kindHint')} {...fieldState(shown, 'kind')}>
                <RadioGroup value={kind} onChange={(_, d) => setKind(d.value)} layout="horizontal">
                  <Radio value="output" label={label(i18n, 'indicatorKind', 'output')} />
                  <Radio value="outcome" label={label(i18n, 'indicatorKind', 'outcome')} />
                </RadioGroup>
              </Field>
              <div className={form.row}>
                <Field label={t('indicators.field.unit')} hint={t('indicators.unitHint')} {...fieldState(shown, 'unit')}>
                  <Input name="unit" value={unit} onChange={(_, d) => setUnit(d.value)} />
                </Field>
                <Field label={t('indicators.field.baseline')} {...fieldState(shown, 'baseline')}>
                  <Input name="baseline" inputMode="decimal" value={baseline} onChange={(_, d) => setBaseline(d.value)} />
                </Field>
                <Field label={t('indicators.field.target')} {...fieldState(shown, 'target')}>
                  <Input name="target" inputMode="decimal" value={target} onChange={(_, d) => setTarget(d.value)} />
                </Field>
              </div>
            </DialogContent>
            <DialogActions fluid>
              {indicator?.can?.delete ? (
                <PlanDeleteButton
                  kind="indicator"
                  id={indicator.id}
                  onDeleted={() => {
                    void reloadIndicators(api, actionId, trajectoryId);
                    onClose();
                  }}
                />
              ) : null}
              <Button className={styles.touch} appearance="secondary" onClick={onClose}>
                {t('form.cancel')}
              </Button>
              <Button className={styles.touch} type="submit" appearance="primary" disabled={saving}>
                {saving ? t('form.saving') : t('form.save')}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

function MeasurementsDialog({ open, actionId, trajectoryId, indicator, onClose }: { open: boolean; actionId: string; trajectoryId: string | undefined; indicator: Indicator; onClose: () => void }) {
  const { api, announce } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const form = useFormStyles();
  const styles = useStyles();
  const card = useCardStyles();
  const measurements = useResource<MeasurementRow[]>(`measurements:${indicator.id}`, () => api.get(`/api/v1/indicators/${indicator.id}/measurements`));
  const [editing, setEditing] = useState<MeasurementRow | null>(null);
  const [measuredOn, setMeasuredOn] = useState('');
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [removing, setRemoving] = useState<MeasurementRow | null>(null);
  const { saving, errors, formError, submit } = useSubmit();
  const shown = { ...errors, ...local };
  const measure = Boolean(indicator.can?.measure);

  const startEdit = (m: MeasurementRow | null) => {
    setEditing(m);
    setMeasuredOn(m?.measuredOn ?? '');
    setValue(m ? i18n.number(m.value) : '');
    setNote(m?.note ?? '');
    setLocal({});
  };

  // The preview shows the saved measurements with the one being typed, before it is saved.
  const typed = readNumber(i18n, value);
  const draft = measuredOn && 'value' in typed && typed.value !== null ? { id: 'draft', measuredOn, value: typed.value, note } : null;
  const points = [...(measurements.data ?? []).filter((m) => m.id !== editing?.id), ...(draft ? [draft] : [])].sort((a, b) => a.measuredOn.localeCompare(b.measuredOn));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if ('bad' in typed || typed.value === null) {
      setLocal({ value: 'bad' in typed ? typed.bad : t('indicators.badNumber') });
      return;
    }
    setLocal({});
    const body = { measuredOn, value: typed.value, note };
    const ok = await submit(async () => {
      if (editing) await api.patch(`/api/v1/measurements/${editing.id}`, body);
      else await api.post(`/api/v1/indicators/${indicator.id}/measurements`, body);
      await reloadIndicators(api, actionId, trajectoryId, indicator.id);
    });
    if (ok) {
      announce(t(editing ? 'form.saved' : 'form.created', { name: `${i18n.date(measuredOn)}: ${i18n.number(typed.value)}` }));
      startEdit(null);
    }
  };

  return (
    <>
      <Dialog open={open} onOpenChange={(_, data) => (data.open ? undefined : onClose())}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{t('indicators.measurementsOf', { name: indicator.name })}</DialogTitle>
            <DialogContent className={form.form}>
              <section className={styles.preview} aria-label={t('indicators.preview')} data-testid="measurement-preview">
                <h4 className={styles.h4}>{t('indicators.preview')}</h4>
                <LineChart name={indicator.name} unit={indicator.unit} measurements={points} baseline={indicator.baseline} target={indicator.target} />
              </section>
              {measurements.error ? <ErrorBox error={measurements.error} onRetry={() => void measurements.reload()} /> : null}
              {!measurements.data && !measurements.error ? <Spinner size="tiny" label={t('app.loading')} /> : null}
              {measurements.data && !measurements.data.length ? <p className={card.muted}>{t('indicators.noMeasurements')}</p> : null}
              {measurements.data?.length ? (
                <ul className={styles.measurements}>
                  {measurements.data.map((m) => (
                    <li key={m.id} className={styles.measurement}>
                      <span>{i18n.date(m.measuredOn)}</span>
                      <span className={styles.value}>
                        {i18n.number(m.value)}
                        {indicator.unit ? ` ${indicator.unit}` : ''}
                      </span>
                      <span className={styles.grow}>{m.note}</span>
                      {m.can?.edit ? (
                        <Button className={styles.touch} appearance="subtle" icon={<Pencil />} aria-label={t('indicators.editMeasurement', { date: i18n.date(m.measuredOn) })} onClick={() => startEdit(m)} />
                      ) : null}
                      {m.can?.delete ? (
                        <Button className={styles.touch} appearance="subtle" onClick={() => setRemoving(m)} aria-label={t('indicators.deleteMeasurement', { date: i18n.date(m.measuredOn) })}>
                          {t('planSetup.delete')}
                        </Button>
                      ) : null}
                    </li>
                  ))}
                </ul>
              ) : null}
              {measure ? (
                <form onSubmit={(e) => void save(e)} noValidate className={form.form} aria-label={editing ? t('indicators.editMeasurement', { date: i18n.date(editing.measuredOn) }) : t('indicators.addMeasurement')}>
                  <h4 className={styles.h4}>{editing ? t('indicators.editMeasurement', { date: i18n.date(editing.measuredOn) }) : t('indicators.addMeasurement')}</h4>
                  <FormError message={formError} />
                  <div className={form.row}>
                    <Field label={t('indicators.field.measuredOn')} required {...fieldState(shown, 'measuredOn')}>
                      <Input name="measuredOn" type="date" value={measuredOn} onChange={(_, d) => setMeasuredOn(d.value)} />
                    </Field>
                    <Field label={t('indicators.field.value')} required {...fieldState(shown, 'value')}>
                      <Input name="value" inputMode="decimal" value={value} onChange={(_, d) => setValue(d.value)} contentAfter={indicator.unit || undefined} />
                    </Field>
                  </div>
                  <Field label={t('indicators.field.note')} {...fieldState(shown, 'note')}>
                    <Textarea name="note" value={note} onChange={(_, d) => setNote(d.value)} resize="vertical" />
                  </Field>
                  <div className={styles.tools}>
                    <Button className={styles.touch} type="submit" appearance="primary" disabled={saving}>
                      {saving ? t('form.saving') : t('indicators.saveMeasurement')}
                    </Button>
                    {editing ? (
                      <Button className={styles.touch} onClick={() => startEdit(null)}>
                        {t('form.cancel')}
                      </Button>
                    ) : null}
                  </div>
                </form>
              ) : (
                <p className={card.muted}>{t('indicators.measuredBy')}</p>
              )}
            </DialogContent>
            <DialogActions>
              <Button className={styles.touch} onClick={onClose}>
                {t('indicators.close')}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
        {removing ? (
          <ConfirmDelete
            open
            title={t('planSetup.deleteTitle.measurement')}
            text={t('planSetup.deleteText', { name: `${i18n.date(removing.measuredOn)}: ${i18n.number(removing.value)}` })}
            impactLines={[]}
            confirmLabel={t('planSetup.delete')}
            onCancel={() => setRemoving(null)}
            onConfirm={async () => {
              await api.del(`/api/v1/measurements/${removing.id}`);
              await reloadIndicators(api, actionId, trajectoryId, indicator.id);
              announce(t('planSetup.deleted', { name: i18n.date(removing.measuredOn) }));
              if (editing?.id === removing.id) startEdit(null);
              setRemoving(null);
            }}
          />
        ) : null}
    </>
  );
}

type Open = { kind: 'indicator'; indicator: Indicator | null; key: number } | { kind: 'measurements'; indicator: Indicator; key: number } | null;

/** The drawer's part for changing indicators and measurements; nothing at all for who may change neither. */
export function IndicatorEditor({ actionId, trajectoryId }: { actionId: string; trajectoryId: string | undefined }) {
  const { api } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const action = useResource<Action>(`action:${actionId}`, () => api.get(`/api/v1/actions/${actionId}`));
  const indicators = useResource<Indicator[]>(`indicators:${actionId}`, () => api.get(`/api/v1/actions/${actionId}/indicators`));
  const [open, setOpen] = useState<Open>(null);
  const [shown, setShown] = useState(false);
  const mayAdd = Boolean(action.data?.id === actionId && action.data.can?.addIndicator);
  const list = indicators.data ?? [];
  const mayChange = mayAdd || list.some((i) => i.can?.edit || i.can?.measure);
  if (!mayChange) return null;
  const show = (next: NonNullable<Open>) => {
    setOpen(next);
    setShown(true);
  };
  const close = () => setShown(false);

  return (
    <section className={styles.section} aria-labelledby="indicator-editor" data-testid="indicator-editor">
      <h3 id="indicator-editor" className={styles.h3}>
        {t('indicators.manage')}
      </h3>
      <p className={card.muted}>{t('indicators.manageHint')}</p>
      {indicators.error ? <ErrorBox error={indicators.error} onRetry={() => void indicators.reload()} /> : null}
      {list.length ? (
        <ul className={styles.list}>
          {list.map((i) => (
            <li key={i.id} className={styles.item} data-indicator={i.name}>
              <span>
                <span className={styles.name}>{i.name}</span>{' '}
                <span className={styles.meta}>
                  ({label(i18n, 'indicatorKind', i.kind)}
                  {i.baseline !== null ? ` · ${t('indicators.field.baseline')} ${i18n.number(i.baseline)}` : ''}
                  {i.target !== null ? ` · ${t('indicators.field.target')} ${i18n.number(i.target)}` : ''}
                  {i.unit ? ` ${i.unit}` : ''})
                </span>
              </span>
              <span className={styles.tools}>
                {i.can?.edit ? (
                  <Button className={styles.touch} icon={<Pencil />} aria-label={t('indicators.editNamed', { name: i.name })} onClick={() => show({ kind: 'indicator', indicator: i, key: Date.now() })}>
                    {t('inventory.edit')}
                  </Button>
                ) : null}
                {i.can?.measure || i.can?.edit ? (
                  <Button className={styles.touch} aria-label={t('indicators.measurementsOf', { name: i.name })} onClick={() => show({ kind: 'measurements', indicator: i, key: Date.now() })}>
                    {t('indicators.measurements')}
                  </Button>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      ) : indicators.data ? (
        <p className={card.muted}>{t('indicators.none')}</p>
      ) : null}
      {mayAdd ? (
        <div>
          <Button className={styles.touch} icon={<Plus />} onClick={() => show({ kind: 'indicator', indicator: null, key: Date.now() })}>
            {t('indicators.add')}
          </Button>
        </div>
      ) : null}
      {open?.kind === 'indicator' ? <IndicatorDialog key={open.key} open={shown} actionId={actionId} trajectoryId={trajectoryId} indicator={open.indicator} onClose={close} /> : null}
      {open?.kind === 'measurements' ? (
        <MeasurementsDialog key={open.key} open={shown} actionId={actionId} trajectoryId={trajectoryId} indicator={list.find((i) => i.id === open.indicator.id) ?? open.indicator} onClose={close} />
      ) : null}
    </section>
  );
}
