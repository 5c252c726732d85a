import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, Radio, RadioGroup } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { PlanDomain } from '../api/types';
import { useApp } from '../app-context';
import { fieldState, FormError, useFormStyles, useSubmit } from '../components/form';
import { useI18n } from '../i18n/i18n';
import { PlanDeleteButton } from './plan-delete-button';

/** The steering group's choices about a domain: its name, its approach and whether it runs now. Without `domain`: a new one in `trajectoryId`. */
export function DomainDialog({ open, domain, trajectoryId, onClose, onSaved }: { open: boolean; domain?: PlanDomain; trajectoryId?: string; onClose: () => void; onSaved: (name: string) => Promise<void> }) {
  const { api } = useApp();
  const { t } = useI18n();
  const styles = useFormStyles();
  const [name, setName] = useState(domain?.name ?? '');
  const [approach, setApproach] = useState(domain?.approach ?? 'structural');
  const [state, setState] = useState(domain?.state ?? 'active');
  const { saving, errors, formError, submit } = useSubmit();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await submit(async () => {
      if (domain) await api.patch(`/api/v1/domains/${domain.id}`, { name, approach, state });
      else await api.post(`/api/v1/trajectories/${trajectoryId}/domains`, { name, approach, state });
    });
    if (ok) await onSaved(name.trim());
  };

  return (
    <Dialog open={open} onOpenChange={(_, data) => (data.open ? undefined : onClose())}>
      <DialogSurface>
        <form onSubmit={(e) => void save(e)} noValidate>
          <DialogBody>
            <DialogTitle>{domain ? t('plan.edit', { name: domain.name }) : t('planSetup.newDomain')}</DialogTitle>
            <DialogContent className={styles.form}>
              <FormError message={formError} />
              <Field label={t('plan.level.domain')} required {...fieldState(errors, 'name')}>
                <Input name="name" value={name} onChange={(_, d) => setName(d.value)} />
              </Field>
              <Field label={t('form.approach')} {...fieldState(errors, 'approach')}>
                <RadioGroup value={approach} onChange={(_, d) => setApproach(d.value)} layout="horizontal">
                  <Radio value="structural" label={t('approach.structural')} />
                  <Radio value="mitigating" label={t('approach.mitigating')} />
                </RadioGroup>
              </Field>
              <Field label={t('form.domainState')} {...fieldState(errors, 'state')}>
                <RadioGroup value={state} onChange={(_, d) => setState(d.value)} layout="horizontal">
                  <Radio value="active" label={t('domainState.active')} />
                  <Radio value="later" label={t('domainState.later')} />
                </RadioGroup>
              </Field>
            </DialogContent>
            <DialogActions>
              {domain ? <PlanDeleteButton kind="domain" id={domain.id} onDeleted={onClose} /> : null}
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
