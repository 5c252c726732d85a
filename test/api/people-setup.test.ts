import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { memberRoles } from '../../src/shared/enums';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { startGraphStandIn, type GraphStandIn } from '../support/graph-stand-in';
import { createTestApp, type DemoUser, type TestApp } from '../support/test-app';

/**
 * Setting up a trajectory's people from the tab: people without an account, invitations by
 * e-mail (an .eml in the outbox) and from the directory (Graph, against the loopback stand-in),
 * the roles each caller may grant, what a deletion takes with it, and the audit log per entity,
 * redacted for each reader.
 */

interface Person {
  id: string;
  displayName: string;
  entraObjectId: string | null;
  email: string | null;
  phone: string | null;
  contactHidden: boolean;
  memberships: { id: string; bodyId: string; role: string }[];
  can: { edit: boolean; delete: boolean; editContact: boolean; trust: boolean };
}
interface AuditRow {
  entity: string;
  entityId: string;
  operation: string;
  changes: Record<string, unknown>;
}

const tenantId = demoTenants.beekvliet.id;
const leadRoles = new Set(['coordinator', 'chair', 'facilitator', 'parent', 'trusted_person']);

describe('without Graph: people, invitations by e-mail, rights, deletions and the audit log', () => {
  let t: TestApp;
  let trajectoryId: string;
  let steeringId: string;
  let parentsGroupId: string;
  const T = () => `/api/v1/trajectories/${trajectoryId}`;

  beforeAll(async () => {
    t = await createTestApp();
    trajectoryId = (await t.db.db.selectFrom('trajectory').select('id').where('tenantId', '=', tenantId).executeTakeFirstOrThrow()).id;
    const bodies = await t.db.db.selectFrom('body').select(['id', 'kind']).where('trajectoryId', '=', trajectoryId).execute();
    steeringId = bodies.find((b) => b.kind === 'steering_group')!.id;
    parentsGroupId = bodies.find((b) => b.kind === 'parents_group')!.id;
  });
  afterAll(() => t.close());

  test('a person without a Teams account, with a sector, contact preference and trusted person', async () => {
    const trusted = (await t.call('coordinator', 'GET', `${T()}/people`)).json<Person[]>().find((p) => p.memberships.some((m) => m.role === 'trusted_person'))!;
    const created = await t.call('coordinator', 'POST', `${T()}/people`, {
      displayName: 'Yasmina Testouder',
      sector: 'ervaringsdeskundigen',
      contactPreference: 'via_trusted_person',
      phone: '+32 470 12 34 56',
      trustedPersonId: trusted.id,
    });
    expect(created.statusCode).toBe(201);
    const person = created.json<Person & { sector: string; contactPreference: string; trustedPersonId: string }>();
    expect(person).toMatchObject({ entraObjectId: null, sector: 'ervaringsdeskundigen', contactPreference: 'via_trusted_person', trustedPersonId: trusted.id });
    expect(person.can).toEqual({ edit: true, delete: true, editContact: true, trust: true });
    const listed = (await t.call('chair', 'GET', `${T()}/people`)).json<Person[]>().find((p) => p.id === person.id);
    expect(listed?.displayName).toBe('Yasmina Testouder');
    // The chair keeps the member list but does not choose trusted persons.
    expect(listed?.can).toMatchObject({ edit: true, trust: false });
    // A bad field answers 400 naming it and saves nothing.
    const bad = await t.call('coordinator', 'POST', `${T()}/people`, { displayName: 'X', phone: 'bel me' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('phone');
  });

  test('an invitation by e-mail adds the person to a body and lands in the outbox as an .eml, in Dutch', async () => {
    const answer = await t.call('coordinator', 'POST', `${T()}/invitations`, { displayName: 'Pieter Uitgenodigd', email: 'pieter.uitgenodigd@example.org', sector: 'welzijnspartners', bodyId: steeringId, role: 'partner' });
    expect(answer.statusCode).toBe(201);
    const { person, mailed } = answer.json<{ person: Person; mailed: boolean }>();
    expect(mailed).toBe(true);
    expect(person.email).toBe('pieter.uitgenodigd@example.org');
    expect(person.memberships).toEqual([expect.objectContaining({ bodyId: steeringId, role: 'partner' })]);
    const row = await t.db.db.selectFrom('outboxMessage').selectAll().where('tenantId', '=', tenantId).where('subject', 'like', '%toegevoegd%').executeTakeFirstOrThrow();
    expect(row.recipients).toEqual(expect.arrayContaining([expect.stringContaining('pieter.uitgenodigd@example.org')]));
    const eml = await readFile(path.join(t.config.outboxDir, tenantId, `${row.id}.eml`), 'utf8');
    expect(eml).toMatch(/^To: .*pieter\.uitgenodigd@example\.org/m);
    const decoded = eml.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    expect(decoded).toContain('heeft je toegevoegd aan het traject');
    expect(decoded).toContain('als partner in');
    // Audited: the person and the membership.
    const audit = (await t.call('coordinator', 'GET', `${T()}/audit?entity=person&entityId=${person.id}`)).json<AuditRow[]>();
    expect(audit.map((a) => a.operation)).toEqual(['create']);
  });

  test('an invitation with a role the caller may not grant is refused and adds nobody', async () => {
    const refused = await t.call('chair', 'POST', `${T()}/invitations`, { displayName: 'Niet Toegestaan', email: 'niet.toegestaan@example.org', bodyId: steeringId, role: 'coordinator' });
    expect(refused.statusCode).toBe(403);
    expect(await t.db.db.selectFrom('person').select('id').where('email', '=', 'niet.toegestaan@example.org').execute()).toEqual([]);
    expect((await t.call('coordinator', 'POST', `${T()}/invitations`, { displayName: 'Zonder adres' })).statusCode).toBe(400);
    expect((await t.call('coordinator', 'POST', `${T()}/invitations`, { displayName: 'A', email: 'a@example.org', bodyId: steeringId })).statusCode).toBe(400);
    // Without Graph there is no directory: the tab offers the e-mail form.
    expect((await t.call('coordinator', 'GET', `${T()}/directory?q=an`)).json()).toEqual({ configured: false, users: [] });
    expect((await t.call('coordinator', 'POST', `${T()}/invitations`, { directoryUserId: '0f0f0f0f-1111-4222-8333-444444444444' })).statusCode).toBe(409);
  });

  test.each<[DemoUser, string[]]>([
    ['coordinator', [...memberRoles]],
    ['admin', [...memberRoles]],
    ['chair', memberRoles.filter((r) => !leadRoles.has(r))],
    ['facilitator', memberRoles.filter((r) => !leadRoles.has(r))],
    ['actionOwner', []],
    ['trustedPerson', []],
  ])('%s may grant exactly the roles the server says, and the membership routes agree', async (user, expected) => {
    const setup = (await t.call(user, 'GET', `${T()}/people-setup`)).json<{ grantableRoles: string[]; directorySearch: boolean }>();
    expect(setup.grantableRoles.sort()).toEqual([...expected].sort());
    expect(setup.directorySearch).toBe(false);
    for (const role of memberRoles) {
      const person = (await t.call('coordinator', 'POST', `${T()}/people`, { displayName: `Kandidaat ${role}` })).json<Person>();
      const added = await t.call(user, 'POST', `/api/v1/bodies/${parentsGroupId}/memberships`, { personId: person.id, role });
      expect({ role, status: added.statusCode }).toEqual({ role, status: setup.grantableRoles.includes(role) ? 201 : 403 });
    }
  });

  test('a deletion says what goes with it, and then takes exactly that', async () => {
    const person = (await t.call('coordinator', 'POST', `${T()}/people`, { displayName: 'Wordt Verwijderd' })).json<Person>();
    await t.call('coordinator', 'POST', `/api/v1/bodies/${steeringId}/memberships`, { personId: person.id, role: 'member' });
    await t.call('coordinator', 'POST', `/api/v1/bodies/${parentsGroupId}/memberships`, { personId: person.id, role: 'trusted_person' });
    const actions = await t.db.db.selectFrom('action').select('id').where('trajectoryId', '=', trajectoryId).limit(2).execute();
    await t.db.db.updateTable('action').set({ ownerId: person.id }).where('id', 'in', actions.map((a) => a.id)).execute();
    const parent = (await t.call('coordinator', 'POST', `${T()}/people`, { displayName: 'Ouder van', trustedPersonId: person.id })).json<Person>();
    const impact = await t.call('coordinator', 'GET', `${T()}/people/${person.id}/delete-impact`);
    expect(impact.json()).toEqual({ memberships: 2, actionsWithoutOwner: 2, parentsWithoutTrustedPerson: 1, otherTrajectories: 0 });
    // The chair may not take away a trusted-person role: the server says so beforehand, and refuses.
    const asChair = (await t.call('chair', 'GET', `${T()}/people`)).json<Person[]>().find((p) => p.id === person.id)!;
    expect(asChair.can.delete).toBe(false);
    expect((await t.call('chair', 'DELETE', `${T()}/people/${person.id}`)).statusCode).toBe(403);
    expect((await t.call('actionOwner', 'GET', `${T()}/people/${person.id}/delete-impact`)).statusCode).toBe(403);
    expect((await t.call('coordinator', 'DELETE', `${T()}/people/${person.id}`)).statusCode).toBe(204);
    expect(await t.db.db.selectFrom('action').select('ownerId').where('id', 'in', actions.map((a) => a.id)).execute()).toEqual([{ ownerId: null }, { ownerId: null }]);
    expect((await t.call('coordinator', 'GET', `${T()}/people/${parent.id}`)).json<{ trustedPersonId: string | null }>().trustedPersonId).toBeNull();

    const body = (await t.call('coordinator', 'POST', `${T()}/bodies`, { kind: 'work_group', name: 'Tijdelijke werkgroep' })).json<{ id: string }>();
    for (const name of ['Een', 'Twee', 'Drie']) {
      const p = (await t.call('coordinator', 'POST', `${T()}/people`, { displayName: name })).json<Person>();
      await t.call('coordinator', 'POST', `/api/v1/bodies/${body.id}/memberships`, { personId: p.id, role: 'member' });
    }
    await t.call('coordinator', 'POST', `${T()}/meetings`, { bodyId: body.id, title: 'Eerste werkgroep', startsAt: '2027-05-04T19:00:00+02:00', endsAt: '2027-05-04T21:00:00+02:00' });
    expect((await t.call('chair', 'GET', `/api/v1/bodies/${body.id}/delete-impact`)).json()).toEqual({ memberships: 3, meetings: 1, signalVerdicts: 0 });
    expect((await t.call('steeringMember', 'GET', `/api/v1/bodies/${body.id}/delete-impact`)).statusCode).toBe(403);
    expect((await t.call('coordinator', 'DELETE', `/api/v1/bodies/${body.id}`)).statusCode).toBe(204);
    expect(await t.db.db.selectFrom('membership').select('id').where('bodyId', '=', body.id).execute()).toEqual([]);
  });

  test("the audit log per entity: only that entity's entries, a parent's contact details redacted for who may not read them", async () => {
    const parent = (await t.call('coordinator', 'POST', `${T()}/people`, { displayName: 'Ouder Met Nummer', phone: '+32 470 99 88 77' })).json<Person>();
    await t.call('coordinator', 'POST', `/api/v1/bodies/${parentsGroupId}/memberships`, { personId: parent.id, role: 'parent' });
    expect((await t.call('coordinator', 'PATCH', `${T()}/people/${parent.id}`, { phone: '+32 470 11 11 11', organisation: 'Buurtwerk' })).statusCode).toBe(200);
    const url = `${T()}/audit?entity=person&entityId=${parent.id}`;

    const coordinator = (await t.call('coordinator', 'GET', url)).json<AuditRow[]>();
    expect(coordinator.every((e) => e.entity === 'person' && e.entityId === parent.id)).toBe(true);
    expect(coordinator.map((e) => e.operation)).toEqual(['update', 'create']);
    expect(coordinator[0]!.changes.phone).toEqual({ from: '+32 470 99 88 77', to: '+32 470 11 11 11' });
    expect(coordinator[1]!.changes.phone).toBe('+32 470 99 88 77');

    for (const reader of ['chair', 'facilitator', 'admin'] as const) {
      const entries = (await t.call(reader, 'GET', url)).json<AuditRow[]>();
      expect(entries).toHaveLength(2);
      expect(entries[0]!.changes.phone).toEqual({ redacted: true });
      expect(entries[1]!.changes.phone).toEqual({ redacted: true });
      // What is not sensitive stays readable.
      expect(entries[0]!.changes.organisation).toEqual({ from: null, to: 'Buurtwerk' });
      expect(JSON.stringify(entries)).not.toContain('470');
    }
    expect((await t.call('trustedPerson', 'GET', url)).statusCode).toBe(403);
    // The whole trajectory's log is redacted alike.
    const all = (await t.call('chair', 'GET', `${T()}/audit?limit=500`)).json<AuditRow[]>();
    expect(JSON.stringify(all.filter((e) => e.entityId === parent.id))).not.toContain('470');
    // The entity type alone filters too.
    const memberships = (await t.call('coordinator', 'GET', `${T()}/audit?entity=membership`)).json<AuditRow[]>();
    expect(memberships.length).toBeGreaterThan(0);
    expect(new Set(memberships.map((e) => e.entity))).toEqual(new Set(['membership']));
  });
});

describe('with Graph: the people picker over the directory, with the caller’s own rights', () => {
  let standIn: GraphStandIn;
  let t: TestApp;
  let trajectoryId: string;
  const T = () => `/api/v1/trajectories/${trajectoryId}`;
  const annId = '7a7a7a7a-1111-4222-8333-444444444444';

  beforeAll(async () => {
    standIn = await startGraphStandIn({ latencyMs: 1 });
    t = await createTestApp({
      config: {
        GRAPH_TENANT_ID: '9b9b9b9b-1111-4222-8333-444444444444',
        GRAPH_CLIENT_ID: '5c5c5c5c-1111-4222-8333-444444444444',
        GRAPH_CLIENT_SECRET: 'stand-in-secret',
        GRAPH_MAIL_SENDER: 'kansrijk@beekvliet.example',
        GRAPH_BASE_URL: standIn.baseUrl,
        ENTRA_AUTHORITY: standIn.authority,
      },
    });
    trajectoryId = (await t.db.db.selectFrom('trajectory').select('id').where('tenantId', '=', tenantId).executeTakeFirstOrThrow()).id;
    standIn.addDirectoryUser({ id: annId, displayName: 'Ann Directory', mail: 'ann.directory@beekvliet.example' });
    standIn.addDirectoryUser({ id: '8b8b8b8b-1111-4222-8333-444444444444', displayName: 'Bart Andermans', mail: 'bart@beekvliet.example' });
  });
  afterAll(async () => {
    await t.close();
    await standIn.close();
  });

  test('the search asks Graph /users?$search= with ConsistencyLevel: eventual, on behalf of the caller', async () => {
    expect((await t.call('coordinator', 'GET', `${T()}/people-setup`)).json()).toMatchObject({ directorySearch: true });
    const answer = await t.call('coordinator', 'GET', `${T()}/directory?q=${encodeURIComponent('ann')}`);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ configured: true, users: [{ id: annId, displayName: 'Ann Directory', mail: 'ann.directory@beekvliet.example', known: false }] });
    const request = standIn.requests.find((r) => r.method === 'GET' && r.path === '/users')!;
    expect(request.headers.consistencylevel).toBe('eventual');
    const query = new URL(request.url, 'http://x').searchParams;
    expect(query.get('$search')).toBe('"displayName:ann" OR "mail:ann"');
    expect(query.get('$select')).toBe('id,displayName,mail,userPrincipalName');
    // Delegated: the token was obtained on behalf of the caller's own token.
    const token = standIn.tokens.find((k) => `Bearer ${k.token}` === request.headers.authorization);
    expect(token?.kind).toBe('delegated');
    const claims = JSON.parse(Buffer.from(String(token?.assertion).split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(Object.values(claims)).toContain(demoUsers.coordinator);
    // Quotes cannot break out of the clause.
    expect((await t.call('coordinator', 'GET', `${T()}/directory?q=${encodeURIComponent('ann" OR "mail:x')}`)).statusCode).toBe(200);
    expect((await t.call('actionOwner', 'GET', `${T()}/directory?q=ann`)).statusCode).toBe(403);
    expect((await t.call('coordinator', 'GET', `${T()}/directory?q=a`)).statusCode).toBe(400);
  });

  test('inviting a picked colleague takes name, address and sign-in from the directory and mails them through Graph', async () => {
    const answer = await t.call('coordinator', 'POST', `${T()}/invitations`, { directoryUserId: annId, displayName: 'Een Andere Naam', email: 'vals@example.org' });
    expect(answer.statusCode).toBe(201);
    const { person, mailed } = answer.json<{ person: Person; mailed: boolean }>();
    expect(person).toMatchObject({ displayName: 'Ann Directory', email: 'ann.directory@beekvliet.example', entraObjectId: annId });
    expect(mailed).toBe(true);
    expect(standIn.sent.map((m) => m.message.toRecipients?.[0]?.emailAddress?.address)).toContain('ann.directory@beekvliet.example');
    expect((await t.call('coordinator', 'GET', `${T()}/directory?q=ann`)).json<{ users: { known: boolean }[] }>().users[0]?.known).toBe(true);
    // A sign-in is bound once: inviting the same colleague again is a conflict.
    expect((await t.call('coordinator', 'POST', `${T()}/invitations`, { directoryUserId: annId })).statusCode).toBe(409);
    expect((await t.call('coordinator', 'POST', `${T()}/invitations`, { directoryUserId: '9c9c9c9c-1111-4222-8333-444444444444' })).statusCode).toBe(400);
  });
});
