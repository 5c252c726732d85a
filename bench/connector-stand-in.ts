import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A stand-in for the Bot Framework connector (the Teams service behind serviceUrl), on
 * loopback only. It records what the bot posts and enforces Teams' published rate limits, so
 * tests and the benchmark see a violation as a 429 and a count, exactly as the bot would in
 * Teams. Lives in bench/ so the compiled benchmark can use it; tests import it through
 * test/support/connector-stand-in.ts.
 */

export interface RecordedActivity {
  conversationId: string;
  tenantId: string | undefined;
  activity: Record<string, unknown>;
  activityId: string;
  at: number;
  /** When its answer was handed to the socket (performance.now() of the stand-in's process). */
  answeredAt?: number;
  /** Posted to /activities/{id} (a reply) rather than /activities; botbuilder replies to a continuation too. */
  reply: boolean;
  /** Sent with Teams' notification alert: how Kansrijk marks a proactive message. */
  proactive: boolean;
  /** The Authorization header it came with (a bot with an app id sends its token). */
  authorization: string | undefined;
}

export interface Window {
  limit: number;
  ms: number;
}

/** Teams: per bot per conversation, and per app per tenant (learn.microsoft.com, "rate limit"). */
export const teamsLimits = {
  perConversation: [
    { limit: 7, ms: 1_000 },
    { limit: 8, ms: 2_000 },
    { limit: 60, ms: 30_000 },
    { limit: 1_800, ms: 3_600_000 },
  ] as Window[],
  perTenant: [{ limit: 50, ms: 1_000 }] as Window[],
};

export interface ConnectorStandIn {
  /** e.g. http://127.0.0.1:53211/ — use as an activity's serviceUrl. */
  serviceUrl: string;
  activities: RecordedActivity[];
  created: { tenantId: string | undefined; memberId: string; conversationId: string }[];
  /** Messages the bot replaced (PUT …/activities/{id}), as it sent them. */
  updates: { conversationId: string; activityId: string; activity: Record<string, unknown> }[];
  /** Every POST that reached the stand-in, answered or not. */
  requests(): number;
  /** Requests refused with 429 because they broke a limit. */
  violations: { kind: 'conversation' | 'tenant'; key: string; at: number }[];
  /** Answer the next n sends with this status (and Retry-After seconds), without recording them. */
  failNext(n: number, status: number, retryAfterSeconds?: number): void;
  /** Record sends on arrival but answer none until release() (a send in flight when a worker dies). */
  hold(): void;
  release(): void;
  /** Waits until at least n proactive activities were recorded. */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  proactive(): RecordedActivity[];
  reset(): void;
  close(): Promise<void>;
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

class SlidingLog {
  private readonly log = new Map<string, number[]>();
  constructor(private readonly windows: Window[]) {}

  /** Whether one more request at `now` stays within every window; records it if so. */
  admit(key: string, now: number): boolean {
    const longest = Math.max(...this.windows.map((w) => w.ms));
    const times = (this.log.get(key) ?? []).filter((t) => t > now - longest);
    for (const w of this.windows) {
      const inWindow = times.filter((t) => t > now - w.ms).length;
      if (inWindow + 1 > w.limit) {
        this.log.set(key, times);
        return false;
      }
    }
    times.push(now);
    this.log.set(key, times);
    return true;
  }

