import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { launchBrowser, type Browser } from '../support/browser';
import { apiAs, expectAccessible, openView, sidewaysOverflow, signIn, type DevUser } from '../support/e2e';
import { startLiveServer, type LiveServer } from '../support/live-server';

/*
 * One trajectory from nothing, by the people who run it, each in their own browser session:
 * the administrator starts it (API: the tab has no admin console), the coordinator sets up a
 * domain, its work group and a member through the tabs, the work-group member writes the
 * objectives and an action of their own domain and moves it on their board, and a reader of
 * another domain finds nothing to change. Every step is checked through the API.
 */
jest.setTimeout(240_000);

const SCREENSHOTS = path.resolve(__dirname, '../../test-results/screenshots/journey');
const tenantId = demoTenants.beekvliet.id;
const coordinator: DevUser = { tenantId, userId: demoUsers.coordinator, name: 'Lotte Peeters' };
const admin: DevUser = { tenantId, userId: demoUsers.admin, name: 'Jan Verbeke' };
// New sign-ins of the same municipality, taking part in this trajectory only.
const member: DevUser = { tenantId, userId: randomUUID(), name: 'Ines Claes' };
const reader: DevUser = { tenantId, userId: randomUUID(), name: 'Bram Wouters' };

interface PlanTree {
  readOnly: boolean;
  domains: { id: string; name: string; strategicObjectives: { title: string; operationalObjectives: { title: string; actions: { id: string; title: string; status: string; ownerId: string | null }[] }[] }[] }[];
}

let server: LiveServer;
let browser: Browser;
let page: Page;
let trajectoryId: string;
const tokens = new Map<string, string>();
const as = (user: DevUser) => apiAs(server.url, () => tokens.get(user.userId)!);

const dialog = () => page.locator('[role=dialog], [role=alertdialog]');
async function save(within: Locator = dialog()): Promise<void> {
  await within.getByRole('button', { name: 'Opslaan' }).click();
  await dialog()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(async (error: unknown) => {
      throw new Error(`the dialog stayed open: ${await dialog().innerText()}`, { cause: error });
    });
  // A closed dialog is unmounted once its exit has run; until then its focus-trap sentinels are in the page.
  await page.locator('[data-tabster-dummy][tabindex="0"]').first().waitFor({ state: 'detached' });
}
async function switchTo(user: DevUser): Promise<void> {
  await page?.close();
  page = await browser.context.newPage();
  await signIn(page, user);
}
const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startLiveServer();
  for (const user of [coordinator, admin, member, reader]) tokens.set(user.userId, await server.token(user));
  browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('the administrator starts the trajectory with its coordinator and binds the two new sign-ins', async () => {
  const created = await as(admin)<{ id: string }>('POST', '/api/v1/trajectories', {
    name: 'Kansrijk Opgroeien in Testdorp',
    municipality: 'Testdorp',
    periodStart: '2027-01-01',
    periodEnd: '2032-12-31',
    coordinator: { entraObjectId: coordinator.userId, displayName: coordinator.name },
  });
  expect(created.status).toBe(201);
  trajectoryId = created.body.id;
  for (const user of [member, reader]) {
    const person = await as(admin)('POST', `/api/v1/trajectories/${trajectoryId}/people`, { displayName: user.name, entraObjectId: user.userId });
    expect(person.status).toBe(201);
  }
  const plan = await as(coordinator)<PlanTree>('GET', `/api/v1/trajectories/${trajectoryId}/plan`);
  expect(plan.body.domains).toEqual([]);
});

test('the coordinator adds two domains, a work group for each and their members, in the tabs', async () => {
  await switchTo(coordinator);
  await openView(page, server.url, `#/t/${trajectoryId}/plan`, 'plan');
  for (const name of ['Vrije tijd', 'Wonen']) {
    await page.getByRole('button', { name: 'Domein toevoegen' }).click();
    await dialog().getByRole('textbox', { name: /^Domein/ }).fill(name);
    await dialog().getByLabel('verzachtend').check();
    await save();
  }
  await openView(page, server.url, `#/t/${trajectoryId}/members`, 'members');
  for (const [name, domain, person] of [
    ['Werkgroep Vrije tijd', 'Vrije tijd', member.name],
    ['Werkgroep Wonen', 'Wonen', reader.name],
  ] as const) {
    await page.getByRole('button', { name: 'Orgaan toevoegen' }).click();
    await dialog().getByLabel('Naam van het orgaan').fill(name);
    await dialog().getByLabel('Soort').selectOption('work_group');
    await dialog().getByLabel('Domein van de werkgroep').selectOption({ label: domain });
    await save();
    // The list reloads after a save; its notice says when it has.
    await page.locator('#main').getByText('Het orgaan is bewaard.').first().waitFor();
    const section = page.locator('section').filter({ has: page.getByRole('heading', { name }) });
    await section.getByRole('button', { name: 'Lid toevoegen' }).click();
    await dialog().getByLabel('Persoon').selectOption({ label: person });
    await dialog().getByLabel('Rol').selectOption('member');
    await save();
    await page.locator('#main').getByText('Het lidmaatschap is bewaard.').first().waitFor();
    await section.getByText(person).waitFor();
  }
  await expectAccessible(page, 'members after set-up');

  const bodies = (await as(coordinator)<{ name: string; kind: string; domainId: string | null }[]>('GET', `/api/v1/trajectories/${trajectoryId}/bodies`)).body;
  const plan = (await as(coordinator)<PlanTree>('GET', `/api/v1/trajectories/${trajectoryId}/plan`)).body;
  const domainOf = (name: string) => plan.domains.find((d) => d.name === name)!.id;
  expect(bodies.filter((b) => b.kind === 'work_group').map((b) => [b.name, b.domainId])).toEqual(
    expect.arrayContaining([
      ['Werkgroep Vrije tijd', domainOf('Vrije tijd')],
      ['Werkgroep Wonen', domainOf('Wonen')],
    ]),
  );
});

