import {
  AuthenticationHandler,
  Client,
  GraphClientError,
  HTTPMessageHandler,
  ResponseType,
  RetryHandler,
  RetryHandlerOptions,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import pLimit from 'p-limit';
import type { GraphTokenProvider } from './graph-credentials';
import { GRAPH_CALLS, type GraphCall, type PermissionType } from './graph-permissions';

/*
 * The Graph client every feature uses. The SDK's middleware chain, in order:
 *   AuthenticationHandler → RetryHandler → MailboxLimiter → TimeoutHandler → HTTP
 * Retries sit outside the mailbox limiter so a request waiting out a Retry-After holds no slot, and
 * the timeout sits inside it so time spent queueing for a slot is not counted as Graph being slow.
 * Requests go through `graphCall`, which checks the call against its row in GRAPH_CALLS
 * (src/graph/graph-permissions.ts) before anything is sent.
 */

/**
 * The client type for callers outside src/graph/: importing it from here rather than from the SDK
 * keeps test/unit/graph-permissions.test.ts from counting the caller as a file that calls Graph itself.
 */
export type GraphClient = Client;

export interface GraphClientOptions {
  /** e.g. https://graph.microsoft.com/v1.0 (GRAPH_BASE_URL); in tests the stand-in on 127.0.0.1. */
  baseUrl: string;
  tokenProvider: GraphTokenProvider;
  /** Per attempt: a retry gets a fresh timeout. */
  timeoutMs: number;
  fetch?: typeof fetch;
  /** Graph (Outlook) allows 4 concurrent requests per app per mailbox. */
  maxConcurrentPerMailbox?: number;
  maxRetries?: number;
}

/** Graph answered with an error status, or did not answer in time. */
export class GraphRequestError extends Error {
  constructor(
    readonly callId: string,
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`Graph ${callId}: ${status} ${code}: ${message}`);
    this.name = 'GraphRequestError';
  }
}

export class GraphTimeoutError extends GraphRequestError {
  constructor(callId: string, timeoutMs: number) {
    super(callId, 0, 'timeout', `no answer within ${timeoutMs} ms`);
    this.name = 'GraphTimeoutError';
  }
}

/** A call the code makes without a row for this kind of rights: a programming error, refused before sending. */
export class GraphPermissionError extends Error {
  override readonly name = 'GraphPermissionError';
}

/** Thrown inside the chain; a GraphClientError passes the SDK's error handling unchanged. */
class AttemptTimeout extends GraphClientError {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    // GraphClientError resets the prototype to its own; restore ours so instanceof works.
    Object.setPrototypeOf(this, AttemptTimeout.prototype);
  }
}

const MAILBOX_IN_PATH = [/\/users\/([^/?]+)/i, /\/users\('([^']+)'\)/i];

/** The mailbox a request touches (`/users/{id}/…` in Graph, `Users('{id}')` in an Outlook upload URL). */
export function mailboxOf(url: string): string | undefined {
  for (const pattern of MAILBOX_IN_PATH) {
    const match = pattern.exec(url);
    if (match?.[1]) return decodeURIComponent(match[1]).toLowerCase();
  }
  return undefined;
}

class MailboxLimiter {
  private readonly limits = new Map<string, pLimit.Limit>();
  constructor(private readonly max: number) {}

  async run<T>(url: string, task: () => Promise<T>): Promise<T> {
    const mailbox = mailboxOf(url);
    if (!mailbox) return task();
    let limit = this.limits.get(mailbox);
    if (!limit) {
      limit = pLimit(this.max);
      this.limits.set(mailbox, limit);
    }
    try {
      return await limit(task);
    } finally {
      if (limit.activeCount === 0 && limit.pendingCount === 0 && this.limits.get(mailbox) === limit) this.limits.delete(mailbox);
    }
  }
}

abstract class Link implements Middleware {
  protected next: Middleware | undefined;
  abstract execute(context: Context): Promise<void>;
  setNext(next: Middleware): void {
    this.next = next;
  }
  protected pass(context: Context): Promise<void> {
    if (!this.next) throw new Error('Graph middleware chain has no next handler');
    return this.next.execute(context);
  }
}

const urlOf = (context: Context) => (typeof context.request === 'string' ? context.request : context.request.url);

class MailboxLimitHandler extends Link {
  constructor(private readonly limiter: MailboxLimiter) {
    super();
  }
  execute(context: Context): Promise<void> {
    return this.limiter.run(urlOf(context), () => this.pass(context));
  }
}

