import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { launchBrowser, type Browser } from '../support/browser';
import { startLiveServer, type LiveServer } from '../support/live-server';
import { expectAccessible } from '../support/e2e';

/* The environment analysis in Chromium: charts with the other levels, the deviation rule, import with its errors, the single-value editor, read-only, 390 px, nl and en. */
jest.setTimeout(180_000);

interface PageElement {
  textContent: string | null;
  tagName: string;
}
declare const document: { activeElement: PageElement | null; documentElement: { lang: string; scrollWidth: number; clientWidth: number } };
declare const sessionStorage: { setItem(key: string, value: string): void };

const SCREENSHOTS = path.resolve(__dirname, '../../test-results/screenshots/context');
const coordinator = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.coordinator, name: 'Lotte Peeters' };
const alderman = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.aldermanWelfare, name: 'Griet Janssens' };

interface Value {
  id: string;
  indicator: string;
  year: number;
  level: string;
  value: number;
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
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}
const values = async () => (await api<{ values: Value[] }>('GET', `/api/v1/trajectories/${trajectoryId}/context-values`)).body.values;

async function open(target: Page, query = ''): Promise<void> {
  await target.goto('about:blank');
  await target.goto(`${server.url}/tabs/index.html${query}#/t/${trajectoryId}/context`);
  await target.locator('[data-view="context"][data-ready="true"]').waitFor();
}


