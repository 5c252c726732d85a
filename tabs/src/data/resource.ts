import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';

/**
 * A tiny cache of API reads shared by the views: switching from the plan to a board shows the
 * plan at once while it is read again, and a change on one view shows on the others.
 */
interface Entry {
  data?: unknown;
  error?: unknown;
  loading: boolean;
  /** When the data was read (ms since epoch). */
  at?: number;
}

/** A read this recent is not repeated when a view mounts (e.g. right after a prefetch). */
const FRESH_MS = 3000;

const entries = new Map<string, Entry>();
const listeners = new Map<string, Set<() => void>>();
const inflight = new Map<string, Promise<void>>();

function set(key: string, entry: Entry): void {
  entries.set(key, entry);
  listeners.get(key)?.forEach((listener) => listener());
}

export function loadResource<T>(key: string, loader: () => Promise<T>): Promise<void> {
  const running = inflight.get(key);
  if (running) return running;
  const previous = entries.get(key);
  set(key, { ...previous, loading: true });
  const promise = loader()
    .then(
      (data) => set(key, { data, loading: false, at: Date.now() }),
      (error: unknown) => set(key, { data: previous?.data, error, loading: false, ...(previous?.at ? { at: previous.at } : {}) }),
    )
    .finally(() => inflight.delete(key));
  inflight.set(key, promise);
  return promise;
}

export function mutateResource<T>(key: string, change: (data: T) => T): void {
  const entry = entries.get(key);
  if (entry?.data !== undefined) set(key, { ...entry, data: change(entry.data as T) });
}

export function peekResource<T>(key: string): T | undefined {
  return entries.get(key)?.data as T | undefined;
}

/** Forget everything, e.g. when another user signs in. */
export function clearResources(): void {
  entries.clear();
  inflight.clear();
}

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): Promise<void>;
}

export function useResource<T>(key: string | null, loader: () => Promise<T>): Resource<T> {
  const loaderRef = useRef(loader);
  loaderRef.current = loader;
  const subscribe = useCallback(
    (listener: () => void) => {
      if (!key) return () => undefined;
      let set = listeners.get(key);
      if (!set) listeners.set(key, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    [key],
  );
  const entry = useSyncExternalStore(subscribe, () => (key ? entries.get(key) : undefined));
  useEffect(() => {
    if (!key) return;
    const current = entries.get(key);
    if (current && !current.error && (current.loading || (current.at && Date.now() - current.at < FRESH_MS))) return;
    void loadResource(key, () => loaderRef.current());
  }, [key]);
  const reload = useCallback(() => (key ? loadResource(key, () => loaderRef.current()) : Promise.resolve()), [key]);
  return { data: entry?.data as T | undefined, error: entry?.error, loading: !entry || entry.loading, reload };
}
