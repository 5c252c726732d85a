import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useCurrentInView } from './responsive';

const useStyles = makeStyles({
  // The tabs scroll sideways inside their own box when they do not fit; the page never does.
  box: {
    display: 'flex',
    overflowX: 'auto',
    scrollbarWidth: 'thin',
    overscrollBehaviorX: 'contain',
    gap: tokens.spacingHorizontalXXS,
    padding: tokens.spacingHorizontalXXS,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
  },
  tab: {
    flexShrink: 0,
    minHeight: '44px',
    padding: `0 ${tokens.spacingHorizontalM}`,
    border: 'none',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground2,
    font: 'inherit',
    fontSize: tokens.fontSizeBase300,
    whiteSpace: 'nowrap',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover, color: tokens.colorNeutralForeground1 },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  selected: {
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    fontWeight: tokens.fontWeightSemibold,
    ':hover': { backgroundColor: tokens.colorBrandBackgroundHover, color: tokens.colorNeutralForegroundOnBrand },
  },
});

export interface SwitcherItem<T extends string> {
  value: T;
  label: string;
  count: number;
}

/**
 * One of several columns at a time, on a phone: a segmented tab list with each column's name and
 * count (the ARIA tabs pattern: one tab in the tab order, arrow keys, Home and End move between
 * the tabs, Enter, Space or a tap shows the column). Each tab controls the element with the id
 * `panelId(value)`.
 */
export function ColumnSwitcher<T extends string>({
  label,
  items,
  value,
  onChange,
  panelId,
  tabText,
}: {
  label: string;
  items: SwitcherItem<T>[];
  value: T;
  onChange: (value: T) => void;
  panelId: (value: T) => string;
  tabText: (item: SwitcherItem<T>) => string;
}) {
  const styles = useStyles();
  const ref = useCurrentInView<HTMLDivElement>(value);
  const tabs = useRef(new Map<T, HTMLButtonElement>());
  // The roving tab stop follows the arrow keys; it starts on (and returns to) the shown column.
  const [focused, setFocused] = useState<T | null>(null);
  const stop = focused ?? value;
  const onKeyDown = (event: KeyboardEvent) => {
    const at = items.findIndex((i) => i.value === stop);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: items.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const item = items[(next + items.length) % items.length];
    if (!item) return;
    setFocused(item.value);
    tabs.current.get(item.value)?.focus();
  };
  return (
    <div className={styles.box} ref={ref} role="tablist" aria-label={label} onKeyDown={onKeyDown} data-testid="column-switcher">
      {items.map((item) => (
        <button
          key={item.value}
          ref={(el) => {
            if (el) tabs.current.set(item.value, el);
            else tabs.current.delete(item.value);
          }}
          type="button"
          role="tab"
          id={`${panelId(item.value)}-tab`}
          aria-controls={panelId(item.value)}
          aria-selected={item.value === value}
          tabIndex={item.value === stop ? 0 : -1}
          className={mergeClasses(styles.tab, item.value === value && styles.selected)}
          onClick={() => {
            setFocused(null);
            onChange(item.value);
          }}
          onBlur={(event) => {
            if (!event.currentTarget.parentElement?.contains(event.relatedTarget as Node | null)) setFocused(null);
          }}
        >
          {tabText(item)}
        </button>
      ))}
    </div>
  );
}
