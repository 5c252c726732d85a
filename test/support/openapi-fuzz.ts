import fc from 'fast-check';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import type { TestApp } from './test-app';

/*
 * Requests generated from the OpenAPI document: every operation, with path ids of real rows,
 * random and garbage ids, query and body values drawn from the operation's JSON schema and then
 * spoiled (NUL, lone surrogates, spreadsheet formulas, huge and non-finite numbers, impossible
 * dates, deep nesting, wrong types, extra fields), sent with tokens of users in every role.
 */

export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_260_601);

export interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonSchema;
}

interface OpenApiOperation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

export interface Operation {
  /** "PATCH /api/v1/actions/{id}" */
  key: string;
  method: string;
  path: string;
  pathParams: string[];
  query: Parameter[];
  body: JsonSchema | undefined;
}

export async function openApiOf(t: TestApp): Promise<OpenApiDocument> {
  const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  if (res.statusCode !== 200) throw new Error(`openapi.json: ${res.statusCode}`);
  return res.json<OpenApiDocument>();
}

/** Every operation, deletes last (and the trajectory's own delete at the very end), so that most requests meet live rows. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const parameters = op.parameters ?? [];
      ops.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters.filter((p) => p.in === 'query'),
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  const rank = (op: Operation): number => (op.method !== 'DELETE' ? 0 : op.path.split('/').length > 4 ? 1 : 2);
  return ops.sort((a, b) => rank(a) - rank(b) || a.key.localeCompare(b.key));
}

/** Operation i goes to shard i % count: the shards partition the document, whatever it holds. */
export function shardOf<T>(items: T[], shard: number, count: number): T[] {
  return items.filter((_item, i) => i % count === shard);
}

/** A piece of JSON text sent as is: numbers JSON.stringify cannot write (1e309), nesting too deep to build. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** An object as a list of entries, so that keys like __proto__ are sent as keys. */
export class JsonObject {
  constructor(readonly entries: [string, unknown][]) {}
}

export function serialise(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (value instanceof JsonObject) return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${serialise(v)}`).join(',')}}`;
  if (Array.isArray(value)) return `[${value.map(serialise).join(',')}]`;
  return JSON.stringify(value) ?? 'null';
}

/** Percent-encodes anything; a lone surrogate becomes its (invalid) three UTF-8-style bytes. */
export function encodePart(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(text[i]!);
    }
  }
  return out;
}

const long = (n: number, unit = 'x'): string => unit.repeat(n);

export const nastyStrings: string[] = [
  '\u0000',
  'titel\u0000met NUL',
  '\ud800',
  'half \udc00 paar',
  '\udfff\ud800',
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("http://x","klik")',
  '+SUM(1;1)',
  '@SUM(A1)',
  '-1+1',
  "'; drop table action; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  '%',
  '\u202eevil',
  '😀',
  'e\u0301',
  '',
  ' ',
  '\t\n',
  'null',
  'true',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x1F',
  '2147483648',
  '-2147483649',
  '99999999999999999999999',
  long(301),
  long(5001),
  long(100_000, 'ä'),
  '0000-01-01',
  '99999-01-01',
  '2024-02-30',
  '2023-02-29',
  '2024-13-01',
  '1899-12-31',
  '3000-01-01',
  '+275760-09-13',
  '-271821-04-20',
  '0000-01-01T00:00:00Z',
  '2999-12-31T23:00:00-12:00',
  '1900-01-01T00:30:00+01:00',
  '9999-12-31T23:59:59Z',
  '2024-02-30T10:00:00+01:00',
  '2024-06-01T25:00:00Z',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'A1000000-0000-4000-8000-000000000001',
  '7d1f3c52-8a4b-4e0f-9c21-5b6a1e9f0a1',
];

const nastyNumbers: unknown[] = [
  0,
  -0,
  -1,
  1.5,
  0.1,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  2 ** 53 + 2,
  1e308,
  -1e308,
  5e-324,
  9_999_999_999.99,
  9_999_999_999.995,
  1e10,
  1e20,
  new RawJson('1e309'),
  new RawJson('-1e309'),
  new RawJson('1e-400'),
  new RawJson('123456789012345678901234567890'),
  new RawJson('-0.0e0'),
];