const shot = (target: Page, name: string, fullPage = true) => target.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
const indicator = (target: Page, name: string) => target.locator('article').filter({ has: target.getByRole('heading', { name, exact: true, level: 3 }) });

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startLiveServer();
  token = await server.token(coordinator);
  trajectoryId = (await api<{ trajectories: { id: string }[] }>('GET', '/api/v1/me')).body.trajectories[0]!.id;
  browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
  page = await browser.context.newPage();
  await page.addInitScript((user) => sessionStorage.setItem('kansrijk.devUser', user), JSON.stringify(coordinator));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the environment analysis', () => {
  test('every indicator with a chart of the four levels, the rule explained, deviations flagged; axe clean at 1280 px', async () => {
    await open(page);
    expect(await page.locator('article').count()).toBe(14);
    await page.getByText('meer dan 10% ongunstiger scoort dan het Vlaams Gewest', { exact: false }).waitFor();
    const single = indicator(page, 'Eenoudergezinnen');
    expect(await single.getByText('Opvallend', { exact: true }).count()).toBe(1);
    expect(await single.innerText()).toContain('22,8 % in de gemeente tegenover 19,1 % in het Vlaams Gewest (+19,4%, 2023)');
    // The chart describes its values for screen readers, every level of them.
    const label = (await single.getByRole('img').getAttribute('aria-label')) ?? '';
    for (const part of ['Gemeente: 2021 21,6 %', 'Arrondissement: 2021 18,9 %', 'Provincie: 2021 18,4 %', 'Vlaams Gewest: 2021 18,7 %', '2023 22,8 %']) expect(label).toContain(part);
    // Lower than the region: compared, not flagged.
    const unemployed = indicator(page, 'Werkzoekende jongeren');
    expect(await unemployed.getByText('Opvallend', { exact: true }).count()).toBe(0);
    // Counts show their trend from 100.
    expect(await indicator(page, 'Bevolking').getByRole('img').getAttribute('aria-label')).toContain('evolutie met het eerste jaar als 100');
    // The table alternative, opened by keyboard.
    await single.locator('summary').focus();
    await page.keyboard.press('Enter');
    const table = single.getByRole('table');
    await table.waitFor();
    expect(await table.innerText()).toMatch(/Gemeente\s+21,6 %\s+22,2 %\s+22,8 %/);
    expect(await table.innerText()).toMatch(/Vlaams Gewest\s+18,7 %\s+18,9 %\s+19,1 %/);
    const flagged = await page.getByRole('region', { name: 'Opvallende cijfers' }).innerText();
    expect(flagged).toContain('Kansarmoede-index van Kind en Gezin');
    await expectAccessible(page, 'context 1280');
    await shot(page, 'context-1280');
    await shot(page, 'context-1280-top', false);
    await single.screenshot({ path: path.join(SCREENSHOTS, 'context-indicator-1280.png') });
  });

  test('import: a bad file lists line, column and problem and saves nothing; a good one lands', async () => {
    await open(page);
    const before = await values();
    const input = page.getByLabel('Bestand (.csv of .xlsx)');
    await input.setInputFiles({
      name: 'cijfers.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('indicator;jaar;niveau;gebied;waarde\ngroene druk;2024;gemeente;Beekvliet;40,1\nwelvaart;2024;gemeente;Beekvliet;3\ngroene druk;twintig;provincie;Heidekant;37\n'),
    });
    await page.getByRole('button', { name: 'Importeren', exact: true }).click();
    const problems = page.getByTestId('import-problems');
    await problems.waitFor();
    const text = await problems.innerText();
    expect(text).toMatch(/3\s+indicator\s+onbekende indicator "welvaart"/);
    expect(text).toMatch(/4\s+jaar\s+"twintig" is geen jaartal/);
    await page.getByText('er is niets opgeslagen', { exact: false }).first().waitFor();
    expect(await values()).toEqual(before);
    await expectAccessible(page, 'context import errors');
    await shot(page, 'context-import-errors-1280');
    await page.getByRole('region', { name: 'Cijfers importeren' }).screenshot({ path: path.join(SCREENSHOTS, 'context-import-errors-detail.png') });

    await input.setInputFiles({ name: 'cijfers.csv', mimeType: 'text/csv', buffer: Buffer.from('indicator;niveau;gebied;2024\ngroene druk;gemeente;Beekvliet;40,1\ngroene druk;Vlaams Gewest;Vlaams Gewest;37,7\n') });
    await page.getByRole('button', { name: 'Importeren', exact: true }).click();
    await page.getByText('Geïmporteerd: 2 cijfers (2 nieuw, 0 vervangen).').waitFor();
    const after = await values();
    expect(after.length).toBe(before.length + 2);
    expect(after.find((v) => v.indicator === 'green_pressure' && v.year === 2024 && v.level === 'region')?.value).toBe(37.7);
    // The chart has the new year, once the values read again after the import's answer are in.
    await indicator(page, 'Groene druk').locator('[role="img"][aria-label*="2024 40,1"]').waitFor();
    expect(await indicator(page, 'Groene druk').getByRole('img').getAttribute('aria-label')).toContain('2024 40,1');
  });

  test('one value by keyboard alone: set, replace, delete', async () => {
    await open(page);
    const editor = page.getByRole('region', { name: 'Eén cijfer invullen of wijzigen' });
    await editor.getByLabel('Indicator').focus();
    await editor.getByLabel('Indicator').selectOption({ label: 'Jongeren met een leefloon' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2024');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
    await page.keyboard.type('2,3');
    await page.keyboard.press('Enter');
    await editor.getByText('Het cijfer is opgeslagen.').waitFor();
    const saved = (await values()).find((v) => v.indicator === 'young_social_assistance' && v.year === 2024 && v.level === 'municipality');
    expect(saved?.value).toBe(2.3);
    await editor.getByText('Voor dit jaar en niveau is er al een cijfer: 2,3 %', { exact: false }).waitFor();

    // A percentage above 100 is refused next to the field.
    await editor.getByLabel('Waarde (%)').fill('230');
    await editor.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForFunction(() => true);
    await editor.locator('input[name="value"][aria-invalid="true"]').waitFor();
    expect((await values()).find((v) => v.id === saved!.id)?.value).toBe(2.3);

    await editor.getByRole('button', { name: 'Dit cijfer verwijderen' }).focus();
    await page.keyboard.press('Enter');
    await editor.getByText('Het cijfer is verwijderd.').waitFor();
    expect((await values()).some((v) => v.id === saved!.id)).toBe(false);
  });

  test('at 390 px: one column, no sideways scrolling, touch targets, axe clean', async () => {
    const narrow = await launchBrowser({ viewport: { width: 390, height: 844 } });
    try {
      const small = await narrow.context.newPage();
      await small.addInitScript((user) => sessionStorage.setItem('kansrijk.devUser', user), JSON.stringify(coordinator));
      await open(small);
      expect(await small.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      await shot(small, 'context-390-top', false);
      await small.getByRole('region', { name: 'Eén cijfer invullen of wijzigen' }).screenshot({ path: path.join(SCREENSHOTS, 'context-editor-390.png') });
      const card = await indicator(small, 'Eenoudergezinnen').boundingBox();
      expect(card!.width).toBeLessThanOrEqual(390);
      const summary = await indicator(small, 'Eenoudergezinnen').locator('summary').boundingBox();
      expect(summary!.height).toBeGreaterThanOrEqual(44);
      const importButton = await small.getByRole('button', { name: 'Importeren', exact: true }).boundingBox();
      expect(importButton!.height).toBeGreaterThanOrEqual(44);
      await indicator(small, 'Eenoudergezinnen').locator('summary').click();
      expect(await small.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      await expectAccessible(small, 'context 390');
      await shot(small, 'context-390');
      await indicator(small, 'Eenoudergezinnen').screenshot({ path: path.join(SCREENSHOTS, 'context-indicator-390.png') });
    } finally {
      await narrow.close();
    }
  });

  test('in English, and accessible (dark theme too)', async () => {
    await open(page, '?lang=en');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('heading', { name: 'Environment analysis', level: 1 }).waitFor();
    await page.getByText('more than 10% worse than the Flemish region', { exact: false }).waitFor();
    expect(await indicator(page, 'Single-parent families').getByText('Stands out', { exact: true }).count()).toBe(1);
    await expectAccessible(page, 'context en');
    await shot(page, 'context-en-1280');
    await open(page, '?lang=en&theme=dark');
    await expectAccessible(page, 'context en dark');
    await shot(page, 'context-en-dark-1280');
    await indicator(page, 'Single-parent families').screenshot({ path: path.join(SCREENSHOTS, 'context-indicator-en-dark.png') });
  });

  test('a member without plan.edit reads only: no import, no editor', async () => {
    const other = await browser.context.newPage();
    try {
      await other.addInitScript((user) => sessionStorage.setItem('kansrijk.devUser', user), JSON.stringify(alderman));
      await open(other);
      expect(await other.locator('article').count()).toBe(14);
      await other.getByText('Je kunt de cijfers bekijken', { exact: false }).waitFor();
      expect(await other.getByRole('button', { name: 'Importeren' }).count()).toBe(0);
      expect(await other.locator('input[type="file"]').count()).toBe(0);
      expect(await other.getByRole('region', { name: 'Eén cijfer invullen of wijzigen' }).count()).toBe(0);
      await expectAccessible(other, 'context read-only');
      await shot(other, 'context-read-only-1280', false);
    } finally {
      await other.close();
    }
  });
});
