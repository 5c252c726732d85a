import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { meetingTexts } from '../../bot/i18n/meeting-texts';
import { statusName, texts } from '../../bot/i18n/texts';
import { signDevToken } from '../../src/auth/token-verifier';
import type { Config } from '../../src/config/config';
import { buildServer } from '../support/server';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { seedDemo } from '../../src/seed/demo-seed';
import { openStatuses } from '../../src/shared/enums';
import { chromiumArgs, loopbackOnly, playgroundChat, playgroundSelectors, startPlayground, type Playground } from '../support/playground';
import { testConfig } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

/*
 * The bot as a person meets it: the Microsoft 365 Agents Playground (a Teams-like chat page)
 * in real Chromium, talking to the real server and a fresh seeded database, as Tom Maes, the
 * demo action owner of .m365agentsplayground.yml. What he does on a card is checked on screen,
 * through the API and in the database.
 */
jest.setTimeout(180_000);

const SCREENSHOTS = path.resolve(__dirname, '../../test-results/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Long enough for a slow machine; a broken bot fails with a clear message well before jest's timeout. */
const UI_TIMEOUT = 30_000;
const tom = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.actionOwner, name: 'Tom Maes' };
/** The Playground's Teams speaks English (en-US): the bot answers in that language, even to Dutch command words. */
const words = texts.en;
const statusWord = (status: string): string => statusName('en', status);

let db: TestDatabase | undefined;
let app: FastifyInstance | undefined;
let config: Config;
let serverUrl: string;
let playground: Playground | undefined;
let context: BrowserContext | undefined;
let profile: string | undefined;
let page: Page;
let chat: ReturnType<typeof playgroundChat>;

/** What reached /api/messages, so the test can wait for the bot to be done instead of sleeping. */
const botTraffic = { inFlight: 0, handled: new Set<string>() };

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `playground-${name}.png`) });
}

/** Resolves once `check` holds; fails with `what` when it does not within the UI timeout. */
async function until(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + UI_TIMEOUT;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function tomsPersonId(): Promise<string> {
  return (await db!.db.selectFrom('person').select('id').where('entraObjectId', '=', tom.userId).executeTakeFirstOrThrow()).id;
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  db = await createTestDatabase();
  await seedDemo(db.db);
  config = testConfig();
  const built = await buildServer({ config, db: db.db, logger: false });
  app = built.app;
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/api/messages')) botTraffic.inFlight += 1;
  });
  app.addHook('onResponse', async (request) => {
    if (!request.url.startsWith('/api/messages')) return;
    botTraffic.inFlight -= 1;
    const type = (request.body as { type?: unknown } | undefined)?.type;
    if (typeof type === 'string') botTraffic.handled.add(type);
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the server has no TCP address');
  serverUrl = `http://127.0.0.1:${address.port}`;

  playground = await startPlayground({ botEndpoint: `${serverUrl}/api/messages` });
  profile = mkdtempSync(path.join(os.tmpdir(), 'kansrijk-playground-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: chromiumArgs,
    headless: true,
    viewport: { width: 1400, height: 1000 },
  });
  await loopbackOnly(context);
  page = context.pages()[0] ?? (await context.newPage());
  chat = playgroundChat(page, UI_TIMEOUT);
  page.setDefaultTimeout(UI_TIMEOUT);
  await page.goto(playground.url);
  await page.locator(playgroundSelectors.messageBox).waitFor({ timeout: UI_TIMEOUT });
  // Opening the personal chat installs the bot (installationUpdate and conversationUpdate),
  // which greets with cards of its own. Let that settle first, so that those greetings cannot
  // be taken for the answers below.
  await until('the bot to answer the installation', () => botTraffic.handled.has('installationUpdate') && botTraffic.handled.has('conversationUpdate') && botTraffic.inFlight === 0);
});

afterAll(async () => {
  // Every step runs even when an earlier one fails; the first failure is reported.
  const failures: unknown[] = [];
  const attempt = async (step: () => Promise<unknown> | undefined) => {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  };
  await attempt(() => context?.close());
  await attempt(async () => profile && rmSync(profile, { recursive: true, force: true }));
  await attempt(() => playground?.stop());
  await attempt(() => app?.close());
  await attempt(() => db?.close());
  if (failures.length) throw failures[0];
});

test('Playground smoke test: "help" answers with the help card', async () => {
  const en = texts.en;
  const mine = await chat.say('help');
  const card = chat.repliesTo(mine).first();
  await card.getByText(en.helpTitle, { exact: true }).waitFor({ timeout: UI_TIMEOUT });
  await card.scrollIntoViewIfNeeded();
  await shot('help');
  await expect(card.getByText(en.helpIntro, { exact: true }).isVisible()).resolves.toBe(true);
  // Every command as the person reads it, placeholders included.
  const titles = (await card.locator('.ac-fact-title').allInnerTexts()).map((t) => t.trim());
  const values = (await card.locator('.ac-fact-value').allInnerTexts()).map((t) => t.trim());
  expect(titles.map((title, i) => [title, values[i]])).toEqual(en.helpCommands);
});

