import { AxeBuilder } from '@axe-core/playwright';
import ExcelJS from 'exceljs';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { launchBrowser, type Browser } from '../support/browser';
import { startLiveServer, type LiveServer } from '../support/live-server';
import { expectAccessible as expectAccessibleOn } from '../support/e2e';

/*
 * The tabs in real Chromium against the real server and a fresh seeded database: what a
 * coordinator does in a browser, checked both on screen and through the API.
 */
jest.setTimeout(120_000);

// Callbacks of page.evaluate run in the browser; the server's tsconfig has no DOM library.
interface PageElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
  closest(selector: string): PageElement | null;
}
declare const document: { activeElement: PageElement | null; querySelector(selector: string): PageElement | null; documentElement: { lang: string } };
declare const sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };

const SCREENSHOTS = path.resolve(__dirname, '../../test-results/screenshots');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const coordinator = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.coordinator, name: 'Lotte Peeters' };

interface PlanAction {
  id: string;
  title: string;
  status: string;
  version: number;
  ownerId: string | null;
}
interface Plan {
  people: { id: string; displayName: string }[];
  domains: {
    id: string;
    name: string;
    strategicObjectives: {
      id: string;
      title: string;
      operationalObjectives: { id: string; title: string; smartSpecific: boolean; smartMeasurable: boolean; smartAgreed: boolean; targetDate: string | null; actions: PlanAction[] }[];
    }[];
  }[];
}

let server: LiveServer;
let browser: Browser;
let page: Page;
let trajectoryId: string;
let token: string;

async function api<T>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.url}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as T };
}

const plan = async () => (await api<Plan>('GET', `/api/v1/trajectories/${trajectoryId}/plan`)).body;
const allActionsOf = (p: Plan) => p.domains.flatMap((d) => d.strategicObjectives.flatMap((s) => s.operationalObjectives.flatMap((o) => o.actions)));
const actionsOf = (p: Plan, domainIndex = 0) => p.domains[domainIndex]!.strategicObjectives.flatMap((s) => s.operationalObjectives.flatMap((o) => o.actions));
const readAction = async (id: string) => (await api<PlanAction & { dueDate: string | null; startDate: string | null; description: string }>('GET', `/api/v1/actions/${id}`)).body;

/** A fresh page load of a view (state of an earlier test, like a filter, does not carry over). */
async function open(hash: string, view: string, query = ''): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${server.url}/tabs/index.html${query}${hash}`);
  await page.locator(`[data-view="${view}"][data-ready="true"]`).waitFor();
}

/** Kept as test artefacts; modals are taken as the user sees them (the viewport). */
async function shot(name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** axe-core with the WCAG 2.1 A and AA rules; any violation fails with where it is. */
const expectAccessible = (name: string) => expectAccessibleOn(page, name);

/** The validation message Fluent's Field shows for an input (through aria-describedby). */
async function messageFor(selector: string): Promise<string> {
  const input = page.locator(selector);
  await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('aria-invalid') === 'true', selector);
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()));
  return texts.join(' ');
}

const column = (status: string) => page.locator(`section[data-column="${status}"]`);
const card = (actionId: string) => page.locator(`li[data-action-id="${actionId}"]`);
/** A moved card shows in its new column at once (optimistic); this waits until the server has answered too. */
const settledIn = (status: string, actionId: string) => column(status).locator(`li[data-action-id="${actionId}"][aria-busy="false"]`).waitFor();

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startLiveServer();
  token = await server.token(coordinator);
  const me = await api<{ trajectories: { id: string }[] }>('GET', '/api/v1/me');
  trajectoryId = me.body.trajectories[0]!.id;
  browser = await launchBrowser();
  page = await browser.context.newPage();
  // The main page is signed in as the coordinator, as the "Aanmelden als" page would do.
  await page.addInitScript((user) => sessionStorage.setItem('kansrijk.devUser', user), JSON.stringify(coordinator));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('outside Teams: dev sign-in', () => {
  test('"Aanmelden als" lists the demo users; choosing one opens their trajectory', async () => {
    const fresh = await browser.context.newPage();
    try {
      await fresh.goto(`${server.url}/tabs/index.html`);
      await fresh.locator('[data-view="signin"][data-ready="true"]').waitFor();
      const results = await new AxeBuilder({ page: fresh }).withTags(WCAG).analyze();
      expect(results.violations.map((v) => v.id)).toEqual([]);
      await fresh.screenshot({ path: path.join(SCREENSHOTS, 'sign-in.png'), fullPage: true });
      await fresh.getByRole('button', { name: 'Aanmelden als Lotte Peeters' }).click();
      await fresh.locator('[data-view="overview"][data-ready="true"]').waitFor();
      expect(fresh.url()).toContain(`#/t/${trajectoryId}/overview`);
      expect(await fresh.evaluate(() => sessionStorage.getItem('kansrijk.devUser'))).toContain(demoUsers.coordinator);
      expect(await fresh.getByText('Aangemeld als Lotte Peeters').isVisible()).toBe(true);
    } finally {
      await fresh.close();
    }
  });
});

