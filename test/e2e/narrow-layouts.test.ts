import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { launchBrowser, type Browser } from '../support/browser';
import { startLiveServer, type LiveServer } from '../support/live-server';
import { apiAs, expectAccessible, openView, signIn, type DevUser } from '../support/e2e';

/*
 * Teams mobile (390 px) and a tablet or narrow pane (768 px): every routed view of the tabs, as
 * the coordinator sees it with the demo data. Nothing scrolls the page sideways, every control
 * is a touch target of at least 44 px high on the phone, axe finds nothing, and the board shows
 * one column at a time behind a keyboard-usable column switcher on the phone.
 */
jest.setTimeout(600_000);

const SCREENSHOTS = path.resolve(__dirname, '../../test-results/screenshots/narrow');
const tenantId = demoTenants.beekvliet.id;
const coordinator: DevUser = { tenantId, userId: demoUsers.coordinator, name: 'Lotte Peeters' };
const PHONE = 390;
const TABLET = 768;
const TOUCH = 44;

let server: LiveServer;
let browser: Browser;
let page: Page;
let token = '';
let trajectoryId = '';
const ids = { action: '', domain: '', focusGroup: '', questionnaire: '', meeting: '', report: '' };

const api = () => apiAs(server.url, () => token);
const list = <T>(body: unknown, key: string): T[] => (Array.isArray(body) ? (body as T[]) : ((body as Record<string, T[]>)[key] ?? []));

/** Every routed view (tabs/src/router.ts `paths`) and the data-view it renders. */
const views = (): { name: string; hash: string; view: string }[] => [
  // The coordinator has one trajectory: home opens its overview, as it does for them in Teams.
  { name: 'home', hash: '#/', view: 'overview' },
  { name: 'config', hash: '#/config', view: 'config' },
  { name: 'my-actions', hash: '#/my-actions', view: 'my-actions' },
  { name: 'overview', hash: `#/t/${trajectoryId}/overview`, view: 'overview' },
  { name: 'plan', hash: `#/t/${trajectoryId}/plan`, view: 'plan' },
  { name: 'action', hash: `#/t/${trajectoryId}/actions/${ids.action}`, view: 'action-detail' },
  { name: 'board', hash: `#/t/${trajectoryId}/board`, view: 'board' },
  { name: 'board-domain', hash: `#/t/${trajectoryId}/board/${ids.domain}`, view: 'board' },
  { name: 'members', hash: `#/t/${trajectoryId}/members`, view: 'members' },
  { name: 'phases', hash: `#/t/${trajectoryId}/phases`, view: 'phases' },
  { name: 'context', hash: `#/t/${trajectoryId}/context`, view: 'context' },
  { name: 'inventory', hash: `#/t/${trajectoryId}/inventory`, view: 'inventory' },
  { name: 'focus-groups', hash: `#/t/${trajectoryId}/focus-groups`, view: 'focus-groups' },
  { name: 'focus-group', hash: `#/t/${trajectoryId}/focus-groups/${ids.focusGroup}`, view: 'focus-groups' },
  { name: 'steering', hash: `#/t/${trajectoryId}/steering`, view: 'steering' },
  { name: 'steering-session', hash: `#/t/${trajectoryId}/steering/2`, view: 'steering' },
  { name: 'evaluation', hash: `#/t/${trajectoryId}/evaluation`, view: 'evaluation' },
  { name: 'evaluation-domain', hash: `#/t/${trajectoryId}/evaluation/${ids.domain}`, view: 'evaluation' },
  { name: 'questionnaires', hash: `#/t/${trajectoryId}/questionnaires`, view: 'questionnaires' },
  { name: 'questionnaire', hash: `#/t/${trajectoryId}/questionnaires/${ids.questionnaire}`, view: 'questionnaires' },
  { name: 'meetings', hash: `#/t/${trajectoryId}/meetings`, view: 'meetings' },
  { name: 'meeting', hash: `#/t/${trajectoryId}/meetings/${encodeURIComponent(ids.meeting)}`, view: 'meeting' },
  { name: 'outbox', hash: `#/t/${trajectoryId}/outbox`, view: 'outbox' },
  { name: 'reports', hash: `#/t/${trajectoryId}/reports`, view: 'reports' },
  { name: 'audit', hash: `#/t/${trajectoryId}/audit`, view: 'audit' },
  { name: 'report', hash: `#/t/${trajectoryId}/reports/${encodeURIComponent(ids.report)}`, view: 'report' },
];

interface Target {
  what: string;
  height: number;
}

/*
 * Runs in the page (as a string: the server's tsconfig has no DOM library). Every visible
 * control that a finger must hit, with its height. Exempt, and only these: links inside running
 * text (a link in a sentence is as tall as the line, WCAG 2.5.5 makes the same exception) and
 * controls hidden for everyone but screen readers (1 px boxes).
 */
