import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { launchBrowser, type Browser } from '../support/browser';
import { apiAs, expectAccessible, openView, sidewaysOverflow, signIn, type DevUser } from '../support/e2e';
import { startLiveServer, type LiveServer } from '../support/live-server';

/*
 * Setting up a trajectory's people in Chromium, from an empty trajectory: a work group, a person
 * without an account with a trusted person, memberships, an invitation by e-mail and a deletion
 * with its confirmation, checked through the API; the history view; and a work-group member who
 * sees no controls they could not use.
 */
jest.setTimeout(180_000);

const SCREENSHOTS = path.resolve(__dirname, '../../test-results/screenshots/people');
const tenantId = demoTenants.beekvliet.id;
const coordinator: DevUser = { tenantId, userId: demoUsers.coordinator, name: 'Lotte Peeters' };
const workGroupMember: DevUser = { tenantId, userId: demoUsers.actionOwner, name: 'Tom Maes' };
const admin: DevUser = { tenantId, userId: demoUsers.admin, name: 'Jan Verbeke' };

interface Person {
  id: string;
  displayName: string;
  entraObjectId: string | null;
  email: string | null;
  sector: string | null;
  contactPreference: string;
  trustedPersonId: string | null;
  memberships: { bodyId: string; role: string }[];
}

let server: LiveServer;
let browser: Browser;
let page: Page;
let trajectoryId: string;
let tokens: Record<'coordinator' | 'admin', string>;
const asCoordinator = () => apiAs(server.url, () => tokens.coordinator);

async function shot(name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
}

