import { Button, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { Plan } from '../api/types';
import { useApp } from '../app-context';
import { Person, Plus } from '../components/icons';
import { useModal } from '../components/modal';
import { reloadPlan } from '../data/plan';
import { loadResource } from '../data/resource';
import { useI18n } from '../i18n/i18n';
import { DomainDialog } from './domain-dialog';
import { ImportActionsDialog } from './import-actions-dialog';
import { ReassignDialog } from './reassign-dialog';

const useStyles = makeStyles({
  tools: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  touch: { minHeight: '44px' },
});

type Tool = 'domain' | 'reassign' | 'import';

/**
 * The plan's set-up tools beside its export: a new domain, handing over someone's actions, and
 * importing actions from a sheet. Each shows only where the plan's `can` (the server's answer)
 * leaves the caller something to do with it. `children` (the export) stay last in the same group.
 */
export function PlanSetupTools({ trajectoryId, plan, children }: { trajectoryId: string; plan: Plan | undefined; children?: ReactNode }) {
  const { api, announce } = useApp();
  const { t } = useI18n();
  const styles = useStyles();
  const dialog = useModal<Tool>();
  const mayAddDomain = Boolean(plan?.can?.trajectory.addDomain);
  const mayReassign = Object.values(plan?.can?.actions ?? {}).some((a) => a.edit);
  const mayImport = Object.values(plan?.can?.operationalObjectives ?? {}).some((o) => o.addAction);

  const reload = async () => {
    await reloadPlan(api, trajectoryId);
    void loadResource(`overview:${trajectoryId}`, () => api.get(`/api/v1/trajectories/${trajectoryId}/overview`));
  };

  return (
    <div className={styles.tools} role="group" aria-label={t('planSetup.tools')}>
      {mayAddDomain ? (
        <Button className={styles.touch} icon={<Plus />} onClick={() => dialog.show('domain')}>
          {t('planSetup.addDomain')}
        </Button>
      ) : null}
      {mayReassign ? (
        <Button className={styles.touch} icon={<Person />} onClick={() => dialog.show('reassign')}>
          {t('reassign.open')}
        </Button>
      ) : null}
      {mayImport ? (
        <Button className={styles.touch} onClick={() => dialog.show('import')}>
          {t('importActions.open')}
        </Button>
      ) : null}
      {dialog.value === 'domain' ? (
        <DomainDialog
          key={dialog.key}
          open={dialog.open}
          trajectoryId={trajectoryId}
          onClose={dialog.hide}
          onSaved={async (name) => {
            await reload();
            dialog.hide();
            announce(t('form.created', { name }));
          }}
        />
      ) : null}
      {children}
      {dialog.value === 'reassign' && plan ? <ReassignDialog key={dialog.key} open={dialog.open} trajectoryId={trajectoryId} plan={plan} onClose={dialog.hide} onDone={reload} /> : null}
      {dialog.value === 'import' ? (
        <ImportActionsDialog
          key={dialog.key}
          open={dialog.open}
          trajectoryId={trajectoryId}
          onClose={dialog.hide}
          onImported={async (message) => {
            await reload();
            announce(message);
          }}
        />
      ) : null}
    </div>
  );
}
