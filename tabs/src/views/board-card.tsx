import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { memo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { ActionStatus, PlanAction, PlanIndicator } from '../api/types';
import { Calendar, Move, Person } from '../components/icons';
import { IndicatorProgress, OverdueFlag } from '../components/status';
import { StatusMenu } from '../components/status-menu';
import { useI18n } from '../i18n/i18n';

/** Only our own cards may be dropped on a column, not text dragged in from elsewhere. */
export const DRAG_TYPE = 'application/x-kansrijk-action';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
    cursor: 'grab',
    // Cards far down a long column are laid out only when scrolled to.
    contentVisibility: 'auto',
    containIntrinsicSize: 'auto 170px',
  },
  busy: { opacity: 0.6 },
  conflicted: { outline: `2px solid ${tokens.colorPaletteMarigoldBorderActive}` },
  cardTitle: {
    background: 'none',
    border: 'none',
    overflowWrap: 'anywhere',
    padding: 0,
    margin: 0,
    font: 'inherit',
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground1,
    textAlign: 'start',
    cursor: 'pointer',
    ':hover': { textDecorationLine: 'underline', color: tokens.colorBrandForeground1 },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px', borderRadius: tokens.borderRadiusSmall },
  },
  meta: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: `2px ${tokens.spacingHorizontalM}`, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  metaItem: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXXS },
  cardFoot: { display: 'flex', justifyContent: 'flex-end' },
  move: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    border: `1px solid transparent`,
    borderRadius: tokens.borderRadiusMedium,
    background: 'none',
    color: tokens.colorNeutralForeground2,
    font: 'inherit',
    fontSize: tokens.fontSizeBase200,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover, color: tokens.colorNeutralForeground1 },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
    ':disabled': { cursor: 'default', color: tokens.colorNeutralForegroundDisabled },
  },
});

export interface BoardCardProps {
  action: PlanAction;
  ownerName: string;
  /** Its indicators (read beside the plan, so they may come a moment later); the first two show. */
  indicators: readonly PlanIndicator[];
  busy: boolean;
  conflicted: boolean;
  /** The server's `can.move` for this action: only then may the card be dragged or moved. */
  canMove: boolean;
  onMove: (action: PlanAction, to: ActionStatus) => void;
  onStep: (action: PlanAction, step: -1 | 1) => void;
  onOpen: (actionId: string) => void;
  onDragEnd: () => void;
}

/** One action on the board: opened by its title, moved by drag, by Ctrl+Arrow or through its "move" menu. */
export const BoardCard = memo(function BoardCard({ action, ownerName, indicators, busy, conflicted, canMove, onMove, onStep, onOpen, onDragEnd }: BoardCardProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const moveRef = useRef<HTMLButtonElement>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  const onKeyDown = (event: KeyboardEvent) => {
    if (!canMove || !(event.ctrlKey || event.metaKey)) return;
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault();
      onStep(action, event.key === 'ArrowRight' ? 1 : -1);
    }
  };
  return (
    <li
      className={mergeClasses(styles.card, busy && styles.busy, conflicted && styles.conflicted)}
      data-action-id={action.id}
      data-status={action.status}
      aria-busy={busy}
      draggable={canMove && !busy}
      onDragStart={(event: DragEvent) => {
        event.dataTransfer.setData(DRAG_TYPE, action.id);
        event.dataTransfer.setData('text/plain', action.title);
        event.dataTransfer.effectAllowed = 'move';
      }}
      onDragEnd={onDragEnd}
      onKeyDown={onKeyDown}
    >
      <button type="button" className={styles.cardTitle} onClick={() => onOpen(action.id)}>
        {action.title}
      </button>
      <div className={styles.meta}>
        <span className={styles.metaItem}>
          <Person size={14} />
          {ownerName || t('board.noOwner')}
        </span>
        <span className={styles.metaItem}>
          <Calendar size={14} />
          {action.dueDate ? t('board.due', { date: i18n.date(action.dueDate) }) : t('board.noDue')}
        </span>
        {action.overdue ? <OverdueFlag /> : null}
      </div>
      {indicators.slice(0, 2).map((i) => (
        <IndicatorProgress key={i.id} indicator={i} />
      ))}
      {canMove ? (
        <div className={styles.cardFoot}>
          <button
            ref={moveRef}
            type="button"
            className={styles.move}
            data-control="move"
            aria-haspopup="menu"
            aria-expanded={menuOpen}
            aria-label={t('board.moveLabel', { name: action.title })}
            disabled={busy}
            onClick={() => setMenuOpen((open) => !open)}
          >
            <Move />
            {t('board.move')}
          </button>
          {menuOpen && moveRef.current ? (
            <StatusMenu
              target={moveRef.current}
              current={action.status}
              onPick={(status) => {
                setMenuOpen(false);
                onMove(action, status);
              }}
              onClose={() => {
                setMenuOpen(false);
                moveRef.current?.focus();
              }}
            />
          ) : null}
        </div>
      ) : null}
    </li>
  );
});
