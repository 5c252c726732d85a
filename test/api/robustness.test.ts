import Fastify from 'fastify';
import { installErrorHandler } from '../../src/http/error-handler';
import { buildServer } from '../support/server';
import { MAX_URL_LENGTH } from '../../src/http/request-limits';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { fuzzShard } from '../support/route-fuzz';
import { invokeActivity } from '../support/teams-activities';
import { createTestApp, testConfig, type TestApp } from '../support/test-app';

/*
 * No input makes a 500: the cases the issue names, each checked for the field it must name,
 * and the first third of the generated route fuzz (the others are in robustness-shard-2 and -3).
 */
let t: TestApp;
let trajectoryId: string;
let domainId: string;
let operationalObjectiveId: string;
let actionId: string;
let bodyId: string;

beforeAll(async () => {
  t = await createTestApp();
  const tenant = demoTenants.beekvliet.id;
  const first = async (table: 'trajectory' | 'domain' | 'operationalObjective' | 'action' | 'body') =>
    (await t.db.db.selectFrom(table).select('id').where('tenantId', '=', tenant).orderBy('id').executeTakeFirstOrThrow()).id;
  trajectoryId = await first('trajectory');
  domainId = await first('domain');
  operationalObjectiveId = await first('operationalObjective');
  actionId = await first('action');
  bodyId = await first('body');
});
afterAll(() => t.close());

interface Problem {
  title: string;
  status: number;
  errors?: { path: string; message: string }[];
}

