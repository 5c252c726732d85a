import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { launchBrowser, type Browser } from '../support/browser';
import { startLiveServer, type LiveServer } from '../support/live-server';
import { expectAccessible as expectAccessibleOn } from '../support/e2e';

/*
 * The steering group's first three meetings in real Chromium against the real server: the
 * coordinator records answers and edits the vision with the criteria check; a member reads.
 */
jest.setTimeout(180_000);

interface PageElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
}
interface Box {
  tagName: string;
  className: { toString(): string };
  getBoundingClientRect(): { right: number };
}
declare const document: {
  activeElement: PageElement | null;
  querySelectorAll(selector: string): ArrayLike<Box>;
  documentElement: { lang: string; scrollWidth: number; clientWidth: number };
};
declare const sessionStorage: { setItem(key: string, value: string): void };

const SCREENSHOTS = path.resolve(__dirname, '../../test-results/screenshots/steering');
const coordinator = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.coordinator, name: 'Lotte Peeters' };
const steeringMember = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.steeringMember, name: 'Hilde Goossens' };

interface Sessions {
  sessions: { number: number; heldOn: string | null; answers: Record<string, string> }[];
  vision: string;
  qualityCriteria: string[];
  visionCheck: { ok: boolean; named: string[] };
}

let server: LiveServer;
let browser: Browser;
let page: Page;
let trajectoryId: string;
let token: string;

async function api<T>(method: string, url: string): Promise<T> {
  const response = await fetch(`${server.url}${url}`, { method, headers: { authorization: `Bearer ${token}` } });
  expect([url, response.status]).toEqual([url, 200]);
  return (await response.json()) as T;
}

async function open(hash: string, query = ''): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${server.url}/tabs/index.html${query}${hash}`);
  await page.locator('[data-view="steering"][data-ready="true"]').waitFor();
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const expectAccessible = (name: string) => expectAccessibleOn(page, name);

async function expectNoSidewaysScroll(name: string): Promise<void> {
  const { scrollWidth, clientWidth, wide } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // What sticks out, to say where in the failure message.
    const wide = Array.from(document.querySelectorAll('body *'))
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className.toString().slice(0, 40)}`);
    return { scrollWidth: document.documentElement.scrollWidth, clientWidth: width, wide };
  });
  expect({ name, overflow: scrollWidth > clientWidth, wide: scrollWidth > clientWidth ? wide : [] }).toEqual({ name, overflow: false, wide: [] });
}