class TimeoutHandler extends Link {
  constructor(private readonly timeoutMs: number) {
    super();
  }
  async execute(context: Context): Promise<void> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    context.options = { ...context.options, signal };
    try {
      await this.pass(context);
    } catch (error) {
      if (signal.aborted) throw new AttemptTimeout(this.timeoutMs);
      throw error;
    }
  }
}

/** Instead of HTTPMessageHandler when a fetch is injected or a loopback stand-in needs plain http. */
class FetchHandler implements Middleware {
  constructor(
    private readonly fetchImpl: typeof fetch,
    private readonly sdkBase: string,
    private readonly wireBase: string,
  ) {}
  async execute(context: Context): Promise<void> {
    let url = urlOf(context);
    if (url.startsWith(this.sdkBase)) url = this.wireBase + url.slice(this.sdkBase.length);
    context.response = await this.fetchImpl(url, context.options as RequestInit);
  }
}

interface ClientState {
  permissionType: PermissionType;
  /** Where requests really go. */
  wireBase: string;
  /** What the SDK is shown: its AuthenticationHandler only authenticates https URLs. */
  sdkBase: string;
  fetchImpl: typeof fetch;
  limiter: MailboxLimiter;
  timeoutMs: number;
  maxRetries: number;
}

const states = new WeakMap<Client, ClientState>();

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function createGraphClient(options: GraphClientOptions): Client {
  const wireBase = options.baseUrl.replace(/\/$/, '');
  const url = new URL(wireBase);
  if (url.pathname.split('/').filter(Boolean).length !== 1) throw new Error(`GRAPH_BASE_URL must be a host and a version, e.g. https://graph.microsoft.com/v1.0, not ${wireBase}`);
  // A loopback stand-in speaks http; the SDK would then send no token. It sees https, the last handler downgrades.
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) throw new Error('GRAPH_BASE_URL must use https');
  const sdkBase = url.protocol === 'http:' ? `https://${wireBase.slice('http://'.length)}` : wireBase;
  const fetchImpl = options.fetch ?? fetch;
  const maxRetries = options.maxRetries ?? 3;
  const limiter = new MailboxLimiter(options.maxConcurrentPerMailbox ?? 4);
  const last: Middleware = options.fetch || sdkBase !== wireBase ? new FetchHandler(fetchImpl, sdkBase, wireBase) : new HTTPMessageHandler();
  const client = Client.initWithMiddleware({
    middleware: [
      new AuthenticationHandler({ getAccessToken: () => options.tokenProvider.getAccessToken() }),
      new RetryHandler(new RetryHandlerOptions(3, maxRetries)),
      new MailboxLimitHandler(limiter),
      new TimeoutHandler(options.timeoutMs),
      last,
    ],
    customHosts: new Set([url.hostname]),
  });
  states.set(client, { permissionType: options.tokenProvider.permissionType, wireBase, sdkBase, fetchImpl, limiter, timeoutMs: options.timeoutMs, maxRetries });
  return client;
}

function state(client: Client): ClientState {
  const found = states.get(client);
  if (!found) throw new GraphPermissionError('a Graph client must come from createGraphClient');
  return found;
}

export function permissionTypeOf(client: Client): PermissionType {
  return state(client).permissionType;
}

export type GraphMethod = 'GET' | 'POST' | 'PATCH';

