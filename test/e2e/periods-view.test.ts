import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { launchBrowser, type Browser } from '../support/browser';
import { startLiveServer, type LiveServer } from '../support/live-server';
import { expectAccessible as expectAccessibleOn, sidewaysOverflow } from '../support/e2e';

/*
 * The evaluation's verdict and the next policy period, as a coordinator does it in Chromium:
 * stop an action with a reason, start the next period, and find the old one closed.
 */
jest.setTimeout(180_000);

declare const sessionStorage: { setItem(key: string, value: string): void };

const SCREENSHOTS = path.resolve(__dirname, '../../test-results/screenshots/periods');
const coordinator = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.coordinator, name: 'Lotte Peeters' };
const chair = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.chair, name: 'Marc Wouters' };

interface PlanAction {
  id: string;
  title: string;
  status: string;
}
interface Plan {
  domains: { strategicObjectives: { operationalObjectives: { actions: PlanAction[] }[] }[] }[];
}

let server: LiveServer;
let browser: Browser;
let page: Page;
let trajectoryId: string;
const tokens: Record<string, string> = {};

async function api<T>(who: 'coordinator' | 'chair', method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.url}${url}`, {
    method,
    headers: { authorization: `Bearer ${tokens[who]}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function open(hash: string, view: string, lang = 'nl'): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${server.url}/tabs/index.html?lang=${lang}${hash}`);
  await page.locator(`[data-view="${view}"][data-ready="true"]`).waitFor();
}

const expectAccessible = (name: string) => expectAccessibleOn(page, name);

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

async function widths(name: string, check: () => Promise<void>): Promise<void> {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 860 });
    await check();
    const overflow = await sidewaysOverflow(page);
    expect([name, width, overflow]).toEqual([name, width, 0]);
    await expectAccessible(`${name} at ${width}px`);
    await shot(`${name}-${width}`);
  }
}
beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startLiveServer();
  tokens.coordinator = await server.token(coordinator);
  tokens.chair = await server.token(chair);
  const me = await api<{ trajectories: { id: string }[] }>('coordinator', 'GET', '/api/v1/me');
  trajectoryId = me.body.trajectories[0]!.id;
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.addInitScript((user) => sessionStorage.setItem('kansrijk.devUser', user), JSON.stringify(coordinator));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const actionsOf = (plan: Plan) => plan.domains.flatMap((d) => d.strategicObjectives.flatMap((s) => s.operationalObjectives.flatMap((o) => o.actions)));

test('the chair is not offered the next period; the coordinator is', async () => {
  const asChair = await api<{ permissions: string[] }>('chair', 'GET', `/api/v1/trajectories/${trajectoryId}`);
  expect(asChair.body.permissions).not.toContain('period.start');
  const chairPage = await browser.context.newPage();
  try {
    await chairPage.addInitScript((user) => sessionStorage.setItem('kansrijk.devUser', user), JSON.stringify(chair));
    await chairPage.goto(`${server.url}/tabs/index.html#/t/${trajectoryId}/overview`);
    await chairPage.locator('[data-view="overview"][data-ready="true"]').waitFor();
    expect(await chairPage.getByRole('button', { name: 'Volgende beleidsperiode starten' }).count()).toBe(0);
  } finally {
    await chairPage.close();
  }
  await open(`#/t/${trajectoryId}/overview`, 'overview');
  await page.getByRole('button', { name: 'Volgende beleidsperiode starten' }).waitFor();
});

test('stopping an action asks why, names the field, and saves the verdict', async () => {
  const plan = (await api<Plan>('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/plan`)).body;
  const target = actionsOf(plan).find((a) => a.status === 'planned')!;
  await open(`#/t/${trajectoryId}/actions/${target.id}`, 'action-detail');
  await page.getByRole('button', { name: 'Bewerken', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Beslissing na evaluatie').selectOption('stopped');
  await dialog.getByRole('button', { name: 'Opslaan' }).click();
  await dialog.locator('textarea[name="adjustmentReason"][aria-invalid="true"]').waitFor();
  expect(await dialog.getByText('Zeg waarom je dit aanpast of stopt.').count()).toBe(1);
  expect((await api<{ adjustment: string | null }>('coordinator', 'GET', `/api/v1/actions/${target.id}`)).body.adjustment).toBeNull();
  await page.setViewportSize({ width: 390, height: 860 });
  await expectAccessible('action dialog with the verdict');
  await dialog.locator('textarea[name="adjustmentReason"]').scrollIntoViewIfNeeded();
  await shot('verdict-dialog-390');
  await page.setViewportSize({ width: 1280, height: 860 });
  await dialog.locator('textarea[name="adjustmentReason"]').fill('Het aanbod bestaat nu bij de bibliotheek');
  await dialog.getByRole('button', { name: 'Opslaan' }).click();
  await dialog.waitFor({ state: 'hidden' });
  const saved = (await api<{ adjustment: string | null; adjustmentReason: string }>('coordinator', 'GET', `/api/v1/actions/${target.id}`)).body;
  expect(saved).toMatchObject({ adjustment: 'stopped', adjustmentReason: 'Het aanbod bestaat nu bij de bibliotheek' });
});

test('starting the next period by keyboard leads to the new period; the old one says it is closed, in Dutch and English', async () => {
  await open(`#/t/${trajectoryId}/overview`, 'overview');
  await page.getByRole('button', { name: 'Volgende beleidsperiode starten' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Naam van de nieuwe periode').waitFor();
  await widths('next-period-dialog', async () => {
    await dialog.getByLabel('Naam van de nieuwe periode').waitFor();
  });
  await dialog.getByLabel('Naam van de nieuwe periode').fill('Kansrijk Beekvliet, volgende periode');
  await dialog.getByRole('button', { name: 'Periode starten' }).click();
  await page.waitForURL((url) => url.hash.includes('/overview') && !url.hash.includes(trajectoryId));
  const newId = /#\/t\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
  await page.locator('[data-view="overview"][data-ready="true"]').waitFor();

  const fresh = (await api<{ originTrajectoryId: string; name: string; closedAt: string | null }>('coordinator', 'GET', `/api/v1/trajectories/${newId}`)).body;
  expect(fresh).toMatchObject({ originTrajectoryId: trajectoryId, name: 'Kansrijk Beekvliet, volgende periode', closedAt: null });
  const old = (await api<{ closedAt: string | null; permissions: string[] }>('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}`)).body;
  expect(old.closedAt).not.toBeNull();
  expect(old.permissions).not.toContain('plan.edit');

  await open(`#/t/${trajectoryId}/overview`, 'overview');
  const banner = page.getByTestId('period-closed');
  await banner.getByRole('link', { name: /Kansrijk Beekvliet, volgende periode/ }).waitFor();
  expect(await banner.innerText()).toContain('Afgesloten beleidsperiode');
  await widths('closed-period', async () => {
    await banner.waitFor();
  });
  await open(`#/t/${trajectoryId}/overview`, 'overview', 'en');
  expect(await page.getByTestId('period-closed').innerText()).toContain('Closed policy period');
  await expectAccessible('closed period in English');
});
