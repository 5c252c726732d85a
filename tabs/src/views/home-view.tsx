import { Button, Spinner } from '@fluentui/react-components';
import { useEffect } from 'react';
import type { Me } from '../api/types';
import { useApp } from '../app-context';
import { ErrorBox } from '../components/problem';
import { useCardStyles, ViewRoot } from '../components/view';
import { useResource } from '../data/resource';
import { useI18n } from '../i18n/i18n';
import { navigate, paths } from '../router';

/** No trajectory in the address: go to the user's only one, or let them choose. */
export function HomeView() {
  const { api } = useApp();
  const { t } = useI18n();
  const card = useCardStyles();
  const me = useResource<Me>('me', () => api.get('/api/v1/me'));
  const list = me.data?.trajectories ?? [];

  useEffect(() => {
    if (list.length === 1) navigate(paths.overview(list[0]!.id), { replace: true });
  }, [list]);

  return (
    <ViewRoot name="home" title={t('home.choose')} ready={Boolean(me.data) && list.length !== 1}>
      {me.error ? <ErrorBox error={me.error} onRetry={() => void me.reload()} /> : null}
      {!me.data && !me.error ? <Spinner label={t('app.loading')} /> : null}
      {me.data && list.length === 0 ? (
        <div className={card.card}>
          <p>{t('home.none')}</p>
          <Button appearance="primary" onClick={() => navigate(paths.config())}>
            {t('home.start')}
          </Button>
        </div>
      ) : null}
      {list.length > 1 ? (
        <ul className={card.list}>
          {list.map((tr) => (
            <li key={tr.id} className={card.card}>
              <a className={card.link} href={paths.overview(tr.id)}>
                {tr.name}
              </a>{' '}
              <span className={card.muted}>· {tr.municipality}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </ViewRoot>
  );
}
