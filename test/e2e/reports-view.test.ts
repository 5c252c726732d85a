import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { launchBrowser, type Browser } from '../support/browser';
import { startLiveServer, type LiveServer } from '../support/live-server';
import { apiAs, expectAccessible, openView, signIn, sidewaysOverflow, type DevUser } from '../support/e2e';

/*
 * The reports view in Chromium, at 1280 and 390 px: the coordinator generates a report through
 * the form, reads the preview, writes the free text and submits; the chair approves; the
 * delivery log shows the recipients. axe finds nothing; nothing scrolls sideways.
 */
jest.setTimeout(300_000);

const SCREENSHOTS = path.resolve(__dirname, '../../test-results/screenshots/reports');
const tenantId = demoTenants.beekvliet.id;
const coordinator: DevUser = { tenantId, userId: demoUsers.coordinator, name: 'Lotte Peeters' };
const chair: DevUser = { tenantId, userId: demoUsers.chair, name: 'Marc Wouters' };

let server: LiveServer;
let browser: Browser;
let trajectoryId: string;
const tokens = new Map<string, string>();

interface Detail {
  id: string;
  state: string;
  summary: string;
  totals: { actions: number; overdue: number };
}
const api = (user: DevUser) => apiAs(server.url, () => tokens.get(user.userId)!);

async function pageFor(user: DevUser, width: number): Promise<Page> {
  const page = await browser.context.newPage();
  await signIn(page, user);
  await page.setViewportSize({ width, height: 900 });
  return page;
}
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startLiveServer();
  for (const user of [coordinator, chair]) tokens.set(user.userId, await server.token(user));
  trajectoryId = (await api(coordinator)<{ trajectories: { id: string }[] }>('GET', '/api/v1/me')).body.trajectories[0]!.id;
  const schedule = await api(coordinator)('PUT', `/api/v1/trajectories/${trajectoryId}/college-schedule`, { weekday: 1, time: '09:00', frequency: 'quarterly', secretaryName: 'Secretariaat', secretaryEmail: 'secretariaat@beekvliet.example' });
  expect(schedule.status).toBe(200);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.each([1280, 390])('at %i px wide', (width) => {
  let reportId: string;
  const start = width === 1280 ? '2026-01-01' : '2026-04-01';
  const end = width === 1280 ? '2026-03-31' : '2026-06-30';

  test('the coordinator generates a report, reads the preview, writes the text and submits it', async () => {
    const page = await pageFor(coordinator, width);
    await openView(page, server.url, `#/t/${trajectoryId}/reports`, 'reports');
    await expectAccessible(page, `reports list ${width}`);
    expect(await sidewaysOverflow(page)).toBe(0);
    await page.getByLabel('Begin van de periode').fill(start);
    await page.getByLabel('Einde van de periode').fill(end);
    await page.getByRole('button', { name: 'Rapport maken' }).click();
    await page.locator('[data-view="report"][data-ready="true"]').waitFor();
    reportId = decodeURIComponent(new URL(page.url()).hash.split('/').pop()!);
    const detail = (await api(coordinator)<Detail>('GET', `/api/v1/reports/${reportId}`)).body;
    expect(detail.state).toBe('draft');
    // The preview shows what the snapshot holds.
    const figures = page.locator('#report-figures').locator('..');
    await expect(figures.getByText(String(detail.totals.actions), { exact: true }).first().isVisible()).resolves.toBe(true);
    await page.getByRole('heading', { name: 'Acties over tijd' }).waitFor();
    await page.getByRole('heading', { name: 'Indicatoren tegenover nulmeting en doel' }).waitFor();
    await expectAccessible(page, `report draft ${width}`);
    expect(await sidewaysOverflow(page)).toBe(0);
    await shot(page, `report-draft-${width}`);

    await page.getByLabel('Samenvatting').fill('Het plan loopt; twee acties lopen achter.');
    await page.getByLabel('Wat het college moet beslissen').fill('Budget voor de zomerwerking.');
    await page.getByRole('button', { name: 'Tekst bewaren' }).click();
    // The message bar, not the screen-reader announcer that repeats it.
    await page.getByTestId('report-message').getByText('De tekst is bewaard.').waitFor();
    expect((await api(coordinator)<Detail>('GET', `/api/v1/reports/${reportId}`)).body.summary).toBe('Het plan loopt; twee acties lopen achter.');
    await page.getByRole('button', { name: 'Voorleggen aan de voorzitter' }).click();
    // The message bar, not the screen-reader announcer that repeats it.
    await page.getByTestId('report-message').getByText('Het rapport ligt bij de voorzitter.').waitFor();
    expect((await api(coordinator)<Detail>('GET', `/api/v1/reports/${reportId}`)).body.state).toBe('submitted');
    // No controls left for the coordinator: the text is read-only now.
    expect(await page.getByRole('button', { name: 'Tekst bewaren' }).count()).toBe(0);
    await page.close();
  });

  test('the chair approves; the delivery log lists the recipients', async () => {
    const page = await pageFor(chair, width);
    await openView(page, server.url, `#/t/${trajectoryId}/reports/${reportId}`, 'report');
    await page.getByRole('button', { name: 'Terugsturen' }).click();
    await page.getByText('Schrijf wat er nog moet veranderen.').waitFor();
    await expectAccessible(page, `report submitted ${width}`);
    await shot(page, `report-chair-${width}`);
    await page.getByRole('button', { name: 'Goedkeuren en versturen' }).click();
    // The message bar, not the screen-reader announcer that repeats it.
    await page.getByTestId('report-message').getByText('Goedgekeurd. Het rapport gaat naar de schepenen en het secretariaat.').waitFor();
    expect((await api(chair)<Detail>('GET', `/api/v1/reports/${reportId}`)).body.state).toBe('approved');
    await page.getByRole('heading', { name: 'Verzending' }).waitFor();
    await page.getByText('secretariaat@beekvliet.example', { exact: false }).waitFor();
    await expectAccessible(page, `report approved ${width}`);
    expect(await sidewaysOverflow(page)).toBe(0);
    await shot(page, `report-approved-${width}`);
    await page.close();
  });
});
