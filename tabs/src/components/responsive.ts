import { makeStaticStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useSyncExternalStore, type RefObject } from 'react';

/*
 * Phones (Teams mobile, ~390 px), tablets and narrow panes (768 px) share one set of breakpoints,
 * for makeStyles media queries and for components that render differently on a phone.
 */

/** Below this width the phone layout applies: one column, lists instead of tables, 44 px targets. */
export const NARROW_BELOW = 640;
/** Below this width (a tablet, a Teams pane beside the chat) side-by-side layouts stack. */
export const TABLET_BELOW = 1024;

const narrowQuery = `(max-width: ${NARROW_BELOW - 0.02}px)`;
const tabletQuery = `(max-width: ${TABLET_BELOW - 0.02}px)`;
/** A finger rather than a mouse: Teams mobile on a tablet is wide but still touched. */
const touchQuery = `${narrowQuery}, (pointer: coarse)`;

/** For makeStyles: `[media.narrow]: { ... }`. */
export const media = {
  narrow: `@media ${narrowQuery}`,
  tablet: `@media ${tabletQuery}`,
  touch: `@media ${touchQuery}`,
} as const;

function subscribeTo(query: string) {
  return (onChange: () => void) => {
    const list = window.matchMedia(query);
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  };
}

const subscriptions = new Map<string, (onChange: () => void) => () => void>();

/** Whether a media query matches now; re-renders when it starts or stops matching. */
export function useMediaQuery(query: string): boolean {
  let subscribe = subscriptions.get(query);
  if (!subscribe) {
    subscribe = subscribeTo(query);
    subscriptions.set(query, subscribe);
  }
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => false,
  );
}

/** The phone layout (below 640 px): render a different structure, not only different CSS. */
export const useNarrow = (): boolean => useMediaQuery(narrowQuery);

/**
 * A list that scrolls sideways (the nav on a phone, the board's column switcher) keeps its
 * current item (`aria-current` or `aria-selected`) in sight whenever `key` changes, without
 * scrolling the page.
 */
export function useCurrentInView<T extends HTMLElement>(key: unknown): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    const list = ref.current;
    if (!list || list.scrollWidth <= list.clientWidth) return;
    const current = list.querySelector<HTMLElement>('[aria-current="page"], [aria-selected="true"]');
    if (!current) return;
    const box = list.getBoundingClientRect();
    const item = current.getBoundingClientRect();
    const margin = 16;
    if (item.left < box.left) list.scrollLeft -= box.left - item.left + margin;
    else if (item.right > box.right) list.scrollLeft += item.right - box.right + margin;
  }, [key]);
  return ref;
}

/**
 * Touch targets of at least 44 by 44 px on a phone or any touch screen (WCAG 2.5.5), for every
 * control at once: Fluent's controls by their stable class names, our own buttons, links that
 * are not part of a paragraph, menu items, tabs and check boxes. Links inside a paragraph's
 * sentence keep the height of the line (WCAG's own exception for inline targets). `:root`
 * raises the specificity above Fluent's single-class atomic rules; the links' rule has none
 * (`:where`), so a link a view lays out as a block or flex box keeps its own display.
 */
export const useTouchTargets = makeStaticStyles(`
@media ${touchQuery} {
  :root button:not(.fui-SpinButton__incrementButton):not(.fui-SpinButton__decrementButton),
  :root [role="button"],
  :root [role="tab"],
  :root [role="menuitem"],
  :root [role="menuitemradio"],
  :root [role="menuitemcheckbox"],
  :root [role="option"],
  :root summary,
  :root .fui-Button,
  :root .fui-MenuButton,
  :root .fui-ToggleButton {
    min-height: 44px;
  }
  :root .fui-Button,
  :root .fui-MenuButton,
  :root .fui-ToggleButton {
    min-width: 44px;
  }
  :root .fui-Input,
  :root .fui-SpinButton,
  :root .fui-Combobox,
  :root .fui-Dropdown {
    min-height: 46px;
  }
  :root .fui-Input__input,
  :root .fui-SpinButton__input {
    min-height: 44px;
  }
  :root .fui-Select {
    height: auto;
  }
  :root .fui-Select__select,
  :root select,
  :root input:not([type="checkbox"]):not([type="radio"]):not([type="hidden"]):not([type="range"]) {
    min-height: 44px;
    height: auto;
  }
  :root input[type="file"]::file-selector-button {
    min-height: 44px;
  }
  :root .fui-Select__icon {
    top: calc(50% - 10px);
  }
  :root .fui-Checkbox,
  :root .fui-Radio,
  :root .fui-Switch {
    min-height: 44px;
    align-items: center;
  }
  :root .fui-Checkbox__indicator,
  :root .fui-Radio__indicator,
  :root .fui-Switch__indicator {
    align-self: center;
  }
  :root .fui-Checkbox__input,
  :root .fui-Radio__input,
  :root .fui-Switch__input {
    min-width: 44px;
  }
  :where(a[href]:not(p a)) {
    display: inline-flex;
    align-items: center;
    min-height: 44px;
  }
  :root nav a {
    display: inline-flex;
    align-items: center;
    min-height: 44px;
  }
  :root summary {
    box-sizing: border-box;
    padding-block: ${tokens.spacingVerticalM};
  }
}
`);
