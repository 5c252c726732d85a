import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { capabilities, grants, policyRoles } from '../../src/auth/policy';
import { capabilityTable, Factory, fingerprint, matrixRoles, permissionTable, type Caller, type MatrixRole, type World } from '../support/permission-world';
import { insertParent, insertQuestionnaire, insertResponses, satisfactionAnswers } from '../support/questionnaire-fixtures';
import { createTestApp, type TestApp } from '../support/test-app';
import { buildSnapshot } from '../../src/reports/report-snapshot';

/*
 * Generated from docs/permissions.md: every route × every role × own/other trajectory × own/other
 * tenant, asserting the status and, on a refusal, that nothing changed. The expectations live
 * in the document only; this file knows how to build a request for each row, nothing more.
 */

interface Request {
  url: string;
  body?: Record<string, unknown>;
  /** What a successful answer must (not) show, beyond its status: '' when right, else what is wrong. */
  check?: (body: unknown) => string;
}
type Prepare = (w: World, caller: Caller, expectSuccess: boolean) => Promise<Request>;

let t: TestApp;
let f: Factory;
let own: World;
let other: World;
let otherTenantCaller: Caller;
let adminUserId: string;

const T = (w: World) => `/api/v1/trajectories/${w.trajectoryId}`;
const stamp = () => randomUUID().slice(0, 8);

/** How to aim each row of the route matrix at a world: fresh targets wherever a write could succeed. */
/** A measurement plan on a fresh indicator of the world's action (one plan per indicator). */
async function measurementPlan(w: World): Promise<string> {
  const indicatorId = await f.indicator(w);
  const { rows } = await sql<{ id: string }>`insert into measurement_plan (tenant_id, trajectory_id, indicator_id, measurer_id, frequency)
    values (${w.tenantId}, ${w.trajectoryId}, ${indicatorId}, ${w.ownerPersonId}, 'quarterly') returning id`.execute(t.db.db);
  return rows[0]!.id;
}

/** The world's parents' group as signal group (its trusted person is the fixture's), or another one without them. */
async function signalGroup(w: World, ownTrustedPerson = true): Promise<string> {
  if (ownTrustedPerson) {
    await sql`update body set signal_group = true where tenant_id = ${w.tenantId} and id = ${w.parentsGroupId}`.execute(t.db.db);
    return w.parentsGroupId;
  }
  const { rows } = await sql<{ id: string }>`insert into body (tenant_id, trajectory_id, kind, name, signal_group)
    values (${w.tenantId}, ${w.trajectoryId}, 'parents_group', 'Andere signaalgroep', true) returning id`.execute(t.db.db);
  return rows[0]!.id;
}

async function signalVerdict(w: World): Promise<string> {
  const bodyId = await signalGroup(w);
  const { rows } = await sql<{ id: string }>`insert into signal_verdict (tenant_id, trajectory_id, body_id, domain_id, action_id, verdict, reasons, given_on)
    values (${w.tenantId}, ${w.trajectoryId}, ${bodyId}, ${w.domainId}, ${w.actionId}, 'works', 'De kinderen komen graag', '2026-03-01') returning id`.execute(t.db.db);
  return rows[0]!.id;
}

type MeetingBody = 'steering' | 'work_group' | 'parents_group';

/** A meeting straight in the database, in the state a row needs (held, minutes submitted...). */
function meetingOf(w: World, o: { body?: MeetingBody; past?: boolean; state?: string; submitted?: boolean } = {}): Promise<string> {
  const start = Date.now() + (o.past ? -3 : 7 * 24) * 3600_000;
  const bodyId = o.body === 'work_group' ? w.workGroupId : o.body === 'parents_group' ? w.parentsGroupId : w.steeringId;
  return f.insert('meeting', {
    tenant_id: w.tenantId,
    trajectory_id: w.trajectoryId,
    body_id: bodyId,
    title: `Vergadering ${stamp()}`,
    starts_at: new Date(start).toISOString(),
    ends_at: new Date(start + 2 * 3600_000).toISOString(),
    state: o.state ?? 'planned',
    minutes_submitted_at: o.submitted ? new Date(start + 3 * 3600_000).toISOString() : null,
  });
}

async function agendaItemOf(w: World, meetingId: string, proposedBy: string | null = null): Promise<string> {
  const { rows } = await sql<{ id: string }>`insert into agenda_item (tenant_id, meeting_id, trajectory_id, position, title, proposed_by)
    values (${w.tenantId}, ${meetingId}, ${w.trajectoryId}, (select coalesce(max(position) + 1, 0) from agenda_item where tenant_id = ${w.tenantId} and meeting_id = ${meetingId}),
      ${`Punt ${stamp()}`}, ${proposedBy}) returning id`.execute(t.db.db);
  return rows[0]!.id;
}

async function attendeeOf(w: World, meetingId: string, personId: string): Promise<void> {
  await sql`insert into meeting_attendee (tenant_id, meeting_id, person_id) values (${w.tenantId}, ${meetingId}, ${personId})`.execute(t.db.db);
}

/** A parent of the parents' group whose trusted person is someone else than the fixture's. */
async function parentOfAnother(w: World): Promise<string> {
  const personId = await f.person(w, { phone: '+32 470 55 66 77', trusted_person_id: w.memberPersonId });
  await f.membership(w, w.parentsGroupId, personId, 'parent');
  return personId;
}

/** The two rows of a route whose answer depends on the meeting's body: the steering group's, or the work group's. */
/** A report straight in the database, with a real snapshot, in the state a row needs. */
async function reportOf(w: World, state = 'draft'): Promise<string> {
  const snapshot = await buildSnapshot(t.db.db, { tenantId: w.tenantId, trajectoryId: w.trajectoryId, periodStart: '2026-01-01', periodEnd: '2026-03-31', collegeDate: null, locale: 'nl-BE', today: '2026-04-01', now: new Date(), reportId: null });
  const { rows } = await sql<{ id: string }>`insert into report (tenant_id, trajectory_id, period_start, period_end, state, snapshot, submitted_at)
    values (${w.tenantId}, ${w.trajectoryId}, '2026-01-01', '2026-03-31', ${state}, ${JSON.stringify(snapshot)}::jsonb, ${state === 'draft' ? null : new Date().toISOString()}) returning id`.execute(t.db.db);
  return rows[0]!.id;
}

function bothBodies(route: string, prepare: (w: World, body: MeetingBody, caller: Caller) => Promise<Request>, suffix = ''): Record<string, Prepare> {
  return {
    [`${route} [a steering-group meeting${suffix}]`]: (w, caller) => prepare(w, 'steering', caller),
    [`${route} [a meeting of the work group${suffix}]`]: (w, caller) => prepare(w, 'work_group', caller),
  };
}

