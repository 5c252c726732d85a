import { Button, Field, Input, makeStyles, MessageBar, MessageBarActions, MessageBarBody, mergeClasses, Select, tokens } from '@fluentui/react-components';
import { useEffect, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { measurementFrequencies, type MeasurementFrequency, type Person, type PlannedMeasurement } from '../api/types';
import { useApp } from '../app-context';
import { emptyToNull, fieldState, FormError, useFormStyles, useSubmit } from '../components/form';
import { loadResource } from '../data/resource';
import { useI18n } from '../i18n/i18n';

/*
 * Planning how an indicator is measured, right where its figures are: who measures, how often,
 * from which source and, when the group agreed one, the date of the next measurement. Shown only
 * to whoever may design the action's domain (`domain.edit`); the server decides again.
 */

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  toggle: { alignSelf: 'flex-start', minHeight: '44px', maxWidth: '100%', whiteSpace: 'normal', textAlign: 'start' },
  form: {
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    minWidth: 0,
  },
  row: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 180px), 1fr))', gap: tokens.spacingHorizontalM, '& > *': { minWidth: 0 } },
  select: { width: '100%', minWidth: 0, '& select': { minWidth: 0, width: '100%', textOverflow: 'ellipsis' } },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, '& button': { minHeight: '44px' } },
  confirmActions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, '& button': { minHeight: '44px' } },
  status: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

export const measurementPlansKey = (trajectoryId: string): string => `measurement-plans:${trajectoryId}`;

export interface MeasurementPlanFormProps {
  trajectoryId: string;
  indicatorId: string;
  indicatorName: string;
  /** The id of the element naming the indicator, to tell the buttons of several indicators apart. */
  describedBy: string;
  plan: PlannedMeasurement | undefined;
  people: Person[];
}

export function MeasurementPlanForm({ trajectoryId, indicatorId, indicatorName, describedBy, plan, people }: MeasurementPlanFormProps) {
  const { api } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const form = useFormStyles();
  const toggleRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const firstRef = useRef<HTMLSelectElement>(null);
  const { saving, errors, formError, submit } = useSubmit();
  const removal = useSubmit();
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState('');
  const [measurerId, setMeasurerId] = useState('');
  const [frequency, setFrequency] = useState<MeasurementFrequency>('quarterly');
  const [source, setSource] = useState('');
  const [nextDueOn, setNextDueOn] = useState('');

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  useEffect(() => {
    if (open) firstRef.current?.focus();
  }, [open]);
  // Back to where the keyboard was once the form is gone: in the same commit that brings the
  // button back, so the status line never shows before the focus has landed.
  const [returnFocus, setReturnFocus] = useState(false);
  useLayoutEffect(() => {
    if (!open && returnFocus) {
      toggleRef.current?.focus();
      setReturnFocus(false);
    }
  }, [open, returnFocus]);

  const reload = () => loadResource(measurementPlansKey(trajectoryId), () => api.get(`/api/v1/trajectories/${trajectoryId}/measurement-plans`));

  const close = (message = '') => {
    setOpen(false);
    setConfirming(false);
    setStatus(message);
    setReturnFocus(true);
  };

  const start = () => {
    // Every opening starts from what is saved now, not from an abandoned edit.
    setMeasurerId(plan?.measurerId ?? '');
    setFrequency(plan?.frequency ?? 'quarterly');
    setSource(plan?.source ?? '');
    setNextDueOn(plan?.nextDueOn ?? '');
    setConfirming(false);
    setStatus('');
    setOpen(true);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit(async () => {
      const body = { measurerId: emptyToNull(measurerId), frequency, source: source.trim(), nextDueOn: emptyToNull(nextDueOn) };
      if (plan) await api.patch(`/api/v1/measurement-plans/${plan.id}`, body);
      else await api.post(`/api/v1/indicators/${indicatorId}/measurement-plans`, body);
      await reload();
    }).then((ok) => {
      if (ok) close(t('evaluation.planSaved'));
    });
  };

  const onRemove = () => {
    if (!plan) return;
    void removal
      .submit(async () => {
        await api.del(`/api/v1/measurement-plans/${plan.id}`);
        await reload();
      })
      .then((ok) => {
        if (ok) close(t('evaluation.planRemoved'));
      });
  };

  // The measurer keeps showing even if they no longer take part.
  const options = [...people].sort((a, b) => a.displayName.localeCompare(b.displayName, i18n.locale));
  const missing = plan?.measurerId && !options.some((p) => p.id === plan.measurerId) ? { id: plan.measurerId, displayName: plan.measurerName ?? plan.measurerId } : null;

  return (
    <div className={styles.root}>
      {open ? null : (
        <Button ref={toggleRef} className={styles.toggle} aria-describedby={describedBy} onClick={start}>
          {t(plan ? 'evaluation.planEdit' : 'evaluation.planCreate')}
        </Button>
      )}
      <p className={styles.status} role="status">
        {status}
      </p>
      {open ? (
        <form className={mergeClasses(form.form, styles.form)} onSubmit={onSubmit} noValidate aria-label={t('evaluation.planFormOf', { name: indicatorName })}>
          <div className={styles.row}>
            <Field label={t('evaluation.field.measurer')} {...fieldState(errors, 'measurerId')}>
              <Select ref={firstRef} className={styles.select} value={measurerId} onChange={(_e, d) => setMeasurerId(d.value)}>
                <option value="">{t('form.nobody')}</option>
                {missing ? <option value={missing.id}>{missing.displayName}</option> : null}
                {options.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.displayName}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t('evaluation.field.frequency')} required {...fieldState(errors, 'frequency')}>
              <Select className={styles.select} value={frequency} onChange={(_e, d) => setFrequency(d.value as MeasurementFrequency)}>
                {measurementFrequencies.map((f) => (
                  <option key={f} value={f}>
                    {t(`evaluation.frequency.${f}`)}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <div className={styles.row}>
            <Field label={t('evaluation.field.source')} hint={t('evaluation.field.sourceHint')} {...fieldState(errors, 'source')}>
              <Input value={source} onChange={(_e, d) => setSource(d.value)} />
            </Field>
            <Field label={t('evaluation.field.nextDueOn')} hint={t('evaluation.field.nextDueOnHint')} {...fieldState(errors, 'nextDueOn')}>
              <Input type="date" value={nextDueOn} onChange={(_e, d) => setNextDueOn(d.value)} />
            </Field>
          </div>
          <FormError message={formError} />
          <div className={styles.buttons}>
            <Button appearance="primary" type="submit" disabled={saving}>
              {saving ? t('form.saving') : t('evaluation.planSave')}
            </Button>
            <Button onClick={() => close()}>{t('form.cancel')}</Button>
            {plan && !confirming ? <Button onClick={() => setConfirming(true)}>{t('evaluation.planRemove')}</Button> : null}
          </div>
          {plan && confirming ? (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>{t('evaluation.planRemoveConfirm', { name: indicatorName })}</MessageBarBody>
              <MessageBarActions>
                <span className={styles.confirmActions}>
                  <Button ref={confirmRef} appearance="primary" disabled={removal.saving} onClick={onRemove}>
                    {t('evaluation.planRemoveYes')}
                  </Button>
                  <Button onClick={() => setConfirming(false)}>{t('evaluation.planRemoveNo')}</Button>
                </span>
              </MessageBarActions>
            </MessageBar>
          ) : null}
          <FormError message={removal.formError} />
        </form>
      ) : null}
    </div>
  );
}
