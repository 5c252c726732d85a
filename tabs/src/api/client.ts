import type { ProblemCode } from '../../../src/shared/errors';

export type { ProblemCode };
/** A small fetch wrapper: bearer token, JSON in and out, RFC 9457 problems as ApiError. */
export interface FieldProblem {
  path: string;
  /** For developers, in English: say `code` to the user (translateProblem in components/problem.tsx). */
  message: string;
  code?: ProblemCode;
  params?: Record<string, string | number>;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: FieldProblem[];
  current?: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly problem: Problem,
    /** From a 429's or 503's Retry-After: how long the server asks us to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
}

/** Retry-After is either seconds or an HTTP date. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

export interface RequestOptions {
  body?: unknown;
  ifMatch?: number;
  signal?: AbortSignal;
}

export interface Api {
  get<T>(path: string, options?: RequestOptions): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  patch<T>(path: string, body: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  del(path: string): Promise<void>;
  blob(path: string): Promise<{ blob: Blob; fileName: string | null }>;
}

export type TokenSource = () => Promise<string>;

export function createApi(token: TokenSource, base = ''): Api {
  async function send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${await token()}` };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError({ status: 0, code: 'network', detail: 'network error' });
    }
    if (!response.ok) {
      let problem: Problem = { status: response.status };
      try {
        problem = { ...(await response.json()), status: response.status } as Problem;
      } catch {
        // Not JSON (a proxy's error page): the status alone says enough.
      }
      throw new ApiError(problem, retryAfterMs(response.headers.get('retry-after')));
    }
    return response;
  }
  return {
    async get<T>(path: string, options?: RequestOptions) {
      return (await send('GET', path, options)).json() as Promise<T>;
    },
    async post<T>(path: string, body: unknown) {
      return (await send('POST', path, { body })).json() as Promise<T>;
    },
    async patch<T>(path: string, body: unknown, options: Omit<RequestOptions, 'body'> = {}) {
      return (await send('PATCH', path, { ...options, body })).json() as Promise<T>;
    },
    async put<T>(path: string, body: unknown) {
      return (await send('PUT', path, { body })).json() as Promise<T>;
    },
    async del(path: string) {
      await send('DELETE', path);
    },
    async blob(path: string) {
      const response = await send('GET', path);
      const disposition = response.headers.get('content-disposition') ?? '';
      const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? null;
      return { blob: await response.blob(), fileName };
    },
  };
}

/** Field problems keyed by the form field they belong to ('body.title' → 'title'). */
export function fieldProblems(error: unknown): { fields: Record<string, FieldProblem>; other: FieldProblem[] } {
  const fields: Record<string, FieldProblem> = {};
  const other: FieldProblem[] = [];
  if (!(error instanceof ApiError) || error.status !== 400) return { fields, other };
  for (const e of error.problem.errors ?? []) {
    const match = /^body\.([A-Za-z]+)/.exec(e.path);
    if (match?.[1] && !(match[1] in fields)) fields[match[1]] = e;
    else other.push(e);
  }
  return { fields, other };
}

/** Field errors as the server's messages; prefer fieldProblems and translateProblem, which speak the user's language. */
export function fieldErrors(error: unknown): { fields: Record<string, string>; other: string[] } {
  const { fields, other } = fieldProblems(error);
  return { fields: Object.fromEntries(Object.entries(fields).map(([k, p]) => [k, p.message])), other: other.map((p) => p.message) };
}
