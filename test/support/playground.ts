/**
 * Launches the Microsoft 365 Agents Playground for end-to-end tests that drive its web UI in
 * Chromium. Offline: no telemetry, no browser of its own, and `loopbackOnly` keeps the page from
 * fetching its web fonts from a CDN.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { startPlaygroundProcess } from '../../scripts/lib/playground-process';
import { chromiumArgs as baseChromiumArgs } from './browser';

export interface Playground {
  /** Base URL of the Playground's web UI, e.g. http://127.0.0.1:56150 */
  url: string;
  stop(): Promise<void>;
}

/** Selectors of the Playground UI (version 0.2.28), found by driving it in Chromium. */
export const playgroundSelectors = {
  /** The message box: a contenteditable div. Click it, then type with page.keyboard. */
  messageBox: '[role="textbox"]',
  sendButton: 'button[aria-label="Send Message"]',
  /** Each message from the bot is rendered in one of these cards. */
  botMessage: '.fai-OutputCard',
  /** Conversations in the left pane, by their name in .m365agentsplayground.yml. */
  conversation: (name: string) => `[role="treeitem"][aria-label="${name}"]`,
} as const;

/** Chromium flags for a headless run that never leaves the machine: the shared flags, and no DNS. */
export const chromiumArgs = [...baseChromiumArgs, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost'];

/** Aborts every request that is not for this machine (the UI asks a CDN for Segoe UI fonts). */
export async function loopbackOnly(context: BrowserContext): Promise<void> {
  await context.route(
    (url) => !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname),
    (route) => route.abort(),
  );
}

/** The Playground's own configuration, the one `npm run dev:playground` uses. */
export const defaultPlaygroundConfig = join(__dirname, '..', '..', '.m365agentsplayground.yml');

/**
 * Starts the Playground as the demo user of .m365agentsplayground.yml (or of `configPath`, a
 * copy with another current user); port 0 picks a free port.
 */
export async function startPlayground({ botEndpoint, port = 0, configPath = defaultPlaygroundConfig }: { botEndpoint: string; port?: number; configPath?: string }): Promise<Playground> {
  const logDir = mkdtempSync(join(tmpdir(), 'kansrijk-playground-'));
  try {
    const running = await startPlaygroundProcess({
      botEndpoint,
      port,
      configPath,
      logFile: join(logDir, 'playground.log'),
    });
    return {
      url: running.url,
      stop: async () => {
        await running.stop();
        rmSync(logDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(logDir, { recursive: true, force: true });
    throw error;
  }
}
