import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { launchBrowser, type Browser } from '../support/browser';
import { apiAs, expectAccessible, openView, sidewaysOverflow, signIn, type DevUser } from '../support/e2e';
import { startLiveServer, type LiveServer } from '../support/live-server';

/*
 * The overview as each role sees it, in Chromium against the real server: the sections the
 * server decided, in its order; no name of an "overloaded" owner except for the coordinator;
 * the trusted person's own parents; meeting links that open the meeting; the language switch.
 */
jest.setTimeout(180_000);

declare const localStorage: { getItem(key: string): string | null };
declare const document: { documentElement: { lang: string } };
declare const window: { scrollY: number };

const SCREENSHOTS = path.resolve(__dirname, '../../test-results/screenshots/overviews');
const tenantId = demoTenants.beekvliet.id;
const users = {
  coordinator: { tenantId, userId: demoUsers.coordinator, name: 'Lotte Peeters' },
  chair: { tenantId, userId: demoUsers.chair, name: 'Marc Wouters' },
  alderman: { tenantId, userId: demoUsers.aldermanEducation, name: 'Karim El Amrani' },
  actionOwner: { tenantId, userId: demoUsers.actionOwner, name: 'Tom Maes' },
  trustedPerson: { tenantId, userId: demoUsers.trustedPerson, name: 'Nadia Benali' },
  workGroupChair: { tenantId, userId: demoUsers.workGroupChair, name: 'Sofie Claes' },
} satisfies Record<string, DevUser>;
type Role = keyof typeof users;

interface Overview {
  persona: string;
  sections: string[];
  readOnly: boolean;
  warnings: { code: string; params: Record<string, unknown> }[];
  nextMeetings: { id: string; title: string }[];
  myActions?: { id: string; urgency: string }[];
  myParents?: { parents: { personId: string; displayName: string }[]; toCall: { meetingId: string }[] };
  workGroups?: { bodyId: string }[];
  myDomains?: { domains: { domainId: string }[] };
}

let server: LiveServer;
let browser: Browser;
let trajectoryId: string;
const tokens = new Map<Role, string>();

const apiOf = (role: Role) => apiAs(server.url, () => tokens.get(role)!);
const overviewOf = async (role: Role) => (await apiOf(role)<Overview>('GET', `/api/v1/trajectories/${trajectoryId}/overview`)).body;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startLiveServer();
  for (const [role, user] of Object.entries(users) as [Role, DevUser][]) tokens.set(role, await server.token(user));
  trajectoryId = (await apiOf('coordinator')<{ trajectories: { id: string }[] }>('GET', '/api/v1/me')).body.trajectories[0]!.id;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function pageAs(role: Role, width = 1280): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height: 900 });
  await signIn(page, users[role]);
  return page;
}

const openOverview = (page: Page, query = '') => openView(page, server.url, `#/t/${trajectoryId}/overview`, 'overview', query);
const shownSections = (page: Page) => page.locator('[data-view="overview"] section[data-section]').evaluateAll((els) => els.map((e) => e.getAttribute('data-section')));