  clear(): void {
    this.log.clear();
  }
}

export async function startConnectorStandIn(options: { enforceLimits?: boolean } = {}): Promise<ConnectorStandIn> {
  const enforce = options.enforceLimits ?? true;
  const activities: RecordedActivity[] = [];
  const created: ConnectorStandIn['created'] = [];
  const updates: ConnectorStandIn['updates'] = [];
  // Every id handed out, kept across reset() as Teams keeps its messages: only those can be replaced.
  const issued = new Set<string>();
  const violations: ConnectorStandIn['violations'] = [];
  const conversationTenant = new Map<string, string | undefined>();
  const perConversation = new SlidingLog(teamsLimits.perConversation);
  const perTenant = new SlidingLog(teamsLimits.perTenant);
  let failures: { status: number; retryAfter: number | undefined }[] = [];
  let holding = false;
  let held: (() => void)[] = [];
  let counter = 0;
  let requestCount = 0;
  const waiters: { n: number; resolve: () => void }[] = [];

  let proactiveCount = 0;
  const notify = (): void => {
    // Counted as they arrive: refiltering every activity on every request made the stand-in
    // itself the slowest part of a 10,000-message run.
    const count = proactiveCount;
    for (const w of [...waiters]) {
      if (count >= w.n) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };

  const limited = (tenantId: string | undefined, conversationId: string | undefined): 'conversation' | 'tenant' | undefined => {
    if (!enforce) return undefined;
    const now = performance.now();
    if (tenantId && !perTenant.admit(tenantId, now)) {
      violations.push({ kind: 'tenant', key: tenantId, at: now });
      return 'tenant';
    }
    if (conversationId && !perConversation.admit(conversationId, now)) {
      violations.push({ kind: 'conversation', key: conversationId, at: now });
      return 'conversation';
    }
    return undefined;
  };

  const server: Server = createServer((request, response) => {
    void (async () => {
      requestCount++;
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      if (request.method === 'PUT' && parts[0] === 'v3' && parts[1] === 'conversations' && parts[3] === 'activities' && parts[2] && parts[4]) {
        const body = await readJson(request);
        const conversationId = parts[2];
        const tenantId = (body.conversation as { tenantId?: string } | undefined)?.tenantId ?? conversationTenant.get(conversationId);
        if (limited(tenantId, conversationId)) return send(response, 429, { error: { code: 'TooManyRequests' } }, { 'retry-after': '1' });
        if (!issued.has(`${conversationId}\n${parts[4]}`)) return send(response, 404, { error: { code: 'ActivityNotFound' } });
        updates.push({ conversationId, activityId: parts[4], activity: body });
        return send(response, 200, { id: parts[4] });
      }
      if (request.method !== 'POST' || parts[0] !== 'v3' || parts[1] !== 'conversations') return send(response, 404, { error: { code: 'NotFound', message: url.pathname } });
      const body = await readJson(request);

      if (parts.length === 2) {
        const members = (body.members as { id: string }[] | undefined) ?? [];
        const tenantId = (body.tenantId as string | undefined) ?? (body.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
        if (limited(tenantId, undefined)) return send(response, 429, { error: { code: 'TooManyRequests' } }, { 'retry-after': '1' });
        const memberId = members[0]?.id ?? 'unknown';
        const conversationId = `a:personal-${memberId}`;
        conversationTenant.set(conversationId, tenantId);
        created.push({ tenantId, memberId, conversationId });
        return send(response, 201, { id: conversationId });
      }

      if (parts[3] !== 'activities' || !parts[2]) return send(response, 404, { error: { code: 'NotFound' } });
      const conversationId = parts[2];
      const reply = parts.length > 4;
      const activityConversation = body.conversation as { tenantId?: string } | undefined;
      const tenantId =
        activityConversation?.tenantId ?? (body.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? conversationTenant.get(conversationId);

      const failure = failures.shift();
      if (failure) {
        return send(response, failure.status, { error: { code: 'Scripted' } }, failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {});
      }
      if (limited(tenantId, conversationId)) return send(response, 429, { error: { code: 'TooManyRequests' } }, { 'retry-after': '1' });

      const activityId = `activity-${++counter}`;
      issued.add(`${conversationId}\n${activityId}`);
      const proactive = (body.channelData as { notification?: { alert?: boolean } } | undefined)?.notification?.alert === true;
      const recorded: RecordedActivity = { conversationId, tenantId, activity: body, activityId, at: performance.now(), reply, proactive, authorization: request.headers.authorization };
      activities.push(recorded);
      if (proactive) proactiveCount++;
      if (waiters.length) notify();
      if (holding && proactive) await new Promise<void>((resolve) => held.push(resolve));
      send(response, 200, { id: activityId });
      recorded.answeredAt = performance.now();
    })().catch((error: unknown) => send(response, 500, { error: { code: 'StandInError', message: String(error) } }));
  });
  server.keepAliveTimeout = 30_000;

  function release(): void {
    holding = false;
    const waiting = held;
    held = [];
    for (const resolve of waiting) resolve();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    activities,
    created,
    updates,
    violations,
    requests: () => requestCount,
    failNext(n, status, retryAfterSeconds) {
      for (let i = 0; i < n; i++) failures.push({ status, retryAfter: retryAfterSeconds });
    },
    hold() {
      holding = true;
    },
    release,
    waitFor(n, timeoutMs = 20_000) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the stand-in received ${activities.filter((a) => a.proactive).length} of ${n} activities`)), timeoutMs);
        waiters.push({
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
        notify();
      });
    },
    proactive: () => activities.filter((a) => a.proactive),
    reset() {
      requestCount = 0;
      proactiveCount = 0;
      activities.length = 0;
      created.length = 0;
      updates.length = 0;
      violations.length = 0;
      failures = [];
      perConversation.clear();
      perTenant.clear();
    },
    async close() {
      release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
