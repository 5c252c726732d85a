import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { launchBrowser, type Browser } from '../support/browser';
import { startLiveServer, type LiveServer } from '../support/live-server';
import { expectAccessible as expectAccessibleOn, sidewaysOverflow } from '../support/e2e';

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
const coordinator = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.coordinator, name: 'Lotte Peeters' };
const steeringMember = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.steeringMember, name: 'Hilde Goossens' };
const trustedPerson = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.trustedPerson, name: 'Nadia Benali' };
const alderman = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.aldermanEducation, name: 'Karim El Amrani' };
const workGroupChair = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.workGroupChair, name: 'Sofie Claes' };


interface Plan {
  domains: {
    id: string;
    name: string;
    strategicObjectives: { operationalObjectives: { actions: { id: string; indicators: { id: string; name: string }[] }[] }[] }[];
  }[];
}
interface MeasurementPlans {
  plans: { id: string; indicatorId: string; measurerId: string | null; frequency: string; source: string; nextDueOn: string | null }[];
}
const indicatorsOf = (domain: Plan['domains'][number]) => domain.strategicObjectives.flatMap((s) => s.operationalObjectives.flatMap((o) => o.actions.flatMap((a) => a.indicators)));

/** The plan with each action's indicators, which the plan read leaves to …/plan/indicators. */
async function planWithIndicators(): Promise<Plan> {
  const plan = await api<Plan>('GET', `/api/v1/trajectories/${trajectoryId}/plan`);
  const { indicators } = await api<{ indicators: { id: string; name: string; actionId: string }[] }>('GET', `/api/v1/trajectories/${trajectoryId}/plan/indicators`);
  for (const d of plan.domains) for (const s of d.strategicObjectives) for (const o of s.operationalObjectives) for (const a of o.actions) a.indicators = indicators.filter((i) => i.actionId === a.id);
  return plan;
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

async function api<T>(method: string, url: string, as = token): Promise<T> {
  const response = await fetch(`${server.url}${url}`, { method, headers: { authorization: `Bearer ${as}` } });
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

const expectAccessible = (name: string) => expectAccessibleOn(page, name);

async function expectNoSidewaysScroll(name: string): Promise<void> {
  expect({ name, overflow: await sidewaysOverflow(page) }).toEqual({ name, overflow: 0 });
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

  test('the coordinator plans a measurement by keyboard, changes and removes it; a work group plans only in its own domain', async () => {
    const plan = await planWithIndicators();
    const before = await api<MeasurementPlans>('GET', `/api/v1/trajectories/${trajectoryId}/measurement-plans`);
    const planned = new Set(before.plans.map((p) => p.indicatorId));
    const indicator = plan.domains.flatMap(indicatorsOf).find((i) => !planned.has(i.id))!;
    expect(indicator).toBeDefined();
    const people = await api<{ id: string; displayName: string }[]>('GET', `/api/v1/trajectories/${trajectoryId}/people`);
    const tom = people.find((p) => p.displayName === 'Tom Maes')!;

    await signInAs(coordinator);
    await open(`#/t/${trajectoryId}/evaluation`);
    const block = page.locator(`[data-indicator="${indicator.id}"]`);
    await block.getByRole('button', { name: 'Meetplan opmaken' }).focus();
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: `Meetplan voor ${indicator.name}` });
    await form.waitFor();
    // The keyboard lands in the form's first field.
    expect(await page.evaluate(() => document.activeElement?.closest('form')?.getAttribute('aria-label') ?? null)).toBe(`Meetplan voor ${indicator.name}`);
    await form.getByRole('combobox', { name: 'Wie meet' }).selectOption({ label: 'Tom Maes' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown'); // quarterly → half-yearly
    await page.keyboard.press('Tab');
    await page.keyboard.type('Inschrijvingslijsten van de speelpleinwerking');
    // A year the server refuses: its field error shows at the date and nothing is saved.
    await form.getByLabel(/Volgende meting/).fill('1850-01-01');
    await form.getByRole('button', { name: 'Meetplan opslaan' }).focus();
    await page.keyboard.press('Enter');
    await form.getByText('Geef een jaar tussen 1900 en 2999.').waitFor();
    expect(await form.getByText('Nog niet bewaard: verbeter de aangeduide velden.').count()).toBe(1);
    expect(await form.getByLabel(/Volgende meting/).getAttribute('aria-invalid')).toBe('true');
    const refused = await api<MeasurementPlans>('GET', `/api/v1/trajectories/${trajectoryId}/measurement-plans`);
    expect(refused.plans.some((p) => p.indicatorId === indicator.id)).toBe(false);
    await expectAccessible('plan-form-error-1280');
    await form.screenshot({ path: path.join(SCREENSHOTS, 'plan-form-error-1280.png') });

    await form.getByLabel(/Volgende meting/).fill('2027-03-15');
    await form.getByRole('button', { name: 'Meetplan opslaan' }).focus();
    await page.keyboard.press('Enter');
    await block.getByText('Het meetplan is opgeslagen.').waitFor();
    const after = await api<MeasurementPlans>('GET', `/api/v1/trajectories/${trajectoryId}/measurement-plans`);
    const created = after.plans.find((p) => p.indicatorId === indicator.id)!;
    expect(created).toEqual(expect.objectContaining({ measurerId: tom.id, frequency: 'half_yearly', source: 'Inschrijvingslijsten van de speelpleinwerking', nextDueOn: '2027-03-15' }));
    // The view read the plans again: the line under the indicator shows the new plan.
    expect(await block.getByText(/halfjaarlijks, door Tom Maes/).count()).toBe(1);
    expect(await block.getByText('Bron: Inschrijvingslijsten van de speelpleinwerking').count()).toBe(1);
    // The keyboard is back on the (now) edit button.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-describedby') ?? null)).toBe(`eval-indicator-${indicator.id}`);

    // At 390 px: change it, then remove it after confirming.
    await page.setViewportSize({ width: 390, height: 844 });
    await block.getByRole('button', { name: 'Meetplan wijzigen' }).click();
    await form.waitFor();
    expect(await form.getByRole('combobox', { name: 'Wie meet' }).inputValue()).toBe(tom.id);
    await form.getByRole('combobox', { name: 'Hoe vaak' }).selectOption('yearly');
    await expectNoSidewaysScroll('plan-form-390');
    await expectAccessible('plan-form-390');
    await form.scrollIntoViewIfNeeded();
    await form.screenshot({ path: path.join(SCREENSHOTS, 'plan-form-390.png') });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'plan-form-390-screen.png') });
    await form.getByRole('button', { name: 'Meetplan opslaan' }).click();
    await block.getByText('Het meetplan is opgeslagen.').waitFor();
    const changed = await api<MeasurementPlans>('GET', `/api/v1/trajectories/${trajectoryId}/measurement-plans`);
    expect(changed.plans.find((p) => p.indicatorId === indicator.id)).toEqual(expect.objectContaining({ id: created.id, frequency: 'yearly', measurerId: tom.id }));

    await block.getByRole('button', { name: 'Meetplan wijzigen' }).click();
    await form.getByRole('button', { name: 'Meetplan verwijderen' }).click();
    // Asking first; the focus is on the confirmation, and "no" keeps the plan.
    await form.getByText(/Het meetplan voor .* verwijderen\?/).waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest('form') !== null)).toBe(true);
    await expectAccessible('plan-remove-390');
    await form.screenshot({ path: path.join(SCREENSHOTS, 'plan-remove-390.png') });
    await form.getByRole('button', { name: 'Nee, behouden' }).click();
    const kept = await api<MeasurementPlans>('GET', `/api/v1/trajectories/${trajectoryId}/measurement-plans`);
    expect(kept.plans.some((p) => p.id === created.id)).toBe(true);
    await form.getByRole('button', { name: 'Meetplan verwijderen' }).click();
    await page.keyboard.press('Enter'); // "Ja, verwijderen" has the focus
    await block.getByText('Het meetplan is verwijderd.').waitFor();
    const gone = await api<MeasurementPlans>('GET', `/api/v1/trajectories/${trajectoryId}/measurement-plans`);
    expect(gone.plans.some((p) => p.indicatorId === indicator.id)).toBe(false);
    expect(await block.getByRole('button', { name: 'Meetplan opmaken' }).count()).toBe(1);

    // In English, with the dark theme, at 390 px.
    await open(`#/t/${trajectoryId}/evaluation`, '?lang=en&theme=dark');
    await block.getByRole('button', { name: 'Make a measurement plan' }).click();
    const formEn = page.getByRole('form', { name: `Measurement plan for ${indicator.name}` });
    await formEn.waitFor();
    expect(await formEn.getByRole('combobox', { name: 'Who measures' }).count()).toBe(1);
    await expectNoSidewaysScroll('plan-form-390-en');
    await expectAccessible('plan-form-390-en-dark');
    await formEn.screenshot({ path: path.join(SCREENSHOTS, 'plan-form-390-en-dark.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
    await open(`#/t/${trajectoryId}/evaluation`);
    await block.getByRole('button', { name: 'Meetplan opmaken' }).click();
    await form.waitFor();
    await form.screenshot({ path: path.join(SCREENSHOTS, 'plan-form-1280.png') });
    await page.close();

    // A work group's chair plans in the domain of her work group only.
    const chairToken = await server.token(workGroupChair);
    const chairAccess = await api<{ permissions: string[]; workGroupDomainIds: string[] }>('GET', `/api/v1/trajectories/${trajectoryId}`, chairToken);
    expect(chairAccess.permissions).not.toContain('domain.edit');
    expect(chairAccess.workGroupDomainIds.length).toBeGreaterThan(0);
    await signInAs(workGroupChair);
    await open(`#/t/${trajectoryId}/evaluation`);
    for (const domain of plan.domains.filter((d) => indicatorsOf(d).length)) {
      const buttons = await page.locator(`[data-domain="${domain.id}"]`).getByRole('button', { name: /^Meetplan (opmaken|wijzigen)$/ }).count();
      expect({ domain: domain.name, buttons: buttons > 0 }).toEqual({ domain: domain.name, buttons: chairAccess.workGroupDomainIds.includes(domain.id) });
    }
    await page.close();

    // A read-only member (an alderman in no work group) reads the plans and cannot plan anywhere.
    const aldermanAccess = await api<{ permissions: string[]; workGroupDomainIds: string[] }>('GET', `/api/v1/trajectories/${trajectoryId}`, await server.token(alderman));
    expect([aldermanAccess.permissions.includes('domain.edit'), aldermanAccess.workGroupDomainIds]).toEqual([false, []]);
    await signInAs(alderman);
    await open(`#/t/${trajectoryId}/evaluation`);
    expect(await page.locator('[data-indicator]').count()).toBeGreaterThan(0);
    expect(await page.getByText(/^Meetplan: /).count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: /^Meetplan (opmaken|wijzigen)$/ }).count()).toBe(0);
    expect(await page.getByRole('form').count()).toBe(0);
    await page.close();
  });
});