const sessions = () => api<Sessions>('GET', `/api/v1/trajectories/${trajectoryId}/steering-sessions`);

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startLiveServer();
  token = await server.token(coordinator);
  trajectoryId = (await api<{ trajectories: { id: string }[] }>('GET', '/api/v1/me')).trajectories[0]!.id;
  browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the steering sessions in the browser', () => {
  beforeEach(async () => {
    page = await browser.context.newPage();
    await page.addInitScript((u) => sessionStorage.setItem('kansrijk.devUser', u), JSON.stringify(coordinator));
  });
  afterEach(async () => {
    await page.close();
  });

  test('the coordinator saves an answer of session 3 by keyboard; the API has it', async () => {
    // Without a number: the first session not held yet (3 in the demo).
    await open(`#/t/${trajectoryId}/steering`);
    expect(await page.getByRole('heading', { level: 2, name: 'Vergadering 3: prioritaire domeinen en werkgroepen' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: /Vergadering 3/ }).getAttribute('aria-current')).toBe('step');
    expect(await page.getByText('Kiezen: waar maken we snel voelbaar verschil?').count()).toBe(1);
    await expectAccessible('session-3-1280');
    await shot('session-3-1280');

    const field = page.getByLabel('Wat ouders nodig hebben om erbij te horen en bij te dragen');
    await field.focus();
    await page.keyboard.type('Een inkomen waarmee je rondkomt, en iemand die de weg wijst.');
    // Tab through the other answers to the save button, and press it.
    for (let i = 0; i < 8; i++) {
      const name = await page.evaluate(() => document.activeElement?.textContent ?? '');
      if (name === 'Antwoorden opslaan') break;
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Antwoorden opslaan');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Bewaard.' }).first().waitFor();
    const third = (await sessions()).sessions.find((s) => s.number === 3)!;
    expect(third.answers.parents_need).toBe('Een inkomen waarmee je rondkomt, en iemand die de weg wijst.');

    // The held date and the meeting link.
    // The answers' "Bewaard." may still be on screen, so wait for this save's own answer.
    await page.getByLabel('Gehouden op').fill('2025-03-20');
    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && /\/steering-sessions\/3$/.test(new URL(r.url()).pathname));
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    expect((await saved).status()).toBe(200);
    expect((await sessions()).sessions.find((s) => s.number === 3)!.heldOn).toBe('2025-03-20');
  });

  test('session 2: the vision check flips as criteria words are typed; mission and vision saved; the homework answers', async () => {
    await open(`#/t/${trajectoryId}/steering/2`);
    const check = page.getByTestId('vision-check');
    // The demo vision names none of its chosen criteria by their word.
    expect(await check.getAttribute('data-ok')).toBe('false');
    expect(await check.innerText()).toContain('Niet genoemd');
    expect(await page.getByTestId('homework-member').filter({ hasText: 'Hilde Goossens' }).innerText()).toContain('spelotheek');
    await expectAccessible('session-2-1280');
    await shot('session-2-1280');

    const vision = page.getByLabel('Visie', { exact: true });
    await vision.fill('We werken proactief, krachtengericht en participatief: ouders beslissen mee.');
    expect(await check.getAttribute('data-ok')).toBe('true');
    // Another criterion chosen by keyboard is not named yet; three named ones still pass the check.
    const zichtbaar = page.getByRole('button', { name: 'zichtbaar' });
    await zichtbaar.focus();
    await page.keyboard.press('Space');
    expect(await zichtbaar.getAttribute('aria-pressed')).toBe('true');
    expect(await check.innerText()).toContain('zichtbaar: niet genoemd');
    await page.getByRole('button', { name: 'Missie en visie opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'Bewaard.' }).first().waitFor();
    const saved = await sessions();
    expect(saved.vision).toBe('We werken proactief, krachtengericht en participatief: ouders beslissen mee.');
    expect(saved.qualityCriteria).toContain('zichtbaar');
    expect(saved.visionCheck).toMatchObject({ ok: true, named: ['krachtengericht', 'proactief', 'participatief'] });

    await page.setViewportSize({ width: 390, height: 844 });
    await open(`#/t/${trajectoryId}/steering/2`);
    await expectNoSidewaysScroll('session-2-390');
    await expectAccessible('session-2-390');
    await shot('session-2-390');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('session 1 in English, at 390 px, with the homework button', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open(`#/t/${trajectoryId}/steering/1`, '?lang=en');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.getByRole('heading', { level: 2, name: 'Meeting 1: poverty and human dignity' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Send the homework through Teams' }).count()).toBe(1);
    expect(await page.getByText('through Nadia Benali, the trusted person').count()).toBeGreaterThan(0);
    await expectNoSidewaysScroll('session-1-390-en');
    await expectAccessible('session-1-390-en');
    await shot('session-1-390-en');
    await page.setViewportSize({ width: 1280, height: 900 });
    await open(`#/t/${trajectoryId}/steering/1`, '?lang=en');
    await expectAccessible('session-1-1280-en');
    await shot('session-1-1280-en');
  });

  test('a steering-group member reads without controls and without the answers of others', async () => {
    const member = await browser.context.newPage();
    await page.close();
    page = member;
    await page.addInitScript((u) => sessionStorage.setItem('kansrijk.devUser', u), JSON.stringify(steeringMember));
    await open(`#/t/${trajectoryId}/steering/2`);
    expect(await page.getByRole('textbox').count()).toBe(0);
    expect(await page.getByRole('button', { name: /opslaan|versturen/i }).count()).toBe(0);
    expect(await page.getByTestId('homework-member').count()).toBe(0);
    expect(await page.getByText(/leden beantwoordden het huiswerk/).count()).toBe(1);
    await expectAccessible('session-2-read-only');
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoSidewaysScroll('session-2-read-only-390');
    await shot('session-2-read-only-390');
  });
});
