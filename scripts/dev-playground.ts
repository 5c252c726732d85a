/**
 * A Teams-like local run without a Microsoft 365 tenant:
 *
 *   npm run dev:playground
 *
 * builds and starts the Kansrijk server on port 3978 (demo data, dev sign-in), waits until it is
 * healthy, then starts the Microsoft 365 Agents Playground against its bot endpoint as the demo
 * user of .m365agentsplayground.yml. Ctrl-C stops both. See docs/playground.md.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startPlaygroundProcess, stopChild, waitForHttp, type RunningPlayground } from './lib/playground-process';

const SERVER_PORT = 3978;

async function main(): Promise<void> {
  const root = resolve(__dirname, '..', '..');
  const entry = join(root, 'dist', 'src', 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first.`);
  const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 56150);
  mkdirSync(join(root, '.data'), { recursive: true });

  const server = spawn(process.execPath, [entry], {
    cwd: root,
    env: { ...process.env, PORT: String(SERVER_PORT) },
    stdio: 'inherit',
  });
  const started: { playground?: RunningPlayground } = {};
  let stopping = false;
  const stopAll = async (exitCode: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await started.playground?.stop();
    await stopChild(server, 15_000); // the server stops its embedded Postgres; give it time
    process.exit(exitCode);
  };
  // Ctrl-C reaches the children too (same process group); we only wait for them to be gone.
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));
  let serverExit: string | undefined;
  server.once('exit', (code, signal) => {
    serverExit = `the Kansrijk server exited (${signal ?? `code ${String(code)}`})`;
    if (!stopping) {
      console.error(serverExit);
      void stopAll(code ?? 1);
    }
  });

  await waitForHttp(`http://127.0.0.1:${SERVER_PORT}/healthz`, 180_000, () => serverExit);
  const playground = await startPlaygroundProcess({
    botEndpoint: `http://127.0.0.1:${SERVER_PORT}/api/messages`,
    port: playgroundPort,
    configPath: join(root, '.m365agentsplayground.yml'),
    logFile: join(root, '.data', 'm365agentsplayground.log'),
    echo: true,
  });
  started.playground = playground;
  playground.process.once('exit', () => {
    if (!stopping) {
      console.error('the Playground stopped');
      void stopAll(1);
    }
  });
  console.log(`\nKansrijk is running. Open ${playground.url.replace('127.0.0.1', 'localhost')} to chat with the bot as Tom Maes (Ctrl-C stops).\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
