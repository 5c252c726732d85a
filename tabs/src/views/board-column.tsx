import { Button, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { ActionStatus, PlanAction } from '../api/types';
import { statusColors } from '../components/status';
import { useI18n } from '../i18n/i18n';
import { DRAG_TYPE } from './board-card';

const useStyles = makeStyles({
  column: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusLarge,
    borderTop: '4px solid',
    minHeight: '200px',
  },
  over: { outline: `2px dashed ${tokens.colorBrandStroke1}`, outlineOffset: '-2px', backgroundColor: tokens.colorBrandBackground2 },
  columnHead: { display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, padding: `0 ${tokens.spacingHorizontalXS}` },
  columnTitle: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  count: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  cards: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  empty: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, padding: tokens.spacingHorizontalS, textAlign: 'center' },
});

interface BoardColumnProps {
  status: ActionStatus;
  name: string;
  cards: PlanAction[];
  /** How many cards show; a long column grows on request. */
  limit: number;
  onShowMore: () => void;
  /** A card is dragged over this column. */
  over: boolean;
  onDragOver: (over: boolean) => void;
  /** A card with this id was dropped here. */
  onDropAction: (actionId: string) => void;
  /** On a phone: a tab panel of the column switcher, shown only when chosen. */
  narrow: boolean;
  hidden: boolean;
  renderCard: (action: PlanAction) => ReactNode;
}

/** One status column of the board: a drop target with its cards. */
export function BoardColumn({ status, name, cards, limit, onShowMore, over, onDragOver, onDropAction, narrow, hidden, renderCard }: BoardColumnProps) {
  const { t, tc } = useI18n();
  const styles = useStyles();
  const headingId = `col-${status}`;
  return (
    <section
      id={`column-${status}`}
      role={narrow ? 'tabpanel' : undefined}
      hidden={hidden}
      aria-labelledby={headingId}
      data-column={status}
      className={mergeClasses(styles.column, over && styles.over)}
      // The column's own display:flex would override the hidden attribute.
      style={{ borderTopColor: statusColors[status], ...(hidden ? { display: 'none' } : {}) }}
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        if (!over) onDragOver(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) onDragOver(false);
      }}
      onDrop={(event) => {
        event.preventDefault();
        onDragOver(false);
        onDropAction(event.dataTransfer.getData(DRAG_TYPE));
      }}
    >
      <div className={styles.columnHead}>
        <h2 id={headingId} className={styles.columnTitle}>
          {name}
        </h2>
        <span className={styles.count}>{tc('board.columnCount', cards.length)}</span>
      </div>
      {cards.length ? (
        <ul className={styles.cards} aria-labelledby={headingId}>
          {cards.slice(0, limit).map(renderCard)}
        </ul>
      ) : (
        <p className={styles.empty}>{t('board.empty')}</p>
      )}
      {cards.length > limit ? (
        <Button appearance="subtle" onClick={onShowMore}>
          {t('board.showMore', { count: cards.length - limit })}
        </Button>
      ) : null}
    </section>
  );
}
