import { AxeBuilder } from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { launchBrowser, type Browser } from '../support/browser';
import { startLiveServer, type LiveServer } from '../support/live-server';

/*
 * The evaluation view in real Chromium against the real server (demo data of Beekvliet):
 * indicators with their plans and charts, the signal group's verdicts beside them, a verdict
 * recorded by the trusted person by keyboard, read-only for a steering member, nl and en.
 */
jest.setTimeout(120_000);

// Callbacks of page.evaluate run in the browser; the server's tsconfig has no DOM library.
interface PageElement {
  getAttribute(name: string): string | null;
  closest(selector: string): PageElement | null;
}
declare const document: {
  activeElement: PageElement | null;
  documentElement: { lang: string; scrollWidth: number; clientWidth: number };
};
declare const sessionStorage: { setItem(key: string, value: string): void };

const SCREENSHOTS = path.resolve(__dirname, '../../test-results/screenshots/evaluation');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const coordinator = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.coordinator, name: 'Lotte Peeters' };
const steeringMember = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.steeringMember, name: 'Hilde Goossens' };
const trustedPerson = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.trustedPerson, name: 'Nadia Benali' };


interface Plan {
  domains: { id: string; name: string }[];
}
interface Verdict {
  id: string;
  verdict: string;
  reasons: string;
  domainId: string;
  actionId: string | null;
  recordedByName: string | null;
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
  await page.locator('[data-view="evaluation"][data-ready="true"]').waitFor();
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  // The whole plan is a long page: the first screen on its own too, readable at a glance.
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-screen.png`) });
}

async function expectAccessible(name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const violations = results.violations.map((v) => `${v.id} (${v.impact ?? ''}): ${v.help} → ${v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)}`).join(' | ')}`);
  expect({ view: name, violations }).toEqual({ view: name, violations: [] });
}

async function expectNoSidewaysScroll(name: string): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect({ name, overflow: scrollWidth > clientWidth }).toEqual({ name, overflow: false });
}

async function signInAs(user: { tenantId: string; userId: string; name: string }): Promise<void> {
  page = await browser.context.newPage();
  await page.addInitScript((u) => sessionStorage.setItem('kansrijk.devUser', u), JSON.stringify(user));
}

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

describe('the evaluation view in the browser', () => {
  test('the whole plan and one domain: indicators, plans, charts and verdicts; axe at 1280 and 390 px, nl and en', async () => {
    await signInAs(coordinator);
    await open(`#/t/${trajectoryId}/evaluation`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Evaluatie en bijsturing');
    // The demo's verdicts are shown beside the figures, with who wrote them down.
    expect(await page.getByText('De folder is te moeilijk geschreven').count()).toBe(1);
    expect(await page.getByText(/genoteerd door Nadia Benali/).count()).toBeGreaterThan(0);
    expect(await page.locator('[data-indicator] svg[role="img"]').count()).toBeGreaterThan(0);
    expect(await page.getByText('te laat', { exact: true }).count()).toBeGreaterThan(0);
    // Until the questionnaires answer, the figures say there is nothing measured yet (or show them).
    expect(await page.getByRole('heading', { name: 'Resultaat en tevredenheid' }).count()).toBeGreaterThan(0);
    await expectAccessible('plan-1280');
    await shot('plan-1280');

    const plan = await api<Plan>('GET', `/api/v1/trajectories/${trajectoryId}/plan`);
    const education = plan.domains.find((d) => d.name === 'Onderwijs en vrije tijd')!;
    await page.getByRole('link', { name: 'Onderwijs en vrije tijd', exact: true }).click();
    await page.locator(`[data-view="evaluation"][data-ready="true"] [data-domain="${education.id}"]`).waitFor();
    expect(await page.locator('[data-domain]').count()).toBe(1);
    expect(page.url()).toContain(`#/t/${trajectoryId}/evaluation/${education.id}`);
    expect(await page.getByRole('link', { name: 'Onderwijs en vrije tijd', exact: true }).getAttribute('aria-current')).toBe('page');

    await page.setViewportSize({ width: 390, height: 844 });
    await open(`#/t/${trajectoryId}/evaluation`);
    await expectNoSidewaysScroll('plan-390');
    await expectAccessible('plan-390');
    await shot('plan-390');

    await open(`#/t/${trajectoryId}/evaluation`, '?lang=en&theme=dark');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Evaluation and adjustment');
    expect(await page.getByText('Does not work', { exact: true }).count()).toBeGreaterThan(0);
    await expectNoSidewaysScroll('plan-390-en');
    await expectAccessible('plan-390-en-dark');
    await shot('plan-390-en-dark');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.close();
  });

  test('a steering member reads and has no form; the trusted person records a verdict by keyboard', async () => {
    await signInAs(steeringMember);
    await open(`#/t/${trajectoryId}/evaluation`);
    expect(await page.getByRole('button', { name: 'Oordeel opslaan' }).count()).toBe(0);
    await page.close();

    await signInAs(trustedPerson);
    await open(`#/t/${trajectoryId}/evaluation`);
    const form = page.getByRole('region', { name: 'Oordeel van de signaalgroep noteren' });
    await form.waitFor();
    await expectAccessible('form-1280');
    await page.getByRole('combobox', { name: /Waarover/ }).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    // The date input has a stop per part (day, month, year): start again at the verdict's radios.
    await page.getByRole('radio', { name: 'Werkt', exact: true }).focus();
    await page.keyboard.press('ArrowRight'); // "werkt deels"
    await page.keyboard.press('Tab');
    await page.keyboard.type('De ouders vinden het nuttig maar de uren passen niet voor wie in ploegen werkt.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Het oordeel is opgeslagen.').waitFor();
    const verdicts = await api<Verdict[]>('GET', `/api/v1/trajectories/${trajectoryId}/signal-verdicts`);
    const saved = verdicts.find((v) => v.reasons.startsWith('De ouders vinden het nuttig'))!;
    expect(saved).toEqual(expect.objectContaining({ verdict: 'partly', recordedByName: 'Nadia Benali' }));
    // The field is cleared and the verdict shows beside its action's figures.
    expect(await page.locator('[data-action] [data-verdict="partly"]', { hasText: 'De ouders vinden het nuttig' }).count()).toBe(1);
    expect(await page.getByRole('textbox', { name: /Waarom/ }).inputValue()).toBe('');
    await shot('form-1280');
    await page.close();
  });
});