const fixtures: Record<string, Prepare> = {
  'GET /api/v1/me': async () => ({ url: '/api/v1/me' }),
  'GET /api/v1/trajectories': async () => ({ url: '/api/v1/trajectories' }),
  'POST /api/v1/trajectories': async () => ({ url: '/api/v1/trajectories', body: { name: `Traject ${stamp()}`, municipality: 'Testgem', periodStart: '2027-01-01', periodEnd: '2032-12-31' } }),
  'GET /api/v1/admins': async () => ({ url: '/api/v1/admins' }),
  'POST /api/v1/admins': async () => ({ url: '/api/v1/admins', body: { entraObjectId: randomUUID(), displayName: 'Nieuwe beheerder' } }),
  'DELETE /api/v1/admins/{entraObjectId}': async (w) => ({ url: `/api/v1/admins/${await f.admin(w.tenantId)}` }),

  'GET /api/v1/trajectories/{id}': async (w) => ({ url: T(w) }),
  'PATCH /api/v1/trajectories/{id}': async (w) => ({ url: T(w), body: { vision: `Visie ${stamp()}` } }),
  'PATCH /api/v1/trajectories/{id} [phase 1–2 records]': async (w) => ({
    url: T(w),
    body: { policyDecidedOn: '2026-02-03', policyStaffFte: 0.5, policyBudget: Math.round(Math.random() * 1e6) / 100, coordinatorJobShare: 40 },
  }),
  // Deleting is tried on the trajectory the roles are held in; only an expected success gets a fresh one.
  'DELETE /api/v1/trajectories/{id}': async (w, _c, expectSuccess) => ({ url: `/api/v1/trajectories/${expectSuccess ? await f.trajectory(w.tenantId) : w.trajectoryId}` }),
  // Starting the next period closes the trajectory: an expected success gets a fresh one where the caller holds the same role.
  'POST /api/v1/trajectories/{id}/next-period': async (w, caller, expectSuccess) => {
    let id = w.trajectoryId;
    if (expectSuccess) {
      id = await f.trajectory(w.tenantId);
      if (caller.personId) {
        const steering = await f.insert('body', { tenant_id: w.tenantId, trajectory_id: id, kind: 'steering_group', name: 'Stuurgroep' });
        await f.membership(w, steering, caller.personId, 'coordinator');
      }
    }
    return { url: `/api/v1/trajectories/${id}/next-period`, body: { name: `Volgende periode ${stamp()}`, periodStart: '2032-01-01', periodEnd: '2037-12-31' } };
  },
  'GET /api/v1/trajectories/{id}/periods': async (w) => ({ url: `${T(w)}/periods` }),
  'GET /api/v1/strategic-objectives/{id}/history': async (w) => ({ url: `/api/v1/strategic-objectives/${w.strategicId}/history` }),
  'GET /api/v1/operational-objectives/{id}/history': async (w) => ({ url: `/api/v1/operational-objectives/${w.operationalId}/history` }),
  'GET /api/v1/actions/{id}/history': async (w) => ({ url: `/api/v1/actions/${w.actionId}/history` }),
  'GET /api/v1/trajectories/{id}/plan': async (w) => ({ url: `${T(w)}/plan` }),
  'GET /api/v1/trajectories/{id}/plan/indicators': async (w) => ({ url: `${T(w)}/plan/indicators` }),
  'GET /api/v1/trajectories/{id}/plan.xlsx': async (w) => ({ url: `${T(w)}/plan.xlsx` }),
  'GET /api/v1/trajectories/{id}/overview': async (w) => ({ url: `${T(w)}/overview` }),
  'GET /api/v1/trajectories/{id}/phases': async (w) => ({ url: `${T(w)}/phases` }),
  'GET /api/v1/trajectories/{id}/audit': async (w) => ({ url: `${T(w)}/audit` }),

  'GET /api/v1/trajectories/{id}/people': async (w) => ({ url: `${T(w)}/people` }),
  'POST /api/v1/trajectories/{id}/people': async (w) => ({ url: `${T(w)}/people`, body: { displayName: `Nieuw ${stamp()}` } }),
  'POST /api/v1/trajectories/{id}/people [with a sign-in (entraObjectId)]': async (w) => ({
    url: `${T(w)}/people`,
    body: { displayName: `Nieuw ${stamp()}`, entraObjectId: randomUUID() },
  }),
  'GET /api/v1/trajectories/{id}/people/{personId}': async (w) => ({ url: `${T(w)}/people/${w.memberPersonId}` }),
  "PATCH /api/v1/trajectories/{id}/people/{personId} [a member's name]": async (w) => ({
    url: `${T(w)}/people/${(await f.memberOf(w, 'member')).personId}`,
    body: { displayName: `Andere naam ${stamp()}` },
  }),
  "PATCH /api/v1/trajectories/{id}/people/{personId} [one's own reminders (admin: a member's)]": async (w, caller) => ({
    url: `${T(w)}/people/${caller.personId ?? (await f.memberOf(w, 'member')).personId}`,
    body: { reminders: 'reduced' },
  }),
  "PATCH /api/v1/trajectories/{id}/people/{personId} [a parent's phone]": async (w, caller) => ({
    url: `${T(w)}/people/${w.callers.parent === caller ? caller.personId! : await f.parent(w)}`,
    body: { phone: `+32 470 ${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}` },
  }),
  "PATCH /api/v1/trajectories/{id}/people/{personId} [a parent's trusted person: oneself]": async (w, caller) => ({
    url: `${T(w)}/people/${await f.parent(w)}`,
    body: { trustedPersonId: caller.personId ?? w.memberPersonId },
  }),
  'PATCH /api/v1/trajectories/{id}/people/{personId} [link a sign-in (entraObjectId)]': async (w) => ({
    url: `${T(w)}/people/${(await f.memberOf(w, 'member')).personId}`,
    body: { entraObjectId: randomUUID() },
  }),
  'DELETE /api/v1/trajectories/{id}/people/{personId}': async (w) => ({ url: `${T(w)}/people/${(await f.memberOf(w, 'member')).personId}` }),

  'GET /api/v1/trajectories/{id}/people-setup': async (w) => ({ url: `${T(w)}/people-setup` }),
  'GET /api/v1/trajectories/{id}/people/{personId}/delete-impact': async (w) => ({ url: `${T(w)}/people/${(await f.memberOf(w, 'member')).personId}/delete-impact` }),
  'GET /api/v1/trajectories/{id}/directory': async (w) => ({ url: `${T(w)}/directory?q=an` }),
  'POST /api/v1/trajectories/{id}/invitations': async (w) => ({ url: `${T(w)}/invitations`, body: { displayName: `Genodigde ${stamp()}`, email: `genodigde-${stamp()}@example.org` } }),
  'POST /api/v1/trajectories/{id}/invitations [as coordinator of a body]': async (w) => ({
    url: `${T(w)}/invitations`,
    body: { displayName: `Genodigde ${stamp()}`, email: `genodigde-${stamp()}@example.org`, bodyId: w.steeringId, role: 'coordinator' },
  }),
  'GET /api/v1/trajectories/{id}/bodies': async (w) => ({ url: `${T(w)}/bodies` }),
  'POST /api/v1/trajectories/{id}/bodies': async (w) => ({ url: `${T(w)}/bodies`, body: { kind: 'work_group', name: `Werkgroep ${stamp()}` } }),
  'GET /api/v1/bodies/{id}': async (w) => ({ url: `/api/v1/bodies/${w.steeringId}` }),
  'PATCH /api/v1/bodies/{id}': async (w) => ({ url: `/api/v1/bodies/${await f.body(w)}`, body: { name: `Andere naam ${stamp()}` } }),
  'DELETE /api/v1/bodies/{id}': async (w) => ({ url: `/api/v1/bodies/${await f.body(w)}` }),
  'GET /api/v1/bodies/{id}/delete-impact': async (w) => ({ url: `/api/v1/bodies/${await f.body(w)}/delete-impact` }),
  'PUT /api/v1/bodies/{id}/channel': async (w) => ({ url: `/api/v1/bodies/${await f.body(w)}/channel`, body: { channelId: `19:kanaal-${stamp()}@thread.tacv2`, teamId: null, channelName: 'Werkgroep' } }),
  'DELETE /api/v1/bodies/{id}/channel [a body bound to a channel]': async (w) => {
    const bodyId = await f.body(w);
    await sql`update body set channel_id = ${`19:kanaal-${stamp()}@thread.tacv2`}, channel_bound_at = now() where tenant_id = ${w.tenantId} and id = ${bodyId}`.execute(t.db.db);
    return { url: `/api/v1/bodies/${bodyId}/channel` };
  },

  'GET /api/v1/bodies/{id}/memberships': async (w) => ({ url: `/api/v1/bodies/${w.steeringId}/memberships` }),
  'POST /api/v1/bodies/{id}/memberships [role member]': async (w) => ({ url: `/api/v1/bodies/${w.steeringId}/memberships`, body: { personId: await f.person(w), role: 'member' } }),
  'POST /api/v1/bodies/{id}/memberships [role coordinator]': async (w) => ({
    url: `/api/v1/bodies/${w.steeringId}/memberships`,
    body: { personId: await f.person(w), role: 'coordinator' },
  }),
  'POST /api/v1/bodies/{id}/memberships [role trusted_person]': async (w) => ({
    url: `/api/v1/bodies/${w.parentsGroupId}/memberships`,
    body: { personId: await f.person(w), role: 'trusted_person' },
  }),
  'GET /api/v1/memberships/{id}': async (w) => ({ url: `/api/v1/memberships/${(await f.memberOf(w, 'member')).membershipId}` }),
  'PATCH /api/v1/memberships/{id} [member → staff]': async (w) => ({ url: `/api/v1/memberships/${(await f.memberOf(w, 'member')).membershipId}`, body: { role: 'staff' } }),
  'PATCH /api/v1/memberships/{id} [member → chair]': async (w) => ({ url: `/api/v1/memberships/${(await f.memberOf(w, 'member')).membershipId}`, body: { role: 'chair' } }),
  "DELETE /api/v1/memberships/{id} [a member's]": async (w) => ({ url: `/api/v1/memberships/${(await f.memberOf(w, 'member')).membershipId}` }),
  "DELETE /api/v1/memberships/{id} [a coordinator's]": async (w) => ({ url: `/api/v1/memberships/${(await f.memberOf(w, 'coordinator')).membershipId}` }),

  'GET /api/v1/trajectories/{id}/domains': async (w) => ({ url: `${T(w)}/domains` }),
  'POST /api/v1/trajectories/{id}/domains': async (w) => ({ url: `${T(w)}/domains`, body: { name: `Domein ${stamp()}`, approach: 'mitigating' } }),
  'GET /api/v1/domains/{id}': async (w) => ({ url: `/api/v1/domains/${w.domainId}` }),
  'PATCH /api/v1/domains/{id}': async (w) => ({ url: `/api/v1/domains/${await f.domain(w)}`, body: { name: `Domein ${stamp()}` } }),
  'DELETE /api/v1/domains/{id}': async (w) => ({ url: `/api/v1/domains/${await f.domain(w)}` }),

  'GET /api/v1/domains/{id}/strategic-objectives': async (w) => ({ url: `/api/v1/domains/${w.domainId}/strategic-objectives` }),
  'POST /api/v1/domains/{id}/strategic-objectives': async (w) => ({ url: `/api/v1/domains/${w.domainId}/strategic-objectives`, body: { title: `Doel ${stamp()}` } }),
  'GET /api/v1/strategic-objectives/{id}': async (w) => ({ url: `/api/v1/strategic-objectives/${w.strategicId}` }),
  'PATCH /api/v1/strategic-objectives/{id}': async (w) => ({ url: `/api/v1/strategic-objectives/${await f.strategic(w)}`, body: { title: `Doel ${stamp()}` } }),
  'DELETE /api/v1/strategic-objectives/{id}': async (w) => ({ url: `/api/v1/strategic-objectives/${await f.strategic(w)}` }),

  'GET /api/v1/strategic-objectives/{id}/operational-objectives': async (w) => ({ url: `/api/v1/strategic-objectives/${w.strategicId}/operational-objectives` }),
  'POST /api/v1/strategic-objectives/{id}/operational-objectives': async (w) => ({
    url: `/api/v1/strategic-objectives/${w.strategicId}/operational-objectives`,
    body: { title: `Doel ${stamp()}` },
  }),
  'GET /api/v1/operational-objectives/{id}': async (w) => ({ url: `/api/v1/operational-objectives/${w.operationalId}` }),
  'PATCH /api/v1/operational-objectives/{id}': async (w) => ({ url: `/api/v1/operational-objectives/${await f.operational(w)}`, body: { title: `Doel ${stamp()}` } }),
  'DELETE /api/v1/operational-objectives/{id}': async (w) => ({ url: `/api/v1/operational-objectives/${await f.operational(w)}` }),

  'GET /api/v1/trajectories/{id}/actions': async (w) => ({ url: `${T(w)}/actions` }),
  'POST /api/v1/operational-objectives/{id}/actions': async (w) => ({ url: `/api/v1/operational-objectives/${w.operationalId}/actions`, body: { title: `Actie ${stamp()}` } }),
  'GET /api/v1/actions/{id}': async (w) => ({ url: `/api/v1/actions/${w.actionId}` }),
  'PATCH /api/v1/actions/{id} [status and progress]': async (w) => ({
    url: `/api/v1/actions/${await f.action(w)}`,
    body: { status: 'in_progress', progressNote: 'Gestart met de eerste groep' },
  }),
  'PATCH /api/v1/actions/{id} [title]': async (w) => ({ url: `/api/v1/actions/${await f.action(w)}`, body: { title: `Actie ${stamp()}` } }),
  'DELETE /api/v1/actions/{id}': async (w) => ({ url: `/api/v1/actions/${await f.action(w)}` }),
  'GET /api/v1/actions/{id}/updates': async (w) => ({ url: `/api/v1/actions/${w.actionId}/updates` }),
  'GET /api/v1/actions/{id}/delete-impact': async (w) => ({ url: `/api/v1/actions/${w.actionId}/delete-impact` }),
  'GET /api/v1/domains/{id}/delete-impact': async (w) => ({ url: `/api/v1/domains/${w.domainId}/delete-impact` }),
  'GET /api/v1/strategic-objectives/{id}/delete-impact': async (w) => ({ url: `/api/v1/strategic-objectives/${w.strategicId}/delete-impact` }),
  'GET /api/v1/operational-objectives/{id}/delete-impact': async (w) => ({ url: `/api/v1/operational-objectives/${w.operationalId}/delete-impact` }),
  'GET /api/v1/indicators/{id}/delete-impact': async (w) => ({ url: `/api/v1/indicators/${w.indicatorId}/delete-impact` }),
  // A fresh owner with a fresh action in the work group's domain, handed to a fresh person: the fixture's own owner keeps theirs.
  'POST /api/v1/trajectories/{id}/actions/reassign': async (w) => {
    const [fromPersonId, toPersonId] = [await f.person(w), await f.person(w)];
    await f.insert('action', { tenant_id: w.tenantId, trajectory_id: w.trajectoryId, domain_id: w.domainId, operational_objective_id: w.operationalId, title: `Actie ${stamp()}`, owner_id: fromPersonId });
    return { url: `${T(w)}/actions/reassign`, body: { fromPersonId, toPersonId }, check: (res) => ((res as { reassigned: number }).reassigned === 1 ? '' : ' (but nothing reassigned)') };
  },
  // Objectives of unique titles in the work group's domain, so that the row's title path matches exactly one.
  'POST /api/v1/trajectories/{id}/actions/import': async (w) => {
    const strategic = `Strategisch ${stamp()}`;
    const operational = `Operationeel ${stamp()}`;
    const strategicId = await f.insert('strategic_objective', { tenant_id: w.tenantId, trajectory_id: w.trajectoryId, domain_id: w.domainId, title: strategic });
    await f.insert('operational_objective', { tenant_id: w.tenantId, trajectory_id: w.trajectoryId, domain_id: w.domainId, strategic_objective_id: strategicId, title: operational });
    const { rows } = await sql<{ name: string }>`select name from domain where tenant_id = ${w.tenantId} and id = ${w.domainId}`.execute(t.db.db);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Actieplan');
    sheet.addRow(['Beleidsdomein', 'Strategische doelstelling', 'Operationele doelstelling', 'Actie', 'Status']);
    sheet.addRow([rows[0]!.name, strategic, operational, `Geïmporteerd ${stamp()}`, 'gepland']);
    const content = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    return { url: `${T(w)}/actions/import`, body: { fileName: 'actieplan.xlsx', content }, check: (res) => ((res as { created: number }).created === 1 ? '' : ' (but nothing created)') };
  },

  'GET /api/v1/actions/{id}/indicators': async (w) => ({ url: `/api/v1/actions/${w.actionId}/indicators` }),
  'POST /api/v1/actions/{id}/indicators': async (w) => ({ url: `/api/v1/actions/${w.actionId}/indicators`, body: { kind: 'outcome', name: `Indicator ${stamp()}` } }),
  'GET /api/v1/indicators/{id}': async (w) => ({ url: `/api/v1/indicators/${w.indicatorId}` }),
  'PATCH /api/v1/indicators/{id}': async (w) => ({ url: `/api/v1/indicators/${await f.indicator(w)}`, body: { name: `Indicator ${stamp()}` } }),
  'DELETE /api/v1/indicators/{id}': async (w) => ({ url: `/api/v1/indicators/${await f.indicator(w)}` }),

  'GET /api/v1/indicators/{id}/measurements': async (w) => ({ url: `/api/v1/indicators/${w.indicatorId}/measurements` }),
  'POST /api/v1/indicators/{id}/measurements': async (w) => ({ url: `/api/v1/indicators/${w.indicatorId}/measurements`, body: { measuredOn: '2026-04-01', value: 17 } }),
  'GET /api/v1/measurements/{id}': async (w) => ({ url: `/api/v1/measurements/${w.measurementId}` }),
  'PATCH /api/v1/measurements/{id}': async (w) => ({ url: `/api/v1/measurements/${await f.measurement(w)}`, body: { value: 21 } }),
  'DELETE /api/v1/measurements/{id}': async (w) => ({ url: `/api/v1/measurements/${await f.measurement(w)}` }),

  'GET /api/v1/indicators/{id}/measurement-plans': async (w) => ({ url: `/api/v1/indicators/${w.indicatorId}/measurement-plans` }),
  'POST /api/v1/indicators/{id}/measurement-plans': async (w) => ({ url: `/api/v1/indicators/${await f.indicator(w)}/measurement-plans`, body: { frequency: 'quarterly', source: 'Aanwezigheidslijst' } }),
  'GET /api/v1/measurement-plans/{id}': async (w) => ({ url: `/api/v1/measurement-plans/${await measurementPlan(w)}` }),
  'PATCH /api/v1/measurement-plans/{id}': async (w) => ({ url: `/api/v1/measurement-plans/${await measurementPlan(w)}`, body: { frequency: 'yearly' } }),
  'DELETE /api/v1/measurement-plans/{id}': async (w) => ({ url: `/api/v1/measurement-plans/${await measurementPlan(w)}` }),
  'GET /api/v1/trajectories/{id}/measurement-plans': async (w) => ({ url: `${T(w)}/measurement-plans` }),
  'GET /api/v1/trajectories/{id}/signal-verdicts': async (w) => ({ url: `${T(w)}/signal-verdicts` }),
  'POST /api/v1/trajectories/{id}/signal-verdicts [for the signal group of the trusted person]': async (w) => ({
    url: `${T(w)}/signal-verdicts`,
    body: { bodyId: await signalGroup(w), actionId: w.actionId, verdict: 'partly', reasons: 'Goed idee, maar de uren passen niet', givenOn: '2026-04-01' },
  }),
  'POST /api/v1/trajectories/{id}/signal-verdicts [for another signal group]': async (w) => ({
    url: `${T(w)}/signal-verdicts`,
    body: { bodyId: await signalGroup(w, false), domainId: w.domainId, verdict: 'works', givenOn: '2026-04-01' },
  }),
  'GET /api/v1/signal-verdicts/{id}': async (w) => ({ url: `/api/v1/signal-verdicts/${await signalVerdict(w)}` }),
  'PATCH /api/v1/signal-verdicts/{id}': async (w) => ({ url: `/api/v1/signal-verdicts/${await signalVerdict(w)}`, body: { verdict: 'not', reasons: `Te ver ${stamp()}` } }),
  'DELETE /api/v1/signal-verdicts/{id}': async (w) => ({ url: `/api/v1/signal-verdicts/${await signalVerdict(w)}` }),

  'GET /api/v1/trajectories/{id}/initiatives': async (w) => ({ url: `${T(w)}/initiatives` }),
  'POST /api/v1/trajectories/{id}/initiatives': async (w) => ({ url: `${T(w)}/initiatives`, body: { name: `Initiatief ${stamp()}`, state: 'planned' } }),
  'GET /api/v1/initiatives/{id}': async (w) => ({ url: `/api/v1/initiatives/${w.initiativeId}` }),
  'PATCH /api/v1/initiatives/{id}': async (w) => ({ url: `/api/v1/initiatives/${await f.initiative(w)}`, body: { name: `Initiatief ${stamp()}` } }),
  'DELETE /api/v1/initiatives/{id}': async (w) => ({ url: `/api/v1/initiatives/${await f.initiative(w)}` }),
  'POST /api/v1/trajectories/{id}/initiatives/import': async (w) => ({
    url: `${T(w)}/initiatives/import`,
    body: { fileName: 'inventaris.csv', content: Buffer.from(`Naam;Status;Partners\nGeïmporteerd ${stamp()};lopend;OCMW; CAW\n`).toString('base64') },
  }),
  'GET /api/v1/trajectories/{id}/initiatives/template.xlsx': async (w) => ({ url: `${T(w)}/initiatives/template.xlsx` }),

  'GET /api/v1/trajectories/{id}/meetings': async (w) => ({ url: `${T(w)}/meetings` }),
  ...bothBodies('POST /api/v1/trajectories/{id}/meetings', async (w, body) => ({
    url: `${T(w)}/meetings`,
    body: { bodyId: body === 'work_group' ? w.workGroupId : w.steeringId, title: `Vergadering ${stamp()}`, startsAt: '2026-06-01T18:00:00+02:00', endsAt: '2026-06-01T20:00:00+02:00' },
  })),
  'GET /api/v1/meetings/{id}': async (w) => ({ url: `/api/v1/meetings/${w.meetingId}` }),
  ...bothBodies('PATCH /api/v1/meetings/{id}', async (w, body) => ({ url: `/api/v1/meetings/${await meetingOf(w, { body })}`, body: { title: `Vergadering ${stamp()}` } })),
  ...bothBodies('DELETE /api/v1/meetings/{id}', async (w, body) => ({ url: `/api/v1/meetings/${await meetingOf(w, { body })}` })),
  ...bothBodies('POST /api/v1/meetings/{id}/fix-agenda', async (w, body) => ({ url: `/api/v1/meetings/${await meetingOf(w, { body })}/fix-agenda`, body: {} })),
  ...bothBodies('POST /api/v1/meetings/{id}/held', async (w, body) => ({ url: `/api/v1/meetings/${await meetingOf(w, { body, past: true, state: 'agenda_sent' })}/held`, body: {} })),
  ...bothBodies('POST /api/v1/meetings/{id}/minutes/submit', async (w, body) => ({ url: `/api/v1/meetings/${await meetingOf(w, { body, past: true, state: 'held' })}/minutes/submit`, body: {} })),
  ...bothBodies(
    'POST /api/v1/meetings/{id}/minutes/approve',
    async (w, body) => ({
      url: `/api/v1/meetings/${await meetingOf(w, { body, past: true, state: 'held', submitted: true })}/minutes/approve`,
      body: {},
      // The delivery starts in the background as the approval commits, and may already have marked them distributed.
      check: (res) => {
        const { state, minutesApprovedAt } = res as { state: string; minutesApprovedAt: string | null };
        return minutesApprovedAt && (state === 'minutes_approved' || state === 'distributed') ? '' : ' (but not approved)';
      },
    }),
    ', held, minutes submitted',
  ),
  ...bothBodies(
    'POST /api/v1/meetings/{id}/minutes/send-back',
    async (w, body) => ({
      url: `/api/v1/meetings/${await meetingOf(w, { body, past: true, state: 'held', submitted: true })}/minutes/send-back`,
      body: { remark: 'Vermeld ook wie wat opvolgt.' },
    }),
    ', held, minutes submitted',
  ),
  ...bothBodies('POST /api/v1/meetings/{id}/cancel', async (w, body) => ({ url: `/api/v1/meetings/${await meetingOf(w, { body })}/cancel`, body: { reason: 'Te weinig deelnemers' } })),
  ...bothBodies('PATCH /api/v1/meetings/{id}/minutes', async (w, body) => ({ url: `/api/v1/meetings/${await meetingOf(w, { body, past: true, state: 'held' })}/minutes`, body: { notes: `Verslag ${stamp()}` } })),
  'POST /api/v1/meetings/{id}/agenda-items [a planned meeting]': async (w) => ({ url: `/api/v1/meetings/${await meetingOf(w)}/agenda-items`, body: { title: `Voorstel ${stamp()}`, kind: 'discussion' } }),
  ...bothBodies('PUT /api/v1/meetings/{id}/agenda-order', async (w, body) => {
    const meetingId = await meetingOf(w, { body });
    const items = [await agendaItemOf(w, meetingId), await agendaItemOf(w, meetingId)];
    return {
      url: `/api/v1/meetings/${meetingId}/agenda-order`,
      body: { itemIds: [...items].reverse() },
      check: (res) => ((res as { agenda: { id: string }[] }).agenda.map((i) => i.id).join() === [...items].reverse().join() ? '' : ' (but not in the new order)'),
    };
  }),
  "PATCH /api/v1/agenda-items/{id} [an organiser's item of a steering-group meeting]": async (w) => ({ url: `/api/v1/agenda-items/${await agendaItemOf(w, await meetingOf(w))}`, body: { title: `Punt ${stamp()}` } }),
  "PATCH /api/v1/agenda-items/{id} [an organiser's item of a meeting of the work group]": async (w) => ({
    url: `/api/v1/agenda-items/${await agendaItemOf(w, await meetingOf(w, { body: 'work_group' }))}`,
    body: { title: `Punt ${stamp()}` },
  }),
  "PATCH /api/v1/agenda-items/{id} [one's own proposal, agenda open]": async (w, caller) => ({
    url: `/api/v1/agenda-items/${await agendaItemOf(w, await meetingOf(w), caller.personId)}`,
    body: { title: `Mijn voorstel ${stamp()}` },
  }),
  'PATCH /api/v1/agenda-items/{id} [notes and decisions of a held meeting]': async (w) => ({
    url: `/api/v1/agenda-items/${await agendaItemOf(w, await meetingOf(w, { past: true, state: 'held' }))}`,
    body: { notes: `Besproken ${stamp()}`, decisions: 'We gaan door.' },
  }),
  "DELETE /api/v1/agenda-items/{id} [an organiser's item of a steering-group meeting]": async (w) => ({ url: `/api/v1/agenda-items/${await agendaItemOf(w, await meetingOf(w))}` }),
  "DELETE /api/v1/agenda-items/{id} [an organiser's item of a meeting of the work group]": async (w) => ({ url: `/api/v1/agenda-items/${await agendaItemOf(w, await meetingOf(w, { body: 'work_group' }))}` }),
  "DELETE /api/v1/agenda-items/{id} [one's own proposal, agenda open]": async (w, caller) => ({ url: `/api/v1/agenda-items/${await agendaItemOf(w, await meetingOf(w), caller.personId)}` }),
  ...bothBodies('POST /api/v1/meetings/{id}/attendees', async (w, body) => ({ url: `/api/v1/meetings/${await meetingOf(w, { body })}/attendees`, body: { personId: w.memberPersonId } })),
  "PATCH /api/v1/meetings/{id}/attendees/{personId} [one's own invitation answered]": async (w, caller) => {
    const meetingId = await meetingOf(w);
    const personId = caller.personId ?? w.memberPersonId;
    await attendeeOf(w, meetingId, personId);
    return { url: `/api/v1/meetings/${meetingId}/attendees/${personId}`, body: { response: 'accepted' } };
  },
  'PATCH /api/v1/meetings/{id}/attendees/{personId} [attendance, a steering-group meeting held]': async (w) => {
    const meetingId = await meetingOf(w, { past: true, state: 'held' });
    await attendeeOf(w, meetingId, w.memberPersonId);
    return { url: `/api/v1/meetings/${meetingId}/attendees/${w.memberPersonId}`, body: { attendance: 'present' } };
  },
  'PATCH /api/v1/meetings/{id}/attendees/{personId} [attendance, a meeting of the work group held]': async (w) => {
    const meetingId = await meetingOf(w, { body: 'work_group', past: true, state: 'held' });
    await attendeeOf(w, meetingId, w.memberPersonId);
    return { url: `/api/v1/meetings/${meetingId}/attendees/${w.memberPersonId}`, body: { attendance: 'excused' } };
  },
  ...bothBodies('DELETE /api/v1/meetings/{id}/attendees/{personId}', async (w, body) => {
    const meetingId = await meetingOf(w, { body });
    await attendeeOf(w, meetingId, w.memberPersonId);
    return { url: `/api/v1/meetings/${meetingId}/attendees/${w.memberPersonId}` };
  }),
  ...bothBodies(
    'POST /api/v1/meetings/{id}/actions',
    async (w, body) => ({
      url: `/api/v1/meetings/${await meetingOf(w, { body, past: true, state: 'held' })}/actions`,
      body: { title: `Besliste actie ${stamp()}`, operationalObjectiveId: w.operationalId, dueDate: '2027-06-30' },
      check: (res) => ((res as { actions: unknown[] }).actions.length === 1 ? '' : ' (but no action in the minutes)'),
    }),
    ', held',
  ),
  "GET /api/v1/meetings/{id}/parents-to-call [the trusted person's own parent invited]": async (w) => {
    const meetingId = await meetingOf(w, { body: 'parents_group' });
    const parentId = await f.parent(w);
    await attendeeOf(w, meetingId, parentId);
    return {
      url: `/api/v1/meetings/${meetingId}/parents-to-call`,
      check: (res) => ((res as { parents: { personId: string; phone: string | null }[] }).parents.some((p) => p.personId === parentId && p.phone) ? '' : ' (but not the parent with a phone)'),
    };
  },
  "GET /api/v1/meetings/{id}/parents-to-call [only another trusted person's parent invited]": async (w) => {
    const meetingId = await meetingOf(w, { body: 'parents_group' });
    await attendeeOf(w, meetingId, await parentOfAnother(w));
    return { url: `/api/v1/meetings/${meetingId}/parents-to-call` };
  },
  "POST /api/v1/meetings/{id}/check-ins/{personId} [the trusted person's own parent, after the meeting]": async (w) => {
    const meetingId = await meetingOf(w, { body: 'parents_group', past: true, state: 'held' });
    const parentId = await f.parent(w);
    await attendeeOf(w, meetingId, parentId);
    return { url: `/api/v1/meetings/${meetingId}/check-ins/${parentId}`, body: { note: 'Vond het fijn, komt volgende keer terug.' } };
  },
  "POST /api/v1/meetings/{id}/check-ins/{personId} [another trusted person's parent, after the meeting]": async (w) => {
    const meetingId = await meetingOf(w, { body: 'parents_group', past: true, state: 'held' });
    const parentId = await parentOfAnother(w);
    await attendeeOf(w, meetingId, parentId);
    return { url: `/api/v1/meetings/${meetingId}/check-ins/${parentId}`, body: {} };
  },
  'GET /api/v1/trajectories/{id}/outbox': async (w) => {
    const id = await f.outboxMessage(w, t.config.outboxDir);
    return { url: `${T(w)}/outbox?limit=200`, check: (body) => ((body as { id: string }[]).some((m) => m.id === id) ? '' : ' (but not the message)') };
  },
  'GET /api/v1/meetings/{id}/minutes.docx [a steering-group meeting, minutes not yet approved]': async (w) => ({ url: `/api/v1/meetings/${await meetingOf(w, { past: true, state: 'held' })}/minutes.docx` }),
  'GET /api/v1/meetings/{id}/minutes.docx [a steering-group meeting, minutes approved]': async (w) => ({ url: `/api/v1/meetings/${await meetingOf(w, { past: true, state: 'distributed' })}/minutes.docx` }),
  'GET /api/v1/meetings/{id}/minutes.pdf [a steering-group meeting, minutes not yet approved]': async (w) => ({ url: `/api/v1/meetings/${await meetingOf(w, { past: true, state: 'held' })}/minutes.pdf` }),
  'GET /api/v1/meetings/{id}/minutes.pdf [a steering-group meeting, minutes approved]': async (w) => ({ url: `/api/v1/meetings/${await meetingOf(w, { past: true, state: 'distributed' })}/minutes.pdf` }),
  'GET /api/v1/meetings/{id}/parents-invitation.pdf': async (w) => ({ url: `/api/v1/meetings/${await meetingOf(w, { body: 'parents_group' })}/parents-invitation.pdf` }),
  ...bothBodies('GET /api/v1/meetings/{id}/deliveries', async (w, body) => ({ url: `/api/v1/meetings/${await meetingOf(w, { body, past: true, state: 'distributed' })}/deliveries` })),
  'POST /api/v1/meetings/{id}/responses/sync [a steering-group meeting, Graph not configured]': async (w) => ({ url: `/api/v1/meetings/${await meetingOf(w)}/responses/sync`, body: {} }),
  'POST /api/v1/meetings/{id}/attendance/prefill [a steering-group meeting, Graph not configured]': async (w) => ({ url: `/api/v1/meetings/${await meetingOf(w, { past: true, state: 'held' })}/attendance/prefill`, body: {} }),
  'POST /api/v1/trajectories/{id}/meeting-times [for the steering group]': async (w) => ({
    url: `${T(w)}/meeting-times`,
    body: { bodyId: w.steeringId, from: '2027-01-04T08:00:00+01:00', to: '2027-01-08T18:00:00+01:00', durationMinutes: 90 },
  }),
  'POST /api/v1/trajectories/{id}/meeting-times [for the work group]': async (w) => ({
    url: `${T(w)}/meeting-times`,
    body: { bodyId: w.workGroupId, from: '2027-01-04T08:00:00+01:00', to: '2027-01-08T18:00:00+01:00', durationMinutes: 90 },
  }),
  'GET /api/v1/outbox/{id}/eml': async (w) => ({ url: `/api/v1/outbox/${await f.outboxMessage(w, t.config.outboxDir)}/eml` }),

  'GET /api/v1/trajectories/{id}/questionnaires': async (w) => ({ url: `${T(w)}/questionnaires` }),
  'GET /api/v1/actions/{id}/questionnaires': async (w) => ({ url: `/api/v1/actions/${w.actionId}/questionnaires` }),
  'POST /api/v1/actions/{id}/questionnaires': async (w) => ({ url: `/api/v1/actions/${w.actionId}/questionnaires`, body: { kind: 'satisfaction' } }),
  'GET /api/v1/questionnaires/{id}': async (w) => ({ url: `/api/v1/questionnaires/${await insertQuestionnaire(t.db.db, w)}` }),
  'PATCH /api/v1/questionnaires/{id}': async (w) => ({ url: `/api/v1/questionnaires/${await insertQuestionnaire(t.db.db, w)}`, body: { titleNl: `Vragenlijst ${stamp()}` } }),
  'DELETE /api/v1/questionnaires/{id}': async (w) => ({ url: `/api/v1/questionnaires/${await insertQuestionnaire(t.db.db, w)}` }),
  "POST /api/v1/questionnaires/{id}/responses [one's own answers]": async (w) => ({
    url: `/api/v1/questionnaires/${await insertQuestionnaire(t.db.db, w)}/responses`,
    body: { answers: satisfactionAnswers },
  }),
  "POST /api/v1/questionnaires/{id}/responses [for a parent without an account, whose trusted person is the fixture's]": async (w) => ({
    url: `/api/v1/questionnaires/${await insertQuestionnaire(t.db.db, w)}/responses`,
    body: { answers: satisfactionAnswers, onBehalfOf: await insertParent(t.db.db, w, w.trustedPersonId) },
  }),
  'POST /api/v1/questionnaires/{id}/responses [for a parent with another trusted person]': async (w) => ({
    url: `/api/v1/questionnaires/${await insertQuestionnaire(t.db.db, w)}/responses`,
    body: { answers: satisfactionAnswers, onBehalfOf: await insertParent(t.db.db, w, w.memberPersonId) },
  }),
  'GET /api/v1/questionnaires/{id}/responses [single answers, 5 answers]': async (w) => {
    const id = await insertQuestionnaire(t.db.db, w);
    await insertResponses(t.db.db, w, id, 5);
    return { url: `/api/v1/questionnaires/${id}/responses`, check: (body) => ((body as { responses: unknown[] }).responses.length === 5 ? '' : ' (but not the 5 answers)') };
  },
  'POST /api/v1/questionnaires/{id}/links': async (w) => ({ url: `/api/v1/questionnaires/${await insertQuestionnaire(t.db.db, w)}/links`, body: { count: 2, validDays: 7 } }),
  'GET /api/v1/trajectories/{id}/questionnaire-results [4 answers: counts only, no average or distribution]': async (w) => {
    const actionId = await f.action(w);
    const id = await insertQuestionnaire(t.db.db, w, 'satisfaction', actionId);
    await insertResponses(t.db.db, w, id, 4, 'Geheim antwoord');
    return {
      url: `${T(w)}/questionnaire-results?actionId=${actionId}`,
      check: (body) => {
        const [result] = (body as { results: { answerCount: number; questions: { average: unknown; distribution: unknown }[] }[] }).results;
        if (result?.answerCount !== 4) return ' (but not 4 answers counted)';
        if (result.questions.some((q) => q.average !== null || q.distribution !== null)) return ' (but a breakdown of 4 answers)';
        return JSON.stringify(body).includes('Geheim antwoord') ? ' (but an open answer)' : '';
      },
    };
  },
  'GET /api/v1/trajectories/{id}/questionnaire-results [5 answers: averages and distributions, never open answers]': async (w) => {
    const actionId = await f.action(w);
    const id = await insertQuestionnaire(t.db.db, w, 'satisfaction', actionId);
    await insertResponses(t.db.db, w, id, 5, 'Geheim antwoord');
    return {
      url: `${T(w)}/questionnaire-results?domainId=${w.domainId}&actionId=${actionId}`,
      check: (body) => {
        const [result] = (body as { results: { answerCount: number; questions: { type: string; average: number | null; distribution: Record<string, number> | null }[] }[] }).results;
        if (result?.answerCount !== 5) return ' (but not 5 answers counted)';
        const [scale, , choice, open] = result.questions;
        if (scale?.average !== 3 || scale.distribution?.['1'] !== 1) return ' (but no average or distribution of the scale)';
        if (choice?.distribution?.o1 !== 3 || choice.distribution.o2 !== 2) return ' (but no distribution of the choice)';
        if (open?.distribution !== null || open.average !== null) return ' (but a breakdown of an open question)';
        return JSON.stringify(body).includes('Geheim antwoord') ? ' (but an open answer)' : '';
      },
    };
  },

  'GET /api/v1/trajectories/{id}/context-values': async (w) => ({ url: `${T(w)}/context-values` }),
  'PUT /api/v1/trajectories/{id}/context-values': async (w) => ({
    url: `${T(w)}/context-values`,
    body: { indicator: 'green_pressure', year: 1990 + Math.floor(Math.random() * 110), level: 'municipality', value: 38.5 },
  }),
  'POST /api/v1/trajectories/{id}/context-values/import': async (w) => ({
    url: `${T(w)}/context-values/import`,
    body: { fileName: 'cijfers.csv', contentBase64: Buffer.from(`indicator;jaar;niveau;waarde\ngroene druk;${1990 + Math.floor(Math.random() * 110)};gemeente;38,5\n`).toString('base64') },
  }),
  'DELETE /api/v1/context-values/{id}': async (w) => ({ url: `/api/v1/context-values/${await f.contextValue(w)}` }),

  'GET /api/v1/trajectories/{id}/steering-sessions': async (w) => ({ url: `${T(w)}/steering-sessions` }),
  'PATCH /api/v1/trajectories/{id}/steering-sessions/{number}': async (w) => ({
    url: `${T(w)}/steering-sessions/1`,
    body: { heldOn: '2026-02-10', meetingId: w.meetingId, answers: { dignity_meaning: `Een leven waarin je kunt meedoen ${stamp()}` } },
  }),
  'GET /api/v1/trajectories/{id}/steering-sessions/homework': async (w) => ({ url: `${T(w)}/steering-sessions/homework` }),
  // A fresh member each time, so that an allowed send always has someone new to queue.
  'POST /api/v1/trajectories/{id}/steering-sessions/homework': async (w) => {
    await f.membership(w, w.steeringId, await f.person(w, { entra_object_id: randomUUID() }), 'partner');
    return { url: `${T(w)}/steering-sessions/homework` };
  },

  'GET /api/v1/trajectories/{id}/focus-groups': async (w) => ({ url: `${T(w)}/focus-groups` }),
  'POST /api/v1/trajectories/{id}/focus-groups': async (w) => ({
    url: `${T(w)}/focus-groups`,
    body: { title: `Focusgroep ${stamp()}`, domainId: w.domainId, bodyId: w.workGroupId, plannedOn: '2026-03-12', themes: ['Vrije tijd'] },
  }),
  'GET /api/v1/trajectories/{id}/focus-groups/traces': async (w) => ({ url: `${T(w)}/focus-groups/traces` }),
  'GET /api/v1/focus-groups/{id}': async (w) => ({ url: `/api/v1/focus-groups/${await f.focusGroup(w)}` }),
  'PATCH /api/v1/focus-groups/{id}': async (w) => ({ url: `/api/v1/focus-groups/${await f.focusGroup(w)}`, body: { notes: `Verslag ${stamp()}`, participantCount: 8 } }),
  'DELETE /api/v1/focus-groups/{id}': async (w) => ({ url: `/api/v1/focus-groups/${await f.focusGroup(w)}` }),
  'GET /api/v1/focus-groups/{id}/proposals': async (w) => ({ url: `/api/v1/focus-groups/${await f.focusGroup(w)}/proposals` }),
  'POST /api/v1/focus-groups/{id}/proposals': async (w) => ({
    url: `/api/v1/focus-groups/${await f.focusGroup(w)}/proposals`,
    body: { text: `Voorstel ${stamp()}`, theme: 'Vrije tijd' },
  }),
  'GET /api/v1/focus-group-proposals/{id}': async (w) => ({ url: `/api/v1/focus-group-proposals/${await f.proposal(w)}` }),
  'PATCH /api/v1/focus-group-proposals/{id} [text]': async (w) => ({ url: `/api/v1/focus-group-proposals/${await f.proposal(w)}`, body: { text: `Voorstel ${stamp()}` } }),
  'PATCH /api/v1/focus-group-proposals/{id} [link to an objective and action of its domain]': async (w) => ({
    url: `/api/v1/focus-group-proposals/${await f.proposal(w)}`,
    body: { operationalObjectiveId: w.operationalId, actionId: w.actionId },
  }),
  'DELETE /api/v1/focus-group-proposals/{id}': async (w) => ({ url: `/api/v1/focus-group-proposals/${await f.proposal(w)}` }),
  'GET /api/v1/trajectories/{id}/college-schedule': async (w) => ({ url: `${T(w)}/college-schedule` }),
  'PUT /api/v1/trajectories/{id}/college-schedule': async (w) => ({ url: `${T(w)}/college-schedule`, body: { weekday: 1, time: '09:00', frequency: 'quarterly', secretaryEmail: 'secretariaat@test.example' } }),
  'GET /api/v1/trajectories/{id}/reports': async (w) => ({ url: `${T(w)}/reports` }),
  'POST /api/v1/trajectories/{id}/reports': async (w) => ({ url: `${T(w)}/reports`, body: { periodStart: '2026-01-01', periodEnd: '2026-03-31' } }),
  'GET /api/v1/reports/{id}': async (w) => ({ url: `/api/v1/reports/${await reportOf(w)}` }),
  'PATCH /api/v1/reports/{id}': async (w) => ({ url: `/api/v1/reports/${await reportOf(w)}`, body: { summary: `Samenvatting ${stamp()}` } }),
  'POST /api/v1/reports/{id}/regenerate': async (w) => ({ url: `/api/v1/reports/${await reportOf(w)}/regenerate`, body: {} }),
  'POST /api/v1/reports/{id}/submit': async (w) => ({ url: `/api/v1/reports/${await reportOf(w)}/submit`, body: {} }),
  'POST /api/v1/reports/{id}/approve': async (w) => ({
    url: `/api/v1/reports/${await reportOf(w, 'submitted')}/approve`,
    body: {},
    check: (res) => ((res as { state: string }).state === 'approved' ? '' : ' (but not approved)'),
  }),
  'POST /api/v1/reports/{id}/send-back': async (w) => ({ url: `/api/v1/reports/${await reportOf(w, 'submitted')}/send-back`, body: { remark: 'Vul de budgetvraag aan.' } }),
  'GET /api/v1/reports/{id}/report.docx': async (w) => ({ url: `/api/v1/reports/${await reportOf(w)}/report.docx` }),
  'GET /api/v1/reports/{id}/report.pdf': async (w) => ({ url: `/api/v1/reports/${await reportOf(w)}/report.pdf` }),
  'GET /api/v1/reports/{id}/deliveries': async (w) => ({ url: `/api/v1/reports/${await reportOf(w)}/deliveries` }),
};

