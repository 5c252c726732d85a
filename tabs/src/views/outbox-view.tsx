import { Button, makeStyles, MessageBar, MessageBarBody, Spinner, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { OutboxEntry, Trajectory } from '../api/types';
import { useApp } from '../app-context';
import { describeError, ErrorBox } from '../components/problem';
import { useCardStyles, ViewRoot } from '../components/view';
import { useResource } from '../data/resource';
import { label, useI18n } from '../i18n/i18n';
import { paths } from '../router';

export interface OutboxViewProps {
  trajectoryId: string;
  access: Trajectory | undefined;
}

const PAGE = 50;

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} 0`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    ':last-child': { borderBottom: 'none' },
  },
  text: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0, flex: '1 1 240px', overflowWrap: 'anywhere' },
  subject: { fontWeight: tokens.fontWeightSemibold },
  meta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  button: { minHeight: '44px' },
});

/** "Uitgaande post": mail the server wrote as .eml files because Graph is not configured. */
export function OutboxView({ trajectoryId, access }: OutboxViewProps) {
  const { api, announce } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const [limit, setLimit] = useState(PAGE);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const allowed = Boolean(access?.permissions.includes('meeting.manage'));
  const outbox = useResource<OutboxEntry[]>(allowed ? `outbox:${trajectoryId}:${limit}` : null, () => api.get(`/api/v1/trajectories/${trajectoryId}/outbox?limit=${limit}`));
  const ready = Boolean(access && (!allowed || outbox.data || outbox.error));

  const download = async (entry: OutboxEntry) => {
    setDownloadError(null);
    try {
      const { blob, fileName } = await api.blob(`/api/v1/outbox/${entry.id}/eml`);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName ?? `${entry.id}.eml`;
      document.body.append(a);
      a.click();
      a.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
      announce(entry.subject);
    } catch (error) {
      setDownloadError(describeError(i18n, error));
    }
  };

  return (
    <ViewRoot
      name="outbox"
      title={t('outbox.title')}
      subtitle={t('outbox.subtitle')}
      ready={ready}
      actions={
        <a href={paths.meetings(trajectoryId)} className={card.link}>
          {t('meeting.back')}
        </a>
      }
    >
      {access && !allowed ? (
        <MessageBar intent="info">
          <MessageBarBody>{t('outbox.forbidden')}</MessageBarBody>
        </MessageBar>
      ) : null}
      {allowed && outbox.error && !outbox.data ? <ErrorBox error={outbox.error} onRetry={() => void outbox.reload()} /> : null}
      {allowed && !outbox.data && !outbox.error ? <Spinner label={t('app.loading')} /> : null}
      {downloadError ? (
        <MessageBar intent="error">
          <MessageBarBody>{downloadError}</MessageBarBody>
        </MessageBar>
      ) : null}
      {outbox.data ? (
        <section className={card.card} aria-label={t('outbox.title')}>
          {outbox.data.length === 0 ? <p className={card.muted}>{t('outbox.empty')}</p> : null}
          <ul className={styles.list} data-testid="outbox">
            {outbox.data.map((entry) => (
              <li key={entry.id} className={styles.item} data-outbox-id={entry.id}>
                <span className={styles.text}>
                  <span className={styles.subject}>{entry.subject}</span>
                  <span className={styles.meta}>{t('outbox.to', { recipients: entry.recipients.join(', ') })}</span>
                  <span className={styles.meta}>
                    {label(i18n, 'outbox.kind', entry.kind)} · {i18n.dateTime(entry.createdAt)} · {t('outbox.size', { size: i18n.number(Math.max(1, Math.round(entry.bytes / 1024))) })}
                  </span>
                </span>
                <Button className={styles.button} onClick={() => void download(entry)} aria-label={t('outbox.downloadOf', { subject: entry.subject })}>
                  {t('outbox.download')}
                </Button>
              </li>
            ))}
          </ul>
          {outbox.data.length >= limit ? (
            <Button className={styles.button} onClick={() => setLimit((l) => Math.min(200, l + PAGE))} disabled={limit >= 200}>
              {t('outbox.more')}
            </Button>
          ) : null}
        </section>
      ) : null}
    </ViewRoot>
  );
}
