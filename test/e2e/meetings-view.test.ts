import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { launchBrowser, type Browser } from '../support/browser';
import { startLiveServer, type LiveServer } from '../support/live-server';
import { apiAs, expectAccessible, openView, signIn, sidewaysOverflow, type DevUser } from '../support/e2e';

/*
 * The meetings views in real Chromium against the real server: scheduling through the form,
 * a member proposing an item, reordering by keyboard and by mouse, fixing the agenda, minutes
 * with attendance and a new action, sending back and approving as the chair; at 390 px and at
 * 1280 px, with axe, and what a trusted person (no organiser) sees.
 */
jest.setTimeout(300_000);

interface PageElement {
  tagName: string;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { right: number };
}
declare const document: { activeElement: PageElement | null; querySelectorAll(selector: string): ArrayLike<PageElement>; documentElement: { clientWidth: number } };

const SCREENSHOTS = path.resolve(__dirname, '../../test-results/screenshots/meetings');
const tenantId = demoTenants.beekvliet.id;
const coordinator: DevUser = { tenantId, userId: demoUsers.coordinator, name: 'Lotte Peeters' };
const chair: DevUser = { tenantId, userId: demoUsers.chair, name: 'Marc Wouters' };
const member: DevUser = { tenantId, userId: demoUsers.steeringMember, name: 'Hilde Goossens' };
const trusted: DevUser = { tenantId, userId: demoUsers.trustedPerson, name: 'Nadia Benali' };

interface Item {
  id: string;
  title: string;
  position: number;
  notes: string;
  decisions: string;
  proposedByName: string | null;
}
interface Detail {
  id: string;
  title: string;
  state: string;
  startsAt: string;
  endsAt: string;
  location: string;
  online: boolean;
  dayPart: string;
  agendaDaysBefore: number;
  minutesNotes: string;
  minutesSubmittedAt: string | null;
  minutesRemark: string;
  agenda: Item[];
  attendees: { personId: string; displayName: string; attendance: string }[];
  actions: { id: string; title: string; ownerId: string | null; dueDate: string | null; operationalObjectiveId: string }[];
}
interface Plan {
  people: { id: string; displayName: string }[];
  domains: { strategicObjectives: { operationalObjectives: { id: string; title: string; actions: { id: string; title: string }[] }[] }[] }[];
}

let server: LiveServer;
let browser: Browser;
let trajectoryId: string;
let steeringGroup: { id: string; name: string };
const tokens = new Map<string, string>();
const pages = new Map<string, Page>();

const apiFor = (user: DevUser) => apiAs(server.url, () => tokens.get(user.userId)!);
const asCoordinator = () => apiFor(coordinator);
const meeting = async (id: string) => (await asCoordinator()<Detail>('GET', `/api/v1/meetings/${id}`)).body;

async function pageFor(user: DevUser, width: number): Promise<Page> {
  let page = pages.get(user.userId);
  if (!page) {
    page = await browser.context.newPage();
    await signIn(page, user);
    pages.set(user.userId, page);
  }
  await page.setViewportSize({ width, height: 900 });
  return page;
}

const openMeetings = (page: Page, query = '') => openView(page, server.url, `#/t/${trajectoryId}/meetings`, 'meetings', query);
const openMeeting = (page: Page, id: string, query = '') => openView(page, server.url, `#/t/${trajectoryId}/meetings/${id}`, 'meeting', query);

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

async function expectNoSidewaysScroll(page: Page, name: string): Promise<void> {
  const overflow = await sidewaysOverflow(page);
  // What sticks out, to say where in the failure message.
  const wide = overflow
    ? await page.evaluate(() =>
        Array.from(document.querySelectorAll('body *'))
          .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .slice(-5)
          .map((el) => `${el.tagName.toLowerCase()}[${el.getAttribute('data-testid') ?? el.getAttribute('name') ?? ''}]`),
      )
    : [];
  expect({ name, overflow, wide }).toEqual({ name, overflow: 0, wide: [] });
}

