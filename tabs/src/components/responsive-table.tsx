import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { TableHTMLAttributes, TdHTMLAttributes } from 'react';
import { media } from './responsive';

/*
 * "A table becomes a list": on a phone a data table is read row by row, each row a card, each
 * cell with its column's name beside it (the `label` of StackedCell, drawn with ::before so the
 * wide layout stays a plain table). The markup stays one table: screen readers keep the row and
 * column relations, and no view keeps two renderings in step.
 */

const srOnly = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  margin: '-1px',
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;

export const useStackedTableStyles = makeStyles({
  table: {
    [media.narrow]: {
      display: 'block',
      width: '100%',
      '& > thead': srOnly,
      '& > tbody': { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
      '& > tbody > tr': {
        display: 'flex',
        flexDirection: 'column',
        gap: tokens.spacingVerticalXXS,
        padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
        backgroundColor: tokens.colorNeutralBackground1,
        border: `1px solid ${tokens.colorNeutralStroke2}`,
        borderRadius: tokens.borderRadiusMedium,
      },
      '& > tbody > tr > th, & > tbody > tr > td': { display: 'block', padding: 0, border: 0, textAlign: 'start' },
      '& > tbody > tr > th': { fontWeight: tokens.fontWeightSemibold },
      '& > tbody > tr > td[data-label]': { display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: tokens.spacingHorizontalM, textAlign: 'end' },
      '& > tbody > tr > td[data-label]::before': { content: 'attr(data-label)', textAlign: 'start', color: tokens.colorNeutralForeground2 },
      '& > tbody > tr > td:empty': { display: 'none' },
    },
  },
});

/** A table that turns into a list of cards below 640 px. */
export function StackedTable({ className, ...props }: TableHTMLAttributes<HTMLTableElement>) {
  const styles = useStackedTableStyles();
  return <table className={mergeClasses(styles.table, className)} {...props} />;
}

/** A data cell that names its column on a phone, where the column headers are not shown. */
export function StackedCell({ label, ...props }: TdHTMLAttributes<HTMLTableCellElement> & { label: string }) {
  return <td data-label={label} {...props} />;
}
