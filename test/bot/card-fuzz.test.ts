import fc from 'fast-check';
import { verbs } from '../../bot/cards/verbs';
import { actionStatuses, reminderLevels } from '../../src/shared/enums';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { FUZZ_SEED, JsonObject, judge, nastyString, nastyValue, RawJson, serialise } from '../support/openapi-fuzz';
import { createTestApp, type TestApp } from '../support/test-app';

/*
 * Every Action.Execute verb of the bot's cards, invoked over /api/messages (dev mode, as Teams
 * would) with card data that is garbage: no invoke may fail the turn, and a refused one says so.
 */
const RUNS_PER_VERB = 500;
const RUNS_OF_ENVELOPES = 400;
const IN_FLIGHT = 4;

let t: TestApp;
let actionIds: string[];
let trajectoryIds: string[];

beforeAll(async () => {
  t = await createTestApp();
  actionIds = (await t.db.db.selectFrom('action').select('id').where('tenantId', '=', demoTenants.beekvliet.id).orderBy('id').limit(12).execute()).map((r) => r.id);
  trajectoryIds = (await t.db.db.selectFrom('trajectory').select('id').orderBy('id').execute()).map((r) => r.id);
});
afterAll(() => t.close());

/** Who clicks: demo users of every role, a Teams user Kansrijk does not know, one without an Entra id. */
const senders = fc.constantFrom<{ id: string; name: string; aadObjectId?: string }>(
  ...Object.entries(demoUsers).map(([name, aadObjectId]) => ({ id: `29:${name}`, name, aadObjectId })),
  { id: '29:stranger', name: 'Onbekend', aadObjectId: 'c3000000-0000-4000-8000-00000000beef' },
  { id: '29:anonymous', name: 'Anoniem' },
);

/** Stands for the current version of the action the data names; filled in just before sending. */
const CURRENT = 'current-version';

async function withCurrentVersion(data: JsonObject): Promise<JsonObject> {
  const actionId = data.entries.find(([k]) => k === 'actionId')?.[1];
  if (!data.entries.some(([k, v]) => k === 'version' && v === CURRENT)) return data;
  const row = typeof actionId === 'string' && actionIds.includes(actionId) ? await t.db.db.selectFrom('action').select('version').where('id', '=', actionId).executeTakeFirst() : undefined;
  return new JsonObject(data.entries.map(([k, v]): [string, unknown] => [k, k === 'version' && v === CURRENT ? (row?.version ?? 1) : v]));
}

function cardData(): fc.Arbitrary<JsonObject> {
  const action = fc.constantFrom(...actionIds);
  const valid: Record<string, fc.Arbitrary<unknown>> = {
    actionId: action,
    trajectoryId: fc.constantFrom(...trajectoryIds),
    // Mostly the action's version at the time of sending (see CURRENT), so that updates get through to the database.
    version: fc.oneof({ weight: 4, arbitrary: fc.constant(CURRENT) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 5 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 5 }).map(String) }),
    shownStatus: fc.constantFrom(...actionStatuses),
    shownDueDate: fc.constantFrom('', '2026-05-31', '2026-01-15'),
    followUpId: fc.uuid(),
    status: fc.constantFrom(...actionStatuses),
    progressNote: fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom("=cmd|' /C calc'!A0", 'x'.repeat(2001))),
    dueDate: fc.constantFrom('2026-06-30', '1900-01-01', '2999-12-31', ''),
    reminders: fc.constantFrom(...reminderLevels),
    lang: fc.constantFrom('nl', 'en'),
  };
  const entries = Object.entries(valid).map(([key, arb]) =>
    fc
      .oneof({ weight: 6, arbitrary: arb }, { weight: 2, arbitrary: nastyValue }, { weight: 1, arbitrary: fc.constant(undefined) })
      .map((value): [string, unknown] => [key, value]),
  );
  const extra = fc.array(fc.tuple(fc.constantFrom('verb', '__proto__', 'constructor', '\u0000', 'x'), nastyValue), { maxLength: 2 });
  return fc.tuple(fc.tuple(...entries), extra).map(([fields, more]) => new JsonObject([...fields.filter(([, v]) => v !== undefined), ...more]));
}

function invoke(sender: { id: string; name: string; aadObjectId?: string }, tenantId: string, value: unknown): JsonObject {
  return new JsonObject([
    ['type', 'invoke'],
    ['name', 'adaptiveCard/action'],
    ['id', 'fuzz'],
    ['channelId', 'msteams'],
    // Nothing is sent there: an invoke is answered in the HTTP response.
    ['serviceUrl', 'http://127.0.0.1:9/'],
    ['timestamp', '2026-03-02T09:00:00.000Z'],
    ['locale', 'nl-BE'],
    ['from', sender],
    ['recipient', { id: '28:kansrijk-bot', name: 'Kansrijk' }],
    ['conversation', { id: `a:personal-${sender.id}`, conversationType: 'personal', tenantId, isGroup: false }],
    ['channelData', { tenant: { id: tenantId } }],
    ['value', value],
  ]);
}

/**
 * An invoke may be refused: as problem+json before it reaches the bot, or in an Adaptive Card
 * invoke response (its statusCode is the HTTP status; Teams shows its message). It may not fail.
 */