/** Waits until the server's agenda order is `ids` (a reorder is saved after the drop). */
async function expectOrder(id: string, ids: string[]): Promise<void> {
  const deadline = Date.now() + 10_000;
  let order: string[] = [];
  while (Date.now() < deadline) {
    order = (await meeting(id)).agenda.map((i) => i.id);
    if (order.join() === ids.join()) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  expect(order).toEqual(ids);
}

async function waitFor<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 150));
    value = await read();
  }
  return value;
}

/** A steering-group meeting that started a few minutes ago: it can be marked held at once. */
async function startedMeeting(title: string): Promise<Detail> {
  const now = Date.now();
  const created = await asCoordinator()<Detail>('POST', `/api/v1/trajectories/${trajectoryId}/meetings`, {
    bodyId: steeringGroup.id,
    title,
    startsAt: new Date(now - 2 * 60_000).toISOString(),
    endsAt: new Date(now + 90 * 60_000).toISOString(),
    location: 'Raadzaal, Marktplein 1',
    online: false,
  });
  expect(created.status).toBe(201);
  return created.body;
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startLiveServer();
  for (const user of [coordinator, chair, member, trusted]) tokens.set(user.userId, await server.token(user));
  const me = await asCoordinator()<{ trajectories: { id: string }[] }>('GET', '/api/v1/me');
  trajectoryId = me.body.trajectories[0]!.id;
  const bodies = await asCoordinator()<{ id: string; kind: string; name: string }[]>('GET', `/api/v1/trajectories/${trajectoryId}/bodies`);
  steeringGroup = bodies.body.find((b) => b.kind === 'steering_group')!;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.each([1280, 390])('at %i px wide', (width) => {
  let scheduledId: string;
  let heldId: string;
  const title = `Stuurgroep voorjaar (${width})`;

  test('the coordinator schedules a meeting through the form, in Brussels time', async () => {
    const page = await pageFor(coordinator, width);
    await openMeetings(page);
    await expect(page.getByRole('heading', { name: 'Komende vergaderingen' }).isVisible()).resolves.toBe(true);
    // The month shows as a grid on wide screens and as a list on narrow ones.
    await expect(page.locator('[data-testid="calendar"] table').isVisible()).resolves.toBe(width > 640);
    await expect(page.locator('[data-testid="calendar-list"]').isVisible()).resolves.toBe(width <= 640);
    await expectAccessible(page, `meetings list ${width}`);
    await expectNoSidewaysScroll(page, `meetings list ${width}`);
    await shot(page, `list-${width}`);

    await page.getByRole('button', { name: 'Vergadering plannen' }).click();
    const form = page.locator('[data-testid="schedule-form"]');
    await form.getByLabel('Orgaan').selectOption({ label: steeringGroup.name });
    await form.getByLabel('Titel').fill(title);
    // 29 March 2027: the first Monday of summer time in Brussels (+02:00).
    await form.getByLabel('Datum').fill('2027-03-29');
    await form.getByLabel('Begin').fill('19:30');
    await form.getByLabel('Einde').fill('21:30');
    await form.getByLabel('Plaats').fill('OCMW-zaal, Kerkstraat 5');
    await form.getByLabel('Dagen vooraf de ontwerpagenda posten').fill('5');
    await expect(form.getByRole('radio', { name: "'s avonds" }).isChecked()).resolves.toBe(true);
    // Free moments: without Graph the form says so, beside how the body's parents came (from the server).
    const times = await asCoordinator()<{ graph: boolean; parentsCame: { day: number; evening: number } }>('POST', `/api/v1/trajectories/${trajectoryId}/meeting-times`, {
      bodyId: steeringGroup.id,
      from: '2027-03-29T08:00:00+02:00',
      to: '2027-04-05T22:00:00+02:00',
      durationMinutes: 120,
    });
    expect(times.body.graph).toBe(false);
    await form.getByRole('button', { name: 'Zoek vrije momenten in de agenda’s' }).click();
    const said = form.locator('[data-testid="meeting-times"] [role="status"]');
    await said.waitFor();
    const { day, evening } = times.body.parentsCame;
    await expect(said.innerText()).resolves.toBe(
      day + evening === 0 ? 'Nog niet bekend of de ouders van dit orgaan liever overdag of ’s avonds komen.' : `De ouders van dit orgaan kwamen ${day} keer overdag en ${evening} keer ’s avonds.`,
    );
    await form.getByText('Microsoft Graph is niet ingesteld', { exact: false }).waitFor();
    await expectAccessible(page, `schedule form ${width}`);
    await shot(page, `schedule-form-${width}`);
    await form.getByRole('button', { name: 'Plannen' }).click();
    await page.locator('[data-view="meeting"][data-ready="true"]').waitFor();
    scheduledId = decodeURIComponent(new URL(page.url()).hash.split('/').pop()!);

    const saved = await meeting(scheduledId);
    expect(saved).toMatchObject({ title, location: 'OCMW-zaal, Kerkstraat 5', online: true, dayPart: 'evening', agendaDaysBefore: 5, state: 'planned' });
    expect(new Date(saved.startsAt).toISOString()).toBe('2027-03-29T17:30:00.000Z');
    expect(new Date(saved.endsAt).toISOString()).toBe('2027-03-29T19:30:00.000Z');
    await expect(page.getByText('maandag 29 maart 2027, 19:30–21:30').first().isVisible()).resolves.toBe(true);
    // A steering-group meeting starts with one progress item per active domain.
    expect(saved.agenda.length).toBeGreaterThanOrEqual(2);
  });

  test('a steering-group member proposes an item, and sees no organiser controls', async () => {
    const page = await pageFor(member, width);
    await openMeeting(page, scheduledId);
    await expect(page.locator('[data-testid="steps"]').count()).resolves.toBe(0);
    await expect(page.locator('[data-testid="drag-handle"]').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Punt voorstellen' }).click();
    const form = page.locator('[data-testid="item-form"]');
    await form.getByLabel('Titel van het punt').fill('Vervoer naar de vergadering voor ouders');
    await form.getByLabel('Soort').selectOption({ label: 'beslissing' });
    await form.getByLabel('Minuten').fill('10');
    await form.getByRole('button', { name: 'Punt voorstellen' }).click();
    await page.getByText('voorgesteld door Hilde Goossens').waitFor();
    const saved = await meeting(scheduledId);
    const proposal = saved.agenda.find((i) => i.title === 'Vervoer naar de vergadering voor ouders');
    expect(proposal).toMatchObject({ proposedByName: 'Hilde Goossens' });
    // Their own proposal they may still change; the others' items not.
    await expect(page.getByRole('button', { name: /^Wijzigen:/ }).count()).resolves.toBe(1);
    await expectAccessible(page, `member proposes ${width}`);
    await expectNoSidewaysScroll(page, `member proposes ${width}`);
    await shot(page, `member-proposed-${width}`);
  });

  test('the coordinator reorders by keyboard, by mouse and by the buttons, then fixes the agenda', async () => {
    const page = await pageFor(coordinator, width);
    await openMeeting(page, scheduledId);
    let ids = (await meeting(scheduledId)).agenda.map((i) => i.id);
    const rows = page.locator('[data-testid="agenda"] > li');
    await expect(rows.count()).resolves.toBe(ids.length);
    await expect(page.locator('[data-testid="agenda-total"]').innerText()).resolves.toMatch(/van 120 minuten/);

    // Keyboard: space picks up the last item's handle, arrow up moves it, space drops it.
    const last = ids[ids.length - 1]!;
    const handle = (id: string) => page.locator(`li[data-item-id="${id}"] [data-testid="drag-handle"]`);
    // dnd-kit's keyboard sensor scrolls the page instead of moving the item while the target
    // lies in the upper half of the window (and the page can scroll): start from the bottom.
    await page.locator(`li[data-item-id="${last}"]`).evaluate((el: unknown) => (el as { scrollIntoView(o: object): void }).scrollIntoView({ block: 'end' }));
    await handle(last).focus();
    await page.keyboard.press('Space');
    await page.waitForTimeout(150);
    await page.keyboard.press('ArrowUp');
    await page.waitForTimeout(150);
    await page.keyboard.press('Space');
    const afterKeys = [...ids.slice(0, -2), last, ids[ids.length - 2]!];
    await expectOrder(scheduledId, afterKeys);
    await page.locator('[data-testid="agenda"] > li[aria-busy="false"]').first().waitFor();
    ids = afterKeys;

    // Mouse: the first item dragged below the second.
    await page.locator(`li[data-item-id="${ids[1]}"][aria-busy="false"]`).waitFor();
    await page.locator(`li[data-item-id="${ids[0]}"]`).evaluate((el: unknown) => (el as { scrollIntoView(o: object): void }).scrollIntoView({ block: 'start' }));
    const from = (await handle(ids[0]!).boundingBox())!;
    const rowFrom = (await page.locator(`li[data-item-id="${ids[0]}"]`).boundingBox())!;
    const rowTo = (await page.locator(`li[data-item-id="${ids[1]}"]`).boundingBox())!;
    // The dragged row's centre goes onto the second row's centre.
    const by = rowTo.y + rowTo.height / 2 - (rowFrom.y + rowFrom.height / 2);
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 + 10, { steps: 3 });
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 + by, { steps: 12 });
    await page.waitForTimeout(100);
    await page.mouse.up();
    const afterMouse = [ids[1]!, ids[0]!, ...ids.slice(2)];
    await expectOrder(scheduledId, afterMouse);
    ids = afterMouse;

    // The explicit buttons do the same.
    const secondTitle = (await meeting(scheduledId)).agenda[1]!.title;
    await page.getByRole('button', { name: `Omhoog: ${secondTitle}` }).click();
    await expectOrder(scheduledId, [ids[1]!, ids[0]!, ...ids.slice(2)]);
    // Every row is busy while the order is saved; wait until none is.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="agenda"] > li[aria-busy="true"]').length === 0);
    await expect(page.locator('[data-testid="agenda"] > li').first().innerText()).resolves.toContain(secondTitle);
    // Focus stays on the button that moved the item, now on the first row, where it can go no higher.
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-disabled'))).resolves.toBe('true');
    await expectAccessible(page, `agenda builder ${width}`);
    await expectNoSidewaysScroll(page, `agenda builder ${width}`);
    await shot(page, `agenda-builder-${width}`);
    await page.locator('[data-testid="agenda"]').screenshot({ path: path.join(SCREENSHOTS, `agenda-list-${width}.png`) });

    await page.getByRole('button', { name: 'Agenda vastleggen' }).click();
    await waitFor(() => meeting(scheduledId), (m) => m.state === 'agenda_sent');
    expect((await meeting(scheduledId)).state).toBe('agenda_sent');
    await page.locator('[data-state="agenda_sent"]').first().waitFor();
    // A fixed agenda takes no proposals, and the fix is not offered again.
    await expect(page.getByRole('button', { name: 'Agenda vastleggen' }).count()).resolves.toBe(0);
  });

  test('minutes: mark held, notes and decisions, attendance, a new action, submit', async () => {
    const started = await startedMeeting(`Stuurgroep vandaag (${width})`);
    heldId = started.id;
    const page = await pageFor(coordinator, width);
    await openMeeting(page, heldId);
    await page.getByRole('button', { name: 'Als gehouden markeren' }).click();
    await page.locator('[data-state="held"]').first().waitFor();
    expect((await meeting(heldId)).state).toBe('held');

    const first = started.agenda[0]!;
    const item = page.locator(`[data-minutes-item="${first.id}"]`);
    // Notes are saved when the field is left; decisions with the item's save button.
    await item.getByLabel('Notities').fill('De werkgroep stelde de stand van zaken voor.');
    await item.getByLabel('Besluiten').focus();
    await item.locator('[data-save-status="saved"]').waitFor();
    await item.getByLabel('Besluiten').fill('Extra overleg met de scholen in mei.');
    await item.getByRole('button', { name: 'Opslaan' }).click();
    await item.locator('[data-save-status="saved"]').waitFor();
    const withNotes = await waitFor(() => meeting(heldId), (m) => m.agenda[0]!.decisions !== '');
    expect(withNotes.agenda[0]).toMatchObject({ notes: 'De werkgroep stelde de stand van zaken voor.', decisions: 'Extra overleg met de scholen in mei.' });

    const attendee = started.attendees[0]!;
    await page.getByRole('radiogroup', { name: `Aanwezigheid van ${attendee.displayName}` }).getByRole('radio', { name: 'aanwezig' }).check();
    const second = started.attendees[1]!;
    await page.getByRole('radiogroup', { name: `Aanwezigheid van ${second.displayName}` }).getByRole('radio', { name: 'verontschuldigd' }).check();
    const withAttendance = await waitFor(() => meeting(heldId), (m) => m.attendees.find((a) => a.personId === second.personId)?.attendance === 'excused');
    expect(withAttendance.attendees.find((a) => a.personId === attendee.personId)!.attendance).toBe('present');
    expect(withAttendance.attendees.find((a) => a.personId === second.personId)!.attendance).toBe('excused');

    await page.getByLabel('Algemene notities').fill('Volgende keer bespreken we de begroting.');
    await page.getByRole('button', { name: 'Notities opslaan' }).click();
    await waitFor(() => meeting(heldId), (m) => m.minutesNotes !== '');
    expect((await meeting(heldId)).minutesNotes).toBe('Volgende keer bespreken we de begroting.');

    const plan = (await asCoordinator()<Plan>('GET', `/api/v1/trajectories/${trajectoryId}/plan`)).body;
    const objective = plan.domains.flatMap((d) => d.strategicObjectives.flatMap((s) => s.operationalObjectives))[0]!;
    const owner = plan.people[0]!;
    const actionForm = page.locator('[data-testid="action-form"]');
    await actionForm.getByLabel('Wat gaan we doen?').fill(`Ouders uitnodigen voor de werkgroep (${width})`);
    await actionForm.getByLabel('Operationele doelstelling').selectOption(objective.id);
    await actionForm.getByLabel('Eigenaar').selectOption(owner.id);
    await actionForm.getByLabel('Tegen wanneer').fill('2027-06-30');
    await actionForm.getByRole('button', { name: 'Actie toevoegen' }).click();
    await page.locator('[data-testid="meeting-actions"] li').first().waitFor();
    const withAction = await meeting(heldId);
    expect(withAction.actions).toEqual([expect.objectContaining({ title: `Ouders uitnodigen voor de werkgroep (${width})`, ownerId: owner.id, dueDate: '2027-06-30', operationalObjectiveId: objective.id })]);
    // The action went straight into the plan.
    const planAfter = (await asCoordinator()<Plan>('GET', `/api/v1/trajectories/${trajectoryId}/plan`)).body;
    const inPlan = planAfter.domains.flatMap((d) => d.strategicObjectives.flatMap((s) => s.operationalObjectives)).find((o) => o.id === objective.id)!;
    expect(inPlan.actions.map((a) => a.id)).toContain(withAction.actions[0]!.id);

    await expectAccessible(page, `minutes editor ${width}`);
    await expectNoSidewaysScroll(page, `minutes editor ${width}`);
    await shot(page, `minutes-editor-${width}`);
    await page.locator('[data-testid="attendance"]').screenshot({ path: path.join(SCREENSHOTS, `attendance-${width}.png`) });

    await page.getByRole('button', { name: 'Verslag indienen' }).click();
    await page.locator('[data-testid="minutes"][data-editable="false"]').waitFor();
    expect((await meeting(heldId)).minutesSubmittedAt).not.toBeNull();
    await expect(page.locator('[data-testid="minutes"] textarea').count()).resolves.toBe(0);
    await expect(page.getByText('Extra overleg met de scholen in mei.').isVisible()).resolves.toBe(true);
  });

  test('the chair sends the minutes back with a remark, then approves them', async () => {
    const chairPage = await pageFor(chair, width);
    await openMeeting(chairPage, heldId);
    await chairPage.getByRole('button', { name: 'Terugsturen met opmerking' }).click();
    await chairPage.getByLabel('Opmerking voor wie het verslag schreef').fill('Vermeld wie de actie opvolgt.');
    await chairPage.getByRole('button', { name: 'Terugsturen', exact: true }).click();
    await waitFor(() => meeting(heldId), (m) => m.minutesSubmittedAt === null);
    expect((await meeting(heldId)).minutesRemark).toBe('Vermeld wie de actie opvolgt.');

    // The coordinator sees the remark, the minutes are editable again, and submits once more.
    const page = await pageFor(coordinator, width);
    await openMeeting(page, heldId);
    await expect(page.locator('[data-testid="sent-back"]').innerText()).resolves.toContain('Vermeld wie de actie opvolgt.');
    await page.locator('[data-testid="minutes"][data-editable="true"]').waitFor();
    await expectAccessible(page, `sent back ${width}`);
    await shot(page, `sent-back-${width}`);
    await page.getByRole('button', { name: 'Verslag indienen' }).click();
    await page.locator('[data-testid="minutes"][data-editable="false"]').waitFor();

    await openMeeting(chairPage, heldId);
    await expectAccessible(chairPage, `chair approves ${width}`);
    await shot(chairPage, `chair-approval-${width}`);
    await chairPage.getByRole('button', { name: 'Goedkeuren' }).click();
    const approved = await waitFor(() => meeting(heldId), (m) => m.state === 'minutes_approved' || m.state === 'distributed');
    expect(['minutes_approved', 'distributed']).toContain(approved.state);
    await chairPage.locator('[data-testid="deliveries"]').waitFor();
    await expect(chairPage.locator('[data-testid="steps"]').count()).resolves.toBe(0);
    await expectAccessible(chairPage, `approved ${width}`);
    await expectNoSidewaysScroll(chairPage, `approved ${width}`);
    await shot(chairPage, `approved-${width}`);
  });

  test('a trusted person sees the meetings without any organiser control', async () => {
    const page = await pageFor(trusted, width);
    await openMeetings(page);
    await expect(page.getByRole('button', { name: 'Vergadering plannen' }).count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'Uitgaande post' }).count()).resolves.toBe(0);
    await expect(page.locator(`li[data-meeting-id="${scheduledId}"]`).isVisible()).resolves.toBe(true);
    await openMeeting(page, scheduledId);
    await expect(page.locator('[data-testid="steps"]').count()).resolves.toBe(0);
    await expect(page.locator('[data-testid="drag-handle"]').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /^(Omhoog|Omlaag|Wijzigen|Verwijderen):/ }).count()).resolves.toBe(0);
    await openMeeting(page, heldId);
    await expect(page.locator('[data-testid="minutes"][data-editable="false"]').isVisible()).resolves.toBe(true);
    await expect(page.locator('textarea, [role="radiogroup"]').count()).resolves.toBe(0);
    await expectAccessible(page, `trusted person ${width}`);
    await shot(page, `trusted-person-${width}`);
  });
});

