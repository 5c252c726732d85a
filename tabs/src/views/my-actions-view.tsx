import { Field, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Spinner, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { Action, ActionListItem, ActionStatus, Me } from '../api/types';
import { useApp } from '../app-context';
import { describeError, ErrorBox } from '../components/problem';
import { OverdueFlag, StatusLabel } from '../components/status';
import { StatusSelect } from '../components/status-select';
import { useCardStyles, ViewRoot } from '../components/view';
import { isOverdue, applyActionToPlan } from '../data/plan';
import { mutateResource, useResource } from '../data/resource';
import { brusselsToday, label, useI18n } from '../i18n/i18n';
import { paths } from '../router';
import { patchActionStatus, useStatusChange } from './actions/status-change';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: { display: 'grid', gridTemplateColumns: '1fr auto', alignItems: 'center', gap: tokens.spacingHorizontalL, padding: tokens.spacingVerticalS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  meta: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  status: { minWidth: '160px' },
});

const listKey = (trajectoryId: string) => `mine:${trajectoryId}`;

function TrajectoryActions({ trajectory }: { trajectory: Me['trajectories'][number] }) {
  const { api, announce } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const mine = useResource<ActionListItem[]>(listKey(trajectory.id), () => api.get(`/api/v1/trajectories/${trajectory.id}/actions?mine=true`));
  const [message, setMessage] = useState<{ intent: 'warning' | 'error'; text: string } | null>(null);
  const today = brusselsToday();

  const apply = (updated: Action) => {
    mutateResource<ActionListItem[]>(listKey(trajectory.id), (list) => list.map((a) => (a.id === updated.id ? { ...a, ...updated, overdue: isOverdue(updated, today) } : a)));
    applyActionToPlan(trajectory.id, updated);
  };

  const change = async (item: ActionListItem, status: ActionStatus, note?: string) => {
    const updated = await patchActionStatus(api, item, status, note);
    apply(updated);
    setMessage(null);
    announce(t('my.updated', { name: updated.title, status: label(i18n, 'status', status) }));
  };

  const statusChange = useStatusChange<ActionListItem>({
    patch: change,
    onConflict: (current, item) => {
      apply(current as Action);
      setMessage({ intent: 'warning', text: t('conflict.board', { name: item.title }) });
    },
    onError: (error) => setMessage({ intent: 'error', text: describeError(i18n, error) }),
    dialogConflict: 'inline',
  });

  const onSelect = (item: ActionListItem, status: ActionStatus | '') => {
    if (status && status !== item.status) statusChange.request(item, status);
  };

  return (
    <section className={card.card} aria-labelledby={`mine-${trajectory.id}`}>
      <h2 id={`mine-${trajectory.id}`} className={card.heading}>
        {trajectory.name} · {trajectory.municipality}
      </h2>
      {message ? (
        <MessageBar intent={message.intent} layout="multiline">
          <MessageBarBody>
            {message.intent === 'warning' ? <MessageBarTitle>{t('conflict.title')}</MessageBarTitle> : null}
            {message.text}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {mine.error ? <ErrorBox error={mine.error} onRetry={() => void mine.reload()} /> : null}
      {!mine.data && !mine.error ? <Spinner size="small" label={t('app.loading')} /> : null}
      {mine.data && !mine.data.length ? <p className={card.muted}>{t('my.none')}</p> : null}
      {mine.data?.length ? (
        <ul className={styles.list}>
          {mine.data.map((a) => (
            <li key={a.id} className={styles.item} data-action-id={a.id}>
              <div>
                <a className={card.link} href={paths.action(trajectory.id, a.id)}>
                  {a.title}
                </a>
                <div className={styles.meta}>
                  <span>{a.domainName}</span>
                  <span>{a.dueDate ? t('board.due', { date: i18n.date(a.dueDate) }) : t('board.noDue')}</span>
                  {a.overdue ? <OverdueFlag /> : null}
                </div>
              </div>
              {a.can?.move ? (
                <Field label={t('my.statusOf', { name: a.title })} className={styles.status}>
                  <StatusSelect value={a.status} onChange={(s) => onSelect(a, s)} />
                </Field>
              ) : (
                <StatusLabel status={a.status} />
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {statusChange.dialog}
    </section>
  );
}

/** The personal tab: every action the user owns, with a quick status change. */
export function MyActionsView() {
  const { api } = useApp();
  const { t } = useI18n();
  const card = useCardStyles();
  const me = useResource<Me>('me', () => api.get('/api/v1/me'));
  return (
    <ViewRoot name="my-actions" title={t('my.title')} subtitle={t('my.intro')} ready={Boolean(me.data)}>
      {me.error ? <ErrorBox error={me.error} onRetry={() => void me.reload()} /> : null}
      {!me.data && !me.error ? <Spinner label={t('app.loading')} /> : null}
      {me.data && !me.data.trajectories.length ? <p className={card.muted}>{t('my.noTrajectories')}</p> : null}
      {me.data?.trajectories.map((tr) => <TrajectoryActions key={tr.id} trajectory={tr} />)}
    </ViewRoot>
  );
}
