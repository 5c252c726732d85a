import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { launchBrowser, type Browser } from '../support/browser';
import { startLiveServer, type LiveServer } from '../support/live-server';
import { expectAccessible } from '../support/e2e';

/*
 * The phase tracker in real Chromium: the ten derived phases as the API gives them, the links to
 * where each phase's work is done, and the phase 1–2 records form (Belgian amounts in and out).
 */
jest.setTimeout(120_000);

interface PageElement {
  getAttribute(name: string): string | null;
}
declare const document: { activeElement: PageElement | null; documentElement: { scrollWidth: number; clientWidth: number } };
declare const sessionStorage: { setItem(key: string, value: string): void };

const SCREENSHOTS = path.resolve(__dirname, '../../test-results/screenshots/phases');
const coordinator = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.coordinator, name: 'Lotte Peeters' };
const alderman = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.aldermanEducation, name: 'Karim El Amrani' };

interface Phase {
  phase: string;
  state: string;
  date: string | null;
  view: string;
}
interface Trajectory {
  policyBudget: number | null;
  policyStaffFte: number | null;
  coordinatorJobShare: number | null;
  version: number;
}

let server: LiveServer;
let browser: Browser;
let page: Page;
let trajectoryId: string;
let token: string;

async function api<T>(method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.url}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function open(target: Page, hash: string, view: string, query = ''): Promise<void> {
  await target.goto('about:blank');
  await target.goto(`${server.url}/tabs/index.html${query}${hash}`);
  await target.locator(`[data-view="${view}"][data-ready="true"]`).waitFor();
}