describe('overview', () => {
  test('shows the phases, the warning signs from the data, meetings and overdue actions, and passes axe', async () => {
    await open(`#/t/${trajectoryId}/overview`, 'overview');
    const phases = page.locator('section[aria-labelledby="phases-heading"] ol > li');
    expect(await phases.count()).toBe(10);
    const overview = (await api<{ warningCounts: Record<string, number>; overdueCount: number; nextMeetings: { title: string }[] }>('GET', `/api/v1/trajectories/${trajectoryId}/overview`)).body;
    for (const code of Object.keys(overview.warningCounts)) expect(await page.locator(`[data-warning="${code}"]`).count()).toBeGreaterThan(0);
    expect(await page.getByRole('heading', { name: `Achterstallige acties (${overview.overdueCount})` }).count()).toBe(1);
    expect(await page.getByText(overview.nextMeetings[0]!.title, { exact: true }).count()).toBeGreaterThan(0);
    await expectAccessible('overview');
    await shot('overview');
  });

  test('a warning links to what to fix: the overloaded owner opens the plan filtered on them', async () => {
    await open(`#/t/${trajectoryId}/overview`, 'overview');
    const warning = page.locator('[data-warning="owner_overloaded"]');
    const name = (await warning.locator('h3').innerText()).split(' is eigenaar van ')[0]!;
    await warning.getByRole('link').click();
    await page.locator('[data-view="plan"][data-ready="true"]').waitFor();
    const owners = await page.locator('tr[data-row="action"] td:nth-child(2)').allInnerTexts();
    expect(owners.length).toBeGreaterThan(0);
    expect(new Set(owners)).toEqual(new Set([name]));
  });
});

