import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

/** Longer than Fluent's exit motion of a dialog or drawer. */
const EXIT_MS = 500;

/**
 * State for a dialog or drawer that stays mounted while it closes. Fluent's modals restore
 * the page (aria-hidden, focus) on their way out; unmounting one that is still open leaves
 * the rest of the page hidden from assistive technology. Once closed it is unmounted: a closed
 * Fluent dialog left mounted keeps its focus-trap sentinels (focusable, aria-hidden) in the page.
 */
export interface Modal<T> {
  value: T | null;
  open: boolean;
  /** Changes on every show, so that a dialog shown again starts with fresh state. */
  key: number;
  show(value: T): void;
  hide(): void;
}

export function useModal<T>(): Modal<T> {
  const [state, setState] = useState<{ value: T; open: boolean; key: number } | null>(null);
  // Keys keep counting after an unmount, so that a key never names two dialogs.
  const lastKey = useRef(0);
  const show = useCallback((value: T) => setState(() => ({ value, open: true, key: ++lastKey.current })), []);
  const hide = useCallback(() => setState((s) => (s ? { ...s, open: false } : s)), []);
  const closedKey = state && !state.open ? state.key : null;
  useEffect(() => {
    if (closedKey === null) return undefined;
    const timer = setTimeout(() => setState((s) => (s && !s.open && s.key === closedKey ? null : s)), EXIT_MS);
    return () => clearTimeout(timer);
  }, [closedKey]);
  return useMemo(() => ({ value: state?.value ?? null, open: state?.open ?? false, key: state?.key ?? lastKey.current, show, hide }), [state, show, hide]);
}
