import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { policyRoles } from '../../src/auth/policy';
import type { Db } from '../../src/db/database';
import { createOutboxSender } from '../../src/mail/outbox-sender';

/*
 * The fixture behind the generated permission tests (docs/permissions.md): trajectories in
 * which every role is held by one signed-in user, built straight in SQL so that building it
 * costs milliseconds and depends on no route under test.
 */

/** The policy's roles, and the two kinds of caller who hold none here. */
export const matrixRoles = [...policyRoles, 'none', 'other_tenant'] as const;
export type MatrixRole = (typeof matrixRoles)[number];

export interface Caller {
  role: MatrixRole;
  tenantId: string;
  userId: string;
  personId: string | null;
}

export interface World {
  tenantId: string;
  trajectoryId: string;
  steeringId: string;
  parentsGroupId: string;
  workGroupId: string;
  domainId: string;
  strategicId: string;
  operationalId: string;
  actionId: string;
  indicatorId: string;
  measurementId: string;
  initiativeId: string;
  meetingId: string;
  ownerPersonId: string;
  trustedPersonId: string;
  memberPersonId: string;
  callers: Partial<Record<MatrixRole, Caller>>;
}

type Table = 'person' | 'body' | 'membership' | 'domain' | 'strategic_objective' | 'operational_objective' | 'action' | 'indicator' | 'measurement' | 'initiative' | 'meeting' | 'trajectory' | 'context_value' | 'focus_group' | 'focus_group_proposal';

export class Factory {
  constructor(readonly db: Db) {}

  async insert(table: Table, values: Record<string, unknown>): Promise<string> {
    const columns = Object.keys(values);
    const { rows } = await sql<{ id: string }>`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) values (${sql.join(
      columns.map((c) => values[c]),
    )}) returning id`.execute(this.db);
    return rows[0]!.id;
  }

  person(w: Pick<World, 'tenantId' | 'trajectoryId'>, values: Record<string, unknown> = {}): Promise<string> {
    return this.insert('person', { tenant_id: w.tenantId, display_name: `Persoon ${randomUUID().slice(0, 6)}`, home_trajectory_id: w.trajectoryId, ...values });
  }

  membership(w: Pick<World, 'tenantId'>, bodyId: string, personId: string, role: string): Promise<string> {
    return this.insert('membership', { tenant_id: w.tenantId, body_id: bodyId, person_id: personId, role });
  }

  async memberOf(w: World, role: string, bodyId = w.steeringId): Promise<{ personId: string; membershipId: string }> {
    const personId = await this.person(w);
    return { personId, membershipId: await this.membership(w, bodyId, personId, role) };
  }

  async parent(w: World): Promise<string> {
    const personId = await this.person(w, { phone: '+32 470 11 22 33', email: 'ouder@example.org', trusted_person_id: w.trustedPersonId, contact_preference: 'via_trusted_person' });
    await this.membership(w, w.parentsGroupId, personId, 'parent');
    return personId;
  }

  domain(w: World): Promise<string> {
    return this.insert('domain', { tenant_id: w.tenantId, trajectory_id: w.trajectoryId, name: 'Wonen', approach: 'structural' });
  }

  strategic(w: World): Promise<string> {
    return this.insert('strategic_objective', { tenant_id: w.tenantId, trajectory_id: w.trajectoryId, domain_id: w.domainId, title: 'Strategisch doel' });
  }

  operational(w: World): Promise<string> {
    return this.insert('operational_objective', {
      tenant_id: w.tenantId,
      trajectory_id: w.trajectoryId,
      domain_id: w.domainId,
      strategic_objective_id: w.strategicId,
      title: 'Operationeel doel',
    });
  }

  action(w: World): Promise<string> {
    return this.insert('action', {
      tenant_id: w.tenantId,
      trajectory_id: w.trajectoryId,
      domain_id: w.domainId,
      operational_objective_id: w.operationalId,
      title: 'Huiswerkklas in de bib',
      owner_id: w.ownerPersonId,
    });
  }

  indicator(w: World): Promise<string> {
    return this.insert('indicator', { tenant_id: w.tenantId, trajectory_id: w.trajectoryId, action_id: w.actionId, kind: 'output', name: 'Bereikte gezinnen' });
  }

  measurement(w: World): Promise<string> {
    return this.insert('measurement', { tenant_id: w.tenantId, trajectory_id: w.trajectoryId, indicator_id: w.indicatorId, measured_on: '2026-03-01', value: 12 });
  }

