import { FluentProvider, teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { createApi } from './api/client';
import { App } from './app';
import { devTokenSource, storeDevUser, storedDevUser, type DevIdentity } from './host/dev-auth';
import { normaliseTheme, type Host, type HostInfo, type ThemeName } from './host/host';
import { I18nProvider, pickLang, type Lang } from './i18n/i18n';
import { LanguageChoiceProvider, storedLang, storeLang } from './i18n/language-choice';
import { clearResources } from './data/resource';
import { SignInView } from './views/sign-in-view';

const themes: Record<ThemeName, Theme> = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

function browserInfo(): HostInfo {
  const params = new URLSearchParams(window.location.search);
  return { kind: 'browser', locale: params.get('lang'), theme: normaliseTheme(params.get('theme') ?? undefined), subPageId: null, frameContext: null, teamId: null, meetingId: params.get('teamsMeeting'), chatId: null };
}

export function Root({ host }: { host: Host | null }) {
  const info = useMemo(() => host?.info ?? browserInfo(), [host]);
  const detected = host ? pickLang([info.locale]) : pickLang([info.locale, ...navigator.languages]);
  const [theme, setTheme] = useState<ThemeName>(info.theme);
  const [devUser, setDevUser] = useState<DevIdentity | null>(() => (host ? null : storedDevUser()));
  // The user's own choice (the header's switch) outranks the locale; remembered per user.
  const userKey = devUser?.userId ?? info.userId ?? 'anonymous';
  const [choice, setChoice] = useState<{ user: string; lang: Lang } | null>(null);
  const lang = (choice?.user === userKey ? choice.lang : storedLang(userKey)) ?? detected;
  const languageChoice = useMemo(
    () => ({
      lang,
      choose: (next: Lang) => {
        storeLang(userKey, next);
        setChoice({ user: userKey, lang: next });
      },
    }),
    [lang, userKey],
  );

  useEffect(() => host?.onThemeChange(setTheme), [host]);
  useEffect(() => {
    document.documentElement.lang = lang === 'nl' ? 'nl-BE' : 'en';
  }, [lang]);

  const api = useMemo(() => {
    if (host) return createApi(() => host.getToken());
    return devUser ? createApi(devTokenSource(devUser)) : null;
  }, [host, devUser]);

  const chooseUser = (user: DevIdentity | null) => {
    storeDevUser(user);
    clearResources();
    setDevUser(user);
  };

  return (
    <FluentProvider theme={themes[theme]} style={{ minHeight: '100vh', backgroundColor: 'var(--colorNeutralBackground2)' }}>
      <I18nProvider lang={lang}>
        <LanguageChoiceProvider value={languageChoice}>
          {api ? (
            <App key={devUser?.userId ?? 'teams'} api={api} host={host} hostInfo={info} userName={devUser?.name ?? ''} onSwitchUser={host ? null : () => chooseUser(null)} />
          ) : (
            <SignInView onChoose={chooseUser} />
          )}
        </LanguageChoiceProvider>
      </I18nProvider>
    </FluentProvider>
  );
}