async function atWidths(name: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(100);
    expect({ name, width, overflow: await sidewaysOverflow(page) }).toEqual({ name, width, overflow: 0 });
    await shot(`${name}-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const dialog = () => page.locator('[role=dialog], [role=alertdialog]');
const people = async () => (await asCoordinator()<Person[]>('GET', `/api/v1/trajectories/${trajectoryId}/people`)).body;
/** A closed dialog is unmounted after its exit: until then Fluent's focus-trap sentinels are in the page. */
const settled = () => page.locator('[data-modal="none"]').waitFor({ state: 'attached' });
const saveDialog = async (button = 'Opslaan') => {
  await dialog().getByRole('button', { name: button }).click();
  await dialog()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(async (error: unknown) => {
      // What the dialog says when it does not close (a refused save) is the failure's reason.
      throw new Error(`the dialog stayed open: ${await dialog().innerText()}`, { cause: error });
    });
  await settled();
};

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startLiveServer();
  tokens = { coordinator: await server.token(coordinator), admin: await server.token(admin) };
  // An empty trajectory: the administrator starts it with Lotte as its coordinator (only a steering group).
  const created = await apiAs(server.url, () => tokens.admin)<{ id: string }>('POST', '/api/v1/trajectories', {
    name: 'Lege gemeente test',
    municipality: 'Testdorp',
    periodStart: '2027-01-01',
    periodEnd: '2032-12-31',
    coordinator: { entraObjectId: demoUsers.coordinator, displayName: 'Lotte Peeters' },
  });
  expect(created.status).toBe(201);
  trajectoryId = created.body.id;
  browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
  page = await browser.context.newPage();
  await signIn(page, coordinator);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('as coordinator, from an empty trajectory: a work group, people without an account, memberships, an invitation and a deletion', async () => {
  await openView(page, server.url, `#/t/${trajectoryId}/members`, 'members');
  await expectAccessible(page, 'members (empty)');
  await atWidths('members-empty');

  // A work group.
  await page.getByRole('button', { name: 'Orgaan toevoegen' }).click();
  await dialog().getByLabel('Naam van het orgaan').fill('Werkgroep Onderwijs');
  await dialog().getByLabel('Soort').selectOption('work_group');
  await expectAccessible(page, 'body dialog');
  await saveDialog();
  await page.getByRole('heading', { name: 'Werkgroep Onderwijs' }).waitFor();
  const bodies = (await asCoordinator()<{ id: string; name: string; kind: string }[]>('GET', `/api/v1/trajectories/${trajectoryId}/bodies`)).body;
  const workGroup = bodies.find((b) => b.name === 'Werkgroep Onderwijs')!;
  const steering = bodies.find((b) => b.kind === 'steering_group')!;
  expect(workGroup.kind).toBe('work_group');

  // A trusted person without an account, then given that role in the steering group.
  await page.getByRole('button', { name: 'Persoon toevoegen' }).click();
  await dialog().getByLabel('Naam').fill('Nadia Vertrouwen');
  await dialog().getByLabel('Organisatie').fill('Huis van het Kind');
  await saveDialog();
  await page.locator('#main').getByText('Nadia Vertrouwen is bewaard.').waitFor();
  const stuurgroep = page.locator(`section#body-${steering.id}`);
  await stuurgroep.getByRole('button', { name: 'Lid toevoegen' }).click();
  await dialog().getByLabel('Persoon').selectOption({ label: 'Nadia Vertrouwen' });
  await dialog().getByLabel('Rol').selectOption('trusted_person');
  await saveDialog();
  await stuurgroep.getByText('Nadia Vertrouwen').waitFor();

  // A parent without an account, with a sector, a contact preference and Nadia as trusted person.
  await page.getByRole('button', { name: 'Persoon toevoegen' }).click();
  await dialog().getByLabel('Naam').fill('Sara Ouder');
  await dialog().getByLabel('Sector').selectOption('ervaringsdeskundigen');
  await dialog().getByLabel('Contactvoorkeur').selectOption('via_trusted_person');
  await dialog().getByLabel('Telefoon').fill('+32 470 10 20 30');
  await dialog().getByLabel('Vertrouwenspersoon').selectOption({ label: 'Nadia Vertrouwen' });
  await expectAccessible(page, 'person dialog');
  await page.setViewportSize({ width: 390, height: 900 });
  await shot('person-dialog-390', false);
  await page.setViewportSize({ width: 1280, height: 900 });
  await saveDialog();
  await page.locator('#main').getByText('Sara Ouder is bewaard.').waitFor();
  await stuurgroep.getByRole('button', { name: 'Lid toevoegen' }).click();
  await dialog().getByLabel('Persoon').selectOption({ label: 'Sara Ouder' });
  await dialog().getByLabel('Rol').selectOption('parent');
  await saveDialog();
  const werkgroep = page.locator(`section#body-${workGroup.id}`);
  await werkgroep.getByRole('button', { name: 'Lid toevoegen' }).click();
  await dialog().getByLabel('Persoon').selectOption({ label: 'Nadia Vertrouwen' });
  await dialog().getByLabel('Rol').selectOption('chair');
  await saveDialog();
  await werkgroep.getByText('Nadia Vertrouwen').waitFor();

  let everyone = await people();
  const nadia = everyone.find((p) => p.displayName === 'Nadia Vertrouwen')!;
  const sara = everyone.find((p) => p.displayName === 'Sara Ouder')!;
  expect(nadia).toMatchObject({ entraObjectId: null });
  expect(sara).toMatchObject({ entraObjectId: null, sector: 'ervaringsdeskundigen', contactPreference: 'via_trusted_person', trustedPersonId: nadia.id });
  expect(sara.memberships).toEqual([expect.objectContaining({ bodyId: steering.id, role: 'parent' })]);
  expect(nadia.memberships.map((m) => `${m.bodyId} ${m.role}`).sort()).toEqual([`${steering.id} trusted_person`, `${workGroup.id} chair`].sort());

  // Changing a role offers only the roles the server says the coordinator may grant (all of them).
  await stuurgroep.getByRole('button', { name: 'Rol van Sara Ouder in Stuurgroep wijzigen' }).click();
  expect(await dialog().getByLabel('Rol').locator('option').count()).toBe(9);
  await dialog().getByRole('button', { name: 'Annuleren' }).click();
  await dialog().waitFor({ state: 'detached' });
  await settled();

  // An invitation by e-mail (no Graph here), straight into the work group.
  await page.getByRole('button', { name: 'Iemand uitnodigen' }).click();
  await dialog().getByLabel('Naam').fill('Pieter Leerkracht');
  await dialog().getByLabel('E-mailadres').fill('pieter.leerkracht@example.org');
  await dialog().getByLabel('Orgaan').selectOption({ label: 'Werkgroep Onderwijs' });
  await dialog().getByLabel('Rol').selectOption('member');
  await expectAccessible(page, 'invite dialog');
  await saveDialog('Uitnodigen');
  await page.locator('#main').getByText('Pieter Leerkracht is toegevoegd en kreeg een e-mail.').waitFor();
  everyone = await people();
  const pieter = everyone.find((p) => p.displayName === 'Pieter Leerkracht')!;
  expect(pieter).toMatchObject({ email: 'pieter.leerkracht@example.org', memberships: [expect.objectContaining({ bodyId: workGroup.id, role: 'member' })] });
  const outbox = (await asCoordinator()<{ recipients: string[]; subject: string }[]>('GET', `/api/v1/trajectories/${trajectoryId}/outbox`)).body;
  expect(outbox.find((m) => m.recipients.some((r) => r.includes('pieter.leerkracht@example.org')))?.subject).toBe('Je bent toegevoegd aan Lege gemeente test in Kansrijk');

  await expectAccessible(page, 'members (set up)');
  await atWidths('members-set-up');

  // Deleting asks first and says what goes with it.
  await page.getByRole('button', { name: 'Nadia Vertrouwen verwijderen' }).click();
  await page.getByTestId('delete-impact').waitFor();
  expect(await page.getByTestId('delete-impact').innerText()).toBe('Daarmee verdwijnen ook: 2 lidmaatschappen en 1 ouder zonder vertrouwenspersoon.');
  await expectAccessible(page, 'delete confirmation');
  await shot('delete-confirmation-1280', false);
  await page.setViewportSize({ width: 390, height: 900 });
  await shot('delete-confirmation-390', false);
  await page.setViewportSize({ width: 1280, height: 900 });
  // Cancelling keeps everything.
  await dialog().getByRole('button', { name: 'Annuleren' }).click();
  await dialog().waitFor({ state: 'detached' });
  await settled();
  expect((await people()).some((p) => p.id === nadia.id)).toBe(true);
  await page.getByRole('button', { name: 'Pieter Leerkracht verwijderen' }).click();
  expect(await page.getByTestId('delete-impact').innerText()).toBe('Daarmee verdwijnen ook: 1 lidmaatschap.');
  await dialog().getByRole('button', { name: 'Verwijderen' }).click();
  await page.locator('#main').getByText('Pieter Leerkracht is verwijderd.').waitFor();
  await settled();
  expect((await asCoordinator()('GET', `/api/v1/trajectories/${trajectoryId}/people/${pieter.id}`)).status).toBe(404);

  // The history, for the trajectory and for one person.
  await page.getByRole('navigation').getByRole('link', { name: 'Geschiedenis' }).click();
  await page.locator('[data-view="audit"][data-ready="true"]').waitFor();
  await page.locator('#main').getByText('Lotte Peeters verwijderde persoon Pieter Leerkracht').waitFor();
  await expectAccessible(page, 'audit');
  await atWidths('audit-trajectory');
  await openView(page, server.url, `#/t/${trajectoryId}/members`, 'members');
  await page.getByRole('link', { name: 'Geschiedenis van Sara Ouder' }).click();
  await page.locator('[data-view="audit"][data-ready="true"]').waitFor();
  await page.locator('#main').getByText('Wie wijzigde wat aan Sara Ouder, en wanneer.').waitFor();
  const entries = page.locator('li[data-audit-entity]');
  expect(await entries.count()).toBe(1);
  expect(await entries.first().getAttribute('data-audit-entity')).toBe('person');
  expect(await entries.first().innerText()).toContain('+32 470 10 20 30');
  await expectAccessible(page, 'audit of a person');
  await atWidths('audit-person');
});