describe('action plan', () => {
  test('the plan tree, its filters and the action drawer (deep link) pass axe', async () => {
    await open(`#/t/${trajectoryId}/plan`, 'plan');
    const p = await plan();
    expect(await page.locator('tr[data-row="action"]').count()).toBe(allActionsOf(p).length);
    await expectAccessible('plan');
    await shot('plan');

    await page.getByLabel('Zoeken in acties').fill('schoolfactu');
    await page.locator('[data-view="plan"] p', { hasText: /gevonden/ }).waitFor();
    const titles = await page.locator('tr[data-row="action"] a').allInnerTexts();
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.every((title) => title.toLowerCase().includes('schoolfactu'))).toBe(true);

    const withIndicator = actionsOf(p).find(Boolean)!;
    await open(`#/t/${trajectoryId}/actions/${withIndicator.id}`, 'action-detail');
    expect(await page.getByRole('dialog').getByRole('heading', { name: withIndicator.title }).count()).toBe(1);
    await page.getByRole('dialog').locator('svg[role="img"]').first().waitFor();
    await expectAccessible('action-detail');
    await shot('action-detail', false);
    await page.getByRole('button', { name: 'Sluiten' }).last().click();
    await page.locator('[data-view="plan"][data-ready="true"]').waitFor();
  });

  test('create an operational objective (with SMART checks) and an action under it', async () => {
    await open(`#/t/${trajectoryId}/plan`, 'plan');
    const strategic = (await plan()).domains[0]!.strategicObjectives[0]!;
    await page.getByRole('button', { name: `Operationele doelstelling toevoegen aan ${strategic.title}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Titel').fill('Elke school heeft tegen 2028 een vertrouwenspersoon voor schoolkosten');
    await dialog.getByLabel('Streefdatum').fill('2028-06-30');
    await dialog.getByLabel('specifiek').check();
    await dialog.getByLabel('meetbaar').check();
    await dialog.getByLabel('afgesproken').check();
    await expectAccessible('objective-dialog');
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.locator('tr[data-row="operational"]', { hasText: 'vertrouwenspersoon voor schoolkosten' });
    await row.waitFor();
    expect(await row.innerText()).toContain('SMART 3/5');

    const created = (await plan()).domains[0]!.strategicObjectives[0]!.operationalObjectives.find((o) => o.title.includes('vertrouwenspersoon voor schoolkosten'))!;
    expect(created).toEqual(expect.objectContaining({ smartSpecific: true, smartMeasurable: true, smartAgreed: true, targetDate: '2028-06-30' }));

    await page.getByRole('button', { name: `Actie toevoegen aan ${created.title}` }).click();
    await dialog.getByLabel('Titel').fill('Aanspreekpunten van de scholen samenbrengen');
    await dialog.getByLabel('Eigenaar').selectOption({ label: 'Tom Maes' });
    await dialog.getByLabel('Einddatum').fill('2027-03-31');
    await dialog.getByLabel('Betaalbaarheid').check();
    await expectAccessible('action-dialog');
    await shot('action-dialog', false);
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('tr[data-row="action"]', { hasText: 'Aanspreekpunten van de scholen samenbrengen' }).waitFor();

    const p = await plan();
    const action = p.domains[0]!.strategicObjectives[0]!.operationalObjectives.find((o) => o.id === created.id)!.actions[0]!;
    expect(action.title).toBe('Aanspreekpunten van de scholen samenbrengen');
    expect(p.people.find((x) => x.id === action.ownerId)?.displayName).toBe('Tom Maes');
    expect((await readAction(action.id)).dueDate).toBe('2027-03-31');
  });

  test("edit with validation errors: the server's messages appear at their fields, what was typed stays, and the fix is saved", async () => {
    const action = actionsOf(await plan()).find((a) => a.title === 'Aanspreekpunten van de scholen samenbrengen')!;
    await open(`#/t/${trajectoryId}/plan`, 'plan');
    await page.getByRole('button', { name: `${action.title} bewerken` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[name="title"]').waitFor();
    await dialog.locator('input[name="title"]').fill('   ');
    await dialog.locator('textarea[name="description"]').fill('Eén aanspreekpunt per school, bekend bij alle ouders.');
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    expect(await messageFor('input[name="title"]')).toBe('Vul dit veld in.');
    expect(await dialog.locator('textarea[name="description"]').inputValue()).toBe('Eén aanspreekpunt per school, bekend bij alle ouders.');
    await expectAccessible('action-dialog-errors');
    await shot('action-dialog-errors', false);

    await dialog.locator('input[name="title"]').fill('Aanspreekpunten schoolkosten samenbrengen');
    await dialog.locator('input[name="startDate"]').fill('2027-05-01');
    await dialog.locator('input[name="dueDate"]').fill('2027-04-01');
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    expect(await messageFor('input[name="dueDate"]')).toBe('De einddatum mag niet vóór de startdatum liggen.');
    expect(await dialog.locator('input[name="title"]').getAttribute('aria-invalid')).not.toBe('true');
    expect((await readAction(action.id)).title).toBe(action.title);

    await dialog.locator('input[name="dueDate"]').fill('2027-09-30');
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await dialog.waitFor({ state: 'detached' });
    const saved = await readAction(action.id);
    expect(saved).toEqual(
      expect.objectContaining({ title: 'Aanspreekpunten schoolkosten samenbrengen', startDate: '2027-05-01', dueDate: '2027-09-30', description: 'Eén aanspreekpunt per school, bekend bij alle ouders.' }),
    );
    await page.locator('tr[data-row="action"]', { hasText: 'Aanspreekpunten schoolkosten samenbrengen' }).waitFor();
  });

  test('export to Excel downloads the plan with the bearer token', async () => {
    await open(`#/t/${trajectoryId}/plan`, 'plan');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporteren naar Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^actieplan-beekvliet-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = path.join(SCREENSHOTS, '..', 'actieplan.xlsx');
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('Actieplan')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Beleidsdomein');
    expect(sheet.actualRowCount - 1).toBe(allActionsOf(await plan()).length);
  });
});

describe('work-group board', () => {
  let domainId: string;
  const boardHash = () => `#/t/${trajectoryId}/board/${domainId}`;

  beforeAll(async () => {
    domainId = (await plan()).domains[0]!.id;
  });

  test('columns per status with cards showing owner, due date and indicators; passes axe', async () => {
    await open(boardHash(), 'board');
    const p = await plan();
    for (const status of ['planned', 'in_progress', 'done', 'postponed', 'dropped']) {
      const expected = actionsOf(p).filter((a) => a.status === status).length;
      expect(await column(status).locator('li[data-action-id]').count()).toBe(expected);
    }
    const overdue = actionsOf(p).find((a) => (a as PlanAction & { overdue?: boolean }).overdue);
    if (overdue) expect(await card(overdue.id).innerText()).toContain('Achterstallig');
    await expectAccessible('board');
    await shot('board');
  });

  test('move a card by mouse (drag and drop); the API has the new status and the timeline the change', async () => {
    await open(boardHash(), 'board');
    const first = column('planned').locator('li[data-action-id]').first();
    const action = await readAction((await first.getAttribute('data-action-id'))!);
    expect(action.status).toBe('planned');
    // Grab the top card by its top-left corner and drop it on the column's header: both on screen.
    await card(action.id).dragTo(column('in_progress'), { sourcePosition: { x: 12, y: 12 }, targetPosition: { x: 40, y: 20 } });
    await settledIn('in_progress', action.id);
    expect((await readAction(action.id)).status).toBe('in_progress');
    const updates = (await api<{ statusFrom: string | null; statusTo: string | null }[]>('GET', `/api/v1/actions/${action.id}/updates`)).body;
    expect(updates[0]).toEqual(expect.objectContaining({ statusFrom: 'planned', statusTo: 'in_progress' }));
    await page.getByTestId('announcer').filter({ hasText: `“${action.title}” staat nu bij Lopend.` }).waitFor();
  });

  test('move a card by keyboard alone: Ctrl+Arrow, and the Move menu; postponing asks for a reason', async () => {
    await open(boardHash(), 'board');
    const action = actionsOf(await plan()).find((a) => a.status === 'planned')!;

    await card(action.id).getByRole('button', { name: action.title, exact: true }).focus();
    await page.keyboard.press('Control+ArrowRight');
    await column('in_progress').locator(`li[data-action-id="${action.id}"]`).waitFor();
    await page.getByTestId('announcer').filter({ hasText: `“${action.title}” staat nu bij Lopend.` }).waitFor();
    expect((await readAction(action.id)).status).toBe('in_progress');
    // Focus follows the card, so the next key press moves it again.
    expect(await page.evaluate(() => document.activeElement?.closest('li')?.getAttribute('data-action-id'))).toBe(action.id);
    await page.keyboard.press('Control+ArrowRight');
    await settledIn('done', action.id);
    expect((await readAction(action.id)).status).toBe('done');

    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Verplaatsen');
    await page.keyboard.press('Enter');
    const item = page.getByRole('menuitem', { name: 'Naar Uitgesteld' });
    await item.waitFor();
    for (let i = 0; i < 5 && !(await item.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');

    // The dialog opens with the focus in the reason field: Tab, Tab reaches "Uitstellen".
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await messageFor('textarea[name="progressNote"]')).toBe('Geef een reden als je een actie uitstelt.');
    expect((await readAction(action.id)).status).toBe('done');
    await expectAccessible('board-postpone-dialog');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type('Wacht op de subsidiebeslissing van de provincie');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await settledIn('postponed', action.id);
    expect((await readAction(action.id)).status).toBe('postponed');
    const updates = (await api<{ note: string; statusTo: string | null }[]>('GET', `/api/v1/actions/${action.id}/updates`)).body;
    expect(updates[0]).toEqual(expect.objectContaining({ statusTo: 'postponed', note: 'Wacht op de subsidiebeslissing van de provincie' }));
  });

  test('a change made elsewhere meanwhile: the stale move gets 412, the board shows the fresh action and says so', async () => {
    await open(boardHash(), 'board');
    const action = actionsOf(await plan()).find((a) => a.status === 'planned')!;
    await card(action.id).waitFor();

    // A second session (another token) renames the action after the board was loaded.
    const other = await server.token({ tenantId: demoTenants.beekvliet.id, userId: demoUsers.facilitator, name: 'Ines Vermeulen' });
    const current = await readAction(action.id);
    const renamed = await fetch(`${server.url}/api/v1/actions/${action.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${other}`, 'content-type': 'application/json', 'if-match': `"${current.version}"` },
      body: JSON.stringify({ title: `${action.title} (herwerkt)` }),
    });
    expect(renamed.status).toBe(200);

    await card(action.id).getByRole('button', { name: action.title, exact: true }).focus();
    await page.keyboard.press('Control+ArrowRight');
    const message = page.getByTestId('conflict');
    await message.waitFor();
    expect(await message.innerText()).toContain('Iemand anders wijzigde');
    await column('planned').locator(`li[data-action-id="${action.id}"]`, { hasText: '(herwerkt)' }).waitFor();
    const after = await readAction(action.id);
    expect(after.status).toBe('planned');
    expect(after.title).toBe(`${action.title} (herwerkt)`);
    await expectAccessible('board-conflict');
    await shot('board-conflict');

    // The card now carries the fresh version: moving it again works.
    await card(action.id).getByRole('button', { name: after.title, exact: true }).focus();
    await page.keyboard.press('Control+ArrowRight');
    await settledIn('in_progress', action.id);
    expect((await readAction(action.id)).status).toBe('in_progress');
  });

  test.each([
    [409, '409'],
    [403, 'Je hebt geen rechten om dit te wijzigen.'],
  ])('the card moves at once while the server thinks, and goes back when it answers %i', async (status, shown) => {
    await open(boardHash(), 'board');
    const action = actionsOf(await plan()).find((a) => a.status === 'planned')!;
    let release!: () => void;
    const answered = new Promise<void>((resolve) => (release = resolve));
    let patches = 0;
    // The move's PATCH is held until the card has been seen in its new column, then refused.
    await page.route(`**/api/v1/actions/${action.id}`, async (route) => {
      if (route.request().method() !== 'PATCH') return route.continue();
      patches++;
      await answered;
      await route.fulfill({ status, contentType: 'application/problem+json', body: JSON.stringify({ status, title: 'Refused' }) });
    });
    try {
      await card(action.id).getByRole('button', { name: action.title, exact: true }).focus();
      await page.keyboard.press('Control+ArrowRight');
      const moved = column('in_progress').locator(`li[data-action-id="${action.id}"]`);
      await moved.waitFor();
      expect(await moved.getAttribute('aria-busy')).toBe('true');
      expect(await column('planned').locator(`li[data-action-id="${action.id}"]`).count()).toBe(0);
      expect(patches).toBe(1);
      release();
      await column('planned').locator(`li[data-action-id="${action.id}"]`).waitFor();
      expect(await column('in_progress').locator(`li[data-action-id="${action.id}"]`).count()).toBe(0);
      await page.getByRole('main').locator('.fui-MessageBar').filter({ hasText: shown }).waitFor();
      expect((await readAction(action.id)).status).toBe('planned');
      // A refused write is not repeated behind the user's back.
      expect(patches).toBe(1);
      // Focus stays with the card, so the keyboard user can try again or go on.
      expect(await page.evaluate(() => document.activeElement?.closest('li')?.getAttribute('data-action-id'))).toBe(action.id);
    } finally {
      await page.unroute(`**/api/v1/actions/${action.id}`);
    }
  });
});

describe('members, my actions, configuration and language', () => {
  test('members and bodies: composition by role and sector, passes axe', async () => {
    await open(`#/t/${trajectoryId}/members`, 'members');
    const bodies = (await api<{ id: string; name: string }[]>('GET', `/api/v1/trajectories/${trajectoryId}/bodies`)).body;
    for (const body of bodies) expect(await page.getByRole('heading', { name: body.name, exact: true }).count()).toBe(1);
    await expectAccessible('members');
    await shot('members');
  });

  test("another member sees parents' contact details as “afgeschermd”", async () => {
    const second = await browser.context.newPage();
    try {
      await second.goto(`${server.url}/tabs/index.html#/t/${trajectoryId}/members`);
      await second.getByRole('button', { name: 'Aanmelden als Hilde Goossens' }).click();
      await second.locator('[data-view="members"][data-ready="true"]').waitFor();
      const hidden = await second.getByText('afgeschermd', { exact: true }).count();
      const people = (await api<{ contactHidden: boolean; isParent: boolean; phone: string | null }[]>('GET', `/api/v1/trajectories/${trajectoryId}/people`)).body;
      const parent = people.find((p) => p.isParent && p.phone)!;
      expect(hidden).toBeGreaterThan(0);
      expect(await second.getByText(parent.phone!).count()).toBe(0);
    } finally {
      await second.close();
    }
  });

  test('my actions (personal tab) for an action owner: change a status there', async () => {
    const owner = await browser.context.newPage();
    try {
      await owner.goto(`${server.url}/tabs/index.html#/my-actions`);
      await owner.getByRole('button', { name: 'Aanmelden als Tom Maes' }).click();
      await owner.locator('[data-view="my-actions"][data-ready="true"]').waitFor();
      const first = owner.locator('li[data-action-id]').first();
      await first.waitFor();
      const id = (await first.getAttribute('data-action-id'))!;
      const before = await readAction(id);
      const target = before.status === 'done' ? 'in_progress' : 'done';
      await first.getByRole('combobox').selectOption(target);
      await owner.getByTestId('announcer').filter({ hasText: 'staat nu op' }).waitFor();
      expect((await readAction(id)).status).toBe(target);
      const results = await new AxeBuilder({ page: owner }).withTags(WCAG).analyze();
      expect(results.violations.map((v) => v.id)).toEqual([]);
      await owner.screenshot({ path: path.join(SCREENSHOTS, 'my-actions.png'), fullPage: true });
    } finally {
      await owner.close();
    }
  });

  test('the configuration page lists the trajectories; only an administrator can start a new one', async () => {
    await open('#/config', 'config');
    expect(await page.getByRole('radio', { name: /Kansrijk opgroeien in Beekvliet/ }).count()).toBe(1);
    await expectAccessible('config');
    // The coordinator may not start a trajectory, so the page does not offer it.
    expect(await page.getByRole('radio', { name: 'Een nieuw traject starten' }).count()).toBe(0);
    const admin = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.admin, name: 'Jan Verbeke' };
    await page.evaluate((user) => sessionStorage.setItem('kansrijk.devUser', user), JSON.stringify(admin));
    await page.addInitScript((user) => sessionStorage.setItem('kansrijk.devUser', user), JSON.stringify(admin));
    await open('#/config', 'config');
    await page.getByRole('radio', { name: 'Een nieuw traject starten' }).check();
    await page.getByLabel('Naam van het traject').fill('Samen sterk in Beekvliet-Noord');
    await page.getByLabel(/^Gemeente/).fill('Beekvliet-Noord');
    await page.getByLabel('Einde van de beleidsperiode').fill('2020-01-01');
    await page.getByRole('button', { name: 'Opslaan en openen' }).click();
    expect(await messageFor('input[name="periodEnd"]')).toBe('Het einde mag niet vóór het begin liggen.');
    await page.getByLabel('Einde van de beleidsperiode').fill('2031-12-31');
    await page.getByRole('button', { name: 'Opslaan en openen' }).click();
    await page.locator('[data-view="overview"][data-ready="true"]').waitFor();
    token = await server.token(admin);
    const me = (await api<{ trajectories: { id: string; name: string; roles: string[] }[] }>('GET', '/api/v1/me')).body;
    token = await server.token(coordinator);
    const created = me.trajectories.find((t) => t.name === 'Samen sterk in Beekvliet-Noord')!;
    expect(created.roles).toEqual(['admin', 'coordinator']);
    expect(page.url()).toContain(`#/t/${created.id}/overview`);
    await shot('config-created');
    // Later tests are the coordinator's again.
    await page.addInitScript((user) => sessionStorage.setItem('kansrijk.devUser', user), JSON.stringify(coordinator));
    await page.evaluate((user) => sessionStorage.setItem('kansrijk.devUser', user), JSON.stringify(coordinator));
  });

  test('English when asked (?lang=en), with dates from Brussels, and still accessible', async () => {
    await open(`#/t/${trajectoryId}/plan`, 'plan', '?lang=en');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Action plan');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.getByRole('button', { name: 'Export to Excel' }).count()).toBe(1);
    await expectAccessible('plan-en');
    await open(`#/t/${trajectoryId}/overview`, 'overview', '?lang=en&theme=dark');
    expect(await page.getByRole('heading', { name: 'Points of attention' }).count()).toBe(1);
    await expectAccessible('overview-en-dark');
    await shot('overview-en-dark');
  });

  test('English that cannot be fetched (offline) leaves the tab in Dutch rather than empty', async () => {
    const offline = await browser.context.newPage();
    try {
      let refused = 0;
      // English is a file of its own (the first view carries Dutch only): refuse it, as a dropped connection would.
      await offline.route(/\/tabs\/assets\/en-[\w-]+\.js$/, (route) => {
        refused++;
        return route.abort('internetdisconnected');
      });
      await offline.goto(`${server.url}/tabs/index.html?lang=en#/t/${trajectoryId}/plan`);
      await offline.getByRole('button', { name: 'Aanmelden als Lotte Peeters' }).click();
      await offline.locator('[data-view="plan"][data-ready="true"]').waitFor();
      expect(await offline.getByRole('heading', { level: 1 }).innerText()).toBe('Actieplan');
      expect(refused).toBeGreaterThan(0);
    } finally {
      await offline.close();
    }
  });
});
