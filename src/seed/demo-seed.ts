import { randomUUID } from 'node:crypto';
import { sql, type Insertable, type Transaction } from 'kysely';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { TIME_ZONE, brusselsDate } from '../shared/time';
import { demoContent, type ActionSeed, type OperationalSeed, type SmartCheck, type TenantSeed } from './demo-content';
import { demoExtras } from './demo-extras';

/*
 * Loads the demo municipalities (see demo-content.ts) into an empty database.
 * Ids are generated here rather than by the database so that every table can be written with
 * one multi-row insert and rows can point at each other (parents at their trusted person)
 * without reading ids back. Only the tenants and the Entra object ids are fixed (demo-ids.ts).
 * Seeding is not a user action, so nothing is written to audit_log.
 */

type Tx = Transaction<Database>;
type Row<T extends keyof Database> = Insertable<Database[T]>;

/** Any constant will do, as long as nothing else in the app takes the same advisory lock. */
const SEED_LOCK_KEY = 582_406_117;

export async function seedDemo(db: Db, options?: { today?: string }): Promise<{ seeded: boolean }> {
  const today = options?.today ?? brusselsDate();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`seedDemo: today must be YYYY-MM-DD, got "${today}"`);

  return db.transaction().execute(async (trx) => {
    // Two instances starting at once must not both find an empty database and both insert.
    await sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`.execute(trx);
    const existing = await trx.selectFrom('tenant').select('id').limit(1).executeTakeFirst();
    if (existing) return { seeded: false };

    const rows = emptyRows();
    for (const content of demoContent) buildTenant(content, today, rows);
    await insertAll(trx, rows);
    for (const extra of demoExtras) await extra(trx, today);
    return { seeded: true };
  });
}

// ---------------------------------------------------------------------------------------------
// From content to rows
// ---------------------------------------------------------------------------------------------

interface Rows {
  tenant: Row<'tenant'>[];
  tenantAdmin: Row<'tenantAdmin'>[];
  trajectory: Row<'trajectory'>[];
  person: Row<'person'>[];
  domain: Row<'domain'>[];
  body: Row<'body'>[];
  membership: Row<'membership'>[];
  strategicObjective: Row<'strategicObjective'>[];
  operationalObjective: Row<'operationalObjective'>[];
  action: Row<'action'>[];
  actionUpdate: Row<'actionUpdate'>[];
  indicator: Row<'indicator'>[];
  measurement: Row<'measurement'>[];
  initiative: Row<'initiative'>[];
  meeting: Row<'meeting'>[];
}

/** In foreign-key order: every table only points at tables listed before it. */
const insertOrder = [
  'tenant',
  'tenantAdmin',
  'trajectory',
  'person',
  'domain',
  'body',
  'membership',
  'strategicObjective',
  'operationalObjective',
  'action',
  'actionUpdate',
  'indicator',
  'measurement',
  'initiative',
  'meeting',
] as const satisfies readonly (keyof Rows)[];

function emptyRows(): Rows {
  return {
    tenant: [],
    tenantAdmin: [],
    trajectory: [],
    person: [],
    domain: [],
    body: [],
    membership: [],
    strategicObjective: [],
    operationalObjective: [],
    action: [],
    actionUpdate: [],
    indicator: [],
    measurement: [],
    initiative: [],
    meeting: [],
  };
}

/** Local key → generated id, failing loudly on a typo in the content. */
class Keys {
  private readonly ids = new Map<string, string>();
  constructor(private readonly kind: string) {}

  add(key: string): string {
    if (this.ids.has(key)) throw new Error(`demo content: duplicate ${this.kind} "${key}"`);
    const id = randomUUID();
    this.ids.set(key, id);
    return id;
  }

  get(key: string): string {
    const id = this.ids.get(key);
    if (!id) throw new Error(`demo content: unknown ${this.kind} "${key}"`);
    return id;
  }

  optional(key: string | undefined): string | null {
    return key === undefined ? null : this.get(key);
  }
}

function buildTenant(content: TenantSeed, today: string, rows: Rows): void {
  const tenantId = content.tenant.id;
  const trajectoryId = randomUUID();
  const t = content.trajectory;
  const on = (offset: number): string => addDays(today, offset);

  rows.tenant.push({ id: tenantId, name: content.tenant.name });
  for (const admin of content.admins) rows.tenantAdmin.push({ tenantId, ...admin });
  rows.trajectory.push({
    tenantId,
    id: trajectoryId,
    name: t.name,
    municipality: t.municipality,
    periodStart: t.periodStart,
    periodEnd: t.periodEnd,
    mission: t.mission,
    vision: t.vision,
    qualityCriteria: [...t.qualityCriteria],
    phaseProgress: JSON.stringify(t.phaseProgress),
    teamId: null,
    reminderDaysBefore: t.reminderDaysBefore,
  });

  const people = new Keys('person');
  const names = new Map<string, string>();
  // All keys first, so that a parent can point at a trusted person listed anywhere.
  for (const p of content.people) {
    people.add(p.key);
    names.set(p.key, p.displayName);
  }
  for (const p of content.people) {
    rows.person.push({
      tenantId,
      id: people.get(p.key),
      displayName: p.displayName,
      entraObjectId: p.entraObjectId ?? null,
      email: p.email ?? null,
      phone: p.phone ?? null,
      organisation: p.organisation ?? null,
      sector: p.sector ?? null,
      contactPreference: p.contactPreference ?? 'teams',
      // Postgres checks the self-reference at the end of the insert statement, so order is free.
      trustedPersonId: people.optional(p.trustedPerson),
    });
  }

  const domains = new Keys('domain');
  content.domains.forEach((d, position) => {
    rows.domain.push({
      tenantId,
      id: domains.add(d.key),
      trajectoryId,
      name: d.name,
      description: d.description,
      approach: d.approach,
      state: d.state,
      position,
    });
  });

  const bodies = new Keys('body');
  for (const b of content.bodies) {
    const bodyId = bodies.add(b.key);
    rows.body.push({ tenantId, id: bodyId, trajectoryId, kind: b.kind, name: b.name, domainId: domains.optional(b.domain) });
    for (const [person, role] of b.members) {
      rows.membership.push({ tenantId, id: randomUUID(), bodyId, personId: people.get(person), role });
    }
  }

  const operational = new Keys('operational objective');
  const domainOfObjective = new Map<string, string>();
  const positionInDomain = new Map<string, number>();
  for (const so of content.objectives) {
    const domainId = domains.get(so.domain);
    const position = positionInDomain.get(so.domain) ?? 0;
    positionInDomain.set(so.domain, position + 1);
    const strategicObjectiveId = randomUUID();
    rows.strategicObjective.push({
      tenantId,
      id: strategicObjectiveId,
      trajectoryId,
      domainId,
      title: so.title,
      description: so.description,
      position,
    });
    so.operational.forEach((oo, i) => {
      const id = operational.add(oo.key);
      domainOfObjective.set(oo.key, domainId);
      rows.operationalObjective.push({
        tenantId,
        id,
        trajectoryId,
        domainId,
        strategicObjectiveId,
        title: oo.title,
        description: oo.description,
        ...smartFlags(oo),
        targetDate: oo.targetDate ?? null,
        position: i,
      });
    });
  }

  const positionInObjective = new Map<string, number>();
  for (const a of content.actions) {
    const actionId = randomUUID();
    const position = positionInObjective.get(a.objective) ?? 0;
    positionInObjective.set(a.objective, position + 1);
    rows.action.push(actionRow(a, { tenantId, trajectoryId, actionId, position, on }, operational, domainOfObjective, people));

    for (const u of a.updates ?? []) {
      const authorName = names.get(u.author);
      if (!authorName) throw new Error(`demo content: unknown person "${u.author}"`);
      rows.actionUpdate.push({
        tenantId,
        id: randomUUID(),
        actionId,
        authorPersonId: people.get(u.author),
        authorName,
        note: u.note,
        statusFrom: u.statusFrom ?? null,
        statusTo: u.statusTo ?? null,
        dueFrom: offsetOrNull(u.dueFrom, on),
        dueTo: offsetOrNull(u.dueTo, on),
        createdAt: brusselsTimestamp(on(-u.daysAgo), '10:15'),
      });
    }

    for (const ind of a.indicators ?? []) {
      const indicatorId = randomUUID();
      rows.indicator.push({
        tenantId,
        id: indicatorId,
        trajectoryId,
        actionId,
        kind: ind.kind,
        name: ind.name,
        unit: ind.unit,
        baseline: ind.baseline,
        target: ind.target,
      });
      for (const [daysAgo, value, note] of ind.measurements) {
        rows.measurement.push({
          tenantId,
          id: randomUUID(),
          trajectoryId,
          indicatorId,
          measuredOn: on(-daysAgo),
          value,
          note: note ?? '',
        });
      }
    }
  }

  for (const i of content.initiatives) {
    rows.initiative.push({
      tenantId,
      id: randomUUID(),
      trajectoryId,
      name: i.name,
      description: i.description,
      state: i.state,
      partner: i.partner,
      domainId: domains.optional(i.domain),
      operationalObjectiveId: operational.optional(i.objective),
    });
  }

  for (const m of content.meetings) {
    const day = nextWeekday(on(m.inDays));
    rows.meeting.push({
      tenantId,
      id: randomUUID(),
      trajectoryId,
      bodyId: bodies.get(m.body),
      title: m.title,
      startsAt: brusselsTimestamp(day, m.from),
      endsAt: brusselsTimestamp(day, m.until),
      location: m.location,
      online: m.online ?? false,
      dayPart: m.dayPart,
      state: m.state,
    });
  }
}

interface ActionContext {
  tenantId: string;
  trajectoryId: string;
  actionId: string;
  position: number;
  on: (offset: number) => string;
}

function actionRow(
  a: ActionSeed,
  ctx: ActionContext,
  operational: Keys,
  domainOfObjective: ReadonlyMap<string, string>,
  people: Keys,
): Row<'action'> {
  const domainId = domainOfObjective.get(a.objective);
  if (!domainId) throw new Error(`demo content: unknown operational objective "${a.objective}"`);
  return {
    tenantId: ctx.tenantId,
    id: ctx.actionId,
    trajectoryId: ctx.trajectoryId,
    domainId,
    operationalObjectiveId: operational.get(a.objective),
    title: a.title,
    description: a.description,
    ownerId: people.optional(a.owner),
    partners: [...a.partners],
    startDate: offsetOrNull(a.start, ctx.on),
    dueDate: offsetOrNull(a.due, ctx.on),
    status: a.status,
    means: a.means,
    budget: a.budget ?? null,
    intendedResult: a.intendedResult,
    expectedResult: a.expectedResult,
    evaluationMethod: a.evaluationMethod,
    sevenB: [...a.sevenB],
    position: ctx.position,
  };
}

function smartFlags(oo: OperationalSeed): Record<`smart${Capitalize<SmartCheck>}`, boolean> {
  const missing = new Set<SmartCheck>(oo.missing ?? []);
  return {
    smartSpecific: !missing.has('specific'),
    smartMeasurable: !missing.has('measurable'),
    smartAgreed: !missing.has('agreed'),
    smartRealistic: !missing.has('realistic'),
    smartTimeBound: !missing.has('timeBound'),
  };
}

async function insertAll(trx: Tx, rows: Rows): Promise<void> {
  for (const table of insertOrder) {
    await insertRows(trx, table, rows[table]);
  }
}

async function insertRows<T extends keyof Rows>(trx: Tx, table: T, values: Rows[T]): Promise<void> {
  if (values.length === 0) return;
  // Kysely cannot relate a generic table name to its row type; the Rows interface already did.
  await trx.insertInto(table).values(values as Insertable<Database[T]>[]).execute();
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function offsetOrNull(offset: number | null | undefined, on: (offset: number) => string): string | null {
  return offset === undefined || offset === null ? null : on(offset);
}

/** Meetings are not held on a Saturday or Sunday; move them to the Monday after. */
function nextWeekday(date: string): string {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  if (weekday === 6) return addDays(date, 2);
  if (weekday === 0) return addDays(date, 1);
  return date;
}

/** A wall-clock time in Brussels; Postgres resolves the zone name, summer time included. */
function brusselsTimestamp(date: string, time: string): string {
  return `${date} ${time}:00 ${TIME_ZONE}`;
}
