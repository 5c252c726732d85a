import { makeStyles, Select, tokens, useId } from '@fluentui/react-components';
import { createContext, useContext, type ReactNode } from 'react';
import { media } from '../components/responsive';
import { useI18n, type Lang } from './i18n';

/*
 * The in-app language switch: a user's choice outranks the Teams (or browser) locale and is
 * remembered per user on this device, so a shared computer keeps each user's language.
 */

const langs: readonly Lang[] = ['nl', 'en'];
const storageKey = (user: string) => `kansrijk.lang.${user}`;

export function storedLang(user: string): Lang | null {
  try {
    const value = window.localStorage.getItem(storageKey(user));
    return langs.includes(value as Lang) ? (value as Lang) : null;
  } catch {
    // Storage can be blocked (private mode, Teams policies): the locale then decides.
    return null;
  }
}

export function storeLang(user: string, lang: Lang): void {
  try {
    window.localStorage.setItem(storageKey(user), lang);
  } catch {
    // Not remembered, but still switched for this session.
  }
}

interface LanguageChoice {
  lang: Lang;
  choose(lang: Lang): void;
}

const LanguageChoiceContext = createContext<LanguageChoice | null>(null);

export function LanguageChoiceProvider({ value, children }: { value: LanguageChoice; children: ReactNode }) {
  return <LanguageChoiceContext.Provider value={value}>{children}</LanguageChoiceContext.Provider>;
}

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, fontSize: tokens.fontSizeBase200, [media.narrow]: { order: 2 } },
  select: { minWidth: '8.5rem', [media.touch]: { '& select': { minHeight: '44px' } } },
});

export function LanguageSwitch() {
  const choice = useContext(LanguageChoiceContext);
  const { t } = useI18n();
  const styles = useStyles();
  const id = useId('language');
  if (!choice) return null;
  return (
    <div className={styles.root}>
      <label htmlFor={id}>{t('language.label')}</label>
      <Select id={id} size="small" className={styles.select} value={choice.lang} onChange={(_, data) => choice.choose(data.value as Lang)} data-testid="language-switch">
        {langs.map((l) => (
          <option key={l} value={l} lang={l === 'nl' ? 'nl-BE' : 'en'}>
            {t(`language.${l}`)}
          </option>
        ))}
      </Select>
    </div>
  );
}
