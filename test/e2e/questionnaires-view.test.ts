import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { sql } from 'kysely';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { launchBrowser, type Browser } from '../support/browser';
import { startLiveServer, type LiveServer } from '../support/live-server';
import { expectAccessible } from '../support/e2e';

/*
 * The questionnaires tab in Chromium: the list, a questionnaire's figures and answer forms as the
 * coordinator and as a trusted person sees them, in Dutch and English, at 390 and 1280 px.
 */
jest.setTimeout(180_000);

declare const document: { activeElement: { getAttribute(name: string): string | null } | null; documentElement: { lang: string; scrollWidth: number; clientWidth: number } };
declare const sessionStorage: { setItem(key: string, value: string): void };

const SCREENSHOTS = path.resolve(__dirname, '../../test-results/screenshots/questionnaires');
interface DevUser {
  tenantId: string;
  userId: string;
  name: string;
}
const coordinator: DevUser = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.coordinator, name: 'Lotte Peeters' };
const trustedPerson: DevUser = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.trustedPerson, name: 'Nadia Benali' };

interface Questionnaire {
  id: string;
  kind: string;
  answerCount: number;
  answeredByMe: boolean;
}

let server: LiveServer;
let browser: Browser;
let trajectoryId: string;
let satisfaction: Questionnaire;
let coordinatorToken: string;

async function api<T>(url: string, method = 'GET', body?: unknown, token = coordinatorToken): Promise<T> {
  const response = await fetch(`${server.url}${url}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  return (await response.json()) as T;
}

async function pageAs(user: DevUser, width: number): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.addInitScript((u) => sessionStorage.setItem('kansrijk.devUser', u), JSON.stringify(user));
  return page;
}

async function open(page: Page, hash: string, query = ''): Promise<void> {
  await page.goto(`${server.url}/tabs/index.html${query}${hash}`);
  await page.locator('[data-view="questionnaires"][data-ready="true"]').waitFor();
}


const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startLiveServer();
  coordinatorToken = await server.token(coordinator);
  trajectoryId = (await api<{ trajectories: { id: string }[] }>('/api/v1/me')).trajectories[0]!.id;
  satisfaction = (await api<Questionnaire[]>(`/api/v1/trajectories/${trajectoryId}/questionnaires`)).find((q) => q.kind === 'satisfaction')!;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.each([390, 1280])('at %i px', (width) => {
  test('the list and a questionnaire with its figures, in Dutch and English, accessible, no sideways scrolling', async () => {
    const page = await pageAs(coordinator, width);
    try {
      await open(page, `#/t/${trajectoryId}/questionnaires`);
      await page.getByRole('link', { name: 'Hoe was het voor jou?' }).waitFor();
      expect(await page.getByText('Tevredenheidsmeting').count()).toBeGreaterThan(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, `tab-list-nl-${width}.png`), fullPage: true });
      expect(await noSidewaysScroll(page)).toBe(true);
      await expectAccessible(page, `list ${width}`);

      await page.getByRole('link', { name: 'Hoe was het voor jou?' }).click();
      await page.getByRole('heading', { name: 'Resultaten' }).waitFor();
      // Seven answers: averages and distributions; open answers only among the single answers.
      await page.getByText('Gemiddelde: 4,29 op 5').first().waitFor();
      expect(await page.getByText('Gemiddelde: 4,29 op 5').count()).toBe(2);
      expect(await page.getByText('Open vraag: de antwoorden leest alleen de coördinator.').count()).toBe(1);
      await page.getByRole('button', { name: 'Toon afzonderlijke antwoorden' }).click();
      await page.getByText('Mijn zoon durfde eerst niet, nu gaat hij graag.').waitFor();
      expect(await noSidewaysScroll(page)).toBe(true);
      await expectAccessible(page, `detail ${width}`);
      await page.screenshot({ path: path.join(SCREENSHOTS, `tab-detail-nl-${width}.png`), fullPage: true });

      await open(page, `#/t/${trajectoryId}/questionnaires/${satisfaction.id}`, '?lang=en');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      await page.getByRole('heading', { name: 'Results' }).waitFor();
      await page.getByText('How satisfied are you with this action?').first().waitFor();
      expect(await noSidewaysScroll(page)).toBe(true);
      await expectAccessible(page, `detail en ${width}`);
      await page.screenshot({ path: path.join(SCREENSHOTS, `tab-detail-en-${width}.png`), fullPage: true });
    } finally {
      await page.close();
    }
  });
});

