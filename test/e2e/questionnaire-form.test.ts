import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { launchBrowser, type Browser } from '../support/browser';
import { startLiveServer, type LiveServer } from '../support/live-server';
import { expectAccessible } from '../support/e2e';

/*
 * The public form a one-time link opens, in real Chromium: no sign-in, no script, Dutch first
 * with an English switch, usable by keyboard alone and at phone width, and passing axe.
 */
jest.setTimeout(120_000);

declare const document: { activeElement: { getAttribute(name: string): string | null; tagName: string } | null; documentElement: { lang: string; scrollWidth: number; clientWidth: number } };

const SCREENSHOTS = path.resolve(__dirname, '../../test-results/screenshots/questionnaires');
const coordinator = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.coordinator, name: 'Lotte Peeters' };

let server: LiveServer;
let browser: Browser;
let token: string;
let questionnaireId: string;

async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}${url}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  expect(response.ok).toBe(true);
  return (await response.json()) as T;
}

async function links(count: number): Promise<string[]> {
  const made = await api<{ links: { url: string }[] }>('POST', `/api/v1/questionnaires/${questionnaireId}/links`, { count, validDays: 7 });
  return made.links.map((l) => `${server.url}${l.url}`);
}


const responses = async () => Number((await sql<{ n: string }>`select count(*) as n from questionnaire_response where questionnaire_id = ${questionnaireId}`.execute(server.db.db)).rows[0]!.n);

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startLiveServer();
  token = await server.token(coordinator);
  const me = await api<{ trajectories: { id: string }[] }>('GET', '/api/v1/me');
  const list = await api<{ id: string; kind: string }[]>('GET', `/api/v1/trajectories/${me.trajectories[0]!.id}/questionnaires`);
  questionnaireId = list.find((q) => q.kind === 'satisfaction')!.id;
  browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.each([
  [390, 'phone'],
  [1280, 'desktop'],
] as const)('at %i px (%s)', (width, label) => {
  test('Dutch first, English on request, both accessible and without sideways scrolling', async () => {
    const [url] = await links(1);
    const page = await browser.context.newPage();
    try {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(url!);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl-BE');
      await page.getByRole('heading', { level: 1, name: 'Hoe was het voor jou?' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      await expectAccessible(page, `form nl ${width}`);
      await page.screenshot({ path: path.join(SCREENSHOTS, `form-nl-${width}.png`), fullPage: true });

      await page.getByRole('link', { name: 'Read this page in English' }).click();
      await page.getByRole('heading', { level: 1, name: 'How was it for you?' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      await expectAccessible(page, `form en ${width}`);
      await page.screenshot({ path: path.join(SCREENSHOTS, `form-en-${width}.png`), fullPage: true });

      // A bad answer: the form comes back with the message at the question, still accessible.
      // The browser keeps to maxlength; what an older or altered client sends is checked by the server.
      await page.locator('textarea').evaluate((el) => (el as unknown as { removeAttribute(name: string): void }).removeAttribute('maxlength'));
      await page.getByLabel('What could we do better?').fill('x'.repeat(1001));
      await page.getByRole('button', { name: 'Send answers' }).click();
      await page.getByRole('heading', { name: 'Please check your answers' }).waitFor();
      expect(await page.getByText('Your answer is too long (at most 1000 characters).').count()).toBeGreaterThan(0);
      await expectAccessible(page, `form errors en ${label}`);
      await page.screenshot({ path: path.join(SCREENSHOTS, `form-errors-en-${width}.png`), fullPage: true });
    } finally {
      await page.close();
    }
  });
});

test('answered by keyboard alone: the answers are stored once, the link then says it was used', async () => {
  const [url] = await links(1);
  const before = await responses();
  const page = await browser.context.newPage();
  try {
    await page.setViewportSize({ width: 390, height: 900 });
    await page.goto(url!);
    // The language switch comes first, then the first question's first option.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('hreflang'))).toBe('en');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('id'))).toBe('q1-1');
    // Arrow keys move within a radio group: 1 → 4.
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('id'))).toBe('q1-4');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('q2');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('q3');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await page.keyboard.type('Met de fiets bereikbaar');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Bedankt!' }).waitFor();
    await expectAccessible(page, 'thanks');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'form-thanks-390.png'), fullPage: true });
    expect(await responses()).toBe(before + 1);
    const { rows } = await sql<{ answers: Record<string, unknown> }>`select answers from questionnaire_response where questionnaire_id = ${questionnaireId} and answers->>'q4' = 'Met de fiets bereikbaar'`.execute(server.db.db);
    expect(rows).toEqual([{ answers: { q1: 4, q2: 1, q3: 'o1', q4: 'Met de fiets bereikbaar' } }]);

    await page.goto(url!);
    await page.getByRole('heading', { level: 1, name: 'Met deze link is al geantwoord' }).waitFor();
    await expectAccessible(page, 'used');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'form-used-390.png'), fullPage: true });
  } finally {
    await page.close();
  }
});