describe('each role gets its own overview, as the server decided', () => {
  const expectedLead: Record<Role, string> = {
    coordinator: 'phases',
    chair: 'college',
    alderman: 'myDomains',
    actionOwner: 'myActions',
    trustedPerson: 'myParents',
    workGroupChair: 'workGroups',
  };

  for (const role of Object.keys(users) as Role[]) {
    test(`${role}: the sections in the server's order, axe clean at 390 and 1280 px, no sideways scrolling`, async () => {
      const overview = await overviewOf(role);
      expect(overview.sections[0]).toBe(expectedLead[role]);
      for (const width of [1280, 390]) {
        const page = await pageAs(role, width);
        try {
          await openOverview(page);
          // The lead section first, then the two columns in order: the same list as the API's.
          const shown = await shownSections(page);
          const [lead, ...rest] = overview.sections;
          const half = Math.ceil(rest.length / 2);
          expect(shown).toEqual([lead, ...rest.slice(0, half), ...rest.slice(half)]);
          expect(await page.locator('[data-testid="read-only"]').count()).toBe(overview.readOnly ? 1 : 0);
          // Only the coordinator is told who carries too many actions.
          const overloaded = page.locator('[data-warning="owner_overloaded"]');
          if (role === 'coordinator') {
            const name = overview.warnings.find((w) => w.code === 'owner_overloaded')?.params.name;
            expect(typeof name).toBe('string');
            expect(await overloaded.count()).toBeGreaterThan(0);
          } else {
            expect(overview.warnings.some((w) => w.code === 'owner_overloaded')).toBe(false);
            expect(await overloaded.count()).toBe(0);
          }
          expect(await sidewaysOverflow(page)).toBe(0);
          await expectAccessible(page, `overview ${role} ${width}`);
          await page.screenshot({ path: path.join(SCREENSHOTS, `${role}-${width}.png`), fullPage: true });
        } finally {
          await page.close();
        }
      }
    });
  }

  test("the alderman's overview is read-only: no control that changes anything", async () => {
    const overview = await overviewOf('alderman');
    expect(overview.readOnly).toBe(true);
    const page = await pageAs('alderman');
    try {
      await openOverview(page);
      expect(await page.locator('[data-section="myDomains"] li[data-domain]').count()).toBe(overview.myDomains!.domains.length);
      expect(await page.locator('[data-view="overview"] button').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  test("the action owner's own actions lead, overdue first", async () => {
    const overview = await overviewOf('actionOwner');
    const page = await pageAs('actionOwner');
    try {
      await openOverview(page);
      const ids = await page.locator('[data-section="myActions"] li[data-my-action]').evaluateAll((els) => els.map((e) => e.getAttribute('data-my-action')));
      expect(ids).toEqual(overview.myActions!.map((a) => a.id));
      expect(ids.length).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });

  test("the trusted person sees their own parents and whom to call; another role does not", async () => {
    const overview = await overviewOf('trustedPerson');
    const names = overview.myParents!.parents.map((p) => p.displayName);
    expect(names.length).toBeGreaterThan(0);
    const page = await pageAs('trustedPerson');
    try {
      await openOverview(page);
      const shown = await page.locator('[data-section="myParents"] li[data-parent] h3').allInnerTexts();
      expect(shown).toEqual(names);
      expect(await page.locator('[data-section="myParents"] li[data-call]').count()).toBe(overview.myParents!.toCall.length);
    } finally {
      await page.close();
    }
    const chair = await pageAs('chair');
    try {
      await openOverview(chair);
      expect(await chair.locator('[data-section="myParents"]').count()).toBe(0);
    } finally {
      await chair.close();
    }
  });
});

test('a meeting in the overview opens that meeting', async () => {
  const overview = await overviewOf('coordinator');
  const meeting = overview.nextMeetings[0];
  expect(meeting).toBeDefined();
  const page = await pageAs('coordinator');
  try {
    await openOverview(page);
    await page.locator(`[data-section="meetings"] li[data-meeting="${meeting!.id}"] a`).click();
    await page.locator('[data-view="meeting"][data-ready="true"]').waitFor();
    expect(page.url()).toContain(`#/t/${trajectoryId}/meetings/${meeting!.id}`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain(meeting!.title);
  } finally {
    await page.close();
  }
});

test('the language switch in the header changes the language at once and is remembered for this user', async () => {
  const page = await pageAs('chair');
  try {
    await openOverview(page);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Overzicht');
    await page.getByLabel('Taal').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('#college-heading').innerText()).toBe('For the college');
    expect(await page.evaluate((key) => localStorage.getItem(key), `kansrijk.lang.${demoUsers.chair}`)).toBe('en');

    // A new load keeps the choice, even though the browser's locale is Dutch.
    await openOverview(page);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Overview');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'chair-1280-en.png'), fullPage: true });
    await expectAccessible(page, 'overview chair en');
  } finally {
    await page.close();
  }
  // Another user on the same device keeps their own (the locale's) language.
  const other = await pageAs('coordinator');
  try {
    await openOverview(other);
    expect(await other.getByRole('heading', { level: 1 }).innerText()).toBe('Overzicht');
    await other.getByLabel('Language').count().then((n) => expect(n).toBe(0));
    // Back to Dutch for the chair.
  } finally {
    await other.close();
  }
  const back = await pageAs('chair');
  try {
    await openOverview(back);
    await back.getByLabel('Language').selectOption('nl');
    await back.getByRole('heading', { level: 1, name: 'Overzicht' }).waitFor();
  } finally {
    await back.close();
  }
});

describe('small things users hit first', () => {
  test('the plan keeps its scroll position and its open and closed rows after a save (also when opened at an item from the overview)', async () => {
    const plan = (await apiOf('coordinator')<{ domains: { id: string }[] }>('GET', `/api/v1/trajectories/${trajectoryId}/plan`)).body;
    const page = await pageAs('coordinator');
    try {
      // A warning's link opens the plan at its item (?focus=…); saving later must not jump back there.
      await openView(page, server.url, `#/t/${trajectoryId}/plan?focus=${plan.domains[0]!.id}`, 'plan');
      // Close the second domain: after the save it must stay closed.
      const domainToggle = page.locator('tr[data-row="domain"] button[aria-expanded]').nth(1);
      await domainToggle.click();
      expect(await domainToggle.getAttribute('aria-expanded')).toBe('false');
      const actions = page.locator('tr[data-row="action"]');
      const row = actions.nth((await actions.count()) - 1);
      await row.scrollIntoViewIfNeeded();
      const title = (await row.locator('a').first().innerText()).trim();
      const before = await page.evaluate(() => window.scrollY);
      expect(before).toBeGreaterThan(200);
      await row.getByRole('button', { name: `${title} bewerken` }).click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('textarea[name="expectedResult"]').fill(`Verwacht resultaat ${Date.now()}`);
      await dialog.getByRole('button', { name: 'Opslaan' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.waitForTimeout(300);
      const after = await page.evaluate(() => window.scrollY);
      expect(Math.abs(after - before)).toBeLessThan(40);
      expect(await page.locator('tr[data-row="domain"] button[aria-expanded]').nth(1).getAttribute('aria-expanded')).toBe('false');
    } finally {
      await page.close();
    }
  });

  test('the action form has the fields the drawer shows: expected results and the indicators with their link', async () => {
    const page = await pageAs('coordinator');
    try {
      await openView(page, server.url, `#/t/${trajectoryId}/plan`, 'plan');
      const row = page.locator('tr[data-row="action"]').first();
      const title = (await row.locator('a').first().innerText()).trim();
      await row.getByRole('button', { name: `${title} bewerken` }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Verwachte resultaten').waitFor();
      const indicators = dialog.locator('[data-testid="action-form-indicators"]');
      await indicators.getByRole('link', { name: /evaluatie/ }).waitFor();
      await expectAccessible(page, 'action form');
    } finally {
      await page.close();
    }
  });
});
