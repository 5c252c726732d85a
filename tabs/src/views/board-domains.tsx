import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { PlanDomain } from '../api/types';
import { media } from '../components/responsive';
import { useI18n } from '../i18n/i18n';
import { paths } from '../router';

const useStyles = makeStyles({
  domains: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    listStyle: 'none',
    margin: 0,
    padding: 0,
    // On a phone the domains are one row that scrolls sideways in its own box.
    [media.narrow]: { flexWrap: 'nowrap', overflowX: 'auto', scrollbarWidth: 'thin', padding: tokens.spacingHorizontalXS, whiteSpace: 'nowrap' },
  },
  domainLink: {
    display: 'inline-block',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusCircular,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    textDecorationLine: 'none',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  domainCurrent: { backgroundColor: tokens.colorBrandBackground, color: tokens.colorNeutralForegroundOnBrand, border: `1px solid ${tokens.colorBrandBackground}`, ':hover': { backgroundColor: tokens.colorBrandBackgroundHover } },
});

/** The board shows one domain at a time: links to the others. */
export function BoardDomains({ trajectoryId, domains, currentId }: { trajectoryId: string; domains: PlanDomain[]; currentId: string | undefined }) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <nav aria-label={t('board.domains')}>
      <ul className={styles.domains}>
        {domains.map((d) => (
          <li key={d.id}>
            <a href={paths.board(trajectoryId, d.id)} className={mergeClasses(styles.domainLink, d.id === currentId && styles.domainCurrent)} aria-current={d.id === currentId ? 'page' : undefined}>
              {d.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