  initiative(w: World): Promise<string> {
    return this.insert('initiative', { tenant_id: w.tenantId, trajectory_id: w.trajectoryId, name: 'Vrijetijdspas', state: 'active' });
  }

  /** A context value of its own (indicator and year chosen at random, so each call adds a row). */
  contextValue(w: World, attempts = 5): Promise<string> {
    return this.insert('context_value', {
      tenant_id: w.tenantId,
      trajectory_id: w.trajectoryId,
      indicator: 'population',
      year: 1990 + Math.floor(Math.random() * 110),
      level: ['municipality', 'arrondissement', 'province', 'region'][Math.floor(Math.random() * 4)],
      value: 1000,
    }).catch((error: unknown) => (attempts > 1 ? this.contextValue(w, attempts - 1) : Promise.reject(error)));
  }

  meeting(w: World): Promise<string> {
    return this.insert('meeting', {
      tenant_id: w.tenantId,
      trajectory_id: w.trajectoryId,
      body_id: w.steeringId,
      title: 'Stuurgroep',
      starts_at: '2026-05-04T18:00:00Z',
      ends_at: '2026-05-04T20:00:00Z',
    });
  }

  /** A mail of the world's trajectory in the local outbox (.eml file and row), through the real sender. */
  async outboxMessage(w: World, outboxDir: string): Promise<string> {
    const sent = await createOutboxSender(this.db, outboxDir).send(
      { to: [{ name: 'Stuurgroeplid', address: 'lid@example.org' }], subject: 'Uitnodiging stuurgroep', text: 'Welkom op de stuurgroep.' },
      { tenantId: w.tenantId, trajectoryId: w.trajectoryId, kind: 'invitation', key: randomUUID() },
    );
    return sent.id;
  }

  /** A held focus group that prepares the work group of the world's domain. */
  focusGroup(w: World): Promise<string> {
    return this.insert('focus_group', {
      tenant_id: w.tenantId,
      trajectory_id: w.trajectoryId,
      domain_id: w.domainId,
      body_id: w.workGroupId,
      title: 'Focusgroep vrije tijd',
      held_on: '2026-02-10',
      participant_count: 7,
    });
  }

  async proposal(w: World, focusGroupId?: string): Promise<string> {
    return this.insert('focus_group_proposal', {
      tenant_id: w.tenantId,
      trajectory_id: w.trajectoryId,
      focus_group_id: focusGroupId ?? (await this.focusGroup(w)),
      text: 'Een vrijetijdspas die ook voor broers en zussen geldt',
    });
  }

  body(w: World): Promise<string> {
    return this.insert('body', { tenant_id: w.tenantId, trajectory_id: w.trajectoryId, kind: 'work_group', name: 'Werkgroep', domain_id: w.domainId });
  }

  trajectory(tenantId: string): Promise<string> {
    return this.insert('trajectory', { tenant_id: tenantId, name: 'Kansrijk', municipality: 'Testgem', period_start: '2026-01-01', period_end: '2031-12-31' });
  }

  async tenant(name: string): Promise<string> {
    const id = randomUUID();
    await sql`insert into tenant (id, name) values (${id}, ${name})`.execute(this.db);
    return id;
  }

  async admin(tenantId: string, userId = randomUUID()): Promise<string> {
    await sql`insert into tenant_admin (tenant_id, entra_object_id, display_name) values (${tenantId}, ${userId}, 'Beheerder')`.execute(this.db);
    return userId;
  }

