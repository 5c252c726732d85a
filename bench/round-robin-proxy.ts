import { request as httpRequest, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A small loopback HTTP proxy that hands each request to the next backend in turn, as a load
 * balancer in front of several instances would. A backend that refuses the connection (an
 * instance that died) is skipped for that request, so one killed instance costs no request
 * that had not reached it yet. Lives in bench/ so the compiled benchmark can use it; tests
 * import it through test/support/round-robin-proxy.ts.
 */
export interface RoundRobinProxy {
  url: string;
  /** Requests handed to each backend (by its index), answered or not. */
  handed: number[];
  close(): Promise<void>;
}

export async function startRoundRobinProxy(backends: string[]): Promise<RoundRobinProxy> {
  const targets = backends.map((b) => new URL(b));
  const handed = targets.map(() => 0);
  let next = 0;
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const attempt = (index: number, tries: number): void => {
        const target = targets[index]!;
        handed[index]! += 1;
        const upstream = httpRequest(
          { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: target.host, 'x-forwarded-for': '127.0.0.1' } },
          (answer) => {
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(outgoing);
          },
        );
        upstream.on('error', (error: NodeJS.ErrnoException) => {
          // Not connected at all: nothing reached that instance, the next one may take it.
          if (error.code === 'ECONNREFUSED' && tries + 1 < targets.length) return attempt((index + 1) % targets.length, tries + 1);
          if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' });
          outgoing.end(`proxy: ${error.code ?? error.message}`);
        });
        upstream.end(body);
      };
      const first = next;
      next = (next + 1) % targets.length;
      attempt(first, 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    handed,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
