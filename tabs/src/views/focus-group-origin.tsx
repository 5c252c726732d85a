import type { ProposalTraces } from '../api/types';
import { useApp } from '../app-context';
import { useCardStyles } from '../components/view';
import { useResource } from '../data/resource';
import { useI18n } from '../i18n/i18n';
import { paths } from '../router';

/** "Proposal of parents from focus group X" in an action's drawer; nothing when it has no such origin. */
export function FocusGroupOrigin({ trajectoryId, actionId, className }: { trajectoryId: string; actionId: string; className?: string }) {
  const { api } = useApp();
  const { t } = useI18n();
  const card = useCardStyles();
  const traces = useResource<ProposalTraces>(`focus-origin:${actionId}`, () => api.get(`/api/v1/trajectories/${trajectoryId}/focus-groups/traces?action=${encodeURIComponent(actionId)}`));
  const groups = [...new Map((traces.data?.proposals ?? []).map((p) => [p.focusGroup.id, p.focusGroup])).values()];
  if (!groups.length) return null;
  return (
    <>
      {groups.map((g) => (
        <p key={g.id} className={className} data-testid="focus-origin">
          <a className={card.link} href={paths.focusGroups(trajectoryId, g.id)}>
            {t('focus.fromFocusGroup', { title: g.title })}
          </a>
        </p>
      ))}
    </>
  );
}
