import { Button, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, makeStyles, MessageBar, MessageBarBody, Select } from '@fluentui/react-components';
import { useMemo, useState, type FormEvent } from 'react';
import type { Person, Plan, ReassignResult } from '../api/types';
import { useApp } from '../app-context';
import { FormError, fieldState, useFormStyles, useSubmit } from '../components/form';
import { allActions } from '../data/plan';
import { useResource } from '../data/resource';
import { useI18n } from '../i18n/i18n';

const useStyles = makeStyles({
  touch: { minHeight: '44px' },
  select: { minWidth: 0, width: '100%', '& select': { minWidth: 0, width: '100%', textOverflow: 'ellipsis' } },
});

/**
 * Every action of one owner to another at once (someone leaves the work group). The server
 * changes only the actions the caller may change the owner of and says how many it skipped.
 */
export function ReassignDialog({ open, trajectoryId, plan, onClose, onDone }: { open: boolean; trajectoryId: string; plan: Plan; onClose: () => void; onDone: () => Promise<void> }) {
  const { api, announce } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const form = useFormStyles();
  const styles = useStyles();
  const people = useResource<Person[]>(`people:${trajectoryId}`, () => api.get(`/api/v1/trajectories/${trajectoryId}/people`));
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [onlyOpen, setOnlyOpen] = useState(true);
  const [local, setLocal] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<string[] | null>(null);
  const { saving, errors, formError, submit } = useSubmit();

  const counts = useMemo(() => {
    const map = new Map<string, number>();
    for (const a of allActions(plan)) if (a.ownerId) map.set(a.ownerId, (map.get(a.ownerId) ?? 0) + 1);
    return map;
  }, [plan]);
  const owners = useMemo(() => plan.people.filter((p) => counts.has(p.id)).sort((a, b) => a.displayName.localeCompare(b.displayName, i18n.locale)), [plan, counts, i18n.locale]);
  // Parents carry no actions: they take part through their group and their trusted person.
  const candidates = useMemo(() => (people.data ?? []).filter((p) => !p.isParent).sort((a, b) => a.displayName.localeCompare(b.displayName, i18n.locale)), [people.data, i18n.locale]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    if (!from || !to) return setLocal(t('reassign.chooseBoth'));
    if (from === to) return setLocal(t('reassign.same'));
    setLocal(null);
    let result: ReassignResult | undefined;
    const ok = await submit(async () => {
      result = await api.post<ReassignResult>(`/api/v1/trajectories/${trajectoryId}/actions/reassign`, { fromPersonId: from, toPersonId: to, onlyOpen });
    });
    if (!ok || !result) return;
    const name = candidates.find((p) => p.id === to)?.displayName ?? '';
    const lines = [result.reassigned ? i18n.tc('reassign.done', result.reassigned, { name }) : t('reassign.nothing')];
    if (result.skipped) lines.push(i18n.tc('reassign.skipped', result.skipped));
    setOutcome(lines);
    announce(lines.join(' '));
    await onDone();
  };

  return (
    <Dialog open={open} onOpenChange={(_, data) => (data.open ? undefined : onClose())}>
      <DialogSurface>
        <form onSubmit={(e) => void save(e)} noValidate>
          <DialogBody>
            <DialogTitle>{t('reassign.title')}</DialogTitle>
            <DialogContent className={form.form}>
              <p className={form.hint}>{t('reassign.hint')}</p>
              <FormError message={local ?? formError} />
              <Field label={t('reassign.from')} required {...fieldState(errors, 'fromPersonId')}>
                <Select className={styles.select} name="fromPersonId" value={from} onChange={(_, d) => setFrom(d.value)}>
                  <option value="">{t('reassign.choose')}</option>
                  {owners.map((p) => (
                    <option key={p.id} value={p.id}>
                      {i18n.tc('reassign.ownerOf', counts.get(p.id) ?? 0, { name: p.displayName })}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label={t('reassign.to')} required {...fieldState(errors, 'toPersonId')}>
                <Select className={styles.select} name="toPersonId" value={to} onChange={(_, d) => setTo(d.value)}>
                  <option value="">{t('reassign.choose')}</option>
                  {candidates.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.displayName}
                    </option>
                  ))}
                </Select>
              </Field>
              <Checkbox label={t('reassign.onlyOpen')} checked={onlyOpen} onChange={(_, d) => setOnlyOpen(d.checked === true)} />
              <div role="status" aria-live="polite">
                {outcome ? (
                  <MessageBar intent="success" layout="multiline">
                    <MessageBarBody data-testid="reassign-outcome">{outcome.join(' ')}</MessageBarBody>
                  </MessageBar>
                ) : null}
              </div>
            </DialogContent>
            <DialogActions>
              <Button className={styles.touch} appearance="secondary" onClick={onClose}>
                {t('indicators.close')}
              </Button>
              <Button className={styles.touch} type="submit" appearance="primary" disabled={saving}>
                {saving ? t('reassign.working') : t('reassign.submit')}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