const deepArray = (depth: number): RawJson => new RawJson(`${'['.repeat(depth)}${']'.repeat(depth)}`);
const deepObject = (depth: number): RawJson => new RawJson(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
const deepValues = [deepArray(40), deepObject(40), deepArray(1000), deepArray(100_000), deepObject(5000)];

/** Characters that break things, strung together into new strings. */
const nastyUnit = fc.constantFrom('a', 'Z', ' ', '\u0000', '\ud800', '\udc00', '😀', '=', '%', '"', '\\', '/', '\n', 'é', '\u202e', '<');

export const nastyString: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...nastyStrings), fc.string({ unit: nastyUnit, maxLength: 30 }));

export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 3, arbitrary: fc.constantFrom(...nastyNumbers) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(null, true, false, [], new JsonObject([]), [null], new JsonObject([['$ne', null]])) },
  { weight: 1, arbitrary: fc.constantFrom(...deepValues) },
);

const extraKeys = fc.constantFrom('__proto__', 'constructor', 'prototype', 'tenantId', 'id', 'version', 'trajectoryId', 'createdAt', 'extra', '\u0000', '\ud800', 'a.b', '');

/** Strings any text field must take as they are: formulas are data, not commands, and so are scripts. */
const validStrings = [
  "=cmd|' /C calc'!A0",
  '=1+1',
  '+32 470 12 34 56',
  '-',
  '@team',
  '<b>vet</b>',
  '😀 e\u0301 \u202e',
  "O'Brien; drop table action",
  'x'.repeat(160),
  'x'.repeat(300),
  'ä'.repeat(2000),
  'x'.repeat(5000),
];

const dateText = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true });

function alternatives(schema: JsonSchema): JsonSchema[] | undefined {
  return schema.anyOf ?? schema.oneOf;
}

function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type[0] : schema.type;
}