function judgeInvoke(res: Awaited<ReturnType<TestApp['app']['inject']>>): string | undefined {
  if (res.statusCode >= 500) return `answered ${res.statusCode}: ${res.body.slice(0, 300)}`;
  const type = String(res.headers['content-type'] ?? '');
  if (res.statusCode >= 400 && type.startsWith('application/problem+json')) return judge(res, { objectBody: false });
  if (!type.startsWith('application/json')) return `answered ${res.statusCode} as ${type}: ${res.body.slice(0, 300)}`;
  const body = JSON.parse(res.body) as { statusCode?: unknown; type?: unknown };
  if (typeof body.statusCode !== 'number' || body.statusCode >= 500) return `the invoke response says ${String(body.statusCode)}: ${res.body.slice(0, 300)}`;
  if (typeof body.type !== 'string') return `the invoke response has no type: ${res.body.slice(0, 300)}`;
  if (body.type === 'application/vnd.microsoft.error' && res.statusCode < 400) return `an error invoke response answered ${res.statusCode}`;
  return undefined;
}

async function send(payload: string): Promise<Awaited<ReturnType<TestApp['app']['inject']>>> {
  return t.app.inject({ method: 'POST', url: '/api/messages', headers: { 'content-type': 'application/json' }, payload });
}

async function check(arbitrary: fc.Arbitrary<JsonObject>, runs: number, seed: number, label: string, prepare: (a: JsonObject) => Promise<JsonObject> = async (a) => a): Promise<number> {
  let failure = '';
  let sent = 0;
  try {
    await fc.assert(
      // A few invokes in flight at once, as several people click at the same moment.
      fc.asyncProperty(fc.array(arbitrary, { minLength: IN_FLIGHT, maxLength: IN_FLIGHT }), async (batch) => {
        const results = await Promise.all(
          batch.map(async (activity) => {
            sent += 1;
            const payload = serialise(await prepare(activity));
            try {
              return { payload, wrong: judgeInvoke(await send(payload)) };
            } catch (error) {
              return { payload, wrong: `the request failed: ${error instanceof Error ? error.message : String(error)}` };
            }
          }),
        );
        const bad = results.find((r) => r.wrong !== undefined);
        // The envelope is the same every time; the value is what varies.
        if (bad) failure = `${bad.payload.slice(bad.payload.indexOf('"from"'), bad.payload.indexOf('"from"') + 140)}… ${bad.payload.slice(bad.payload.indexOf('"value"'), bad.payload.indexOf('"value"') + 1200)}\n  → ${bad.wrong!}`;
        return bad === undefined;
      }),
      { seed, numRuns: Math.ceil(runs / IN_FLIGHT) },
    );
  } catch (error) {
    throw new Error(`${label} (FUZZ_SEED=${FUZZ_SEED}, seed ${seed}): ${failure}\n${error instanceof Error ? error.message.split('\n').slice(0, 3).join('\n') : String(error)}`);
  }
  return sent;
}

/** The invoke's action data with CURRENT replaced by the version in the database. */
async function prepareInvoke(activity: JsonObject): Promise<JsonObject> {
  const map = async (node: unknown, key: string): Promise<unknown> => {
    if (!(node instanceof JsonObject)) return node;
    if (key === 'data') return withCurrentVersion(node);
    return new JsonObject(await Promise.all(node.entries.map(async ([k, v]): Promise<[string, unknown]> => [k, await map(v, k)])));
  };
  return (await map(activity, '')) as JsonObject;
}

test('every card verb, invoked with garbage data by users of every role, answers an invoke response and never fails', async () => {
  const started = Date.now();
  let total = 0;
  for (const [i, verb] of verbs.entries()) {
    const activities = fc
      .tuple(senders, fc.constantFrom(demoTenants.beekvliet.id, demoTenants.beekvliet.id, demoTenants.beekvliet.id, demoTenants.heidebos.id), cardData(), fc.constantFrom('manual', 'automatic'))
      .map(([sender, tenantId, data, trigger]) => invoke(sender, tenantId, new JsonObject([['action', new JsonObject([['type', 'Action.Execute'], ['verb', verb], ['data', data]])], ['trigger', trigger]])));
    const sent = await check(activities, RUNS_PER_VERB, FUZZ_SEED + i, `verb ${verb}`, prepareInvoke);
    expect(sent).toBe(RUNS_PER_VERB);
    total += sent;
  }
  console.log(`card fuzz: ${total} invokes over ${verbs.length} verbs in ${Date.now() - started} ms`);
}, 120_000);

test('invokes whose envelope is garbage (value, action, verb, data of the wrong shape) never fail', async () => {
  const garbage = fc.oneof(nastyValue, fc.constant(new RawJson('{"action":{"type":"Action.Execute"}}')));
  const value = fc.oneof(
    garbage,
    fc.tuple(fc.oneof(fc.constantFrom(...verbs), nastyString), garbage).map(([verb, data]) => new JsonObject([['action', new JsonObject([['type', 'Action.Execute'], ['verb', verb], ['data', data]])]])),
    fc.tuple(fc.oneof(fc.constantFrom('Action.Submit', 'Action.Execute'), nastyValue), garbage).map(([type, action]) => new JsonObject([['action', action], ['type', type]])),
  );
  const activities = fc.tuple(senders, value).map(([sender, v]) => invoke(sender, demoTenants.beekvliet.id, v));
  expect(await check(activities, RUNS_OF_ENVELOPES, FUZZ_SEED - 1, 'invoke envelope')).toBe(RUNS_OF_ENVELOPES);
}, 60_000);
