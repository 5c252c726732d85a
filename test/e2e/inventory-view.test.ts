import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { launchBrowser, type Browser } from '../support/browser';
import { startLiveServer, type LiveServer } from '../support/live-server';
import { expectAccessible } from '../support/e2e';

/* The inventory of existing initiatives in Chromium: entry, import, gaps, read-only, 390 px, nl and en. */
jest.setTimeout(120_000);

interface PageElement {
  textContent: string | null;
  tagName: string;
  className: string;
  parentElement: PageElement | null;
  getBoundingClientRect(): { right: number };
}
declare function getComputedStyle(el: PageElement): { overflowX: string };
declare const document: {
  activeElement: PageElement | null;
  documentElement: { lang: string; scrollWidth: number; clientWidth: number };
  querySelectorAll(selector: string): Iterable<PageElement>;
};
declare const sessionStorage: { setItem(key: string, value: string): void };

const SCREENSHOTS = path.resolve(__dirname, '../../test-results/screenshots/inventory');
const coordinator = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.coordinator, name: 'Lotte Peeters' };
const alderman = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.aldermanWelfare, name: 'Griet Janssens' };

interface Initiative {
  id: string;
  name: string;
  state: string;
  partners: string[];
  sectors: string[];
  reachFamilies: number | null;
  domainId: string | null;
  contactOrganisation: string;
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
const initiatives = async () => (await api<Initiative[]>('GET', `/api/v1/trajectories/${trajectoryId}/initiatives`)).body;

async function open(target: Page, query = ''): Promise<void> {
  await target.goto('about:blank');
  await target.goto(`${server.url}/tabs/index.html${query}#/t/${trajectoryId}/inventory`);
  await target.locator('[data-view="inventory"][data-ready="true"]').waitFor();
}


const shot = (target: Page, name: string, fullPage = true) => target.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });

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