/** A value the schema accepts (as far as JSON Schema can say; refinements are not in it). */
export function validValue(schema: JsonSchema, ids: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  const alts = alternatives(schema);
  if (alts?.length) return fc.oneof(...alts.map((s) => validValue(s, ids)));
  if (schema.allOf?.length) return validValue(schema.allOf[0]!, ids);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  if ('const' in schema) return fc.constant(schema.const);
  switch (typeOf(schema)) {
    case 'string': {
      if (schema.format === 'uuid') return ids;
      if (schema.format === 'date') return fc.oneof(dateText.map((d) => d.toISOString().slice(0, 10)), fc.constantFrom('1900-01-01', '2999-12-31', '2024-02-29'));
      if (schema.format === 'date-time') {
        return fc.oneof(dateText.map((d) => d.toISOString()), fc.constantFrom('1900-01-01T00:00:00Z', '2999-12-31T23:59:59Z', '2026-03-29T02:30:00+01:00', '2026-06-01T12:00:00.123456+14:00'));
      }
      const min = schema.minLength ?? 0;
      const max = schema.maxLength ?? 10_000;
      const edgy = validStrings.filter((v) => v.length >= min && v.length <= max && (min === 0 || v.trim().length > 0));
      const plain = fc.string({ minLength: min, maxLength: Math.max(min, Math.min(max, 40)) });
      return edgy.length ? fc.oneof({ weight: 3, arbitrary: plain }, { weight: 1, arbitrary: fc.constantFrom(...edgy) }) : plain;
    }
    case 'integer': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000);
      const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1000);
      return fc.oneof(fc.integer({ min: Math.max(min, -1e6), max: Math.min(max, 1e6) }), fc.constantFrom(min, max));
    }
    case 'number': {
      const min = schema.minimum ?? -1e6;
      const max = schema.maximum ?? 1e6;
      return fc.oneof(fc.double({ min: Math.max(min, -1e6), max: Math.min(max, 1e6), noNaN: true, noDefaultInfinity: true }), fc.constantFrom(min, max, 0.005, -0));
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(schema.items ? validValue(schema.items, ids) : fc.string(), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) });
    case 'object': {
      const props = Object.entries(schema.properties ?? {});
      const required = new Set(schema.required ?? []);
      return fc
        .tuple(...props.map(([name, s]) => (required.has(name) ? validValue(s, ids) : fc.option(validValue(s, ids), { nil: undefined, freq: 2 })).map((v): [string, unknown] => [name, v])))
        .map((entries) => new JsonObject(entries.filter(([, v]) => v !== undefined)));
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Mostly what the schema wants, with fields spoiled, dropped, duplicated in type or added. */
export function spoiledValue(schema: JsonSchema, ids: fc.Arbitrary<string>, depth = 0): fc.Arbitrary<unknown> {
  const valid = validValue(schema, ids);
  if (depth > 3) return valid;
  const type = typeOf(schema);
  if (type === 'object' && schema.properties) {
    const props = Object.entries(schema.properties);
    const fields = props.map(([name, s]) =>
      fc
        .oneof(
          { weight: 3, arbitrary: validValue(s, ids) },
          { weight: 2, arbitrary: spoiledValue(s, ids, depth + 1) },
          { weight: 1, arbitrary: fc.constant(undefined) },
        )
        .map((v): [string, unknown] => [name, v]),
    );
    const spoiledObject = fc
      .tuple(fc.tuple(...fields), fc.array(fc.tuple(extraKeys, nastyValue), { maxLength: 2 }))
      .map(([entries, extra]) => new JsonObject([...entries.filter(([, v]) => v !== undefined), ...extra]));
    // One field spoiled, the others valid: each field's validation is reached on its own.
    const oneSpoiled = fc.integer({ min: 0, max: props.length }).chain((index) =>
      fc.tuple(fc.tuple(...props.map(([name, s], i) => (i === index ? spoiledValue(s, ids, depth + 1) : validValue(s, ids)).map((v): [string, unknown] => [name, v]))), fc.tuple(extraKeys, nastyValue)).map(
        ([entries, extra]) => new JsonObject(index === props.length ? [...entries, extra] : entries),
      ),
    );
    // A whole body of the wrong type comes from the caller (bodyPart), not from here.
    const wrongType = depth === 0 ? [] : [{ weight: 1, arbitrary: nastyValue }];
    return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 4, arbitrary: oneSpoiled }, { weight: 2, arbitrary: spoiledObject }, ...wrongType);
  }
  if (type === 'array' && schema.items) {
    const items = schema.items;
    return fc.oneof(
      valid,
      fc.array(spoiledValue(items, ids, depth + 1), { maxLength: 4 }),
      fc.integer({ min: 51, max: 300 }).chain((n) => fc.constant(Array.from({ length: n }, () => 'x'))),
      nastyValue,
    );
  }
  if (type === 'string' && !schema.format && !schema.enum) {
    // Valid by the schema (length, type) yet unstorable: one character swapped for NUL or half a surrogate pair.
    const poisoned = fc
      .tuple(valid, fc.nat(), fc.constantFrom('\u0000', '\ud800', '\udfff'))
      .map(([text, at, bad]) => (typeof text === 'string' && text.length ? `${text.slice(0, at % text.length)}${bad}${text.slice((at % text.length) + 1)}` : bad));
    return fc.oneof({ weight: 2, arbitrary: valid }, { weight: 2, arbitrary: poisoned }, { weight: 2, arbitrary: nastyValue });
  }
  return fc.oneof({ weight: 2, arbitrary: valid }, { weight: 3, arbitrary: nastyValue });
}

export interface FuzzContext {
  /** Ids of real rows of every table with a uuid `id`, plus the demo users' and tenants' ids. */
  realIds: string[];
  /** The same per collection as URLs name it (`strategic-objectives`), for the id that follows it in a path. */
  idsByCollection: Map<string, string[]>;
  /** Bearer tokens: every demo user, a stranger in a registered tenant, a user of an unregistered tenant. */
  tokens: string[];
}

