import { makeStyles, tokens } from '@fluentui/react-components';
import type { CSSProperties } from 'react';
import { media } from '../components/responsive';
import type { I18n } from '../i18n/i18n';

/*
 * The plan on a phone or a tablet (below 1024 px, where its six columns do not fit): the same
 * rows as the wide table (so every control the table shows is there too), laid out as a list of
 * cards, one card per operational objective with its actions inside; domains and strategic objectives become the headings between the cards. Rows are told
 * apart by their data-row attribute; "the last action of its objective" is the row that the
 * next non-action row follows (:has), which closes the card.
 */

const row = (kind: string) => `& tr[data-row="${kind}"]`;
/** The last row of an objective's card: the objective itself (folded or without actions) or its last action. */
const cardEnd = ['operational', 'action'].flatMap((kind) => [`${row(kind)}:has(+ tr:not([data-row="action"]))`, `${row(kind)}:last-child`]).join(', ');

const caption = {
  display: 'block',
  fontSize: tokens.fontSizeBase100,
  lineHeight: tokens.lineHeightBase100,
  color: tokens.colorNeutralForeground2,
  textTransform: 'uppercase',
  letterSpacing: '0.04em',
} as const;

export const usePlanCardStyles = makeStyles({
  wrap: {
    [media.tablet]: { overflowX: 'visible', backgroundColor: 'transparent', border: 'none', borderRadius: 0 },
  },
  table: {
    [media.tablet]: {
      display: 'block',
      '& > thead': { position: 'absolute', width: '1px', height: '1px', margin: '-1px', padding: 0, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: 0 },
      '& > tbody': { display: 'block' },
      '& tr': { display: 'block' },
      '& td': { display: 'block', border: 'none', padding: 0 },
      '& td:empty': { display: 'none' },
      // The tree's indent means nothing in a list of cards; the inline style of the title cell needs !important.
      '& td > div[style]': { paddingInlineStart: '0 !important', minWidth: 0 },
      [row('domain')]: {
        display: 'flex',
        flexWrap: 'wrap',
        alignItems: 'center',
        gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
        marginTop: tokens.spacingVerticalL,
        padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
        borderRadius: tokens.borderRadiusLarge,
      },
      [`${row('domain')}:first-child`]: { marginTop: 0 },
      [`${row('domain')} > td, ${row('strategic')} > td`]: { padding: 0 },
      [`${row('domain')} > td:first-child, ${row('strategic')} > td:first-child`]: { flexBasis: '100%' },
      [row('strategic')]: {
        display: 'flex',
        flexWrap: 'wrap',
        alignItems: 'center',
        gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
        marginTop: tokens.spacingVerticalM,
        padding: `0 ${tokens.spacingHorizontalXS}`,
      },
      [`${row('operational')}, ${row('action')}`]: {
        backgroundColor: tokens.colorNeutralBackground1,
        borderInline: `1px solid ${tokens.colorNeutralStroke2}`,
        padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
      },
      [row('operational')]: {
        display: 'flex',
        flexWrap: 'wrap',
        alignItems: 'center',
        gap: tokens.spacingHorizontalS,
        marginTop: tokens.spacingVerticalS,
        borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
        borderTopLeftRadius: tokens.borderRadiusLarge,
        borderTopRightRadius: tokens.borderRadiusLarge,
      },
      [`${row('operational')} > td:first-child`]: { flexBasis: '100%' },
      [`${row('operational')} > td:nth-child(2)`]: { flexGrow: 1 },
      [row('action')]: {
        display: 'grid',
        gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr) auto',
        gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
        borderTop: `1px solid ${tokens.colorNeutralStroke3}`,
      },
      // The title and the indicators take the card's width; owner, end date and status share a line.
      [`${row('action')} > td:first-child`]: { gridColumn: '1 / -1', gridRow: '1' },
      [`${row('action')}:has(> td:nth-child(6):not(:empty)) > td:first-child`]: { gridColumn: '1 / 3' },
      [`${row('action')} > td:nth-child(5)`]: { gridColumn: '1 / -1' },
      // The action's tools sit beside its title.
      [`${row('action')} > td:nth-child(6)`]: { gridColumn: '3', gridRow: '1', justifySelf: 'end' },
      [`${row('action')} > td:nth-child(5):not(:has(*))`]: { display: 'none' },
      [`${row('action')} > td:nth-child(5) > div:empty`]: { display: 'none' },
      [`${row('action')} > td:nth-child(2)::before`]: { ...caption, content: 'var(--plan-owner)' },
      [`${row('action')} > td:nth-child(3)::before`]: { ...caption, content: 'var(--plan-due)' },
      [`${row('action')} > td:nth-child(4)::before`]: { ...caption, content: 'var(--plan-status)' },
      [`${row('action')} > td:first-child > div > span:first-child`]: { display: 'none' },
      [cardEnd]: {
        borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
        borderBottomLeftRadius: tokens.borderRadiusLarge,
        borderBottomRightRadius: tokens.borderRadiusLarge,
      },
    },
  },
});

/** The column names the action rows show on a phone, where the table head is hidden. */
export function planCardLabels(t: I18n['t']): CSSProperties {
  return {
    '--plan-owner': JSON.stringify(t('plan.col.owner')),
    '--plan-due': JSON.stringify(t('plan.col.due')),
    '--plan-status': JSON.stringify(t('plan.col.status')),
  } as CSSProperties;
}