describe('answering the invitation, and the trusted person calling their parents', () => {
  test('a member answers from the meeting page; the server keeps the answer', async () => {
    const start = Date.now() + 5 * 86_400_000;
    const created = await asCoordinator()<Detail>('POST', `/api/v1/trajectories/${trajectoryId}/meetings`, {
      bodyId: steeringGroup.id,
      title: 'Stuurgroep met antwoord',
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 7200_000).toISOString(),
    });
    const page = await pageFor(member, 390);
    await openMeeting(page, created.body.id);
    await page.getByRole('button', { name: 'Ik kom', exact: true }).click();
    await page.getByRole('button', { name: 'Ik kom', exact: true, pressed: true }).waitFor();
    const answered = await asCoordinator()<{ attendees: { displayName: string; response: string }[] }>('GET', `/api/v1/meetings/${created.body.id}`);
    expect(answered.body.attendees.find((a) => a.displayName === 'Hilde Goossens')?.response).toBe('accepted');
    await expectAccessible(page, 'invitation answer 390');
    await expectNoSidewaysScroll(page, 'invitation answer 390');
    await shot(page, 'invitation-answer-390');
  });

  test('the trusted person sees only their own parents with a phone link, and notes the check-in after the meeting', async () => {
    const bodies = await asCoordinator()<{ id: string; kind: string }[]>('GET', `/api/v1/trajectories/${trajectoryId}/bodies`);
    const parentsGroup = bodies.body.find((b) => b.kind === 'parents_group')!;
    const now = Date.now();
    const created = await asCoordinator()<Detail>('POST', `/api/v1/trajectories/${trajectoryId}/meetings`, {
      bodyId: parentsGroup.id,
      title: 'Oudergroep avond',
      startsAt: new Date(now - 3 * 3600_000).toISOString(),
      endsAt: new Date(now - 3600_000).toISOString(),
      dayPart: 'evening',
    });
    const list = await apiFor(trusted)<{ parents: { personId: string; displayName: string; phone: string | null }[] }>('GET', `/api/v1/meetings/${created.body.id}/parents-to-call`);
    expect(list.status).toBe(200);
    expect(list.body.parents.length).toBeGreaterThan(0);
    const page = await pageFor(trusted, 390);
    await openMeeting(page, created.body.id);
    const card = page.getByRole('region', { name: 'Ouders om te contacteren' });
    await card.waitFor();
    // Exactly the server's list: no other parent's name or number shows.
    await expect(card.locator('li').count()).resolves.toBe(list.body.parents.length);
    const first = list.body.parents[0]!;
    if (first.phone) await expect(card.locator('a[href^="tel:"]').first().textContent()).resolves.toContain(first.phone);
    await card.getByLabel(`Notitie bij het contact met ${first.displayName} (alleen voor jou en de coördinator)`).fill('Gebeld, ze komt volgende keer opnieuw.');
    await card.getByRole('button', { name: `Contact met ${first.displayName} genoteerd` }).click();
    await card.getByText('Contact na de bijeenkomst genoteerd.').first().waitFor();
    const after = await apiFor(trusted)<{ parents: { personId: string; checkedIn: boolean; checkInNote: string }[] }>('GET', `/api/v1/meetings/${created.body.id}/parents-to-call`);
    expect(after.body.parents.find((p) => p.personId === first.personId)).toEqual(expect.objectContaining({ checkedIn: true, checkInNote: 'Gebeld, ze komt volgende keer opnieuw.' }));
    // Someone without a trusted person's place sees no call list.
    const other = await pageFor(member, 390);
    await openMeeting(other, created.body.id);
    await expect(other.getByRole('region', { name: 'Ouders om te contacteren' }).count()).resolves.toBe(0);
    await expectAccessible(page, 'call list 390');
    await expectNoSidewaysScroll(page, 'call list 390');
    await shot(page, 'call-list-390');
  });
});

