import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { launchBrowser, type Browser } from '../support/browser';
import { expectAccessible, openView, signIn, type DevUser } from '../support/e2e';
import type { PlanWire } from '../../tabs/src/api/types';
import { spreadRights } from '../../tabs/src/data/plan-rights';
import { startLiveServer, type LiveServer } from '../support/live-server';

/*
 * Each role sees exactly the controls the server grants it: on the plan and on every board,
 * every edit, add, drag and status control shown is on an entity where the API's `can` says
 * yes, and every entity where it says yes has its control. The expectations are the API's own
 * answers for that user (test/api/entity-rights.test.ts checks those against what it accepts).
 */
jest.setTimeout(240_000);

// Callbacks of evaluate run in the browser; the server's tsconfig has no DOM library.
interface PageElement {
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  querySelector(selector: string): PageElement | null;
  hasAttribute(name: string): boolean;
}

const SCREENSHOTS = path.resolve(__dirname, '../../test-results/screenshots/entity-rights');
const tenantId = demoTenants.beekvliet.id;
const users: Record<string, DevUser> = {
  coordinator: { tenantId, userId: demoUsers.coordinator, name: 'Lotte Peeters' },
  'work group member': { tenantId, userId: demoUsers.steeringMember, name: 'Hilde Goossens' },
  'action owner': { tenantId, userId: demoUsers.actionOwner, name: 'Tom Maes' },
  alderman: { tenantId, userId: demoUsers.aldermanEducation, name: 'Karim El Amrani' },
  'trusted person': { tenantId, userId: demoUsers.trustedPerson, name: 'Nadia Benali' },
};

type Rights = Record<string, boolean | string[]>;
interface ActionCan {
  edit: boolean;
  move: boolean;
  fields: string[];
}
interface Plan {
  domains: { id: string; strategicObjectives: { id: string; operationalObjectives: { id: string; actions: { id: string; title: string }[] }[] }[] }[];
  can: {
    domains: Record<string, Rights>;
    strategicObjectives: Record<string, Rights>;
    operationalObjectives: Record<string, Rights>;
    actions: Record<string, ActionCan>;
  };
  readOnly: boolean;
}

let server: LiveServer;
let browser: Browser;
let trajectoryId: string;

