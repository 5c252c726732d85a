import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a quiet, offline-friendly headless Chromium that only talks to loopback. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Chromium with a fresh profile in a temporary folder, removed again on close. */
export async function launchBrowser(options: { locale?: string; viewport?: { width: number; height: number } } = {}): Promise<Browser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'kansrijk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: chromiumArgs,
    headless: true,
    locale: options.locale ?? 'nl-BE',
    timezoneId: 'Europe/Brussels',
    viewport: options.viewport ?? { width: 1366, height: 900 },
    acceptDownloads: true,
    // Fluent honours it: no transitions half-way through when a test looks at the page.
    reducedMotion: 'reduce',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
