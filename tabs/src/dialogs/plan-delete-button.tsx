import { Button } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { DeleteImpact, DeleteImpactKind } from '../api/types';
import { useApp } from '../app-context';
import { ConfirmDelete, impactSentence } from '../components/confirm-delete';
import { reloadPlan } from '../data/plan';
import { loadResource } from '../data/resource';
import { useI18n } from '../i18n/i18n';
import { navigate, paths } from '../router';

const plural: Record<DeleteImpactKind, string> = {
  domain: 'domains',
  'strategic-objective': 'strategic-objectives',
  'operational-objective': 'operational-objectives',
  action: 'actions',
  indicator: 'indicators',
};

/**
 * "Verwijderen" for a domain, objective, action or indicator, shown only when the server says
 * the caller may (`allowed` of its delete-impact), with a confirmation that first says what
 * goes with it. After the delete the plan is read again.
 */
export function PlanDeleteButton({ kind, id, onDeleted }: { kind: DeleteImpactKind; id: string; onDeleted: () => void }) {
  const { api, announce } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const [impact, setImpact] = useState<DeleteImpact | null>(null);
  const [confirming, setConfirming] = useState(false);
  // Counted again when the confirmation opens: the plan may have grown since the dialog did.
  const [fresh, setFresh] = useState(false);
  const url = `/api/v1/${plural[kind]}/${id}`;

  useEffect(() => {
    let live = true;
    // No button when it cannot be counted: a delete without its consequences is not offered.
    api.get<DeleteImpact>(`${url}/delete-impact`).then((found) => live && setImpact(found), () => undefined);
    return () => {
      live = false;
    };
  }, [api, url]);

  if (!impact?.allowed) return null;
  const remove = async () => {
    await api.del(url);
    const trajectoryId = impact.trajectoryId;
    await reloadPlan(api, trajectoryId);
    void loadResource(`overview:${trajectoryId}`, () => api.get(`/api/v1/trajectories/${trajectoryId}/overview`));
    setConfirming(false);
    announce(t('planSetup.deleted', { name: impact.name }));
    onDeleted();
    // The drawer of a deleted action has nothing left to show.
    if (kind === 'action' && window.location.hash.includes(`/actions/${id}`)) navigate(paths.plan(trajectoryId));
  };
  return (
    <>
      <Button
        appearance="secondary"
        aria-label={t('planSetup.deleteNamed', { name: impact.name })}
        onClick={() => {
          setFresh(false);
          setConfirming(true);
          api.get<DeleteImpact>(`${url}/delete-impact`).then(
            (found) => {
              setImpact(found);
              setFresh(true);
            },
            () => setFresh(true),
          );
        }}
      >
        {t('planSetup.delete')}
      </Button>
      <ConfirmDelete
        open={confirming}
        title={t(`planSetup.deleteTitle.${kind}`)}
        text={t('planSetup.deleteText', { name: impact.name })}
        impactLines={fresh ? [impactSentence(i18n, impact)] : null}
        confirmLabel={t('planSetup.delete')}
        onConfirm={remove}
        onCancel={() => setConfirming(false)}
      />
    </>
  );
}