async function planAs(user: DevUser): Promise<Plan> {
  const token = await server.token(user);
  const res = await fetch(`${server.url}/api/v1/trajectories/${trajectoryId}/plan`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  // Spread out by id as the tabs do.
  return spreadRights((await res.json()) as PlanWire);
}

/** Per entity of the plan: [kind, id, edit control, add control] as the API's `can` has it. */
function expectedRows(plan: Plan): [string, string, boolean, boolean][] {
  const rows: [string, string, boolean, boolean][] = [];
  const yes = (v: unknown) => v === true;
  for (const d of plan.domains) {
    rows.push(['domain', d.id, yes(plan.can.domains[d.id]?.edit), yes(plan.can.domains[d.id]?.addStrategicObjective)]);
    for (const s of d.strategicObjectives) {
      rows.push(['strategic', s.id, yes(plan.can.strategicObjectives[s.id]?.edit), yes(plan.can.strategicObjectives[s.id]?.addOperationalObjective)]);
      for (const o of s.operationalObjectives) {
        rows.push(['operational', o.id, yes(plan.can.operationalObjectives[o.id]?.edit), yes(plan.can.operationalObjectives[o.id]?.addAction)]);
        for (const a of o.actions) rows.push(['action', a.id, Boolean(plan.can.actions[a.id]?.fields.length), false]);
      }
    }
  }
  return rows;
}

/** What the plan view shows, row by row: [kind, id, has an edit control, has an add control]. */
async function shownRows(page: Page): Promise<[string, string, boolean, boolean][]> {
  return page.locator('tr[data-row]').evaluateAll((trs: PageElement[]) =>
    trs.map((tr): [string, string, boolean, boolean] => [
      tr.getAttribute('data-row') ?? '',
      tr.getAttribute('data-id') ?? '',
      tr.querySelector('[data-control="edit"]') !== null,
      tr.querySelector('[data-control="add"]') !== null,
    ]),
  );
}

/** What a board shows per card: [action id, draggable, has the status control]. */
async function shownCards(page: Page): Promise<[string, boolean, boolean][]> {
  return page.locator('li[data-action-id]').evaluateAll((lis: PageElement[]) =>
    lis.map((li): [string, boolean, boolean] => [li.getAttribute('data-action-id') ?? '', li.getAttribute('draggable') === 'true', li.querySelector('[data-control="move"]') !== null]),
  );
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startLiveServer();
  const token = await server.token(users.coordinator!);
  const me = (await (await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as { trajectories: { id: string }[] };
  trajectoryId = me.trajectories[0]!.id;
  // An action Tom Maes owns outside his work group's domain: there he may report on it, not reshape it.
  const call = async <T>(method: string, url: string, body?: unknown) =>
    (await (await fetch(`${server.url}${url}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) })).json()) as T;
  const people = await call<{ id: string; displayName: string }[]>('GET', `/api/v1/trajectories/${trajectoryId}/people`);
  const tom = people.find((p) => p.displayName === 'Tom Maes')!;
  const owner = await planAs(users['action owner']!);
  const elsewhere = owner.domains.flatMap((d) => d.strategicObjectives.flatMap((s) => s.operationalObjectives)).find((o) => !owner.can.operationalObjectives[o.id]?.addAction)!;
  await call('POST', `/api/v1/operational-objectives/${elsewhere.id}/actions`, { title: 'Zomerkamp met begeleiding voor elk kind', ownerId: tom.id });
  browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const counts = (rows: [string, string, boolean, boolean][]) => ({ edit: rows.filter((r) => r[2]).length, add: rows.filter((r) => r[3]).length });

describe.each(Object.keys(users))('%s', (role) => {
  const user = users[role]!;
  let page: Page;
  let plan: Plan;
  beforeAll(async () => {
    plan = await planAs(user);
    page = await browser.context.newPage();
    await signIn(page, user);
  });
  afterAll(() => page.close());

  test('the plan shows exactly the edit and add controls the API grants, and says when it is read-only', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await openView(page, server.url, `#/t/${trajectoryId}/plan`, 'plan');
    await page.getByRole('button', { name: 'Alles openklappen' }).click();
    const expected = expectedRows(plan);
    await page.locator('tr[data-row]').nth(expected.length - 1).waitFor();
    const shown = await shownRows(page);
    expect(shown).toEqual(expected);
    // Honest about its size: the sample holds controls, or for a read-only reader holds none.
    expect({ role, ...counts(shown) }).toEqual({ role, ...counts(expected) });
    expect(await page.locator('[data-testid="read-only"]').count()).toBe(plan.readOnly ? 1 : 0);
    await expectAccessible(page, `plan as ${role}`);
    if (plan.readOnly) await page.screenshot({ path: path.join(SCREENSHOTS, `plan-read-only-${role.replace(/ /g, '-')}-1280.png`), fullPage: false });
    if (role === 'trusted person') {
      await page.screenshot({ path: path.join(SCREENSHOTS, 'plan-trusted-person-1280.png'), fullPage: false });
      await page.setViewportSize({ width: 390, height: 844 });
      await openView(page, server.url, `#/t/${trajectoryId}/plan`, 'plan');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'plan-trusted-person-390.png'), fullPage: false });
      await expectAccessible(page, `plan as ${role} at 390 px`);
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  test('each board lets the role drag and move exactly the cards the API lets it move', async () => {
    for (const domain of plan.domains) {
      await openView(page, server.url, `#/t/${trajectoryId}/board/${domain.id}`, 'board');
      const ids = domain.strategicObjectives.flatMap((s) => s.operationalObjectives.flatMap((o) => o.actions.map((a) => a.id)));
      const expected = ids.map((id): [string, boolean, boolean] => [id, plan.can.actions[id]?.move === true, plan.can.actions[id]?.move === true]).sort();
      expect([domain.id, (await shownCards(page)).sort()]).toEqual([domain.id, expected]);
      const movable = expected.some(([, move]) => move);
      expect([domain.id, await page.locator('[data-testid="read-only"]').count()]).toEqual([domain.id, movable ? 0 : 1]);
    }
    await expectAccessible(page, `board as ${role}`);
    if (role === 'action owner') {
      // The board where the owner moves their own card only, among cards of others.
      const partly = (d: Plan['domains'][number]) => d.strategicObjectives.some((s) => s.operationalObjectives.some((o) => o.actions.some((a) => plan.can.actions[a.id]?.move && !plan.can.actions[a.id]?.edit)));
      const own = plan.domains.find(partly)!;
      await openView(page, server.url, `#/t/${trajectoryId}/board/${own.id}`, 'board');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'board-action-owner-1280.png'), fullPage: false });
      await page.setViewportSize({ width: 390, height: 844 });
      await openView(page, server.url, `#/t/${trajectoryId}/board/${own.id}`, 'board');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'board-action-owner-390.png'), fullPage: false });
      await expectAccessible(page, `board as ${role} at 390 px`);
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  test('the action form lets the role change only the fields the API names', async () => {
    const actions = plan.domains.flatMap((d) => d.strategicObjectives.flatMap((s) => s.operationalObjectives.flatMap((o) => o.actions)));
    // The most telling action: one the role may change only in part, else any it may change.
    const target = actions.find((a) => plan.can.actions[a.id]?.fields.length && !plan.can.actions[a.id]?.edit) ?? actions.find((a) => plan.can.actions[a.id]?.fields.length);
    if (!target) {
      expect(plan.readOnly || Object.values(plan.can.actions).every((c) => !c.fields.length)).toBe(true);
      return;
    }
    const fields = plan.can.actions[target.id]!.fields;
    await openView(page, server.url, `#/t/${trajectoryId}/plan`, 'plan');
    await page.getByRole('button', { name: 'Alles openklappen' }).click();
    await page.locator(`tr[data-id="${target.id}"] [data-control="edit"]`).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('[name="title"]').waitFor();
    const names = ['title', 'description', 'ownerId', 'status', 'startDate', 'dueDate', 'progressNote', 'means', 'budget', 'partners', 'intendedResult', 'expectedResult', 'evaluationMethod'];
    const enabled = await Promise.all(names.map(async (name) => [name, await dialog.locator(`[name="${name}"]`).isEnabled()] as const));
    expect(enabled).toEqual(names.map((name) => [name, fields.includes(name)]));
    expect(await dialog.locator('[data-testid="owner-only"]').count()).toBe(plan.can.actions[target.id]!.edit ? 0 : 1);
    await expectAccessible(page, `action form as ${role}`);
    if (role === 'action owner') await page.screenshot({ path: path.join(SCREENSHOTS, 'action-form-action-owner-1280.png'), fullPage: false });
  });
});