test('the coordinator answers by keyboard and makes one-time links; a new questionnaire starts from a template', async () => {
  const page = await pageAs(coordinator, 1280);
  try {
    await open(page, `#/t/${trajectoryId}/questionnaires/${satisfaction.id}`);
    const own = page.locator('section[aria-labelledby="questionnaire-own"]');
    await own.getByRole('radio', { name: '1' }).first().focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    expect(await own.getByRole('radio', { name: '4' }).first().isChecked()).toBe(true);
    await own.getByLabel('4. Wat kunnen we beter doen?').focus();
    await page.keyboard.type('Meer plaatsen in de zomer');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await own.getByText('Antwoorden opgeslagen. Bedankt!').waitFor();
    const after = await api<Questionnaire>(`/api/v1/questionnaires/${satisfaction.id}`);
    expect(after).toMatchObject({ answerCount: satisfaction.answerCount + 1, answeredByMe: true });

    const links = page.locator('section[aria-labelledby="questionnaire-links"]');
    await links.getByLabel('Aantal links').fill('2');
    await links.getByRole('button', { name: 'Links maken' }).click();
    await links.getByLabel('Link 2').waitFor();
    const url = await links.getByLabel('Link 1').inputValue();
    expect(url).toMatch(/\/q\/[A-Za-z0-9_-]{22}$/);
    await expectAccessible(page, 'links made');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tab-links-1280.png'), fullPage: true });

    await open(page, `#/t/${trajectoryId}/questionnaires`);
    const create = page.locator('section[aria-labelledby="questionnaires-new"]');
    await create.getByRole('radio', { name: 'Resultaatmeting' }).check();
    await create.getByRole('button', { name: 'Aanmaken vanuit sjabloon' }).click();
    await page.getByRole('heading', { name: 'Wat is er veranderd?' }).waitFor();
    expect(page.url()).toMatch(/#\/t\/[^/]+\/questionnaires\/[0-9a-f-]{36}$/);
  } finally {
    await page.close();
  }
});

test("a trusted person enters a parent's answers; the parent is recorded as taking part, the answers carry no name", async () => {
  const { rows } = await sql<{ id: string; displayName: string }>`select p.id, p.display_name from person p
      join membership m on m.tenant_id = p.tenant_id and m.person_id = p.id and m.role = 'parent'
      where p.tenant_id = ${demoTenants.beekvliet.id} and p.trusted_person_id = (select id from person where entra_object_id = ${demoUsers.trustedPerson})
        and not exists (select 1 from questionnaire_participation qp where qp.person_id = p.id and qp.questionnaire_id = ${satisfaction.id})
      order by p.display_name limit 1`.execute(server.db.db);
  const parent = rows[0]!;
  const page = await pageAs(trustedPerson, 390);
  try {
    await open(page, `#/t/${trajectoryId}/questionnaires/${satisfaction.id}`);
    const proxy = page.locator('section[aria-labelledby="questionnaire-proxy"]');
    await proxy.getByLabel('Ouder').selectOption({ label: parent.displayName });
    await proxy.getByRole('radio', { name: '5' }).first().check();
    await proxy.getByRole('radio', { name: 'Een beetje' }).check();
    expect(await noSidewaysScroll(page)).toBe(true);
    await expectAccessible(page, 'proxy 390');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tab-proxy-390.png'), fullPage: true });
    await proxy.getByRole('button', { name: 'Antwoorden versturen' }).click();
    await proxy.getByText(`Antwoorden van ${parent.displayName} opgeslagen`).waitFor();
    const participation = await sql<{ indirect: boolean }>`select indirect from questionnaire_participation where person_id = ${parent.id} and questionnaire_id = ${satisfaction.id}`.execute(server.db.db);
    expect(participation.rows).toEqual([{ indirect: true }]);
    // A trusted person does not see single answers (only the coordinator does).
    expect(await page.getByRole('heading', { name: /Afzonderlijke antwoorden/ }).count()).toBe(0);
  } finally {
    await page.close();
  }
});
