import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { launchBrowser, type Browser } from '../support/browser';
import { startLiveServer, type LiveServer } from '../support/live-server';
import { expectAccessible as expectAccessibleOn, sidewaysOverflow } from '../support/e2e';

/*
 * The focus-groups view in real Chromium against the real server: a coordinator plans a focus
 * group, records it and links a parents' proposal to an action; the API shows where it went.
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

const SCREENSHOTS = path.resolve(__dirname, '../../test-results/screenshots/focus-groups');
const coordinator = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.coordinator, name: 'Lotte Peeters' };
const steeringMember = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.steeringMember, name: 'Hilde Goossens' };

interface Plan {
  domains: { id: string; name: string; strategicObjectives: { operationalObjectives: { id: string; title: string; actions: { id: string; title: string }[] }[] }[] }[];
}
interface FocusGroup {
  id: string;
  title: string;
  domainId: string | null;
  heldOn: string | null;
  participantCount: number | null;
  themes: string[];
  participantWarning: string | null;
}
interface Proposal {
  id: string;
  text: string;
  theme: string;
  operationalObjectiveId: string | null;
  actionId: string | null;
}
interface Traces {
  proposals: { id: string; state: string; action: { id: string; title: string } | null; focusGroup: { title: string } }[];
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
  await page.locator('[data-view="focus-groups"][data-ready="true"]').waitFor();
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const expectAccessible = (name: string) => expectAccessibleOn(page, name);

async function expectNoSidewaysScroll(name: string): Promise<void> {
  expect({ name, overflow: await sidewaysOverflow(page) }).toEqual({ name, overflow: 0 });
}

const signInAs = (user: typeof coordinator) => page.addInitScript((u) => sessionStorage.setItem('kansrijk.devUser', u), JSON.stringify(user));

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startLiveServer();
  token = await server.token(coordinator);
  trajectoryId = (await api<{ trajectories: { id: string }[] }>('GET', '/api/v1/me')).trajectories[0]!.id;
  browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
  page = await browser.context.newPage();
  await signInAs(coordinator);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('focus groups in the browser', () => {
  test('the coordinator plans a focus group, records it, adds a proposal and links it to an action; the API shows where it went', async () => {
    const plan = await api<Plan>('GET', `/api/v1/trajectories/${trajectoryId}/plan`);
    const education = plan.domains.find((d) => d.name === 'Onderwijs en vrije tijd')!;
    const objective = education.strategicObjectives[0]!.operationalObjectives[0]!;
    const action = objective.actions[0]!;

    await open(`#/t/${trajectoryId}/focus-groups`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Focusgroepen met ouders');
    // The demo's held focus group and where its proposals went.
    expect(await page.getByRole('link', { name: /Focusgroep vrije tijd en school/ }).count()).toBe(1);
    expect(await page.getByTestId('focus-traces').innerText()).toContain('Vrijetijdsbegeleider per sportclub die nieuwe gezinnen wegwijs maakt');
    await expectAccessible('list-1280');
    await shot('list-1280');

    await page.getByLabel('Naam van de focusgroep').fill('Focusgroep wonen en energie');
    await page.getByLabel('Domein').selectOption({ label: 'Onderwijs en vrije tijd' });
    await page.getByLabel('Geplande datum').fill('2026-10-06');
    await page.getByLabel('Plaats', { exact: true }).fill('Wijkcentrum Noord');
    await page.getByRole('button', { name: 'Focusgroep plannen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Focusgroep wonen en energie' }).waitFor();
    const groups = await api<FocusGroup[]>('GET', `/api/v1/trajectories/${trajectoryId}/focus-groups`);
    const created = groups.find((g) => g.title === 'Focusgroep wonen en energie')!;
    expect(created).toEqual(expect.objectContaining({ domainId: education.id, heldOn: null }));
    expect(page.url()).toContain(`#/t/${trajectoryId}/focus-groups/${created.id}`);

    // The record: three parents came, which is kept but flagged.
    await page.getByLabel('Datum waarop ze plaatsvond').fill('2026-10-06');
    await page.getByLabel('Aantal deelnemende ouders').fill('3');
    await page.getByLabel('Thema’s (één per regel)').fill('Energiefactuur\nWoonkwaliteit');
    await page.getByRole('button', { name: 'Verslag bewaren' }).click();
    await page.getByText('Minder dan 4 ouders').first().waitFor();
    const recorded = await api<FocusGroup>('GET', `/api/v1/focus-groups/${created.id}`);
    expect(recorded).toEqual(expect.objectContaining({ heldOn: '2026-10-06', participantCount: 3, themes: ['Energiefactuur', 'Woonkwaliteit'], participantWarning: 'too_few' }));

    await page.getByRole('textbox', { name: /^Voorstel/ }).fill('Een energiescan aan huis, uitgelegd door iemand die het zelf meemaakte');
    await page.getByRole('combobox', { name: 'Thema', exact: true }).selectOption('Energiefactuur');
    await page.getByRole('button', { name: 'Voorstel toevoegen' }).click();
    await page.getByTestId('focus-proposal').first().waitFor();
    const [proposal] = await api<Proposal[]>('GET', `/api/v1/focus-groups/${created.id}/proposals`);
    expect(proposal).toEqual(expect.objectContaining({ text: 'Een energiescan aan huis, uitgelegd door iemand die het zelf meemaakte', theme: 'Energiefactuur', actionId: null }));

    const item = page.getByTestId('focus-proposal').first();
    await item.getByLabel('Operationele doelstelling').selectOption(objective.id);
    await item.getByLabel('Actie', { exact: true }).selectOption(action.id);
    await item.getByRole('button', { name: 'Koppeling bewaren' }).click();
    await item.getByRole('link', { name: action.title }).waitFor();
    const linked = await api<Proposal>('GET', `/api/v1/focus-group-proposals/${proposal!.id}`);
    expect(linked).toEqual(expect.objectContaining({ operationalObjectiveId: objective.id, actionId: action.id }));
    const traces = await api<Traces>('GET', `/api/v1/trajectories/${trajectoryId}/focus-groups/traces`);
    expect(traces.proposals.find((p) => p.id === proposal!.id)).toEqual(expect.objectContaining({ state: 'action', action: expect.objectContaining({ id: action.id, title: action.title }) }));
    await expectAccessible('detail-1280');
    await shot('detail-1280');

    // The action's drawer says where it came from.
    await page.goto(`${server.url}/tabs/index.html#/t/${trajectoryId}/actions/${action.id}`);
    await page.getByTestId('focus-origin').first().waitFor();
    expect(await page.getByTestId('focus-origin').allInnerTexts()).toContain('Voorstel van ouders uit focusgroep “Focusgroep wonen en energie”');
    await page.locator('[data-view="action-detail"][data-ready="true"]').waitFor();
    await expectAccessible('action-drawer-origin');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'action-drawer-origin.png') });
  });

  test('by keyboard alone: plan a focus group and open it from the list', async () => {
    await open(`#/t/${trajectoryId}/focus-groups`);
    await page.getByLabel('Naam van de focusgroep').focus();
    await page.keyboard.type('Focusgroep toetsenbord');
    await page.keyboard.press('Tab');
    // The domain picker: the arrow key chooses the first domain.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('domainId');
    await page.keyboard.press('ArrowDown');
    await page.getByLabel('Plaats', { exact: true }).focus();
    await page.keyboard.type('Bib');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Focusgroep toetsenbord' }).waitFor();
    const groups = await api<FocusGroup[]>('GET', `/api/v1/trajectories/${trajectoryId}/focus-groups`);
    expect(groups.find((g) => g.title === 'Focusgroep toetsenbord')?.domainId).not.toBeNull();

    // Back to the list through its link, then into the demo group, by Enter.
    await page.getByRole('link', { name: 'Alle focusgroepen' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Focusgroepen met ouders' }).waitFor();
    await page.getByRole('link', { name: /Focusgroep vrije tijd en school/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Focusgroep vrije tijd en school' }).waitFor();
  });

  test('at 390 px wide: no sideways scrolling, accessible, in Dutch and English', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await open(`#/t/${trajectoryId}/focus-groups`);
      await expectNoSidewaysScroll('list-390');
      await expectAccessible('list-390');
      await shot('list-390');
      const demo = (await api<FocusGroup[]>('GET', `/api/v1/trajectories/${trajectoryId}/focus-groups`)).find((g) => g.title === 'Focusgroep vrije tijd en school')!;
      await open(`#/t/${trajectoryId}/focus-groups/${demo.id}`);
      await expectNoSidewaysScroll('detail-390');
      await expectAccessible('detail-390');
      await shot('detail-390');
      await open(`#/t/${trajectoryId}/focus-groups/${demo.id}`, '?lang=en');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await page.getByRole('heading', { name: 'Proposals of the parents' }).count()).toBe(1);
      await expectNoSidewaysScroll('detail-390-en');
      await expectAccessible('detail-390-en');
      await shot('detail-390-en');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  test('English and dark at 1280 px', async () => {
    await open(`#/t/${trajectoryId}/focus-groups`, '?lang=en&theme=dark');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Focus groups with parents');
    expect(await page.getByRole('heading', { name: 'Where did the parents’ proposals go?' }).count()).toBe(1);
    await expectAccessible('list-1280-en-dark');
    await shot('list-1280-en-dark');
  });

  test('a steering-group member reads, and sees no controls', async () => {
    const fresh = await browser.context.newPage();
    const saved = page;
    try {
      page = fresh;
      await page.addInitScript((u) => sessionStorage.setItem('kansrijk.devUser', u), JSON.stringify(steeringMember));
      await open(`#/t/${trajectoryId}/focus-groups`);
      expect(await page.getByRole('button').filter({ hasText: /plannen|bewaren|toevoegen|verwijderen/i }).count()).toBe(0);
      expect(await page.getByText('Je kan deze focusgroepen lezen').count()).toBe(1);
      const demo = (await api<FocusGroup[]>('GET', `/api/v1/trajectories/${trajectoryId}/focus-groups`)).find((g) => g.title === 'Focusgroep vrije tijd en school')!;
      await open(`#/t/${trajectoryId}/focus-groups/${demo.id}`);
      expect(await page.getByTestId('focus-proposal').count()).toBeGreaterThan(0);
      expect(await page.locator('#main').locator('select, textarea, input').count()).toBe(0);
      await expectAccessible('detail-read-only');
      await shot('detail-read-only');
    } finally {
      page = saved;
      await fresh.close();
    }
  });
});
