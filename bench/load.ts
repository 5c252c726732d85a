import autocannon from 'autocannon';

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  meanBytes: number;
  non2xx: number;
  errors: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  method?: 'GET' | 'PATCH' | 'POST';
  headers: Record<string, string>;
  /** Called for every request, e.g. to pick a random action. */
  request?: () => { path: string; body?: string; headers?: Record<string, string> };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

/** autocannon with exact percentiles computed from every response time (it reports no p95). */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const times: number[] = [];
  let bytes = 0;
  const make = options.request;
  let instance!: autocannon.Instance;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
  instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    method: options.method ?? 'GET',
    headers: options.headers,
    ...(make
      ? {
          requests: [
            {
              setupRequest: (req: autocannon.Request) => {
                const next = make();
                return { ...req, path: next.path, ...(next.body ? { body: next.body } : {}), headers: { ...req.headers, ...(next.headers ?? {}) } };
              },
            },
          ],
        }
      : {}),
  }, (error, result) => (error ? reject(error as Error) : resolve(result)));
  });
  instance.on('response', (_client, _status, resBytes, responseTime) => {
    times.push(responseTime);
    bytes += resBytes;
  });
  const result = await finished;
  times.sort((a, b) => a - b);
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / options.durationSeconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    meanBytes: times.length ? bytes / times.length : 0,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

export function formatLoad(label: string, r: LoadResult): string {
  return `${label.padEnd(44)} p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  ${r.requestsPerSecond.toFixed(0)} req/s  ${(r.meanBytes / 1024).toFixed(0)} KiB/resp  non-2xx ${r.non2xx}  errors ${r.errors}`;
}

export interface OpenLoopWriter {
  stop(): Promise<{ sent: number; ok: number; failed: number; p95: number }>;
}

/**
 * Writes at a fixed rate whatever the server's pace (open loop): a slow answer does not slow
 * the next write down, as with people clicking. It uses its own connections (fetch), not the
 * readers' ones, so the readers' queue does not hold it back.
 */
export function startOpenLoopWriter(options: { ratePerSecond: number; send: () => Promise<Response> }): OpenLoopWriter {
  const times: number[] = [];
  const pending = new Set<Promise<void>>();
  let sent = 0;
  let ok = 0;
  let failed = 0;
  const timer = setInterval(() => {
    sent++;
    const started = performance.now();
    const one = options
      .send()
      .then(async (res) => {
        await res.arrayBuffer();
        if (res.ok) ok++;
        else failed++;
      })
      .catch(() => {
        failed++;
      })
      .finally(() => {
        times.push(performance.now() - started);
        pending.delete(one);
      });
    pending.add(one);
  }, 1000 / options.ratePerSecond);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(pending);
      times.sort((a, b) => a - b);
      return { sent, ok, failed, p95: percentile(times, 95) };
    },
  };
}