interface MatrixRow {
  key: string;
  method: string;
  path: string;
  tenantLevel: boolean;
  expected: Record<MatrixRole, number>;
}

const rows: MatrixRow[] = permissionTable('route-matrix').map((r) => {
  const [method = '', path = ''] = (r.route ?? '').replace(/`/g, '').split(' ');
  const key = `${method} ${path}${r.case ? ` [${r.case}]` : ''}`;
  return {
    key,
    method,
    path,
    tenantLevel: !path.startsWith('/api/v1/trajectories/{id}') && !/\{id\}/.test(path),
    expected: Object.fromEntries(matrixRoles.map((role) => [role, Number(r[role])])) as Record<MatrixRole, number>,
  };
});

beforeAll(async () => {
  t = await createTestApp({ seed: false });
  f = new Factory(t.db.db);
  const tenantId = await f.tenant('Gemeente Matrix');
  adminUserId = await f.admin(tenantId);
  own = await f.world(tenantId, adminUserId);
  other = await f.world(tenantId, adminUserId);
  const otherTenant = await f.tenant('Gemeente Elders');
  // The other tenant's strongest user: its admin and its coordinator at once.
  const otherUser = await f.admin(otherTenant);
  await f.world(otherTenant, otherUser, otherUser);
  otherTenantCaller = { role: 'other_tenant', tenantId: otherTenant, userId: otherUser, personId: null };
  own.callers.none = { role: 'none', tenantId, userId: randomUUID(), personId: null };
});
afterAll(() => t.close());

async function send(caller: Caller, method: string, request: Request) {
  const res = await t.call({ tenantId: caller.tenantId, userId: caller.userId, name: caller.role }, method as 'GET', request.url, request.body);
  return res;
}

function callerOf(role: MatrixRole): Caller {
  return role === 'other_tenant' ? otherTenantCaller : own.callers[role]!;
}

describe('the route matrix covers the API exactly', () => {
  test('every documented route has a row, every row a route and a fixture, and every cell a status', async () => {
    const openApi = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    const routes = Object.entries(openApi.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const rowRoutes = new Set(rows.map((r) => `${r.method} ${r.path}`));
    expect(routes.filter((r) => !rowRoutes.has(r))).toEqual([]);
    expect([...rowRoutes].filter((r) => !routes.includes(r))).toEqual([]);
    expect(rows.map((r) => r.key).filter((k) => !fixtures[k])).toEqual([]);
    expect(Object.keys(fixtures).filter((k) => !rows.some((r) => r.key === k))).toEqual([]);
    for (const row of rows) for (const role of matrixRoles) expect([row.key, role, Number.isInteger(row.expected[role])]).toEqual([row.key, role, true]);
  });

  test('the capability table of docs/permissions.md is the one the server enforces', () => {
    const table = capabilityTable();
    const documented = Object.fromEntries(table.map((r) => [(r.capability ?? '').replace(/`/g, ''), policyRoles.filter((role) => r[role] === '✓')]));
    expect(Object.keys(documented).sort()).toEqual([...capabilities].sort());
    for (const capability of capabilities) expect([capability, documented[capability]]).toEqual([capability, [...grants[capability]].sort((a, b) => policyRoles.indexOf(a) - policyRoles.indexOf(b))]);
  });
});

