import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { launchBrowser, type Browser } from '../support/browser';
import { apiAs, expectAccessible, openView, signIn } from '../support/e2e';
import { startLiveServer, type LiveServer } from '../support/live-server';

/*
 * The status controls the board, "my actions" and the action dialog share (one postpone dialog,
 * one list of statuses): here from the places tabs.test.ts does not reach — postponing from my
 * actions, a conflict met inside the postpone dialog, and the dialog's status select.
 */
jest.setTimeout(120_000);

const SCREENSHOTS = path.resolve(__dirname, '../../test-results/screenshots/status-change');

declare const document: { querySelector(selector: string): { getAttribute(name: string): string | null } | null };

const owner = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.actionOwner, name: 'Tom Maes' };
const coordinator = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.coordinator, name: 'Lotte Peeters' };

interface MyAction {
  id: string;
  title: string;
  status: string;
  version: number;
  can?: { move: boolean };
}

let server: LiveServer;
let browser: Browser;
let page: Page;
let trajectoryId: string;
let ownerToken = '';
let coordinatorToken = '';
const asOwner = () => apiAs(server.url, () => ownerToken);
const asCoordinator = () => apiAs(server.url, () => coordinatorToken);

/** Tom's actions that he may move and that are not postponed yet. */
async function movable(): Promise<MyAction[]> {
  const list = await asOwner()<MyAction[]>('GET', `/api/v1/trajectories/${trajectoryId}/actions?mine=true`);
  return list.body.filter((a) => a.can?.move && a.status !== 'postponed');
}

async function messageFor(selector: string): Promise<string> {
  await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('aria-invalid') === 'true', selector);
  const ids = ((await page.locator(selector).getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  return (await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()))).join(' ');
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startLiveServer();
  ownerToken = await server.token(owner);
  coordinatorToken = await server.token(coordinator);
  const me = await asOwner()<{ trajectories: { id: string }[] }>('GET', '/api/v1/me');
  trajectoryId = me.body.trajectories[0]!.id;
  browser = await launchBrowser();
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('my actions', () => {
  beforeAll(async () => {
    await signIn(page, owner);
  });

  test('choosing "Uitgesteld" asks for the reason first; without one nothing changes, with one it is saved with the note', async () => {
    const [action] = await movable();
    expect(action).toBeDefined();
    await openView(page, server.url, '#/my-actions', 'my-actions');
    const item = page.locator(`li[data-action-id="${action!.id}"]`);
    await item.getByRole('combobox', { name: `Status van “${action!.title}”` }).selectOption('postponed');

    const dialog = page.getByRole('dialog', { name: `“${action!.title}” uitstellen` });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Uitstellen' }).click();
    expect(await messageFor('textarea[name="progressNote"]')).toBe('Geef een reden als je een actie uitstelt.');
    expect((await asOwner()<MyAction>('GET', `/api/v1/actions/${action!.id}`)).body.status).toBe(action!.status);
    await expectAccessible(page, 'my-actions-postpone-dialog');
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: path.join(SCREENSHOTS, `my-actions-postpone-${width}.png`) });
    }
    await page.setViewportSize({ width: 1366, height: 900 });

    await dialog.getByLabel('Waarom wordt de actie uitgesteld?').fill('De zaal is pas in het najaar vrij');
    await dialog.getByRole('button', { name: 'Uitstellen' }).click();
    await page.getByTestId('announcer').filter({ hasText: `“${action!.title}” staat nu op Uitgesteld.` }).waitFor();
    await dialog.waitFor({ state: 'detached' });
    expect((await asOwner()<MyAction>('GET', `/api/v1/actions/${action!.id}`)).body.status).toBe('postponed');
    const updates = await asOwner()<{ note: string; statusTo: string | null }[]>('GET', `/api/v1/actions/${action!.id}/updates`);
    expect(updates.body[0]).toEqual(expect.objectContaining({ statusTo: 'postponed', note: 'De zaal is pas in het najaar vrij' }));
    expect(await item.getByRole('combobox').inputValue()).toBe('postponed');
  });

  test('someone else changed the action meanwhile: the postpone dialog says so, saves nothing and only cancels', async () => {
    const [action] = await movable();
    expect(action).toBeDefined();
    await openView(page, server.url, '#/my-actions', 'my-actions');
    const item = page.locator(`li[data-action-id="${action!.id}"]`);
    await item.waitFor();
    // The coordinator renames it after the list was read: the list still holds the old version.
    const renamed = await asCoordinator()<MyAction>('GET', `/api/v1/actions/${action!.id}`);
    const patch = await fetch(`${server.url}/api/v1/actions/${action!.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${coordinatorToken}`, 'content-type': 'application/json', 'if-match': `"${renamed.body.version}"` },
      body: JSON.stringify({ title: `${action!.title} (herwerkt)` }),
    });
    expect(patch.status).toBe(200);

    await item.getByRole('combobox').selectOption('postponed');
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Waarom wordt de actie uitgesteld?').fill('Eerst het budget afwachten');
    await dialog.getByRole('button', { name: 'Uitstellen' }).click();
    await dialog.getByText(`Iemand anders wijzigde “${action!.title}”`).waitFor();
    expect(await dialog.getByRole('button', { name: 'Uitstellen' }).isDisabled()).toBe(true);
    const now = (await asOwner()<MyAction>('GET', `/api/v1/actions/${action!.id}`)).body;
    expect(now.status).toBe(action!.status);
    expect(now.title).toBe(`${action!.title} (herwerkt)`);
    await dialog.getByRole('button', { name: 'Annuleren' }).click();
    await dialog.waitFor({ state: 'detached' });
  });
});

describe('the action dialog', () => {
  test('its status select offers the statuses in the board order; postponing there makes the note the required reason', async () => {
    const fresh = await browser.context.newPage();
    const previous = page;
    page = fresh;
    try {
      await signIn(page, coordinator);
      await openView(page, server.url, `#/t/${trajectoryId}/plan`, 'plan');
      const row = page.locator('tr[data-row="action"]').filter({ has: page.locator('[data-control="edit"]'), hasNotText: 'Uitgesteld' }).first();
      await row.locator('[data-control="edit"]').click();
      const dialog = page.getByRole('dialog');
      const status = dialog.locator('select[name="status"]');
      await status.waitFor();
      expect(await status.locator('option').allTextContents()).toEqual(['Gepland', 'Lopend', 'Afgerond', 'Uitgesteld', 'Geschrapt']);
      expect(await status.locator('option').evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value))).toEqual([
        'planned',
        'in_progress',
        'done',
        'postponed',
        'dropped',
      ]);
      await status.selectOption('postponed');
      const reason = dialog.getByRole('textbox', { name: /Waarom wordt de actie uitgesteld\?/ });
      await reason.waitFor();
      expect(await reason.getAttribute('required')).not.toBeNull();
      await expectAccessible(page, 'action-dialog-postponing');
    } finally {
      page = previous;
      await fresh.close();
    }
  });
});