const MEASURE = `(() => {
  const selector = 'button, a[href], input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="tab"], [role="menuitem"], [role="checkbox"], [role="radio"], [role="switch"], [role="option"], [role="combobox"]';
  const inText = (el) => {
    if (el.tagName !== 'A' || getComputedStyle(el).display !== 'inline') return false;
    const parent = el.parentElement;
    if (!parent) return false;
    const own = (el.textContent || '').trim();
    const around = (parent.textContent || '').replace(own, '').trim();
    return around.length > 0;
  };
  const out = [];
  for (const el of document.querySelectorAll(selector)) {
    if (!el.checkVisibility({ visibilityProperty: true })) continue;
    const box = el.getBoundingClientRect();
    if (box.width <= 2 || box.height <= 2) continue;
    // Above the page (the skip link until it gets the focus).
    if (box.bottom + window.scrollY <= 0) continue;
    if (inText(el)) continue;
    if (el.closest('[aria-hidden="true"]')) continue;
    const name = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('name') || el.getAttribute('type') || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    out.push({ what: el.tagName.toLowerCase() + (el.getAttribute('role') ? '[' + el.getAttribute('role') + ']' : '') + ' "' + name + '"', height: Math.round(box.height * 10) / 10 });
  }
  return out;
})()`;

/** Sideways overflow of the page itself (a box that scrolls inside the page is fine). */
const OVERFLOW = `(() => {
  const root = document.scrollingElement || document.documentElement;
  const wide = [];
  const limit = root.clientWidth;
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.right > limit + 1 && el.checkVisibility()) {
      let clipped = false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') { clipped = true; break; }
      }
      if (!clipped) wide.push(el.tagName.toLowerCase() + '.' + String(el.className).split(' ').slice(0, 2).join('.') + ' ' + Math.round(box.right));
    }
  }
  return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide: wide.slice(0, 8) };
})()`;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startLiveServer();
  token = await server.token(coordinator);
  trajectoryId = (await api()<{ trajectories: { id: string }[] }>('GET', '/api/v1/me')).body.trajectories[0]!.id;
  const base = `/api/v1/trajectories/${trajectoryId}`;
  const plan = (await api()<{ domains: { id: string; strategicObjectives: { operationalObjectives: { actions: { id: string }[] }[] }[] }[] }>('GET', `${base}/plan`)).body;
  ids.domain = plan.domains[0]!.id;
  ids.action = plan.domains.flatMap((d) => d.strategicObjectives.flatMap((s) => s.operationalObjectives.flatMap((o) => o.actions)))[0]!.id;
  ids.focusGroup = list<{ id: string }>((await api()('GET', `${base}/focus-groups`)).body, 'focusGroups')[0]!.id;
  ids.questionnaire = list<{ id: string }>((await api()('GET', `${base}/questionnaires`)).body, 'questionnaires')[0]!.id;
  ids.meeting = list<{ id: string }>((await api()('GET', `${base}/meetings`)).body, 'meetings')[0]!.id;
  const schedule = await api()('PUT', `${base}/college-schedule`, { weekday: 1, time: '09:00', frequency: 'quarterly', secretaryName: 'Secretariaat', secretaryEmail: 'secretariaat@beekvliet.example' });
  expect(schedule.status).toBe(200);
  const report = await api()<{ id: string }>('POST', `${base}/reports`, { periodStart: '2026-01-01', periodEnd: '2026-03-31', collegeDate: null });
  expect(report.status).toBe(201);
  ids.report = report.body.id;
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await signIn(page, coordinator);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.each([PHONE, TABLET])('at %i px wide', (width) => {
  beforeAll(async () => {
    await page.setViewportSize({ width, height: 844 });
  });

  test.each(views().map((v) => [v.name]))('%s: no sideways page scroll, touch targets, axe', async (name) => {
    const target = views().find((v) => v.name === name)!;
    await openView(page, server.url, target.hash, target.view);
    // Charts and lazy parts settle after the ready mark; the measurement is of the settled page.
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
    const overflow = (await page.evaluate(OVERFLOW)) as { scrollWidth: number; clientWidth: number; wide: string[] };
    expect({ view: name, sideways: Math.max(0, overflow.scrollWidth - overflow.clientWidth), wide: overflow.wide }).toEqual({ view: name, sideways: 0, wide: [] });
    if (width === PHONE) {
      const small = ((await page.evaluate(MEASURE)) as Target[]).filter((t) => t.height < TOUCH);
      expect({ view: name, small }).toEqual({ view: name, small: [] });
    }
    await expectAccessible(page, `${name} ${width}`);
  });
});

