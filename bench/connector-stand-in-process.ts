import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { startConnectorStandIn } from './connector-stand-in';
import { followUpIdOf } from './follow-up-fixtures';

/*
 * The connector stand-in in a process of its own, for the dispatch benchmark. Teams is another
 * machine: in the dispatcher's process, the stand-in's own work (10,000 requests parsed, logged
 * and answered) sat in the same event loop as the dispatch, and every send's answer waited for
 * it. A place in a rate window frees only at a send's answer plus the window, so that wait was
 * added to every window of the biggest tenant (bench/bot.ts). Run with fork(); the parent talks
 * to it over the IPC channel.
 */

type FromChild = { kind: 'ready'; serviceUrl: string } | { kind: 'reached' } | { kind: 'result'; followUpIds: (string | undefined)[]; violations: number };
type ToChild = { kind: 'waitFor'; n: number } | { kind: 'result' };

export interface StandInProcess {
  serviceUrl: string;
  /** Resolves once the stand-in has recorded at least n proactive messages. */
  waitFor(n: number, timeoutMs: number): Promise<void>;
  /** The follow-up id in each proactive message, in arrival order, and the limits broken. */
  result(): Promise<{ followUpIds: (string | undefined)[]; violations: number }>;
  close(): Promise<void>;
}

function nextMessage<K extends FromChild['kind']>(child: ChildProcess, kind: K, timeoutMs: number): Promise<Extract<FromChild, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`the connector stand-in sent no '${kind}' within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: FromChild): void => {
      if (message.kind === kind) done(undefined, message as Extract<FromChild, { kind: K }>);
    };
    const onExit = (): void => done(new Error('the connector stand-in exited'));
    const done = (error?: Error, message?: Extract<FromChild, { kind: K }>): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(message!);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export async function startStandInProcess(): Promise<StandInProcess> {
  const child = fork(__filename, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { serviceUrl } = await nextMessage(child, 'ready', 30_000);
  const tell = (message: ToChild): void => {
    child.send(message);
  };
  return {
    serviceUrl,
    async waitFor(n, timeoutMs) {
      const reached = nextMessage(child, 'reached', timeoutMs);
      tell({ kind: 'waitFor', n });
      await reached;
    },
    async result() {
      const answer = nextMessage(child, 'result', 60_000);
      tell({ kind: 'result' });
      const { followUpIds, violations } = await answer;
      return { followUpIds, violations };
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function runChild(): Promise<void> {
  const standIn = await startConnectorStandIn();
  const send = (message: FromChild): void => {
    process.send!(message);
  };
  process.on('message', (message: ToChild) => {
    if (message.kind === 'waitFor') {
      void standIn.waitFor(message.n, 600_000).then(() => send({ kind: 'reached' }));
    } else {
      const proactive = standIn.proactive();
      // BENCH_DISPATCH_TRACE=file: every proactive message's arrival and answer (ms) and tenant, for looking at the windows.
      const trace = process.env.BENCH_DISPATCH_TRACE;
      if (trace) writeFileSync(trace, JSON.stringify(proactive.map((a) => ({ at: a.at, answeredAt: a.answeredAt, tenantId: a.tenantId }))));
      send({ kind: 'result', followUpIds: proactive.map((a) => followUpIdOf(a.activity)), violations: standIn.violations.length });
    }
  });
  process.on('SIGTERM', () => {
    void standIn.close().finally(() => process.exit(0));
  });
  send({ kind: 'ready', serviceUrl: standIn.serviceUrl });
}

if (require.main === module && process.send) void runChild();
