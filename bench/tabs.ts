import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page, type Response } from 'playwright-core';

export interface TabsBenchmarkOptions {
  baseUrl: string;
  /** The dev identity to sign in as (the tab's "Aanmelden als" stores it in sessionStorage). */
  token: { tenantId: string; userId: string; name: string };
  trajectoryId: string;
  boardDomainId: string;
  /** The demo's own trajectory (28 actions), for the phone figures beside the large plan's. */
  demoTrajectoryId?: string;
}

// Callbacks of page.evaluate run in the browser; this project's tsconfig has no DOM library.
declare const performance: { now(): number; getEntriesByType(type: string): { name: string; startTime: number; responseEnd: number }[] };
declare function requestAnimationFrame(callback: () => void): number;
declare const sessionStorage: { setItem(key: string, value: string): void };
declare class PerformanceObserver {
  constructor(callback: (list: { getEntries(): { startTime: number }[] }) => void);
  observe(options: { type: string; buffered: boolean }): void;
}

const RUNS = Number(process.env.BENCH_TAB_RUNS ?? 5);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Milliseconds from the start of the navigation to the first frame painted after the view
 * marked itself data-ready (its data rendered), read from the page's own clock.
 */
async function timeView(page: Page, url: string, view: string): Promise<number> {
  await page.goto('about:blank');
  await page.goto(url);
  await page.locator(`[data-view="${view}"][data-ready="true"]`).waitFor({ timeout: 60_000 });
  return page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0))));
}

/** The phone: 390 px wide, 150 ms round trip, 1.6 Mbps down, 750 kbps up, CPU 4× slower. */
const PHONE = { width: 390, height: 844, latencyMs: 150, downBytesPerS: 1_600_000 / 8, upBytesPerS: 750_000 / 8, cpuSlowdown: 4 };

/**
 * Largest Contentful Paint of the plan view on that phone, cold (a fresh profile each run, so no
 * HTTP cache), and the bytes it transferred. LCP is read once the view has rendered its data.
 */
async function phonePlanLcp(opts: TabsBenchmarkOptions, trajectoryId: string): Promise<{ lcpMs: number; transferredKB: number }> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'kansrijk-bench-phone-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    viewport: { width: PHONE.width, height: PHONE.height },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    locale: 'nl-BE',
  });
  try {
    await context.addInitScript((user) => sessionStorage.setItem('kansrijk.devUser', user), JSON.stringify(opts.token));
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: PHONE.latencyMs, downloadThroughput: PHONE.downBytesPerS, uploadThroughput: PHONE.upBytesPerS });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpuSlowdown });
    let transferred = 0;
    cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
      transferred += event.encodedDataLength;
    });
    await page.goto(`${opts.baseUrl.replace(/\/$/, '')}/tabs/index.html#/t/${trajectoryId}/plan`);
    await page.locator('[data-view="plan"][data-ready="true"]').waitFor({ timeout: 120_000 });
    const lcpMs = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          new PerformanceObserver((list) => {
            const entries = list.getEntries();
            resolve(entries[entries.length - 1]?.startTime ?? Number.NaN);
          }).observe({ type: 'largest-contentful-paint', buffered: true });
        }),
    );
    return { lcpMs, transferredKB: transferred / 1024 };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * The tabs in Chromium against a running server with a big plan: time to a fully rendered
 * action plan and work-group board (cold = empty HTTP cache, warm = median of the next runs),
 * and the gzipped size of the JavaScript the first view loads.
 */
export async function runTabsBenchmark(opts: TabsBenchmarkOptions): Promise<Record<string, number>> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'kansrijk-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, headless: true, viewport: { width: 1366, height: 900 }, locale: 'nl-BE' });
  try {
    await context.addInitScript((user) => sessionStorage.setItem('kansrijk.devUser', user), JSON.stringify(opts.token));
    const page = await context.newPage();
    const base = `${opts.baseUrl.replace(/\/$/, '')}/tabs/index.html`;
    const planUrl = `${base}#/t/${opts.trajectoryId}/plan`;
    const boardUrl = `${base}#/t/${opts.trajectoryId}/board/${opts.boardDomainId}`;

    // The first view's JavaScript, as the browser fetched it on a cold load of the plan.
    const scripts = new Map<string, Promise<number>>();
    const onResponse = (response: Response) => {
      const type = response.headers()['content-type'] ?? '';
      if (response.request().resourceType() === 'script' || /javascript/.test(type)) {
        scripts.set(response.url(), response.body().then((body) => gzipSync(body, { level: 9 }).length));
      }
    };
    page.on('response', onResponse);
    const planCold = await timeView(page, planUrl, 'plan');
    if (process.env.BENCH_TAB_DEBUG) {
      // Where the cold load spends its time: [resource, start, end] in ms since navigation.
      console.log(await page.evaluate(() => JSON.stringify(performance.getEntriesByType('resource').map((e) => [e.name.slice(-48), Math.round(e.startTime), Math.round(e.responseEnd)]))));
    }
    page.off('response', onResponse);
    const jsBytes = (await Promise.all(scripts.values())).reduce((a, b) => a + b, 0);

    const boardCold = await timeView(page, boardUrl, 'board');
    const plan: number[] = [];
    const board: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      plan.push(await timeView(page, planUrl, 'plan'));
      board.push(await timeView(page, boardUrl, 'board'));
    }
    const rows = await page.locator('[data-view="board"] li[data-action-id]').count();
    const phone: Record<string, number> = {};
    for (const [name, id] of [['demo', opts.demoTrajectoryId], ['large', opts.trajectoryId]] as const) {
      if (!id) continue;
      const runs: { lcpMs: number; transferredKB: number }[] = [];
      for (let i = 0; i < 3; i++) runs.push(await phonePlanLcp(opts, id));
      phone[`phone plan LCP ms (${name})`] = median(runs.map((r) => r.lcpMs));
      phone[`phone plan KB transferred (${name})`] = median(runs.map((r) => r.transferredKB));
    }
    return {
      ...phone,
      planMs: median(plan),
      planColdMs: planCold,
      boardMs: median(board),
      boardColdMs: boardCold,
      boardCards: rows,
      firstViewJsGzipKB: jsBytes / 1024,
      firstViewJsFiles: scripts.size,
    };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