describe('the board on a phone: one column at a time', () => {
  const visibleColumns = () => page.locator('section[data-column]:visible');
  const tab = (name: RegExp) => page.getByRole('tab', { name });

  test('the column switcher shows each column in turn, by tap and by keyboard, with the counts', async () => {
    await page.setViewportSize({ width: PHONE, height: 844 });
    await openView(page, server.url, `#/t/${trajectoryId}/board/${ids.domain}`, 'board');
    const switcher = page.getByRole('tablist', { name: 'Kolom van het bord' });
    expect(await switcher.getByRole('tab').count()).toBe(5);
    // The counts in the tabs are the API's: the domain's actions per status.
    const plan = (await api()<{ domains: { id: string; strategicObjectives: { operationalObjectives: { actions: { status: string }[] }[] }[] }[] }>('GET', `/api/v1/trajectories/${trajectoryId}/plan`)).body;
    const actions = plan.domains.find((d) => d.id === ids.domain)!.strategicObjectives.flatMap((s) => s.operationalObjectives.flatMap((o) => o.actions));
    const count = (status: string) => actions.filter((a) => a.status === status).length;
    expect(await tab(/^Gepland/).innerText()).toBe(`Gepland (${count('planned')})`);
    expect(await tab(/^Lopend/).innerText()).toBe(`Lopend (${count('in_progress')})`);

    expect(await visibleColumns().count()).toBe(1);
    expect(await visibleColumns().getAttribute('data-column')).toBe('planned');
    expect(await tab(/^Gepland/).getAttribute('aria-selected')).toBe('true');

    // A tap on a tab shows that column only.
    await tab(/^Afgerond/).click();
    expect(await visibleColumns().count()).toBe(1);
    expect(await visibleColumns().getAttribute('data-column')).toBe('done');
    expect(await visibleColumns().locator('li[data-action-id]').count()).toBe(count('done'));

    // The keyboard: one tab stop, arrows move between the tabs, Enter shows the column.
    await tab(/^Afgerond/).focus();
    await page.keyboard.press('ArrowLeft');
    expect(await page.evaluate('document.activeElement.textContent')).toBe(`Lopend (${count('in_progress')})`);
    await page.keyboard.press('Enter');
    expect(await visibleColumns().getAttribute('data-column')).toBe('in_progress');
    expect(await tab(/^Lopend/).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('End');
    await page.keyboard.press(' ');
    expect(await visibleColumns().getAttribute('data-column')).toBe('dropped');
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    expect(await visibleColumns().getAttribute('data-column')).toBe('planned');
    expect(await switcher.locator('[tabindex="0"]').count()).toBe(1);
    // Tab leaves the tab list for the shown column's first card.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.closest("section[data-column]")?.getAttribute("data-column")')).toBe('planned');
    await expectAccessible(page, 'board switcher 390');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'board-switcher-390.png'), fullPage: false });
  });

  test('a card moved on the phone takes the view to its new column, with the focus on it', async () => {
    await page.setViewportSize({ width: PHONE, height: 844 });
    await openView(page, server.url, `#/t/${trajectoryId}/board/${ids.domain}`, 'board');
    const first = visibleColumns().locator('li[data-action-id]').first();
    const actionId = (await first.getAttribute('data-action-id'))!;
    await first.getByRole('button', { name: /verplaatsen$/ }).click();
    await page.getByRole('menuitem', { name: 'Naar Lopend' }).click();
    await page.locator(`section[data-column="in_progress"] li[data-action-id="${actionId}"][aria-busy="false"]`).waitFor();
    expect(await visibleColumns().getAttribute('data-column')).toBe('in_progress');
    expect(await page.getByRole('tab', { name: /^Lopend/ }).getAttribute('aria-selected')).toBe('true');
    await page.waitForFunction((id) => (globalThis as unknown as { document: { activeElement: { closest(s: string): { getAttribute(n: string): string | null } | null } | null } }).document.activeElement?.closest('li')?.getAttribute('data-action-id') === id, actionId);
    expect((await api()<{ status: string }>('GET', `/api/v1/actions/${actionId}`)).body.status).toBe('in_progress');
  });

  test('on a tablet every column shows, without a switcher', async () => {
    await page.setViewportSize({ width: TABLET, height: 1024 });
    await openView(page, server.url, `#/t/${trajectoryId}/board/${ids.domain}`, 'board');
    expect(await page.getByTestId('column-switcher').count()).toBe(0);
    expect(await visibleColumns().count()).toBe(5);
  });
});

describe('the phone layouts in the dark theme', () => {
  test.each([
    ['plan', `plan`],
    ['board', `board`],
  ])('%s at 390 px: Fluent tokens only, so axe finds no contrast problem', async (name, view) => {
    await page.setViewportSize({ width: PHONE, height: 844 });
    const hash = name === 'plan' ? `#/t/${trajectoryId}/plan` : `#/t/${trajectoryId}/board/${ids.domain}`;
    await openView(page, server.url, hash, view, '?theme=dark');
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-dark-390.png`), fullPage: false });
    await expectAccessible(page, `${name} dark 390`);
  });
});
