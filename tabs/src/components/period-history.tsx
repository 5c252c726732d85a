import { makeStyles, tokens } from '@fluentui/react-components';
import type { LineageEntry } from '../api/types';
import { useApp } from '../app-context';
import { useResource } from '../data/resource';
import { useI18n } from '../i18n/i18n';
import { paths } from '../router';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  reason: { color: tokens.colorNeutralForeground2 },
});

/** An action in the policy periods before and after this one, with the evaluation's verdict on each. Shown only when there is more than one. */
export function PeriodHistory({ actionId, headingClass }: { actionId: string; headingClass: string }) {
  const { api } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const history = useResource<LineageEntry[]>(`history:action:${actionId}`, () => api.get(`/api/v1/actions/${actionId}/history`));
  const entries = history.data ?? [];
  if (entries.length < 2) return null;
  return (
    <section aria-labelledby="detail-periods">
      <h3 id="detail-periods" className={headingClass}>
        {t('period.history')}
      </h3>
      <ul className={styles.list}>
        {entries.map((e) => {
          const period = `${e.periodStart.slice(0, 4)}–${e.periodEnd.slice(0, 4)}`;
          return (
            <li key={e.id}>
              {e.id === actionId ? (
                <span>
                  {t('period.historyItem', { period, title: e.title })} {t('period.thisPeriod')}
                </span>
              ) : (
                <a href={paths.action(e.trajectoryId, e.id)}>{t('period.historyItem', { period, title: e.title })}</a>
              )}
              {e.adjustment ? (
                <span className={styles.reason}>
                  {' · '}
                  {t(`adjustment.${e.adjustment}`)}
                  {e.adjustmentReason ? `: ${e.adjustmentReason}` : ''}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