/** Sends JSON text as is (so that it may hold \ud800 or 1e309) as the coordinator. */
async function send(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: string) {
  return t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${await t.token('coordinator')}`, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(payload !== undefined ? { payload } : {}),
  });
}

/** A problem+json 400 naming exactly this field among its errors. */
async function expectFieldProblem(response: Awaited<ReturnType<typeof send>>, path: string): Promise<void> {
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = response.json<Problem>();
  expect({ status: response.statusCode, paths: problem.errors?.map((e) => e.path) }).toEqual({ status: 400, paths: expect.arrayContaining([path]) });
  expect(problem.title).toEqual(expect.any(String));
}

const trajectory = (fields: Record<string, unknown>) => JSON.stringify({ name: 'Traject', municipality: 'Beekvliet', periodStart: '2026-01-01', periodEnd: '2031-12-31', ...fields });

describe('text PostgreSQL cannot store is refused on its field', () => {
  test('NUL and lone surrogates in body fields, nested values and keys', async () => {
    await expectFieldProblem(await send('POST', '/api/v1/trajectories', trajectory({ name: 'Traject\u0000' })), 'body.name');
    await expectFieldProblem(await send('POST', '/api/v1/trajectories', trajectory({ name: undefined }).replace('{', '{"name":"half \\ud800 paar",')), 'body.name');
    await expectFieldProblem(await send('POST', '/api/v1/trajectories', trajectory({ mission: '\\udc00' }).replace('"\\\\udc00"', '"\\udc00"')), 'body.mission');
    const partners = await send('POST', `/api/v1/operational-objectives/${operationalObjectiveId}/actions`, JSON.stringify({ title: 'Actie', partners: ['CAW', 'OCMW\u0000'] }));
    await expectFieldProblem(partners, 'body.partners.1');
    await expectFieldProblem(await send('PATCH', `/api/v1/actions/${actionId}`, '{"title":"x","\\u0000":1}'), 'body.\\u0000');
  });

  test('in the query and in path parameters', async () => {
    await expectFieldProblem(await send('GET', `/api/v1/trajectories/${trajectoryId}/actions?q=a%00b`), 'query.q');
    await expectFieldProblem(await send('GET', '/api/v1/actions/%00'), 'params.id');
  });

  test('a body nested deeper than any input of ours is refused, not walked', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const res = await send('PATCH', `/api/v1/actions/${actionId}`, `{"partners":${deep}}`);
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().errors?.[0]?.message).toMatch(/nested more than/);
  });
});

describe('numbers beyond their columns are refused on their field', () => {
  test.each([
    ['position beyond int4', `/api/v1/domains/:domain`, '{"position":2147483648}', 'body.position'],
    ['negative position', `/api/v1/domains/:domain`, '{"position":-1}', 'body.position'],
    ['reminderDaysBefore 1e9', `/api/v1/trajectories/:trajectory`, '{"reminderDaysBefore":1000000000}', 'body.reminderDaysBefore'],
    ['budget that rounds to 10^10 in numeric(12,2)', `/api/v1/actions/:action`, '{"budget":9999999999.995}', 'body.budget'],
    ['budget 1e309 (Infinity)', `/api/v1/actions/:action`, '{"budget":1e309}', 'body.budget'],
    ['budget -1e309', `/api/v1/actions/:action`, '{"budget":-1e309}', 'body.budget'],
    ['position 1.5', `/api/v1/domains/:domain`, '{"position":1.5}', 'body.position'],
  ])('%s', async (_name, template, payload, path) => {
    const url = template.replace(':domain', domainId).replace(':trajectory', trajectoryId).replace(':action', actionId);
    await expectFieldProblem(await send('PATCH', url, payload), path);
  });

  test.each(['1e400', 'NaN', '-1', '99999999999999999999', 'Infinity'])('limit=%s', async (limit) => {
    await expectFieldProblem(await send('GET', `/api/v1/trajectories/${trajectoryId}/actions?limit=${limit}`), 'query.limit');
  });

  test('the largest budget numeric(12,2) holds is accepted', async () => {
    const res = await send('PATCH', `/api/v1/actions/${actionId}`, '{"budget":9999999999.99}');
    expect(res.statusCode).toBeLessThan(500);
    expect(res.json<Problem>().errors?.map((e) => e.path) ?? []).not.toContain('body.budget');
  });
});

describe('dates that are not real, or outside what PostgreSQL and JavaScript take, are refused on their field', () => {
  test.each(['0000-01-01', '99999-01-01', '2024-02-30', '2023-02-29', '2024-13-01', '1899-12-31', '3000-01-01', '+275760-09-13', '-000001-01-01'])('periodStart %s', async (date) => {
    await expectFieldProblem(await send('POST', '/api/v1/trajectories', trajectory({ periodStart: date })), 'body.periodStart');
  });

  test.each(['0000-01-01T00:00:00Z', '2024-02-30T10:00:00+01:00', '2999-12-31T23:00:00-12:00', '1900-01-01T00:30:00+01:00', '275760-09-13T00:00:00Z'])('a meeting that starts %s', async (startsAt) => {
    const res = await send('POST', `/api/v1/trajectories/${trajectoryId}/meetings`, JSON.stringify({ bodyId, title: 'Stuurgroep', startsAt, endsAt: '2026-06-01T20:00:00+02:00' }));
    await expectFieldProblem(res, 'body.startsAt');
  });

  test('the first and last day of the accepted range are dates', async () => {
    for (const dueDate of ['1900-01-01', '2999-12-31']) {
      const res = await send('PATCH', `/api/v1/actions/${actionId}`, JSON.stringify({ dueDate, startDate: null }));
      expect(res.json<Problem>().errors?.map((e) => e.path) ?? []).not.toContain('body.dueDate');
      expect(res.statusCode).toBeLessThan(500);
    }
  });
});

describe('URLs', () => {
  test(`an id longer than a route parameter usually is reaches its route: 400 on params.id, not a 404`, async () => {
    await expectFieldProblem(await send('GET', `/api/v1/actions/${'a'.repeat(500)}`), 'params.id');
  });

  test(`a URL over ${MAX_URL_LENGTH} characters answers 414 problem+json, whether the length is in the path or the query`, async () => {
    for (const url of [`/api/v1/actions/${'a'.repeat(MAX_URL_LENGTH)}`, `/api/v1/trajectories/${trajectoryId}/actions?q=${'a'.repeat(MAX_URL_LENGTH)}`, `/nergens/${'a'.repeat(MAX_URL_LENGTH)}`]) {
      const res = await send('GET', url);
      expect(res.statusCode).toBe(414);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json<Problem>().title).toBe('URI too long');
      expect(res.body.length).toBeLessThan(2000);
    }
  });

  test('a broken percent-escape answers 400 problem+json', async () => {
    for (const id of ['%E0%A4%A', '%ED%A0%80', '%zz']) {
      const res = await send('GET', `/api/v1/actions/${id}`);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });
});

describe('database errors that slip through still name what they can', () => {
  const thrown = async (error: unknown) => {
    const app = Fastify({ logger: false });
    installErrorHandler(app);
    app.get('/x', async () => {
      throw error;
    });
    const res = await app.inject({ method: 'GET', url: '/x' });
    await app.close();
    return res;
  };

  test.each([
    ['not-null violation', { code: '23502', column: 'due_date', table: 'action' }, 'body.dueDate'],
    ['check constraint named after its column', { code: '23514', table: 'action', constraint: 'action_status_check' }, 'body.status'],
    ['the order of a meeting’s start and end', { code: '23514', table: 'meeting', constraint: 'meeting_check' }, 'body.endsAt'],
    ['an unknown check over several columns', { code: '23514', table: 'thing', constraint: 'thing_check' }, 'body'],
    ['value too long', { code: '22001', message: 'value too long for type character varying(10)' }, 'body'],
    ['NUL in text', { code: '22021', message: 'invalid byte sequence for encoding "UTF8": 0x00' }, 'body'],
    ['bad escape in jsonb', { code: '22P05', message: 'unsupported Unicode escape sequence' }, 'body'],
    ['integer out of range', { code: '22003', message: 'integer out of range' }, 'body'],
    ['index row too large', { code: '54000', message: 'index row size exceeds btree maximum' }, 'body'],
  ])('%s answers 400', async (_name, error, path) => {
    const res = await thrown(Object.assign(new Error('pg'), error));
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json<Problem>().errors?.[0]?.path).toBe(path);
  });

  test.each([
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['connection reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['every address refused', Object.assign(new AggregateError([Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })], 'all failed'), {})],
    ['admin shutdown', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['crash shutdown', Object.assign(new Error('terminating connection because of crash of another server process'), { code: '57P02' })],
    ['starting up', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['connection exception', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['too many connections', Object.assign(new Error('sorry, too many clients already'), { code: '53300' })],
    ['connection terminated', new Error('Connection terminated unexpectedly')],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
  ])('%s answers 503 with Retry-After', async (_name, error) => {
    const res = await thrown(error);
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  test('anything else is still a 500: a bug is not hidden as bad input', async () => {
    expect((await thrown(new TypeError('x is undefined'))).statusCode).toBe(500);
  });
});

describe('POST /api/messages with what is not an activity', () => {
  const bodies: [string, string][] = [
    ['{}', '{}'],
    ['no type', JSON.stringify({ text: 'hallo', from: { id: '29:x' } })],
    ['a number', '42'],
    ['a string', '"message"'],
    ['an array', '[{"type":"message"}]'],
    ['null', 'null'],
    ['invalid JSON', '{"type":'],
    ['a type that is not a string', '{"type":{"$ne":null}}'],
    ['NUL in the text', JSON.stringify({ type: 'message', text: 'a\u0000b' })],
  ];

  test.each([
    ['dev mode (no BOT_ID)', {}],
    ['with BOT_ID and BOT_PASSWORD (botbuilder authenticates)', { BOT_ID: 'b0000000-0000-4000-8000-00000000b07b', BOT_PASSWORD: 'not-a-real-secret', BOT_TENANT_ID: demoTenants.beekvliet.id }],
  ])('%s: 400 or 401 problem+json, never 500', async (_mode, env) => {
    const { app } = await buildServer({ config: testConfig(env), db: t.db.db, logger: false });
    try {
      for (const [name, payload] of bodies) {
        const res = await app.inject({ method: 'POST', url: '/api/messages', headers: { 'content-type': 'application/json' }, payload });
        expect({ name, status: [400, 401].includes(res.statusCode), type: res.headers['content-type'] }).toEqual({ name, status: true, type: expect.stringMatching(/^application\/problem\+json/) });
        expect(res.json<Problem>().title).toEqual(expect.any(String));
      }
      // A well-formed activity without a token: 401 as a problem when botbuilder authenticates, accepted in
      // dev mode (an invoke, answered in the response: nothing goes out to the unreachable serviceUrl).
      const activity = invokeActivity({ tenantId: '99999999-0000-4000-8000-000000000000', serviceUrl: 'http://127.0.0.1:9/', user: { id: '29:x', name: 'X' } }, 'refreshAction', { actionId });
      const res = await app.inject({ method: 'POST', url: '/api/messages', payload: activity });
      if ('BOT_ID' in env) {
        expect(res.statusCode).toBe(401);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      } else {
        expect(res.statusCode).toBe(200);
        expect(res.json<{ statusCode: number }>().statusCode).toBe(403);
      }
    } finally {
      await app.close();
    }
  });

  test('card data the database cannot store is refused before it reaches the bot', async () => {
    const party = { tenantId: demoTenants.beekvliet.id, serviceUrl: 'http://127.0.0.1:9/', user: { id: '29:tom', name: 'Tom', aadObjectId: demoUsers.actionOwner } };
    const res = await t.app.inject({ method: 'POST', url: '/api/messages', payload: invokeActivity(party, 'updateAction', { actionId, version: 1, shownStatus: 'planned', progressNote: 'gedaan\u0000' }) });
    await expectFieldProblem(res, 'body.value.action.data.progressNote');
  });

  test('an Adaptive Card invoke without an action is a 400 invoke response, not a failed turn', async () => {
    const party = { tenantId: demoTenants.beekvliet.id, serviceUrl: 'http://127.0.0.1:9/', user: { id: '29:tom', name: 'Tom', aadObjectId: demoUsers.actionOwner } };
    for (const value of ['tekst', { trigger: 'manual' }, { action: 42 }]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/messages', payload: { ...invokeActivity(party, 'refreshAction', {}), value } });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ type: string }>().type).toBe('application/vnd.microsoft.error');
    }
  });
});

test('no generated request to the first third of the operations answers 5xx; every 4xx is problem+json with a title', () => fuzzShard(t, 0), 120_000);