test('the work-group member writes the objectives and an action of their own domain, and nothing in another', async () => {
  await switchTo(member);
  await openView(page, server.url, `#/t/${trajectoryId}/plan`, 'plan');
  // Their own domain has its add control; the other domain has none, and no domain may be added.
  await page.getByRole('button', { name: 'Strategische doelstelling toevoegen aan Vrije tijd' }).waitFor();
  expect(await page.getByRole('button', { name: 'Strategische doelstelling toevoegen aan Wonen' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Domein toevoegen' }).count()).toBe(0);

  await page.getByRole('button', { name: 'Strategische doelstelling toevoegen aan Vrije tijd' }).click();
  await dialog().getByLabel('Titel').fill('Elk kind kan meedoen in de vrije tijd');
  await save();
  await page.getByRole('button', { name: 'Operationele doelstelling toevoegen aan Elk kind kan meedoen in de vrije tijd' }).click();
  await dialog().getByLabel('Titel').fill('Tegen 2029 kent elk gezin de vrijetijdspas');
  await save();
  await page.getByRole('button', { name: 'Actie toevoegen aan Tegen 2029 kent elk gezin de vrijetijdspas' }).click();
  await dialog().getByLabel('Titel').fill('Vrijetijdspas voorstellen op de schoolpoort');
  await dialog().getByLabel('Eigenaar').selectOption({ label: member.name });
  await save();
  await page.getByRole('link', { name: 'Vrijetijdspas voorstellen op de schoolpoort' }).waitFor();
  await expectAccessible(page, 'member plan');
  await shot('member-plan-1280');

  const plan = (await as(member)<PlanTree>('GET', `/api/v1/trajectories/${trajectoryId}/plan`)).body;
  const leisure = plan.domains.find((d) => d.name === 'Vrije tijd')!;
  const action = leisure.strategicObjectives[0]!.operationalObjectives[0]!.actions[0]!;
  expect([leisure.strategicObjectives[0]!.title, leisure.strategicObjectives[0]!.operationalObjectives[0]!.title, action.title]).toEqual([
    'Elk kind kan meedoen in de vrije tijd',
    'Tegen 2029 kent elk gezin de vrijetijdspas',
    'Vrijetijdspas voorstellen op de schoolpoort',
  ]);
  expect(action.status).toBe('planned');
  const people = (await as(member)<{ id: string; displayName: string }[]>('GET', `/api/v1/trajectories/${trajectoryId}/people`)).body;
  expect(action.ownerId).toBe(people.find((p) => p.displayName === member.name)!.id);
});

test('on their board the member moves the action on, and the API has it', async () => {
  await openView(page, server.url, `#/t/${trajectoryId}/board`, 'board');
  await page.getByRole('button', { name: '“Vrijetijdspas voorstellen op de schoolpoort” verplaatsen' }).click();
  await page.getByRole('menuitem', { name: 'Naar Lopend' }).click();
  await page.getByText('“Vrijetijdspas voorstellen op de schoolpoort” staat nu bij Lopend.').first().waitFor();
  const plan = (await as(member)<PlanTree>('GET', `/api/v1/trajectories/${trajectoryId}/plan`)).body;
  expect(plan.domains.find((d) => d.name === 'Vrije tijd')!.strategicObjectives[0]!.operationalObjectives[0]!.actions[0]!.status).toBe('in_progress');

  await page.setViewportSize({ width: 390, height: 844 });
  expect(await sidewaysOverflow(page)).toBe(0);
  await expectAccessible(page, 'member board 390');
  await shot('member-board-390');
  await page.setViewportSize({ width: 1280, height: 900 });
});

test("the other domain's member reads the action but has no control on it, and the API refuses the change", async () => {
  await switchTo(reader);
  await openView(page, server.url, `#/t/${trajectoryId}/plan`, 'plan');
  await page.getByRole('link', { name: 'Vrijetijdspas voorstellen op de schoolpoort' }).waitFor();
  expect(await page.getByRole('button', { name: /Vrijetijdspas voorstellen op de schoolpoort/ }).count()).toBe(0);
  await page.getByRole('button', { name: 'Strategische doelstelling toevoegen aan Wonen' }).waitFor();

  const plan = (await as(reader)<PlanTree>('GET', `/api/v1/trajectories/${trajectoryId}/plan`)).body;
  const action = plan.domains.find((d) => d.name === 'Vrije tijd')!.strategicObjectives[0]!.operationalObjectives[0]!.actions[0]!;
  const refused = await as(reader)('PATCH', `/api/v1/actions/${action.id}`, { status: 'done' });
  expect(refused.status).toBe(403);
  await shot('reader-plan-1280');
});
