import { Button, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, Textarea } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { smartChecks, type PlanDomain, type PlanOperational, type PlanStrategic, type SmartCheck } from '../api/types';
import { useApp } from '../app-context';
import { AdjustmentFields, adjustmentBody, type AdjustmentValue } from '../components/adjustment-fields';
import { emptyToNull, fieldState, FormError, useFormStyles, useSubmit } from '../components/form';
import { useI18n } from '../i18n/i18n';
import { PlanDeleteButton } from './plan-delete-button';

export type ObjectiveTarget =
  | { kind: 'strategic'; domain: PlanDomain; existing?: PlanStrategic }
  | { kind: 'operational'; strategic: PlanStrategic; existing?: PlanOperational };

/** Create or edit a strategic or an operational objective (the latter with its SMART check). */
export function ObjectiveDialog({ open, target, onClose, onSaved }: { open: boolean; target: ObjectiveTarget; onClose: () => void; onSaved: (title: string, created: boolean) => Promise<void> }) {
  const { api } = useApp();
  const { t } = useI18n();
  const styles = useFormStyles();
  const existing = target.existing;
  const operational = target.kind === 'operational' ? target.existing : undefined;
  const [title, setTitle] = useState(existing?.title ?? '');
  const [description, setDescription] = useState(existing?.description ?? '');
  const [targetDate, setTargetDate] = useState(operational?.targetDate ?? '');
  const [smart, setSmart] = useState<Record<SmartCheck, boolean>>(() => Object.fromEntries(smartChecks.map((c) => [c, operational?.[c] ?? false])) as Record<SmartCheck, boolean>);
  const [verdict, setVerdict] = useState<AdjustmentValue>({ adjustment: existing?.adjustment ?? '', adjustmentReason: '' });
  const { saving, errors, formError, submit } = useSubmit();

  const heading =
    target.kind === 'strategic' ? t(existing ? 'dialog.editStrategic' : 'dialog.newStrategic') : t(existing ? 'dialog.editOperational' : 'dialog.newOperational');
  const parentName = target.kind === 'strategic' ? target.domain.name : target.strategic.title;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const body: Record<string, unknown> = { title, description };
    if (target.kind === 'operational') Object.assign(body, smart, { targetDate: emptyToNull(targetDate) });
    // The plan carries the verdict but not its reason: only a changed verdict is sent, with the reason typed here.
    if (existing && (verdict.adjustment !== (existing.adjustment ?? '') || verdict.adjustmentReason.trim())) Object.assign(body, adjustmentBody(verdict));
    const ok = await submit(async () => {
      if (target.kind === 'strategic') {
        if (existing) await api.patch(`/api/v1/strategic-objectives/${existing.id}`, body);
        else await api.post(`/api/v1/domains/${target.domain.id}/strategic-objectives`, body);
      } else if (existing) {
        await api.patch(`/api/v1/operational-objectives/${existing.id}`, body);
      } else {
        await api.post(`/api/v1/strategic-objectives/${target.strategic.id}/operational-objectives`, body);
      }
    });
    if (ok) await onSaved(title.trim(), !existing);
  };

  return (
    <Dialog open={open} onOpenChange={(_, data) => (data.open ? undefined : onClose())}>
      <DialogSurface>
        <form onSubmit={(e) => void save(e)} noValidate>
          <DialogBody>
            <DialogTitle>{heading}</DialogTitle>
            <DialogContent className={styles.form}>
              <p className={styles.under}>{t('form.under', { name: parentName })}</p>
              <FormError message={formError} />
              <Field label={t('form.title')} required {...fieldState(errors, 'title')}>
                <Input name="title" value={title} onChange={(_, d) => setTitle(d.value)} />
              </Field>
              <Field label={t('form.description')} {...fieldState(errors, 'description')}>
                <Textarea name="description" value={description} onChange={(_, d) => setDescription(d.value)} resize="vertical" />
              </Field>
              {target.kind === 'operational' ? (
                <>
                  <Field label={t('form.targetDate')} {...fieldState(errors, 'targetDate')}>
                    <Input name="targetDate" type="date" value={targetDate} onChange={(_, d) => setTargetDate(d.value)} />
                  </Field>
                  <fieldset className={styles.fieldset}>
                    <legend className={styles.legend}>{t('form.smart')}</legend>
                    <p className={styles.hint}>{t('form.smartHint')}</p>
                    <div className={styles.checks}>
                      {smartChecks.map((check) => (
                        <Checkbox key={check} name={check} label={t(`smart.${check}`)} checked={smart[check]} onChange={(_, d) => setSmart((s) => ({ ...s, [check]: d.checked === true }))} />
                      ))}
                    </div>
                  </fieldset>
                </>
              ) : null}
              {existing ? <AdjustmentFields value={verdict} onChange={setVerdict} errors={errors} /> : null}
            </DialogContent>
            <DialogActions>
              {existing ? <PlanDeleteButton kind={target.kind === 'strategic' ? 'strategic-objective' : 'operational-objective'} id={existing.id} onDeleted={onClose} /> : null}
              <Button appearance="secondary" onClick={onClose}>
                {t('form.cancel')}
              </Button>
              <Button type="submit" appearance="primary" disabled={saving}>
                {saving ? t('form.saving') : t('form.save')}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