  /** A trajectory with every role held by one new signed-in user (the admin is the tenant's). */
  async world(tenantId: string, adminUserId: string | null, coordinatorUserId: string = randomUUID()): Promise<World> {
    const trajectoryId = await this.trajectory(tenantId);
    const base = { tenantId, trajectoryId };
    const steeringId = await this.insert('body', { tenant_id: tenantId, trajectory_id: trajectoryId, kind: 'steering_group', name: 'Stuurgroep' });
    const parentsGroupId = await this.insert('body', { tenant_id: tenantId, trajectory_id: trajectoryId, kind: 'parents_group', name: 'Oudergroep' });
    const domainId = await this.insert('domain', { tenant_id: tenantId, trajectory_id: trajectoryId, name: 'Onderwijs en vrije tijd', approach: 'structural' });
    const workGroupId = await this.insert('body', { tenant_id: tenantId, trajectory_id: trajectoryId, kind: 'work_group', name: 'Werkgroep onderwijs', domain_id: domainId });
    const callers: Partial<Record<MatrixRole, Caller>> = {};
    const signIn = async (role: MatrixRole, bodyId: string | null, membershipRole: string, userId: string = randomUUID(), extra: Record<string, unknown> = {}) => {
      const personId = await this.person(base, { entra_object_id: userId, display_name: role, ...extra });
      if (bodyId) await this.membership(base, bodyId, personId, membershipRole);
      callers[role] = { role, tenantId, userId, personId };
      return personId;
    };
    await signIn('coordinator', steeringId, 'coordinator', coordinatorUserId);
    await signIn('chair', steeringId, 'chair');
    await signIn('facilitator', steeringId, 'facilitator');
    await signIn('alderman', steeringId, 'alderman');
    await signIn('steering_member', steeringId, 'staff');
    await signIn('work_group_chair', workGroupId, 'chair');
    await signIn('work_group_member', workGroupId, 'member');
    const trustedPersonId = await signIn('trusted_person', parentsGroupId, 'trusted_person');
    await signIn('parent', parentsGroupId, 'parent', randomUUID(), { phone: '+32 470 99 88 77', trusted_person_id: trustedPersonId });
    const ownerPersonId = await signIn('action_owner', null, '');
    const memberPersonId = (await this.memberOf({ ...base, steeringId } as World, 'member')).personId;
    if (adminUserId) callers.admin = { role: 'admin', tenantId, userId: adminUserId, personId: null };
    const partial = { ...base, steeringId, parentsGroupId, workGroupId, domainId, ownerPersonId, trustedPersonId, memberPersonId, callers } as World;
    partial.strategicId = await this.strategic(partial);
    partial.operationalId = await this.operational(partial);
    partial.actionId = await this.action(partial);
    partial.indicatorId = await this.indicator(partial);
    partial.measurementId = await this.measurement(partial);
    partial.initiativeId = await this.initiative(partial);
    partial.meetingId = await this.meeting(partial);
    return partial;
  }
}

const tenantTables = [
  'tenant_admin',
  'trajectory',
  'person',
  'body',
  'membership',
  'domain',
  'strategic_objective',
  'operational_objective',
  'action',
  'action_update',
  'indicator',
  'measurement',
  'measurement_plan',
  'signal_verdict',
  'initiative',
  'context_value',
  'meeting',
  'meeting_attendee',
  'agenda_item',
  'focus_group',
  'focus_group_proposal',
  'steering_session',
  'steering_homework_answer',
  'follow_up',
  'questionnaire',
  'questionnaire_response',
  'questionnaire_participation',
  'questionnaire_link',
  'audit_log',
];

/** A digest of every row of the tenants' data and audit log: equal digests, nothing changed. */
export async function fingerprint(db: Db): Promise<string> {
  const parts = tenantTables.map((t) => sql`select ${t} || (r.*)::text as x from ${sql.table(t)} r`);
  const { rows } = await sql<{ digest: string }>`select md5(coalesce(string_agg(x, '|' order by x), '')) as digest from (${sql.join(parts, sql` union all `)}) all_rows`.execute(db);
  return rows[0]!.digest;
}

/** The rows of the Markdown table between `<!-- name -->` and `<!-- /name -->` in docs/permissions.md. */
export function permissionTable(name: string): Record<string, string>[] {
  const doc = readFileSync(path.resolve(__dirname, '../../docs/permissions.md'), 'utf8');
  return markdownTable(doc.split(`<!-- ${name} -->`)[1]?.split(`<!-- /${name} -->`)[0] ?? '');
}

export function markdownTable(text: string): Record<string, string>[] {
  const lines = text.split('\n').filter((l) => l.trim().startsWith('|'));
  const cells = (line: string) => line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
  const header = cells(lines[0] ?? '');
  return lines.slice(2).map((line) => Object.fromEntries(cells(line).map((c, i) => [header[i] ?? String(i), c])));
}

/** The capability table of docs/permissions.md (the first table under "## Capabilities"). */
export function capabilityTable(): Record<string, string>[] {
  const doc = readFileSync(path.resolve(__dirname, '../../docs/permissions.md'), 'utf8');
  return markdownTable(doc.split('## Capabilities')[1]?.split('###')[0] ?? '');
}
