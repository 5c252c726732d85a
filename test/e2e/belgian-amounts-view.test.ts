import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { launchBrowser, type Browser } from '../support/browser';
import { expectAccessible } from '../support/e2e';
import { startLiveServer, type LiveServer } from '../support/live-server';

/*
 * An amount typed the Belgian way in the tabs (issue 11, one language system): "1.500,50" in the
 * action form's budget is saved as 1500.5; garbage is refused at the field with the reason,
 * before anything is sent, and nothing changes on the server.
 */
jest.setTimeout(120_000);

declare const sessionStorage: { setItem(key: string, value: string): void };

const SCREENSHOTS = path.resolve(__dirname, '../../test-results/screenshots/i18n');
const coordinator = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.coordinator, name: 'Lotte Peeters' };

interface PlanAction {
  id: string;
  title: string;
}
interface Plan {
  domains: { strategicObjectives: { operationalObjectives: { actions: PlanAction[] }[] }[] }[];
}

let server: LiveServer;
let browser: Browser;
let page: Page;
let trajectoryId: string;
let token: string;

async function api<T>(url: string): Promise<T> {
  const response = await fetch(`${server.url}${url}`, { headers: { authorization: `Bearer ${token}` } });
  return (await response.json()) as T;
}

async function editDialog(action: PlanAction, query = '') {
  await page.goto('about:blank');
  await page.goto(`${server.url}/tabs/index.html${query}#/t/${trajectoryId}/plan`);
  await page.locator('[data-view="plan"][data-ready="true"]').waitFor();
  await page.locator(`button[data-control="edit"][aria-label="${query ? `Edit ${action.title}` : `${action.title} bewerken`}"]`).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('input[name="budget"]').waitFor();
  return dialog;
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startLiveServer();
  token = await server.token(coordinator);
  trajectoryId = (await api<{ trajectories: { id: string }[] }>('/api/v1/me')).trajectories[0]!.id;
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.addInitScript((user) => sessionStorage.setItem('kansrijk.devUser', user), JSON.stringify(coordinator));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('a context figure typed the Belgian way: "12.345" inhabitants is twelve thousand, not twelve', async () => {
  await page.goto('about:blank');
  await page.goto(`${server.url}/tabs/index.html#/t/${trajectoryId}/context`);
  await page.locator('[data-view="context"][data-ready="true"]').waitFor();
  const editor = page.getByRole('region', { name: 'Eén cijfer invullen of wijzigen' });
  await editor.getByLabel('Indicator').selectOption({ label: 'Bevolking' });
  await editor.locator('input[name="year"]').fill('2019');
  await editor.locator('input[name="value"]').fill('12.345');
  await editor.getByRole('button', { name: 'Opslaan' }).click();
  await editor.getByText('Het cijfer is opgeslagen.').waitFor();
  const values = (await api<{ values: { indicator: string; year: number; level: string; value: number }[] }>(`/api/v1/trajectories/${trajectoryId}/context-values`)).values;
  expect(values.find((v) => v.indicator === 'population' && v.year === 2019 && v.level === 'municipality')?.value).toBe(12345);
  await editor.locator('input[name="value"]').fill('12.34.5');
  await editor.getByRole('button', { name: 'Opslaan' }).click();
  await editor.locator('input[name="value"][aria-invalid="true"]').waitFor();
});

test('the budget takes "1.500,50"; "1.50.0" is refused at the field with the reason and not sent', async () => {
  const plan = await api<Plan>(`/api/v1/trajectories/${trajectoryId}/plan`);
  const action = plan.domains.flatMap((d) => d.strategicObjectives.flatMap((s) => s.operationalObjectives.flatMap((o) => o.actions)))[0]!;
  const before = await api<{ budget: number | null; version: number }>(`/api/v1/actions/${action.id}`);

  const dialog = await editDialog(action);
  const budget = dialog.locator('input[name="budget"]');
  await budget.fill('1.50.0');
  await expect(budget.getAttribute('aria-invalid')).resolves.toBe('true');
  await expect(dialog.getByText('De punten of spaties staan niet op de goede plaats', { exact: false }).count()).resolves.toBe(1);
  await expectAccessible(page, 'action-dialog-budget-error');
  await page.setViewportSize({ width: 390, height: 844 });
  await budget.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'budget-error-390.png') });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'budget-error-1280.png') });
  await dialog.getByRole('button', { name: 'Opslaan' }).click();
  await expect(budget.getAttribute('aria-invalid')).resolves.toBe('true');
  expect(await api<{ version: number }>(`/api/v1/actions/${action.id}`)).toMatchObject({ version: before.version });

  await budget.fill('1.500,50');
  await expect(budget.getAttribute('aria-invalid')).resolves.not.toBe('true');
  await dialog.getByRole('button', { name: 'Opslaan' }).click();
  await dialog.waitFor({ state: 'detached' });
  expect(await api<{ budget: number | null }>(`/api/v1/actions/${action.id}`)).toMatchObject({ budget: 1500.5 });

  // Opened again, the form shows the amount as it is typed in Dutch.
  const again = await editDialog(action);
  await expect(again.locator('input[name="budget"]').inputValue()).resolves.toBe('1.500,5');

  // In English the Belgian comma is still understood where it cannot be a thousands separator.
  const english = await editDialog(action, '?lang=en');
  await expect(english.locator('input[name="budget"]').inputValue()).resolves.toBe('1,500.5');
  await english.locator('input[name="budget"]').fill('2500,75');
  await english.getByRole('button', { name: 'Save' }).click();
  await english.waitFor({ state: 'detached' });
  expect(await api<{ budget: number | null }>(`/api/v1/actions/${action.id}`)).toMatchObject({ budget: 2500.75 });
});
