import { Button, makeStyles, MessageBar, MessageBarBody, Spinner, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { DevUser } from '../api/types';
import { useCardStyles, ViewRoot } from '../components/view';
import { listDevUsers, type DevIdentity } from '../host/dev-auth';
import { label, useI18n } from '../i18n/i18n';

const useStyles = makeStyles({
  main: { maxWidth: '880px', margin: '0 auto', padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalXL}`, color: tokens.colorNeutralForeground1 },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))', gap: tokens.spacingHorizontalM, listStyle: 'none', margin: 0, padding: 0 },
  user: { width: '100%', height: '100%', justifyContent: 'flex-start', textAlign: 'start', padding: tokens.spacingHorizontalM },
  userText: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: '2px' },
  roles: { fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  tenant: { margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalS}`, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

/** Dev mode outside Teams: pick one of the demo users ("Aanmelden als"). */
export function SignInView({ onChoose }: { onChoose: (user: DevIdentity) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const [users, setUsers] = useState<DevUser[] | null | undefined>(undefined);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    listDevUsers().then(setUsers, () => setFailed(true));
  }, []);

  const tenants = new Map<string, DevUser[]>();
  for (const u of users ?? []) tenants.set(u.tenantName, [...(tenants.get(u.tenantName) ?? []), u]);

  return (
    <main className={styles.main}>
      <ViewRoot name="signin" title={t('signin.title')} subtitle={t('signin.intro')} ready={users !== undefined || failed}>
        {users === undefined && !failed ? <Spinner label={t('app.loading')} /> : null}
        {users === null || failed ? (
          <MessageBar intent="info">
            <MessageBarBody>{t('signin.unavailable')}</MessageBarBody>
          </MessageBar>
        ) : null}
        {[...tenants.entries()].map(([tenant, list]) => (
          <section key={tenant} aria-labelledby={`tenant-${list[0]!.tenantId}`}>
            <h2 id={`tenant-${list[0]!.tenantId}`} className={styles.tenant}>
              {tenant}
            </h2>
            <ul className={styles.grid}>
              {list.map((u) => (
                <li key={`${u.tenantId}/${u.userId}`} className={card.card} style={{ padding: 0 }}>
                  <Button appearance="subtle" className={styles.user} aria-label={t('signin.choose', { name: u.name })} onClick={() => onChoose(u)}>
                    <span className={styles.userText}>
                      <span>{u.name}</span>
                      <span className={styles.roles}>{u.roles.length ? u.roles.map((r) => label(i18n, 'role', r)).join(', ') : t('signin.noRoles')}</span>
                    </span>
                  </Button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </ViewRoot>
    </main>
  );
}
