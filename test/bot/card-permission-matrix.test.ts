import { sql } from 'kysely';
import { verbs } from '../../bot/cards/verbs';
import { startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { Factory, fingerprint, matrixRoles, permissionTable, type Caller, type MatrixRole, type World } from '../support/permission-world';
import { insertQuestionnaire } from '../support/questionnaire-fixtures';
import { invokeActivity } from '../support/teams-activities';
import { createTestApp, deliveriesIdle, type TestApp } from '../support/test-app';

/*
 * Generated from the card-verb table of docs/permissions.md: every Action.Execute verb × every
 * role, sent to /api/messages as Teams sends it, each outcome read from the answer and the
 * database. A verb without a row fails.
 */

type Outcome = 'edit' | 'view' | 'saved' | 'card' | 'refused';
type Card = { body?: { type?: string; id?: string }[] };
interface InvokeAnswer {
  statusCode: number;
  type: string;
  value: Card | string;
}

let t: TestApp;
let f: Factory;
let standIn: ConnectorStandIn;
let own: World;
let otherTenantCaller: Caller;

/** A meeting of the world's steering group straight in the database, in the state a verb needs. */
async function meetingOf(w: World, o: { past?: boolean; state?: string; submitted?: boolean } = {}): Promise<string> {
  const start = new Date(Date.now() + (o.past ? -3 : 10) * 86_400_000);
  const { rows } = await sql<{ id: string }>`insert into meeting (tenant_id, trajectory_id, body_id, title, starts_at, ends_at, state, minutes_submitted_at)
    values (${w.tenantId}, ${w.trajectoryId}, ${w.steeringId}, 'Stuurgroep', ${start}, ${new Date(start.getTime() + 7_200_000)}, ${o.state ?? 'planned'}, ${o.submitted ? new Date() : null})
    returning id`.execute(t.db.db);
  return rows[0]!.id;
}

/** A progress report of the world's trajectory, generated and submitted by its coordinator through the service. */
async function submittedReport(w: World): Promise<string> {
  const coordinator = { tenantId: w.tenantId, userId: w.callers.coordinator!.userId, name: 'Coördinator' };
  const report = await t.services.reports.create(coordinator, w.trajectoryId, { periodStart: '2026-01-01', periodEnd: '2026-03-31' });
  await t.services.reports.submit(coordinator, report.id);
  return report.id;
}

const fixtures: Record<string, (w: World) => Promise<Record<string, unknown>>> = {
  approveReport: async (w) => ({ reportId: await submittedReport(w) }),
  sendBackReport: async (w) => ({ reportId: await submittedReport(w), remark: 'Vul de budgetvraag voor de zomerwerking aan' }),
  refreshAgenda: async (w) => ({ meetingId: await meetingOf(w) }),
  proposeAgendaItem: async (w) => ({ meetingId: await meetingOf(w), itemTitle: `Zomeraanbod ${Math.random()}`, itemKind: 'discussion', itemMinutes: '15' }),
  approveMinutes: async (w) => ({ meetingId: await meetingOf(w, { past: true, state: 'held', submitted: true }) }),
  sendBackMinutes: async (w) => ({ meetingId: await meetingOf(w, { past: true, state: 'held', submitted: true }), remark: 'Vul de beslissingen bij punt 2 aan' }),
  checkInParent: async (w) => {
    const meetingId = await meetingOf(w, { past: true, state: 'held' });
    const parent = w.callers.parent!.personId!;
    await sql`insert into meeting_attendee (tenant_id, meeting_id, person_id) values (${w.tenantId}, ${meetingId}, ${parent})`.execute(t.db.db);
    await sql`insert into membership (tenant_id, body_id, person_id, role) values (${w.tenantId}, ${w.steeringId}, ${parent}, 'parent') on conflict do nothing`.execute(t.db.db);
    return { meetingId, personId: parent, [`note_${parent.replace(/-/g, '')}`]: 'Ze vond het fijn' };
  },
  refreshAction: async (w) => ({ actionId: w.actionId }),
  openAction: async (w) => ({ actionId: w.actionId }),
  updateAction: async (w) => {
    const actionId = await f.action(w);
    return { actionId, version: 1, shownStatus: 'planned', status: 'in_progress' };
  },
  showReminderSettings: async (w) => ({ trajectoryId: w.trajectoryId }),
  setReminders: async (w) => ({ trajectoryId: w.trajectoryId, reminders: 'reduced' }),
  // A new story each time, so that every allowed answer changes the stored one.
  answerQuestionnaire: async (w) => ({ questionnaireId: await insertQuestionnaire(t.db.db, w), submit: true, answer_q1: '4', answer_q3: 'o1', answer_q4: 'Fijn' }),
  recordMeasurement: async (w) => {
    const indicatorId = await f.indicator(w);
    const { rows } = await sql<{ id: string }>`insert into measurement_plan (tenant_id, trajectory_id, indicator_id, measurer_id, frequency)
      values (${w.tenantId}, ${w.trajectoryId}, ${indicatorId}, ${w.ownerPersonId}, 'monthly') returning id`.execute(t.db.db);
    return { planId: rows[0]!.id, value: '14', measuredOn: '2026-04-01', note: 'Telling na de paasvakantie' };
  },
  submitHomework: async (w) => ({ trajectoryId: w.trajectoryId, caseText: `De buurtwerker die bleef langskomen ${Math.random()}`, dreamText: 'Een school waar niets extra kost' }),
};

const rows = permissionTable('verb-matrix').map((r) => ({ verb: (r.verb ?? '').replace(/`/g, ''), expected: r as Record<MatrixRole, string> }));

beforeAll(async () => {
  t = await createTestApp({ seed: false });
  standIn = await startConnectorStandIn({ enforceLimits: false });
  f = new Factory(t.db.db);
  const tenantId = await f.tenant('Gemeente Kaarten');
  own = await f.world(tenantId, await f.admin(tenantId));
  own.callers.none = { role: 'none', tenantId, userId: '0d3c0000-0000-4000-8000-00000000a0a0', personId: null };
  const otherTenant = await f.tenant('Gemeente Elders');
  const otherUser = await f.admin(otherTenant);
  await f.world(otherTenant, otherUser, otherUser);
  otherTenantCaller = { role: 'other_tenant', tenantId: otherTenant, userId: otherUser, personId: null };
});
afterAll(async () => {
  await t.close();
  await standIn.close();
});

async function invoke(caller: Caller, verb: string, data: Record<string, unknown>): Promise<InvokeAnswer> {
  const party = { tenantId: caller.tenantId, serviceUrl: standIn.serviceUrl, user: { id: `29:${caller.userId}`, name: caller.role, aadObjectId: caller.userId } };
  const res = await t.app.inject({ method: 'POST', url: '/api/messages', payload: invokeActivity(party, verb, data) });
  expect(res.statusCode).toBe(200);
  return res.json<InvokeAnswer>();
}

async function outcomeOf(verb: string, answer: InvokeAnswer, data: Record<string, unknown>, changed: boolean): Promise<Outcome> {
  if (answer.type !== 'application/vnd.microsoft.card.adaptive' || typeof answer.value === 'string') return changed ? ('saved' as const) : 'refused';
  const inputs = (answer.value.body ?? []).filter((e) => String(e.type).startsWith('Input.'));
  if (verb === 'updateAction') {
    const row = await t.db.db.selectFrom('action').select('status').where('id', '=', String(data.actionId)).executeTakeFirstOrThrow();
    return row.status === data.status && changed ? 'saved' : 'refused';
  }
  if (verb === 'setReminders') return changed ? 'saved' : 'refused';
  if (verb === 'recordMeasurement') {
    // Saved means: the value is a measurement of the plan's indicator now.
    const saved = await sql<{ n: number }>`select count(*)::int as n from measurement m join measurement_plan p on p.tenant_id = m.tenant_id and p.indicator_id = m.indicator_id
      where p.id = ${String(data.planId)} and m.value = 14`.execute(t.db.db);
    return changed && saved.rows[0]!.n === 1 ? 'saved' : 'refused';
  }
  if (verb === 'answerQuestionnaire') return changed ? 'saved' : 'refused';
  if (verb === 'submitHomework') {
    const row = await t.db.db.selectFrom('steeringHomeworkAnswer').select('caseText').where('caseText', '=', String(data.caseText)).executeTakeFirst();
    return row && changed ? 'saved' : 'refused';
  }
  if (verb === 'showReminderSettings') return 'card';
  if (verb === 'proposeAgendaItem') {
    const row = await t.db.db.selectFrom('agendaItem').select('id').where('title', '=', String(data.itemTitle)).executeTakeFirst();
    return row && changed ? 'saved' : 'refused';
  }
  if (verb === 'approveMinutes' || verb === 'sendBackMinutes') {
    const row = await t.db.db.selectFrom('meeting').select(['minutesApprovedAt', 'minutesRemark']).where('id', '=', String(data.meetingId)).executeTakeFirstOrThrow();
    // Approved minutes may already be on their way (distributed) by the time this looks.
    const done = verb === 'approveMinutes' ? row.minutesApprovedAt !== null : row.minutesRemark === data.remark;
    return done && changed ? 'saved' : 'refused';
  }
  if (verb === 'approveReport' || verb === 'sendBackReport') {
    const row = await t.db.db.selectFrom('report').select(['state', 'remark']).where('id', '=', String(data.reportId)).executeTakeFirstOrThrow();
    const done = verb === 'approveReport' ? row.state === 'approved' : row.state === 'sent_back' && row.remark === data.remark;
    return done && changed ? 'saved' : 'refused';
  }
  if (verb === 'checkInParent') {
    const row = await t.db.db.selectFrom('meetingAttendee').select('checkedInAt').where('meetingId', '=', String(data.meetingId)).where('personId', '=', String(data.personId)).executeTakeFirstOrThrow();
    return row.checkedInAt && changed ? 'saved' : 'refused';
  }
  return inputs.length > 0 ? 'edit' : 'view';
}

/**
 * Approved minutes go out in the background (src/meetings/meeting-delivery.ts), and may mark the
 * meeting distributed at any later moment; a report's delivery too (src/reports/report-service.ts).
 * The next role's "before" is taken once that work is done, so it is not counted as their change.
 */
async function settledFingerprint(): Promise<string> {
  await deliveriesIdle(t.services);
  return fingerprint(t.db.db);
}

test('every card verb has a row in docs/permissions.md, and every row a verb', () => {
  expect(rows.map((r) => r.verb).sort()).toEqual([...verbs].sort());
  expect(Object.keys(fixtures).sort()).toEqual([...verbs].sort());
});

test.each(rows.map((r) => [r.verb, r] as const))('%s × every role', async (verb, row) => {
  const outcomes: string[] = [];
  const expected: string[] = [];
  for (const role of matrixRoles) {
    const caller = role === 'other_tenant' ? otherTenantCaller : own.callers[role]!;
    const data = await fixtures[verb]!(own);
    const before = await settledFingerprint();
    const answer = await invoke(caller, verb, data);
    const changed = (await fingerprint(t.db.db)) !== before;
    const outcome = await outcomeOf(verb, answer, data, changed);
    // A refusal, a view or a card must leave every row as it was.
    outcomes.push(`${role}: ${outcome}${outcome !== 'saved' && changed ? ' (and changed data)' : ''}`);
    expected.push(`${role}: ${row.expected[role]}`);
  }
  expect(outcomes).toEqual(expected);
});
