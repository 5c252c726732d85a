import { makeStyles, tokens } from '@fluentui/react-components';
import { useContext, useEffect, type ReactNode } from 'react';
import { AppContext } from '../app-context';
import { useI18n } from '../i18n/i18n';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', justifyContent: 'space-between', gap: tokens.spacingHorizontalM },
  title: { margin: 0, fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600, fontWeight: tokens.fontWeightSemibold },
  subtitle: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase300 },
});

/**
 * The root of every view. data-ready="true" is set in the same commit as the view's data, so
 * tests and the benchmark can wait for "fully rendered" without guessing.
 */
export function ViewRoot({ name, title, subtitle, ready, actions, children }: { name: string; title: string; subtitle?: ReactNode; ready: boolean; actions?: ReactNode; children: ReactNode }) {
  const markReady = useContext(AppContext)?.markReady;
  const { t } = useI18n();
  const styles = useStyles();
  useEffect(() => {
    document.title = t('app.pageTitle', { view: title });
  }, [t, title]);
  useEffect(() => {
    if (ready) markReady?.();
  }, [ready, markReady]);
  return (
    <div className={styles.root} data-view={name} data-ready={ready ? 'true' : 'false'} aria-busy={!ready}>
      <div className={styles.header}>
        <div>
          <h1 className={styles.title}>{title}</h1>
          {subtitle ? <p className={styles.subtitle}>{subtitle}</p> : null}
        </div>
        {actions}
      </div>
      {children}
    </div>
  );
}

export const useCardStyles = makeStyles({
  card: {
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: tokens.spacingHorizontalL,
    boxShadow: tokens.shadow2,
    minWidth: 0,
  },
  heading: { margin: `0 0 ${tokens.spacingVerticalM}`, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground2 },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  srOnly: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
  link: {
    color: tokens.colorBrandForegroundLink,
    textDecorationLine: 'underline',
    ':hover': { color: tokens.colorBrandForegroundLinkHover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px', borderRadius: tokens.borderRadiusSmall },
  },
});