describe('calendar, outbox and the Teams meeting side panel', () => {
  test('the month grid moves by keyboard and opens a day', async () => {
    const page = await pageFor(coordinator, 1280);
    await openMeetings(page);
    const today = page.locator('[data-testid="calendar"] button[aria-current="date"]');
    const day = (await today.getAttribute('data-day'))!;
    await today.focus();
    await page.keyboard.press('ArrowRight');
    const next = new Date(`${day}T12:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    await page.waitForFunction((d) => document.activeElement?.getAttribute('data-day') === d, next.toISOString().slice(0, 10), { timeout: 5000 });
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^Vergaderingen op / }).waitFor();
    // Today holds the meetings that started a few minutes ago.
    await expect(page.locator('[data-testid="calendar"] li[data-meeting-id]').count()).resolves.toBeGreaterThan(0);
    await page.keyboard.press('PageDown');
    await page.waitForFunction((month) => (document.activeElement?.getAttribute('data-day') ?? month).slice(0, 7) !== month, day.slice(0, 7), { timeout: 5000 });
    await expectAccessible(page, 'calendar');
    await shot(page, 'calendar-1280');
    await openMeetings(page, '?theme=dark');
    await shot(page, 'list-dark-1280');
    await expectAccessible(page, 'calendar dark');
  });

  test('the outbox lists what the server wrote, each downloadable as .eml; only for organisers', async () => {
    const page = await pageFor(coordinator, 1280);
    await openView(page, server.url, `#/t/${trajectoryId}/outbox`, 'outbox');
    const listed = await asCoordinator()<{ id: string; subject: string }[]>('GET', `/api/v1/trajectories/${trajectoryId}/outbox`);
    expect(listed.status).toBe(200);
    await expect(page.locator('[data-testid="outbox"] li').count()).resolves.toBe(listed.body.length);
    if (listed.body.length > 0) {
      const first = listed.body[0]!;
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`li[data-outbox-id="${first.id}"] button`).click()]);
      expect(download.suggestedFilename()).toMatch(/\.eml$/);
    } else {
      await expect(page.getByText('Er staat nog niets in de uitgaande post.').isVisible()).resolves.toBe(true);
    }
    await expectAccessible(page, 'outbox');
    await shot(page, 'outbox-1280');
    await page.setViewportSize({ width: 390, height: 900 });
    await expectNoSidewaysScroll(page, 'outbox 390');
    await shot(page, 'outbox-390');

    const other = await pageFor(trusted, 1280);
    await openView(other, server.url, `#/t/${trajectoryId}/outbox`, 'outbox');
    await expect(other.getByText('Alleen wie vergaderingen organiseert, ziet de uitgaande post.').isVisible()).resolves.toBe(true);
  });

  test('at 320 px (the meeting side panel) the agenda and the minutes editor fit, and "current" offers today’s meetings', async () => {
    const started = await startedMeeting('Stuurgroep in de zijbalk');
    await asCoordinator()('POST', `/api/v1/meetings/${started.id}/held`, {});
    const page = await pageFor(coordinator, 320);
    await openMeeting(page, started.id);
    await page.locator('[data-testid="minutes"][data-editable="true"]').waitFor();
    await expectNoSidewaysScroll(page, 'side panel minutes');
    await expectAccessible(page, 'side panel minutes');
    await shot(page, 'side-panel-320');
    await page.setViewportSize({ width: 320, height: 1400 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'side-panel-viewport-320.png') });

    await openView(page, server.url, `#/t/${trajectoryId}/meetings/current`, 'meeting', '?teamsMeeting=19%3Ameeting_abc%40thread.v2');
    const picker = page.locator('[data-testid="today-picker"]');
    await picker.locator(`li[data-meeting-id="${started.id}"]`).waitFor();
    await expect(picker.locator(`li[data-meeting-id="${(await meeting(started.id)).id}"] a`).getAttribute('href')).resolves.toBe(`#/t/${trajectoryId}/meetings/${started.id}`);
    await expectNoSidewaysScroll(page, 'side panel picker');
    await expectAccessible(page, 'side panel picker');
    await shot(page, 'side-panel-picker-320');
  });
});