test("as a work-group member: the list and nothing to change, no history", async () => {
  const fresh = await browser.context.newPage();
  const previous = page;
  page = fresh;
  try {
    await signIn(page, workGroupMember);
    const token = await server.token(workGroupMember);
    const me = await apiAs(server.url, () => token)<{ trajectories: { id: string }[] }>('GET', '/api/v1/me');
    const demo = me.body.trajectories[0]!.id;
    await openView(page, server.url, `#/t/${demo}/members`, 'members');
    expect(await page.locator('li[data-person]').count()).toBeGreaterThan(5);
    for (const name of ['Persoon toevoegen', 'Iemand uitnodigen', 'Orgaan toevoegen', 'Lid toevoegen', 'Naam wijzigen', 'Verwijderen', 'Wijzigen', 'Rol wijzigen', 'Uit orgaan halen']) {
      expect({ name, count: await page.getByRole('button', { name, exact: true }).count() }).toEqual({ name, count: 0 });
    }
    expect(await page.getByRole('link', { name: 'Geschiedenis' }).count()).toBe(0);
    await page.locator('#main').getByText('Je kunt de leden en organen bekijken.', { exact: false }).waitFor();
    // And the server agrees: no role to grant, no person to change.
    const setup = await apiAs(server.url, () => token)<{ grantableRoles: string[] }>('GET', `/api/v1/trajectories/${demo}/people-setup`);
    expect(setup.body.grantableRoles).toEqual([]);
    const listed = await apiAs(server.url, () => token)<{ can: { edit: boolean; delete: boolean } }[]>('GET', `/api/v1/trajectories/${demo}/people`);
    expect(listed.body.every((p) => !p.can.edit && !p.can.delete)).toBe(true);
    await expectAccessible(page, 'members (work-group member)');
    await atWidths('members-work-group-member');
  } finally {
    page = previous;
    await fresh.close();
  }
});