export interface GraphRequestSpec {
  method: GraphMethod;
  /** From the version on, e.g. `/users/${encodeURIComponent(mailbox)}/events`. */
  path: string;
  /** Values are encoded here. */
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One call id, or one per kind of rights when the call exists with both. */
export type GraphCallIds = string | Partial<Record<PermissionType, string>>;

function templateMatches(row: GraphCall, method: string, path: string): boolean {
  const [rowMethod, template] = row.request.split(' ');
  if (rowMethod !== method || !template) return false;
  const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
  return pattern.test(path);
}

function rowFor(ids: GraphCallIds, permissionType: PermissionType, method: string, path: string): GraphCall {
  const id = typeof ids === 'string' ? ids : ids[permissionType];
  const row = id ? GRAPH_CALLS.find((c) => c.id === id) : undefined;
  if (!id || !row) throw new GraphPermissionError(`no ${permissionType} row in GRAPH_CALLS for ${method} ${path} (${JSON.stringify(ids)})`);
  if (row.type !== permissionType) throw new GraphPermissionError(`${id} is a ${row.type} call, this client holds ${permissionType} rights`);
  if (!templateMatches(row, method, path)) throw new GraphPermissionError(`${id} is ${row.request}, not ${method} ${path}`);
  return row;
}

function queryString(query: Record<string, string> | undefined): string {
  const entries = Object.entries(query ?? {});
  return entries.length === 0 ? '' : `?${entries.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;
}

async function errorOf(callId: string, response: Response): Promise<GraphRequestError> {
  const text = await response.text().catch(() => '');
  let code = 'unknown';
  let message = text.slice(0, 300);
  try {
    const parsed = JSON.parse(text) as { error?: { code?: string; message?: string } };
    code = parsed.error?.code ?? code;
    message = parsed.error?.message ?? message;
  } catch {
    // Not JSON: keep the text.
  }
  return new GraphRequestError(callId, response.status, code, message);
}

function isTimeout(error: unknown): boolean {
  return error instanceof AttemptTimeout || (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'));
}

/**
 * Makes one Graph request named by its GRAPH_CALLS id(s) and returns the JSON body (undefined for
 * 202/204). Throws GraphRequestError on an error status (after the SDK's retries), GraphTimeoutError
 * when an attempt took longer than timeoutMs.
 */
export async function graphCall<T = undefined>(client: Client, ids: GraphCallIds, spec: GraphRequestSpec): Promise<T> {
  const s = state(client);
  const row = rowFor(ids, s.permissionType, spec.method, spec.path);
  const request = client
    .api(`${s.sdkBase}${spec.path}${queryString(spec.query)}`)
    .responseType(ResponseType.RAW)
    .headers(spec.headers ?? {});
  try {
    const response = (await (spec.method === 'GET' ? request.get() : spec.method === 'PATCH' ? request.patch(spec.body ?? {}) : request.post(spec.body === undefined ? '' : spec.body))) as Response;
    if (!response.ok) throw await errorOf(row.id, response);
    if (response.status === 202 || response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  } catch (error) {
    if (error instanceof GraphRequestError) throw error;
    if (isTimeout(error)) throw new GraphTimeoutError(row.id, s.timeoutMs);
    throw error;
  }
}

/** Every page of a Graph collection (follows @odata.nextLink, which stays on the same call). */
export async function graphList<T>(client: Client, ids: GraphCallIds, spec: GraphRequestSpec & { method: 'GET' }): Promise<T[]> {
  const s = state(client);
  const items: T[] = [];
  let next: GraphRequestSpec | undefined = spec;
  for (let page = 0; next && page < 100; page++) {
    const body: { value?: T[]; '@odata.nextLink'?: string } | undefined = await graphCall(client, ids, next);
    items.push(...(body?.value ?? []));
    const link: string | undefined = body?.['@odata.nextLink'];
    next = undefined;
    if (link) {
      const base = [s.wireBase, s.sdkBase].find((b) => link.startsWith(b));
      if (!base) throw new GraphRequestError(typeof ids === 'string' ? ids : JSON.stringify(ids), 0, 'badNextLink', `next page outside ${s.wireBase}`);
      const rest: string = link.slice(base.length);
      const at: number = rest.indexOf('?');
      const query = at < 0 ? undefined : Object.fromEntries(new URLSearchParams(rest.slice(at + 1)));
      next = { method: 'GET', path: at < 0 ? rest : rest.slice(0, at), query, headers: spec.headers };
    }
  }
  return items;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * PUTs one range of an attachment upload session. The upload URL is pre-authenticated and not
 * Graph (outlook.office.com): it gets no Authorization header, and the SDK's RetryHandler does not
 * retry octet-stream bodies, so this retries 429/503/504 itself, honouring Retry-After. It shares
 * the client's per-mailbox limit and timeout.
 */
export async function graphUpload(
  client: Client,
  uploadUrl: string,
  bytes: Buffer,
  range: { start: number; total: number },
): Promise<{ status: number; body: unknown }> {
  const s = state(client);
  for (let attempt = 0; ; attempt++) {
    const response = await s.limiter
      .run(uploadUrl, () =>
        s.fetchImpl(uploadUrl, {
          method: 'PUT',
          headers: {
            'Content-Type': 'application/octet-stream',
            'Content-Length': String(bytes.length),
            'Content-Range': `bytes ${range.start}-${range.start + bytes.length - 1}/${range.total}`,
          },
          body: bytes,
          signal: AbortSignal.timeout(s.timeoutMs),
        }),
      )
      .catch((error: unknown) => {
        if (isTimeout(error)) throw new GraphTimeoutError('mail.upload-range', s.timeoutMs);
        throw error;
      });
    if ([429, 503, 504].includes(response.status) && attempt < s.maxRetries) {
      const retryAfter = Number(response.headers.get('retry-after'));
      await response.body?.cancel();
      await sleep((Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 3 * 2 ** attempt) * 1000);
      continue;
    }
    if (!response.ok) throw await errorOf('mail.upload-range', response);
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }
}
