import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages */
  botEndpoint: string;
  /** Port for the Playground's web UI; 0 picks a free one. */
  port: number;
  /** The .m365agentsplayground.yml with the tenant, user, chats and team to pretend. */
  configPath?: string;
  /** Where the Playground writes its log (it defaults to ./devTools/, inside the repo). */
  logFile?: string;
  /** Copy the Playground's output to this process's stdout/stderr. */
  echo?: boolean;
  /** Milliseconds to wait for the UI to answer. */
  timeoutMs?: number;
}

export interface RunningPlayground {
  /** Base URL of the web UI, on loopback. */
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Ends a child process: SIGTERM, then SIGKILL if it lingers. Resolves once it has exited. */
export function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill('SIGTERM');
  });
}

/** Polls a URL until it answers 200, the deadline passes or `abort` says the server died. */
export async function waitForHttp(url: string, timeoutMs: number, abort?: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reason = abort?.();
    if (reason) throw new Error(reason);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Starts the Microsoft 365 Agents Playground (the Teams-like web client of
 * @microsoft/m365agentsplayground) pointed at a bot endpoint, offline: no telemetry and no
 * browser of its own. Resolves once its UI serves a page.
 */
export async function startPlaygroundProcess(options: PlaygroundOptions): Promise<RunningPlayground> {
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const args = [
    cli,
    'start',
    '--disable-telemetry',
    '--channel-id',
    'msteams',
    '--app-endpoint',
    options.botEndpoint,
    '--port',
    String(options.port),
  ];
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: resolve(options.configPath ?? '.m365agentsplayground.yml'),
      ...(options.logFile ? { M365_AGENTS_PLAYGROUND_LOGFILE: options.logFile } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let output = '';
  let exited: string | undefined;
  // The Playground moves to a random port when the asked one is taken, and says which it took.
  const listening = new Promise<number>((found, fail) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /Listening on (\d+)/.exec(output);
      if (match) found(Number(match[1]));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code, signal) => {
      exited = `the Playground exited (${signal ?? `code ${String(code)}`}) before it was ready:\n${output}`;
      fail(new Error(exited));
    });
  });
  if (options.echo) {
    child.stdout?.pipe(process.stdout);
    child.stderr?.pipe(process.stderr);
  }

  const timeoutMs = options.timeoutMs ?? 30_000;
  try {
    const port = await Promise.race([
      listening,
      new Promise<never>((_, fail) => setTimeout(() => fail(new Error(`the Playground did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs).unref()),
    ]);
    const url = `http://127.0.0.1:${port}`;
    await waitForHttp(`${url}/`, timeoutMs, () => exited);
    return { url, port, process: child, stop: () => stopChild(child) };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}