export async function fuzzContext(t: TestApp): Promise<FuzzContext> {
  const tables = await sql<{ name: string; tenanted: boolean }>`
    select c.table_name as name, exists (
      select from information_schema.columns t where t.table_schema = 'public' and t.table_name = c.table_name and t.column_name = 'tenant_id'
    ) as tenanted
    from information_schema.columns c
    where c.table_schema = 'public' and c.column_name = 'id' and c.data_type = 'uuid'`.execute(t.db.db);
  const realIds: string[] = [...Object.values(demoUsers), ...Object.values(demoTenants).map((x) => x.id)];
  const idsByCollection = new Map<string, string[]>();
  for (const { name, tenanted } of tables.rows) {
    // The rows of the tenant most tokens belong to; another tenant's only now and then, among all ids.
    const mine = tenanted ? sql`where tenant_id = ${demoTenants.beekvliet.id}` : sql``;
    const rows = await sql<{ id: string }>`select id from ${sql.table(name)} ${mine} order by id limit 8`.execute(t.db.db);
    const other = tenanted ? await sql<{ id: string }>`select id from ${sql.table(name)} where tenant_id <> ${demoTenants.beekvliet.id} order by id limit 1`.execute(t.db.db) : { rows: [] };
    const ids = rows.rows.map((r) => r.id);
    realIds.push(...ids, ...other.rows.map((r) => r.id));
    if (ids.length) idsByCollection.set(collectionOf(name), ids);
  }
  const tokens = await Promise.all((Object.keys(demoUsers) as (keyof typeof demoUsers)[]).map((user) => t.token(user)));
  tokens.push(await t.token({ tenantId: demoTenants.beekvliet.id, userId: 'c3000000-0000-4000-8000-00000000beef', name: 'Stranger' }));
  tokens.push(await t.token({ tenantId: '99999999-0000-4000-8000-000000000000', userId: demoUsers.coordinator, name: 'Elsewhere' }));
  return { realIds, idsByCollection, tokens };
}

/** strategic_objective → strategic-objectives, person → people, body → bodies. */
function collectionOf(table: string): string {
  const dashed = table.replace(/_/g, '-');
  if (dashed.endsWith('person')) return `${dashed.slice(0, -'person'.length)}people`;
  if (/[^aeiou]y$/.test(dashed)) return `${dashed.slice(0, -1)}ies`;
  return `${dashed}s`;
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload: string | undefined;
  /** The body was a JSON object, so a problem about it should name a field. */
  objectBody: boolean;
}

const garbageIds = fc.oneof(
  nastyString.filter((s) => s.length < 2000),
  fc.string({ maxLength: 60 }),
  fc.constantFrom(long(200), long(9000), 'x'.repeat(101), '..', '.', '%2F', 'a/b', '%zz', '%E0%A4%A', '%ED%A0%80'),
);

function pathValue(ctx: FuzzContext, collection: string | undefined): fc.Arbitrary<string> {
  const own = (collection && ctx.idsByCollection.get(collection)) || ctx.realIds;
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...own).map(encodePart) },
    { weight: 1, arbitrary: fc.constantFrom(...ctx.realIds).map(encodePart) },
    { weight: 2, arbitrary: fc.uuid().map(encodePart) },
    // Some garbage goes unencoded on purpose: broken percent-escapes, slashes, dots.
    { weight: 2, arbitrary: garbageIds.map((g) => (/^(%zz|%E0%A4%A|%ED%A0%80|a\/b|\.\.?)$/.test(g) ? g : encodePart(g))) },
  );
}

function queryText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (value instanceof JsonObject || Array.isArray(value)) return serialise(value).slice(0, 200);
  return typeof value === 'string' ? value.slice(0, 9000) : String(value);
}

function queryPart(ctx: FuzzContext, params: Parameter[]): fc.Arbitrary<string> {
  const ids = fc.constantFrom(...ctx.realIds);
  const one = (p: Parameter) =>
    fc.option(
      fc.oneof(
        { weight: 3, arbitrary: validValue(p.schema ?? {}, ids).map((v) => [queryText(v)]) },
        { weight: 2, arbitrary: nastyValue.map((v) => [queryText(v)]) },
        { weight: 1, arbitrary: fc.array(nastyString.map((s) => s.slice(0, 100)), { minLength: 2, maxLength: 3 }) },
      ).map((values) => values.map((v) => `${encodePart(p.name)}=${encodePart(v)}`).join('&')),
      { nil: undefined, freq: 3 },
    );
  const extraParam = fc
    .tuple(fc.constantFrom('limit', 'tenantId', 'x', '\u0000', 'q[]', 'a[b]'), nastyString.map((v) => v.slice(0, 500)))
    .map(([k, v]) => `${encodePart(k)}=${encodePart(v)}`);
  // Rarely: most requests should get past the query to the route.
  const extra = fc.oneof({ weight: 10, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(extraParam, { minLength: 1, maxLength: 2 }) });
  const raw = fc.oneof({ weight: 20, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('&&', '=', 'limit', 'limit=%zz', 'q=%E0%A4%A', '%00=%00') });
  return fc.tuple(fc.tuple(...params.map(one)), extra, raw).map(([values, more, tail]) => [...values.filter(Boolean), ...more, tail].filter(Boolean).join('&'));
}

