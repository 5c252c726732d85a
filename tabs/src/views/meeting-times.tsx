import { Button, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { MeetingTimes } from '../api/types';
import { useApp } from '../app-context';
import { FormError, useSubmit } from '../components/form';
import { useI18n } from '../i18n/i18n';

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalS },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalXS },
  pick: { minHeight: '44px', justifyContent: 'flex-start', textAlign: 'start' },
  muted: { color: tokens.colorNeutralForeground2 },
});

/**
 * Free moments for the body's members from their Outlook calendars (Graph's findMeetingTimes,
 * with the organiser's own rights), beside what the body's parents have shown they can make:
 * how often they came by day and in the evening. Counts, never who.
 */
export function MeetingTimesPanel(props: { trajectoryId: string; bodyId: string; from: string; to: string; durationMinutes: number; onPick: (start: string, end: string) => void }) {
  const { api } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const { saving, formError, submit } = useSubmit();
  const [result, setResult] = useState<MeetingTimes | null>(null);
  const ask = () =>
    void submit(async () => {
      setResult(await api.post<MeetingTimes>(`/api/v1/trajectories/${props.trajectoryId}/meeting-times`, { bodyId: props.bodyId, from: props.from, to: props.to, durationMinutes: props.durationMinutes }));
    });
  return (
    <div className={styles.root} data-testid="meeting-times">
      <Button onClick={ask} disabled={saving || !props.bodyId} className={styles.pick}>
        {t('times.ask')}
      </Button>
      {saving ? <Spinner size="tiny" label={t('app.loading')} /> : null}
      {result ? (
        <>
          <p className={styles.muted} role="status">
            {result.parentsCame.day + result.parentsCame.evening === 0 ? t('times.parentsUnknown') : t('times.parentsCame', { day: result.parentsCame.day, evening: result.parentsCame.evening })}
          </p>
          {!result.graph ? <p className={styles.muted}>{t('times.noGraph')}</p> : null}
          {result.graph && result.suggestions.length === 0 ? <p className={styles.muted}>{t('times.none')}</p> : null}
          {result.suggestions.length > 0 ? (
            <ul className={styles.list} aria-label={t('times.suggestions')}>
              {result.suggestions.map((s) => (
                <li key={s.start}>
                  <Button className={styles.pick} appearance="subtle" onClick={() => props.onPick(s.start, s.end)}>
                    {t('times.pick', { date: i18n.date(s.start.slice(0, 10)), start: s.start.slice(11, 16), end: s.end.slice(11, 16), confidence: Math.round(s.confidence) })}
                  </Button>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
      <FormError message={formError} />
    </div>
  );
}
