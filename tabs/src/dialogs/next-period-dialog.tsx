import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { Trajectory } from '../api/types';
import { useApp } from '../app-context';
import { fieldState, FormError, useFormStyles, useSubmit } from '../components/form';
import { clearResources } from '../data/resource';
import { useI18n } from '../i18n/i18n';
import { navigate, paths } from '../router';

/** A proposal for the next period: the same length, starting the day after this one ends. */
function proposal(trajectory: Trajectory): { periodStart: string; periodEnd: string } {
  const end = new Date(`${trajectory.periodEnd}T00:00:00Z`);
  const start = new Date(end.getTime() + 86_400_000);
  const years = Math.max(1, Number(trajectory.periodEnd.slice(0, 4)) - Number(trajectory.periodStart.slice(0, 4)) + 1);
  const last = new Date(Date.UTC(start.getUTCFullYear() + years, start.getUTCMonth(), start.getUTCDate() - 1));
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return { periodStart: iso(start), periodEnd: iso(last) };
}

export function NextPeriodDialog({ open, trajectory, onClose }: { open: boolean; trajectory: Trajectory; onClose: () => void }) {
  const { api, announce } = useApp();
  const { t } = useI18n();
  const styles = useFormStyles();
  const proposed = proposal(trajectory);
  const [name, setName] = useState(`${trajectory.name} ${proposed.periodStart.slice(0, 4)}–${proposed.periodEnd.slice(0, 4)}`);
  const [periodStart, setPeriodStart] = useState(proposed.periodStart);
  const [periodEnd, setPeriodEnd] = useState(proposed.periodEnd);
  const { saving, errors, formError, submit } = useSubmit();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const result: { id: string | null } = { id: null };
    const ok = await submit(async () => {
      const created = await api.post<{ trajectoryId: string }>(`/api/v1/trajectories/${trajectory.id}/next-period`, { name, periodStart, periodEnd });
      result.id = created.trajectoryId;
    });
    if (ok && result.id) {
      // Everything read of the old period (its permissions above all) changed with it.
      clearResources();
      announce(t('period.started'));
      onClose();
      navigate(paths.overview(result.id));
    }
  };

  return (
    <Dialog open={open} onOpenChange={(_, data) => (data.open ? undefined : onClose())}>
      <DialogSurface style={{ width: 'calc(100vw - 32px)', maxWidth: '600px' }}>
        <form onSubmit={(e) => void save(e)} noValidate>
          <DialogBody>
            <DialogTitle>{t('period.dialogTitle')}</DialogTitle>
            <DialogContent className={styles.form}>
              <p className={styles.under}>{t('period.dialogIntro')}</p>
              <MessageBar intent="warning">
                <MessageBarBody>{t('period.dialogWarning')}</MessageBarBody>
              </MessageBar>
              <FormError message={formError} />
              <Field label={t('period.name')} required {...fieldState(errors, 'name')}>
                <Input name="name" value={name} onChange={(_, d) => setName(d.value)} />
              </Field>
              <div className={styles.row}>
                <Field label={t('period.periodStart')} required {...fieldState(errors, 'periodStart')}>
                  <Input name="periodStart" type="date" value={periodStart} onChange={(_, d) => setPeriodStart(d.value)} />
                </Field>
                <Field label={t('period.periodEnd')} required {...fieldState(errors, 'periodEnd')}>
                  <Input name="periodEnd" type="date" value={periodEnd} onChange={(_, d) => setPeriodEnd(d.value)} />
                </Field>
              </div>
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onClose}>
                {t('form.cancel')}
              </Button>
              <Button type="submit" appearance="primary" disabled={saving}>
                {saving ? t('form.saving') : t('period.confirm')}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