const invalidJson = fc.constantFrom('{', '{"title":', 'nul', '\u0000', '[1,]', "{'title':'x'}", '{"a":1}}', '', ' ', '\ud800', '{"a":"\\ud800"}', '{"a":"\\u0000"}', 'NaN', '1e309');

function bodyPart(ctx: FuzzContext, schema: JsonSchema | undefined): fc.Arbitrary<{ payload: string | undefined; objectBody: boolean }> {
  const ids = fc.constantFrom(...ctx.realIds);
  const structured = (schema ? spoiledValue(schema, ids) : nastyValue).map((value) => ({ payload: serialise(value), objectBody: value instanceof JsonObject }));
  return fc.oneof(
    { weight: schema ? 12 : 1, arbitrary: structured },
    { weight: 1, arbitrary: nastyValue.map((value) => ({ payload: serialise(value), objectBody: value instanceof JsonObject })) },
    { weight: 1, arbitrary: invalidJson.map((payload) => ({ payload, objectBody: false })) },
    { weight: schema ? 1 : 6, arbitrary: fc.constant({ payload: undefined, objectBody: false }) },
  );
}

function headersPart(ctx: FuzzContext): fc.Arbitrary<Record<string, string>> {
  const authorization = fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom(...ctx.tokens).map((token) => `Bearer ${token}`) },
    // The first demo user (the coordinator) may change nearly everything: more requests get as far as the database.
    { weight: 6, arbitrary: fc.constant(`Bearer ${ctx.tokens[0]!}`) },
    { weight: 1, arbitrary: fc.constantFrom('', 'Bearer', 'Bearer garbage', 'Basic dXNlcjpwdw==', `Bearer ${long(5000)}`, 'Bearer a.b.c') },
  );
  return fc.record(
    {
      authorization,
      'content-type': fc.oneof(
        { weight: 10, arbitrary: fc.constant('application/json') },
        { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'multipart/form-data', 'application/problem+json') },
      ),
      'if-match': fc.constantFrom('"1"', '"2"', '"abc"', 'W/"3"', '*', '"99999999999999999999"', '"-1"', '""'),
      accept: fc.constantFrom('application/json', 'text/html', '*/*'),
    },
    { requiredKeys: ['authorization', 'content-type'] },
  );
}

function withoutContentType(headers: Record<string, string>): Record<string, string> {
  const { 'content-type': _type, ...rest } = headers;
  return rest;
}

export function requestsFor(op: Operation, ctx: FuzzContext): fc.Arbitrary<FuzzRequest> {
  // The collection a parameter's id belongs to is the path segment before it: /bodies/{id}.
  const collections = [...op.path.matchAll(/([^/]+)\/\{[^}]+\}/g)].map((m) => m[1]);
  const path = fc.tuple(...op.pathParams.map((_p, i) => pathValue(ctx, collections[i]))).map((values) => {
    let i = 0;
    return op.path.replace(/\{[^}]+\}/g, () => values[i++] ?? '');
  });
  return fc.record({ path, query: queryPart(ctx, op.query), body: bodyPart(ctx, op.body), headers: headersPart(ctx) }).map(({ path: p, query, body, headers }) => ({
    method: op.method,
    url: query ? `${p}?${query}` : p,
    // A content type without a body is refused (400) before the route is reached; only sometimes, then.
    headers: body.payload === undefined && headers.accept !== '*/*' ? withoutContentType(headers) : headers,
    payload: body.payload,
    objectBody: body.objectBody,
  }));
}