async function noSidewaysScroll(target: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await target.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

async function signedInPage(user: { tenantId: string; userId: string; name: string }): Promise<Page> {
  const p = await browser.context.newPage();
  await p.addInitScript((u) => sessionStorage.setItem('kansrijk.devUser', u), JSON.stringify(user));
  return p;
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startLiveServer();
  token = await server.token(coordinator);
  const me = await api<{ trajectories: { id: string }[] }>('GET', '/api/v1/me');
  trajectoryId = me.body.trajectories[0]!.id;
  browser = await launchBrowser();
  page = await signedInPage(coordinator);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the phases view', () => {
  test('shows the ten phases with the states the API derives, at 1280 and 390 px, and passes axe', async () => {
    const phases = (await api<Phase[]>('GET', `/api/v1/trajectories/${trajectoryId}/phases`)).body;
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await open(page, `#/t/${trajectoryId}/phases`, 'phases');
      const items = page.locator('ol > li[data-phase]');
      expect(await items.count()).toBe(10);
      for (const [index, p] of phases.entries()) {
        const item = items.nth(index);
        expect(await item.getAttribute('data-phase')).toBe(p.phase);
        expect(await item.getAttribute('data-state')).toBe(p.state);
      }
      // The demo's policy decision is recorded: step 1 is done, with its date in words.
      const first = items.first();
      expect(await first.getAttribute('data-state')).toBe('done');
      expect(await first.innerText()).toContain('klaar op');
      expect(await first.innerText()).toContain('Het college besliste op');
      await noSidewaysScroll(page);
      await expectAccessible(page, `phases ${width}`);
      await page.screenshot({ path: path.join(SCREENSHOTS, `phases-${width}.png`), fullPage: true });
      // Parts at readable size, to look at on narrow screens.
      await page.screenshot({ path: path.join(SCREENSHOTS, `phases-${width}-top.png`) });
      await page.locator('section[data-records]').screenshot({ path: path.join(SCREENSHOTS, `records-${width}.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('each phase links to where its work is done; the link works from the keyboard', async () => {
    await open(page, `#/t/${trajectoryId}/phases`, 'phases');
    const link = page.locator('li[data-phase="stuurgroep"] a[data-goto]');
    expect(await link.getAttribute('href')).toBe(`#/t/${trajectoryId}/members`);
    expect(await page.locator('li[data-phase="stuurgroep_vergaderingen"] a[data-goto]').getAttribute('href')).toBe(`#/t/${trajectoryId}/steering`);
    await page.locator('li[data-phase="stuurgroep"] h2').click();
    // Tab forward from the heading to the step's link, then follow it with Enter.
    for (let i = 0; i < 10 && (await link.evaluate((el) => el !== document.activeElement)); i++) await page.keyboard.press('Tab');
    expect(await link.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('[data-view="members"][data-ready="true"]').waitFor();
    expect(page.url()).toContain(`#/t/${trajectoryId}/members`);
  });

  test('the records form takes Belgian amounts by keyboard, saves them and shows them back', async () => {
    await open(page, `#/t/${trajectoryId}/phases`, 'phases');
    expect(await page.locator('section[data-records="edit"]').count()).toBe(1);
    // Step 1's button brings the keyboard to the form.
    await page.locator('li[data-phase="beleidsbeslissing"]').getByRole('button', { name: /Vul de gegevens in/ }).focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name') ?? null)).toBe('policyDecidedOn');

    const budget = page.locator('input[name="policyBudget"]');
    // A wrong amount is refused by the form in the user's words, and nothing is sent.
    const before = (await api<Trajectory>('GET', `/api/v1/trajectories/${trajectoryId}`)).body;
    await budget.fill('12,345');
    await page.getByRole('button', { name: 'Gegevens opslaan' }).click();
    await page.locator('input[name="policyBudget"][aria-invalid="true"]').waitFor();
    expect(await page.getByText('hoogstens 2 cijfers na de komma (bijvoorbeeld 1.500,50)').count()).toBe(1);
    expect((await api<Trajectory>('GET', `/api/v1/trajectories/${trajectoryId}`)).body.version).toBe(before.version);

    await budget.fill('');
    await budget.pressSequentially('1.500,50');
    await page.locator('input[name="policyStaffFte"]').fill('0,75');
    await page.locator('input[name="coordinatorJobShare"]').fill('35');
    await budget.focus();
    await page.keyboard.press('Enter');
    await page.getByText('De gegevens zijn opgeslagen.').waitFor();
    const saved = (await api<Trajectory>('GET', `/api/v1/trajectories/${trajectoryId}`)).body;
    expect(saved).toEqual(expect.objectContaining({ policyBudget: 1500.5, policyStaffFte: 0.75, coordinatorJobShare: 35 }));
    // The evidence follows at once, in Belgian notation.
    await page.locator('li[data-phase="beleidsbeslissing"]').getByText('Vrijgemaakt budget: € 1.500,50.').waitFor();

    // After a fresh load the form shows what was saved, the Belgian way.
    await open(page, `#/t/${trajectoryId}/phases`, 'phases');
    expect(await page.locator('input[name="policyBudget"]').inputValue()).toBe('1.500,50');
    expect(await page.locator('input[name="policyStaffFte"]').inputValue()).toBe('0,75');
    expect(await page.locator('input[name="coordinatorJobShare"]').inputValue()).toBe('35');
    await expectAccessible(page, 'phases after save');
  });

  test('in English, with the same states, and still accessible', async () => {
    await open(page, `#/t/${trajectoryId}/phases`, 'phases', '?lang=en');
    expect(await page.getByRole('heading', { level: 1, name: 'Roadmap steps' }).count()).toBe(1);
    expect(await page.locator('li[data-phase="beleidsbeslissing"]').innerText()).toContain('The college decided on');
    expect(await page.getByRole('button', { name: 'Save the records' }).count()).toBe(1);
    // Amounts stay Belgian in English too.
    expect(await page.locator('input[name="policyBudget"]').inputValue()).toBe('1.500,50');
    await expectAccessible(page, 'phases en');
    await page.setViewportSize({ width: 390, height: 900 });
    await noSidewaysScroll(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'phases-en-390.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('an alderman (no trajectory.edit) sees the records read-only', async () => {
    const other = await signedInPage(alderman);
    try {
      await other.setViewportSize({ width: 390, height: 900 });
      await open(other, `#/t/${trajectoryId}/phases`, 'phases');
      expect(await other.locator('section[data-records="read"]').count()).toBe(1);
      expect(await other.locator('input[name="policyBudget"]').count()).toBe(0);
      expect(await other.getByRole('button', { name: /Vul de gegevens in|Gegevens opslaan/ }).count()).toBe(0);
      expect((await other.locator('dd[data-record="policyBudget"]').innerText()).replace(/\s/g, ' ')).toBe('€ 1.500,50');
      await noSidewaysScroll(other);
      await expectAccessible(other, 'phases read-only');
      await other.screenshot({ path: path.join(SCREENSHOTS, 'phases-read-only-390.png'), fullPage: true });
      await other.locator('section[data-records]').screenshot({ path: path.join(SCREENSHOTS, 'records-read-only-390.png') });
    } finally {
      await other.close();
    }
  });

  test('the overview shows the same states and links each phase to this view', async () => {
    const phases = (await api<Phase[]>('GET', `/api/v1/trajectories/${trajectoryId}/phases`)).body;
    await open(page, `#/t/${trajectoryId}/overview`, 'overview');
    const items = page.locator('section[aria-labelledby="phases-heading"] ol > li');
    expect(await items.count()).toBe(10);
    for (const [index, p] of phases.entries()) {
      expect(await items.nth(index).getAttribute('data-state')).toBe(p.state);
      expect(await items.nth(index).locator('a').getAttribute('href')).toBe(`#/t/${trajectoryId}/phases`);
    }
    await items.nth(3).locator('a').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-view="phases"][data-ready="true"]').waitFor();
    await expectAccessible(page, 'overview');
  });
});