describe('route × role × own/other trajectory × own/other tenant, as docs/permissions.md says', () => {
  test.each(rows.map((r) => [r.key, r] as const))('%s', async (_key, row) => {
    const outcomes: string[] = [];
    const expectations: string[] = [];
    const attempt = async (label: string, caller: Caller, world: World, expected: number) => {
      const request = await fixtures[row.key]!(world, caller, expected < 300);
      // A meeting's side effects (invitations, minutes delivery) finish in the background: let an earlier success's settle first.
      if (expected >= 400) await t.services.meetingDelivery.idle();
      const before = expected >= 400 ? await fingerprint(t.db.db) : '';
      const res = await send(caller, row.method, request);
      let changed = '';
      if (expected >= 400) changed = (await fingerprint(t.db.db)) === before ? '' : ' (and changed data)';
      const shown = request.check && res.statusCode < 300 ? request.check(res.json()) : '';
      outcomes.push(`${label}: ${res.statusCode}${changed}${shown}`);
      expectations.push(`${label}: ${expected}`);
    };
    for (const role of matrixRoles) {
      const caller = callerOf(role);
      await attempt(role, caller, own, row.expected[role]);
      // The same request aimed at another trajectory of the tenant, where the caller holds nothing.
      if (!row.tenantLevel && role !== 'other_tenant' && role !== 'none') {
        await attempt(`${role} in another trajectory`, caller, other, role === 'admin' ? row.expected.admin : 404);
      }
    }
    expect(outcomes).toEqual(expectations);
  });
});