interface Problem {
  title?: unknown;
  detail?: unknown;
  errors?: { path?: unknown }[];
}

const fieldLocations = /^(params|query|body|headers)(\.|$)/;

/** Why an answer is wrong, or undefined: no 5xx, every 4xx a problem with a title naming its fields. */
export function judge(res: LightMyRequestResponse, sent: { objectBody: boolean }): string | undefined {
  if (res.statusCode >= 500) return `answered ${res.statusCode}: ${res.body.slice(0, 300)}`;
  if (res.statusCode < 400) return undefined;
  const type = String(res.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json')) return `answered ${res.statusCode} as ${type}, not problem+json: ${res.body.slice(0, 200)}`;
  let problem: Problem;
  try {
    problem = JSON.parse(res.body) as Problem;
  } catch {
    return `answered ${res.statusCode} with a body that is not JSON`;
  }
  if (typeof problem.title !== 'string' || !problem.title) return `answered ${res.statusCode} without a title: ${res.body.slice(0, 200)}`;
  for (const error of problem.errors ?? []) {
    if (typeof error.path !== 'string' || !fieldLocations.test(error.path)) return `a problem path does not say where: ${JSON.stringify(error.path)}`;
  }
  // A value the validation let through and the database then refused: the field goes unnamed.
  if (sent.objectBody && problem.detail === 'A value is out of range or inconsistent with another' && problem.errors?.some((e) => e.path === 'body')) {
    return `the database refused a value the validation accepted: ${res.body.slice(0, 300)}`;
  }
  return undefined;
}

export function describeRequest(request: FuzzRequest): string {
  const cut = (s: string | undefined) => (s === undefined ? '(none)' : s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s);
  return `${request.method} ${cut(request.url)} body ${cut(request.payload)} content-type ${request.headers['content-type']}`;
}

/** Requests sent at once in one run of the property. */
const IN_FLIGHT = 4;

export interface FuzzResult {
  requests: number;
  perOperation: Map<string, number>;
  /** "PATCH 200" → how many: shows how far past validation the requests got. */
  outcomes: Map<string, number>;
}

/**
 * Sends runs requests per operation. A failure stops the run with the request, the answer and
 * the seed to repeat it with (FUZZ_SEED=… npx jest …); fast-check first shrinks it to a small one.
 */
export async function fuzzOperations(t: TestApp, ops: Operation[], ctx: FuzzContext, runs: number): Promise<FuzzResult> {
  const perOperation = new Map<string, number>();
  const outcomes = new Map<string, number>();
  let requests = 0;
  for (const op of ops) {
    let failure = '';
    const seed = FUZZ_SEED + [...op.key].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 0);
    try {
      await fc.assert(
        // A few requests in flight at once: Node and PostgreSQL then work side by side (and rows race a little).
        fc.asyncProperty(fc.array(requestsFor(op, ctx), { minLength: IN_FLIGHT, maxLength: IN_FLIGHT }), async (batch) => {
          const verdicts = await Promise.all(
            batch.map(async (request) => {
              requests += 1;
              perOperation.set(op.key, (perOperation.get(op.key) ?? 0) + 1);
              try {
                const res = await t.app.inject({ method: request.method as 'GET', url: request.url, headers: request.headers, ...(request.payload !== undefined ? { payload: request.payload } : {}) });
                const outcome = `${op.method} ${res.statusCode}`;
                outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
                return judge(res, request);
              } catch (error) {
                return `the request failed: ${error instanceof Error ? error.message : String(error)}`;
              }
            }),
          );
          const wrong = verdicts.findIndex((v) => v !== undefined);
          if (wrong >= 0) failure = `${describeRequest(batch[wrong]!)}\n  → ${verdicts[wrong]!}`;
          return wrong < 0;
        }),
        { seed, numRuns: Math.ceil(runs / IN_FLIGHT), maxSkipsPerRun: 0 },
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n').slice(0, 3).join('\n').slice(0, 2000) : String(error);
      throw new Error(`${op.key} (FUZZ_SEED=${FUZZ_SEED}, operation seed ${seed}): ${failure}\n${reason}`);
    }
  }
  return { requests, perOperation, outcomes };
}