test('"mijn acties" shows Tom\'s actions as cards, in his Teams language; a status changed on a card is saved', async () => {
  const personId = await tomsPersonId();
  const open = await db!.db.selectFrom('action').select(['id', 'title', 'status', 'version']).where('ownerId', '=', personId).where('status', 'in', [...openStatuses]).execute();
  expect(open.length).toBeGreaterThan(1);

  const mine = await chat.say('mijn acties');
  const replies = chat.repliesTo(mine);
  await replies.first().getByText(words.yourOpenActions(open.length), { exact: true }).waitFor({ timeout: UI_TIMEOUT });
  // The cards come in a carousel; the Playground draws the first card of a message only.
  const card = replies.filter({ has: page.getByRole('button', { name: words.save }) }).first();
  await card.waitFor({ timeout: UI_TIMEOUT });
  const title = (await card.locator('#title').innerText()).trim();
  const action = open.find((a) => a.title === title);
  if (!action) throw new Error(`the card "${title}" is not one of Tom's open actions: ${open.map((a) => a.title).join(' | ')}`);
  expect(open.filter((a) => a.title === title)).toHaveLength(1);
  await expect(chat.fact(card, words.owner).innerText()).resolves.toBe('Tom Maes');
  await expect(chat.fact(card, words.status).innerText()).resolves.toBe(statusWord(action.status));
  await card.scrollIntoViewIfNeeded();
  await shot('my-actions');

  // Tom marks it done and says why, the way he would in Teams.
  const note = 'Met de ouderraad alle facturen overlopen; de scholen passen hun sjabloon aan.';
  const status = card.getByRole('combobox', { name: words.newStatus });
  await expect(status.inputValue()).resolves.toBe(statusWord(action.status));
  await status.click();
  await page.getByRole('option', { name: statusWord('done'), exact: true }).click();
  await expect(status.inputValue()).resolves.toBe(statusWord('done'));
  await card.getByRole('textbox', { name: words.progressNote }).fill(note);
  await card.scrollIntoViewIfNeeded();
  await shot('card-filled');
  await card.getByRole('button', { name: words.save }).click();

  // The Playground swaps the card for the one the bot answers the invoke with.
  await card.getByText(words.saved, { exact: true }).waitFor({ timeout: UI_TIMEOUT });
  await expect(card.locator('#title').innerText()).resolves.toBe(title);
  await expect(chat.fact(card, words.status).innerText()).resolves.toBe(statusWord('done'));
  await expect(chat.fact(card, words.lastUpdate).innerText()).resolves.toContain(`Tom Maes: ${note}`);
  await expect(card.getByRole('combobox', { name: words.newStatus }).inputValue()).resolves.toBe(statusWord('done'));
  await card.scrollIntoViewIfNeeded();
  await shot('card-saved');

  // Through the API, as the tab would read it.
  const token = await signDevToken(config, tom);
  const response = await fetch(`${serverUrl}/api/v1/actions/${action.id}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  const read = (await response.json()) as { id: string; status: string; version: number };
  expect(read).toMatchObject({ id: action.id, status: 'done', version: action.version + 1 });

  // And in the database: one audited change by Tom, and a step on the action's timeline.
  const audit = await db!.db.selectFrom('auditLog').selectAll().where('entity', '=', 'action').where('entityId', '=', action.id).orderBy('id', 'desc').execute();
  expect(audit[0]).toMatchObject({ operation: 'update', actorUserId: tom.userId, actorName: 'Tom Maes' });
  expect(audit[0]!.changes).toMatchObject({ status: { from: action.status, to: 'done' }, progressNote: { to: note } });
  const updates = await db!.db.selectFrom('actionUpdate').selectAll().where('actionId', '=', action.id).where('note', '=', note).execute();
  expect(updates).toHaveLength(1);
  expect(updates[0]).toMatchObject({ authorPersonId: personId, authorName: 'Tom Maes', statusFrom: action.status, statusTo: 'done' });
});

test('"agenda" shows the agenda card of Tom\'s next meeting; a proposal made on it is saved and shown', async () => {
  const personId = await tomsPersonId();
  const mine = await chat.say('agenda');
  // "agenda" is the same word in both languages: the answer follows the Playground's locale (English).
  const m = meetingTexts.en;
  const card = chat.repliesTo(mine).filter({ has: page.getByRole('button', { name: m.propose }) }).first();
  await card.waitFor({ timeout: UI_TIMEOUT });
  const title = (await card.locator('#title').innerText()).trim();
  expect(title).toMatch(/^Agenda in preparation: /);
  const meeting = await db!.db.selectFrom('meeting').select(['id', 'title']).where('title', '=', title.replace(/^Agenda in preparation: /, '')).where('state', '=', 'planned').executeTakeFirstOrThrow();
  await card.scrollIntoViewIfNeeded();
  await shot('agenda-card');

  const topic = 'Zomeraanbod: kampen zonder meerkost';
  await card.getByRole('textbox', { name: m.itemTitle }).fill(topic);
  await card.getByRole('spinbutton', { name: m.itemMinutes }).fill('20');
  await card.scrollIntoViewIfNeeded();
  await shot('agenda-card-filled');
  await card.getByRole('button', { name: m.propose }).click();

  // The Playground swaps the card for the one the bot answers with: the proposal is on the agenda.
  await card.getByText(m.proposed(topic), { exact: true }).waitFor({ timeout: UI_TIMEOUT });
  await expect(card.getByText(`${m.kinds.discussion} · 20 min · ${m.proposedBy('Tom Maes')}`, { exact: true }).count()).resolves.toBeGreaterThan(0);
  await card.scrollIntoViewIfNeeded();
  await shot('agenda-card-proposed');

  const items = await db!.db.selectFrom('agendaItem').selectAll().where('meetingId', '=', meeting.id).where('title', '=', topic).execute();
  expect(items).toHaveLength(1);
  expect(items[0]).toMatchObject({ proposedBy: personId, durationMinutes: 20, kind: 'discussion' });
  const audit = await db!.db.selectFrom('auditLog').selectAll().where('entity', '=', 'agenda_item').where('entityId', '=', items[0]!.id).execute();
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({ operation: 'create', actorUserId: tom.userId });
});