describe('the inventory of existing initiatives', () => {
  test('lists the demo initiatives grouped by state with partners and sectors, shows the gaps, passes axe at 1280 px', async () => {
    await open(page);
    const all = await initiatives();
    expect(await page.getByTestId('initiative-card').count()).toBe(all.length);
    for (const state of ['planned', 'active', 'finished']) {
      expect(await page.getByTestId(`inventory-group-${state}`).getByTestId('initiative-card').count()).toBe(all.filter((i) => i.state === state).length);
    }
    const smaak = page.getByTestId('initiative-card').filter({ hasText: 'Sociaal restaurant De Smaak' });
    expect(await smaak.innerText()).toContain('vzw De Smaak');
    expect(await smaak.innerText()).toContain('Welzijnspartners');
    // The demo leaves the parents' own associations out: the sector gap says so.
    expect(await page.getByTestId('inventory-gaps').innerText()).toContain('Ervaringsdeskundigen');
    await expectAccessible(page, 'inventory 1280');
    await shot(page, 'inventory-1280');
  });

  test('filters by state and domain', async () => {
    await open(page);
    const all = await initiatives();
    await page.getByLabel('Status', { exact: true }).selectOption('finished');
    expect(await page.getByTestId('initiative-card').count()).toBe(all.filter((i) => i.state === 'finished').length);
    await page.getByLabel('Status', { exact: true }).selectOption('');
    const domains = (await api<{ id: string; name: string }[]>('GET', `/api/v1/trajectories/${trajectoryId}/domains`)).body;
    const wonen = domains.find((d) => d.name === 'Wonen')!;
    await page.getByLabel('Domein', { exact: true }).selectOption(wonen.id);
    expect(await page.getByTestId('initiative-card').count()).toBe(all.filter((i) => i.domainId === wonen.id).length);
  });

  test('create an initiative by keyboard only, in the shape of the questionnaire; the API has it and the sector gap closes', async () => {
    await open(page);
    const before = await initiatives();
    // Tab from the top of the page to the add button, then Enter.
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent ?? '')) === 'Initiatief toevoegen') break;
    }
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Initiatief toevoegen');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expectAccessible(page, 'inventory form');
    await shot(page, 'inventory-form-1280', false);
    await page.keyboard.type('Praatcafé voor ouders');
    await dialog.getByRole('textbox', { name: 'Partners' }).focus();
    await page.keyboard.type('Welzijnsschakel De Brug, CAW');
    await dialog.getByLabel('Contactorganisatie').focus();
    await page.keyboard.type('Welzijnsschakel De Brug');
    await dialog.getByRole('checkbox', { name: 'Ervaringsdeskundigen' }).focus();
    await page.keyboard.press('Space');
    await dialog.getByLabel('Bereik: gezinnen').focus();
    await page.keyboard.type('12');
    await dialog.getByLabel('Domein').focus();
    await dialog.getByLabel('Domein').selectOption({ label: 'Inkomen en gezondheid' });
    await dialog.getByLabel('Voor wie?').focus();
    await page.keyboard.type('Ouders met ervaring');
    // Enter in a text field submits the form.
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('“Praatcafé voor ouders” is toegevoegd.').waitFor();

    const after = await initiatives();
    expect(after.length).toBe(before.length + 1);
    const created = after.find((i) => i.name === 'Praatcafé voor ouders')!;
    const domains = (await api<{ id: string; name: string }[]>('GET', `/api/v1/trajectories/${trajectoryId}/domains`)).body;
    expect(created).toMatchObject({
      state: 'active',
      partners: ['Welzijnsschakel De Brug', 'CAW'],
      sectors: ['ervaringsdeskundigen'],
      reachFamilies: 12,
      contactOrganisation: 'Welzijnsschakel De Brug',
      domainId: domains.find((d) => d.name === 'Inkomen en gezondheid')!.id,
    });
    // The notice shows as soon as the save answers; the gaps follow the list read after it.
    await page.getByTestId('inventory-gaps').waitFor({ state: 'detached' });
    expect(await page.getByTestId('inventory-gaps').count()).toBe(0);
  });

  test('a bad field answers next to the field and saves nothing', async () => {
    await open(page);
    const before = await initiatives();
    await page.getByRole('button', { name: 'Initiatief toevoegen' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Naam van het initiatief').fill('Fout bereik');
    await dialog.getByLabel('Bereik: kinderen').fill('veel');
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await dialog.getByText('Nog niet bewaard', { exact: false }).waitFor();
    expect(await dialog.getByLabel('Bereik: kinderen').getAttribute('aria-invalid')).toBe('true');
    await page.keyboard.press('Escape');
    expect(await initiatives()).toEqual(before);
  });

  test('edit, then delete with confirmation', async () => {
    await open(page);
    const target = (await initiatives()).find((i) => i.name === 'Praatcafé voor ouders')!;
    await page.getByRole('button', { name: '“Praatcafé voor ouders” bewerken' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Status').selectOption('finished');
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await api<Initiative>('GET', `/api/v1/initiatives/${target.id}`)).body.state).toBe('finished');

    await page.getByRole('button', { name: '“Praatcafé voor ouders” verwijderen' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByText('kan niet ongedaan', { exact: false }).waitFor();
    await expectAccessible(page, 'inventory confirm');
    // Cancel first: nothing happens.
    await confirm.getByRole('button', { name: 'Annuleren' }).click();
    expect((await api('GET', `/api/v1/initiatives/${target.id}`)).status).toBe(200);
    await page.getByRole('button', { name: '“Praatcafé voor ouders” verwijderen' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Verwijderen' }).click();
    await page.getByText('“Praatcafé voor ouders” is verwijderd.').waitFor();
    expect((await api('GET', `/api/v1/initiatives/${target.id}`)).status).toBe(404);
  });

  test('import: a bad CSV lists its problems by line and column and saves nothing; a good one imports', async () => {
    await open(page);
    const before = await initiatives();
    const input = page.locator('#inventory-file');
    await input.setInputFiles({ name: 'inventaris.csv', mimeType: 'text/csv', buffer: Buffer.from('Naam;Status;Domein\nGoed;lopend;\nFout;misschien;Nergens\n') });
    await page.getByRole('button', { name: 'Importeren', exact: true }).click();
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    const text = await errors.innerText();
    expect(text).toContain('Regel 3, kolom “Status”');
    expect(text).toContain('Regel 3, kolom “Domein”');
    expect(await initiatives()).toEqual(before);
    await shot(page, 'inventory-import-errors-1280');

    await input.setInputFiles({ name: 'inventaris.csv', mimeType: 'text/csv', buffer: Buffer.from('Naam;Status;Partners;Sectoren\nBuurtmoestuin;gepland;Buurtwerk, Natuurpunt;Wonen en leven\n') });
    await page.getByRole('button', { name: 'Importeren', exact: true }).click();
    await page.getByText('Geïmporteerd: 1 nieuw', { exact: false }).waitFor();
    await page.getByTestId('initiative-card').filter({ hasText: 'Buurtmoestuin' }).waitFor();
    expect((await initiatives()).find((i) => i.name === 'Buurtmoestuin')).toMatchObject({ state: 'planned', partners: ['Buurtwerk', 'Natuurpunt'], sectors: ['wonen_en_leven'] });
  });

  test('at 390 px: cards, no sideways scrolling, touch targets, axe clean', async () => {
    const narrow = await launchBrowser({ viewport: { width: 390, height: 844 } });
    try {
      const small = await narrow.context.newPage();
      await small.addInitScript((user) => sessionStorage.setItem('kansrijk.devUser', user), JSON.stringify(coordinator));
      await open(small);
      await shot(small, 'inventory-390');
      // Full-page pictures of a phone are too long to judge; the top and one card, life-size.
      await small.screenshot({ path: path.join(SCREENSHOTS, 'inventory-390-top.png'), fullPage: true, clip: { x: 0, y: 0, width: 390, height: 1100 } });
      await small.screenshot({ path: path.join(SCREENSHOTS, 'inventory-390-cards.png'), fullPage: true, clip: { x: 0, y: 1100, width: 390, height: 1100 } });
      // What sticks out, by name, so that a failure says where.
      const wide = await small.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          // Inside a box that scrolls sideways on its own (the header's nav on a phone), not the page.
          .filter((el) => {
            for (let p = el.parentElement; p; p = p.parentElement) if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX)) return false;
            return true;
          })
          .slice(0, 5)
          .map((el) => `${el.tagName}.${String(el.className).slice(0, 40)} ${el.textContent?.slice(0, 40) ?? ''}`),
      );
      expect(wide).toEqual([]);
      expect(await small.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      expect(await small.locator('table').count()).toBe(0);
      const first = small.getByTestId('initiative-card').first();
      const box = await first.boundingBox();
      expect(box!.width).toBeLessThanOrEqual(390);
      const edit = await first.getByRole('button', { name: /bewerken/ }).boundingBox();
      expect(edit!.height).toBeGreaterThanOrEqual(44);
      await expectAccessible(small, 'inventory 390');
      await shot(small, 'inventory-390');
      await small.getByRole('button', { name: 'Initiatief toevoegen' }).click();
      await small.getByRole('dialog').waitFor();
      await expectAccessible(small, 'inventory form 390');
      await shot(small, 'inventory-form-390', false);
    } finally {
      await narrow.close();
    }
  });

  test('in English, and accessible', async () => {
    await open(page, '?lang=en');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('heading', { name: 'Existing initiatives', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Add an initiative' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Active', exact: false }).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'inventory en');
    await shot(page, 'inventory-en-1280');
  });

  test('a member without plan.edit reads only: no add, edit, delete or import', async () => {
    const other = await browser.context.newPage();
    try {
      await other.addInitScript((user) => sessionStorage.setItem('kansrijk.devUser', user), JSON.stringify(alderman));
      await open(other);
      expect(await other.getByTestId('initiative-card').count()).toBeGreaterThan(0);
      await other.getByText('Je kan de inventaris lezen', { exact: false }).waitFor();
      expect(await other.getByRole('button', { name: 'Initiatief toevoegen' }).count()).toBe(0);
      expect(await other.getByRole('button', { name: /bewerken|verwijderen/ }).count()).toBe(0);
      expect(await other.locator('#inventory-file').count()).toBe(0);
      await expectAccessible(other, 'inventory read-only');
    } finally {
      await other.close();
    }
  });
});