describe('what the API tells each client it may do', () => {
  test.each(['coordinator', 'chair', 'work_group_member', 'action_owner', 'parent', 'admin'] as const)('%s: permissions match the policy', async (role) => {
    const caller = callerOf(role);
    const res = await send(caller, 'GET', { url: T(own) });
    const body = res.json<{ permissions: string[]; workGroupDomainIds: string[] }>();
    // Work-group and owner rights hold only at their place: trajectory-wide they are not listed.
    const placeBound = role === 'work_group_member' || role === 'action_owner';
    const expected = capabilities.filter((c) => (grants[c] as readonly string[]).includes(role) && !(placeBound && (c === 'domain.edit' || c === 'action.report')));
    expect(body.permissions.sort()).toEqual([...expected].sort());
    expect(body.workGroupDomainIds).toEqual(role === 'work_group_member' ? [own.domainId] : []);
  });

  test('an unchanged audit log: a refused request leaves no trace, an allowed one exactly one entry', async () => {
    const count = async () => Number((await sql<{ n: string }>`select count(*) as n from audit_log`.execute(t.db.db)).rows[0]!.n);
    const before = await count();
    expect((await send(callerOf('alderman'), 'PATCH', { url: T(own), body: { vision: 'Niet toegestaan' } })).statusCode).toBe(403);
    expect(await count()).toBe(before);
    expect((await send(callerOf('chair'), 'PATCH', { url: T(own), body: { vision: `Toegestaan ${stamp()}` } })).statusCode).toBe(200);
    expect(await count()).toBe(before + 1);
  });
});
