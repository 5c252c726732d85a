import { Button, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { PolicyPeriod, Trajectory } from '../api/types';
import { useApp } from '../app-context';
import { useResource } from '../data/resource';
import { NextPeriodDialog } from '../dialogs/next-period-dialog';
import { useI18n } from '../i18n/i18n';
import { paths } from '../router';

const useStyles = makeStyles({
  bar: { marginBottom: tokens.spacingVerticalM },
  period: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM, marginBottom: tokens.spacingVerticalM, color: tokens.colorNeutralForeground2 },
  start: { minHeight: '44px' },
});

/**
 * Which policy period this is: a closed one says so on every view and leads to the next; on the
 * overview, whoever may start the next period (the server says so in `permissions`) finds it here.
 */
export function PeriodBanner({ trajectory, onOverview }: { trajectory: Trajectory; onOverview: boolean }) {
  const { api } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const [starting, setStarting] = useState(false);
  const closed = Boolean(trajectory.closedAt);
  const periods = useResource<PolicyPeriod[]>(closed ? `periods:${trajectory.id}` : null, () => api.get(`/api/v1/trajectories/${trajectory.id}/periods`));

  if (closed) {
    const list = periods.data ?? [];
    const next = list[list.findIndex((p) => p.current) + 1];
    return (
      <MessageBar intent="info" layout="multiline" className={styles.bar} data-testid="period-closed">
        <MessageBarBody>
          <MessageBarTitle>{t('period.closedTitle')}</MessageBarTitle>
          {t('period.closed', { date: i18n.date(trajectory.closedAt) })}{' '}
          {next ? <a href={paths.overview(next.id)}>{t('period.toNext', { name: next.name })}</a> : null}
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (!onOverview || !trajectory.permissions.includes('period.start')) return null;
  return (
    <div className={styles.period}>
      <span>{t('period.current', { start: i18n.date(trajectory.periodStart), end: i18n.date(trajectory.periodEnd) })}</span>
      <Button className={styles.start} onClick={() => setStarting(true)}>
        {t('period.start')}
      </Button>
      {starting ? <NextPeriodDialog open trajectory={trajectory} onClose={() => setStarting(false)} /> : null}
    </div>
  );
}
