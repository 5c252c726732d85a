import { QueryClient, useQuery } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import { ApiError } from '../api/client';

/**
 * The views' API reads, cached by TanStack Query: switching from the plan to a board shows the
 * plan at once while it is read again, concurrent reads of one key share one request, and a
 * change on one view shows on the others. Keys stay the strings the views always used
 * ('plan:<id>'); the query key is that string alone, so `['plan:<id>']` names it for the library.
 */

/** A read this recent is not repeated when a view mounts (e.g. right after a prefetch). */
const FRESH_MS = 3000;
/** Only this many tries in all for a read the server could not answer; a 4xx is never retried. */
const MAX_TRIES = 3;
/** The longest Retry-After honoured; a longer one would leave the view looking stuck. */
const MAX_RETRY_DELAY_MS = 30_000;

/** Network failures and the server's own troubles may pass; a 4xx says the same next time. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= MAX_TRIES - 1) return false;
  if (!(error instanceof ApiError)) return false;
  return error.status === 0 || error.status === 429 || error.status >= 500;
}

/** Retry-After when the server says how long (429, 503), else doubling from half a second. */
export function retryDelay(failureCount: number, error: unknown): number {
  const asked = error instanceof ApiError ? error.retryAfterMs : undefined;
  if (asked !== undefined) return Math.min(MAX_RETRY_DELAY_MS, asked);
  return Math.min(MAX_RETRY_DELAY_MS, 500 * 2 ** failureCount);
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: FRESH_MS,
      gcTime: 10 * 60_000,
      retry: shouldRetry,
      retryDelay,
      // A 2,500-action plan is not read again every time the window gets the focus back.
      refetchOnWindowFocus: false,
    },
    // Writes carry If-Match and say what went wrong themselves: never repeated behind the user's back.
    mutations: { retry: false },
  },
});

const queryKey = (key: string): [string] => [key];

/**
 * Reads `key` again now (a read already running for it is shared, not repeated). Never
 * rejects: a failure shows as the resource's `error`, beside the data read before.
 */
export function loadResource<T>(key: string, loader: () => Promise<T>): Promise<void> {
  return queryClient.fetchQuery({ queryKey: queryKey(key), queryFn: loader, staleTime: 0 }).then(
    () => undefined,
    () => undefined,
  );
}

/** Changes the cached data in place (nothing happens while the key has none yet). */
export function mutateResource<T>(key: string, change: (data: T) => T): void {
  queryClient.setQueryData<T>(queryKey(key), (data) => (data === undefined ? undefined : change(data)));
}

export function peekResource<T>(key: string): T | undefined {
  return queryClient.getQueryData<T>(queryKey(key));
}

/** Stops reads under way for `key`, e.g. before an optimistic change that they would overwrite. */
export function cancelResource(key: string): Promise<void> {
  return queryClient.cancelQueries({ queryKey: queryKey(key), exact: true });
}

/** Marks every key that starts with `prefix` stale (e.g. each domain's part of one read). */
export function invalidateResources(prefix: string): Promise<void> {
  return queryClient.invalidateQueries({ predicate: (query) => typeof query.queryKey[0] === 'string' && query.queryKey[0].startsWith(prefix) });
}

/** Marks `key` stale and reads it again where a view shows it. */
export function invalidateResource(key: string): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: queryKey(key), exact: true });
}

/**
 * Forget everything, e.g. when another user signs in: removed rather than refetched, so that
 * nothing read with the previous user's token lands in the new user's cache.
 */
export function clearResources(): void {
  void queryClient.cancelQueries();
  queryClient.clear();
}

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): Promise<void>;
}

/** Reads `key` with `loader` (null: nothing to read yet), shared with every view that reads it. */
export function useResource<T>(key: string | null, loader: () => Promise<T>): Resource<T> {
  // The loader is a fresh closure on every render; the latest one reads.
  const loaderRef = useRef(loader);
  loaderRef.current = loader;
  const query = useQuery<T>({ queryKey: queryKey(key ?? ''), queryFn: () => loaderRef.current(), enabled: key !== null });
  const reload = useCallback(() => (key ? loadResource(key, () => loaderRef.current()) : Promise.resolve()), [key]);
  return { data: key ? query.data : undefined, error: key ? query.error : null, loading: query.isPending || query.isFetching, reload };
}
