import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { erasePerson, exportPerson, pseudonymFor, type PersonExport } from '../../src/people/person-records';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { allActions, beekvlietTrajectoryId, loadPlan, personIdOf } from '../support/demo';
import { createTestApp, type TestApp } from '../support/test-app';

const ROOT = path.resolve(__dirname, '../..');
const tenant = demoTenants.beekvliet.id;

describe('person:export and person:erase on the demo data', () => {
  let t: TestApp;
  let trajectoryId: string;
  let tom: string;
  let tomsAction: string;

  beforeAll(async () => {
    t = await createTestApp();
    trajectoryId = await beekvlietTrajectoryId(t);
    tom = await personIdOf(t, trajectoryId, demoUsers.actionOwner);
    const owned = allActions(await loadPlan(t, trajectoryId)).filter((a) => a.ownerId === tom);
    tomsAction = owned[0]?.id ?? '';
    // Tom reports on his own action (a timeline entry he wrote, an audit entry by him)...
    const report = await t.call('actionOwner', 'PATCH', `/api/v1/actions/${tomsAction}`, { status: 'in_progress', progressNote: 'Tom Maes belde de sportclub (+32 470 00 00 07)' });
    expect(report.statusCode).toBe(200);
    // ...and the coordinator changes his details (audit entries about him, with his old and new name).
    for (const body of [{ organisation: 'Vrijetijdsdienst Beekvliet' }, { displayName: 'Tom Maes-Peeters' }]) {
      const res = await t.call('coordinator', 'PATCH', `/api/v1/trajectories/${trajectoryId}/people/${tom}`, body);
      expect(res.statusCode).toBe(200);
    }
  });

  afterAll(async () => {
    await t.close();
  });

  it('exports everything about the person: the row, memberships, owned actions, timeline entries and audit entries', async () => {
    const data: PersonExport = await exportPerson(t.db.db, tenant, tom);
    expect(data.person).toMatchObject({ id: tom, displayName: 'Tom Maes-Peeters', email: 'tom.maes@beekvliet.example', phone: '+32 470 00 00 07' });
    expect(data.memberships.length).toBeGreaterThan(0);
    expect(data.memberships.every((m) => m.trajectoryId === trajectoryId)).toBe(true);
    expect(data.ownedActions.map((a) => a.id)).toContain(tomsAction);
    expect(data.ownedActions.every((a) => a.ownerId === tom)).toBe(true);
    expect(data.timelineEntries.map((e) => e.note)).toContain('Tom Maes belde de sportclub (+32 470 00 00 07)');
    expect(data.audit.some((a) => a.actorPersonId === tom && a.entity === 'action')).toBe(true);
    expect(data.audit.some((a) => a.entity === 'person' && a.entityId === tom && a.operation === 'update')).toBe(true);
    // Another person's details are not part of it.
    expect(JSON.stringify(data)).not.toContain('sofie.claes@beekvliet.example');
  });

  it("a trusted person's export names the parents they look after, not those parents' contact details", async () => {
    const nadia = await personIdOf(t, trajectoryId, demoUsers.trustedPerson);
    type Person = { id: string; isParent: boolean; trustedPersonId: string | null };
    const parent = (await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/people`)).json<Person[]>().find((p) => p.isParent && p.trustedPersonId === nadia)!;
    // One change that names Nadia (the trusted person handed over) and holds the parent's new phone.
    const res = await t.call('coordinator', 'PATCH', `/api/v1/trajectories/${trajectoryId}/people/${parent.id}`, { trustedPersonId: null, phone: '+32 470 98 76 54' });
    expect(res.statusCode).toBe(200);
    const data = await exportPerson(t.db.db, tenant, nadia);
    const entry = data.audit.find((a) => a.entityId === parent.id && a.operation === 'update')!;
    expect(entry.changes).toMatchObject({ trustedPersonId: { from: nadia, to: null }, phone: { redacted: true } });
    expect(JSON.stringify(data)).not.toContain('98 76 54');
  });

  it('the compiled command prints the same export as JSON', () => {
    const cli = path.join(ROOT, 'dist/src/cli/person-export.js');
    expect(existsSync(cli)).toBe(true);
    const run = spawnSync(process.execPath, [cli, '--tenant', tenant, '--person', tom], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: t.db.url, SEED_DEMO: 'false', JOBS_ENABLED: 'false' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect({ status: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({ status: 0, stderr: '' });
    const printed = JSON.parse(run.stdout) as PersonExport;
    expect(printed.person.id).toBe(tom);
    expect(printed.ownedActions.map((a) => a.id)).toContain(tomsAction);

    const wrong = spawnSync(process.execPath, [cli, '--tenant', tenant, '--person', 'not-a-uuid'], { env: { PATH: process.env.PATH ?? '', DATABASE_URL: t.db.url }, encoding: 'utf8', timeout: 30_000 });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('usage: npm run person:export');
  });

  it('erases the person and keeps the audit trail, pseudonymised, with its ids', async () => {
    const auditBefore = await t.db.db.selectFrom('auditLog').select(['id', 'entityId', 'actorPersonId']).where('tenantId', '=', tenant).orderBy('id').execute();
    const result = await erasePerson(t.db.db, tenant, tom, 'person:erase (test)');
    const pseudonym = pseudonymFor(tom);
    expect(result).toMatchObject({ personId: tom, pseudonym });
    expect(result.timelineEntriesPseudonymised).toBeGreaterThan(0);
    expect(result.membershipsDeleted).toBeGreaterThan(0);
    // His report (by him) and the rename (about him); the organisation change names neither.
    expect(result.auditEntriesPseudonymised).toBe(2);

    expect(await t.db.db.selectFrom('person').select('id').where('id', '=', tom).execute()).toEqual([]);
    expect(await t.db.db.selectFrom('membership').select('id').where('personId', '=', tom).execute()).toEqual([]);
    const action = await t.db.db.selectFrom('action').select(['ownerId']).where('id', '=', tomsAction).executeTakeFirstOrThrow();
    expect(action.ownerId).toBeNull();

    // Nothing of his name or contact details is left anywhere in the tenant's audit trail or timeline...
    const trail = await sql<{ text: string }>`select actor_name || ' ' || changes::text as text from audit_log where tenant_id = ${tenant}`.execute(t.db.db);
    const timeline = await t.db.db.selectFrom('actionUpdate').select(['authorName', 'note', 'authorPersonId']).where('actionId', '=', tomsAction).execute();
    const everything = JSON.stringify([trail.rows, timeline]);
    for (const personal of ['Tom Maes', 'tom.maes@beekvliet.example', '+32 470 00 00 07']) expect(everything).not.toContain(personal);
    expect(timeline.find((e) => e.note.includes('belde de sportclub'))).toMatchObject({ authorPersonId: tom, authorName: pseudonym, note: `${pseudonym} belde de sportclub ([verwijderd])` });

    // ...while every entry is still there with its ids, the others' names untouched, and the erasure itself recorded.
    const auditAfter = await t.db.db.selectFrom('auditLog').select(['id', 'entityId', 'actorPersonId', 'actorName', 'changes']).where('tenantId', '=', tenant).orderBy('id').execute();
    expect(auditAfter.slice(0, auditBefore.length).map(({ id, entityId, actorPersonId }) => ({ id, entityId, actorPersonId }))).toEqual(auditBefore);
    expect(auditAfter.filter((a) => a.actorPersonId === tom).every((a) => a.actorName === pseudonym)).toBe(true);
    expect(auditAfter.some((a) => a.actorName === 'coordinator')).toBe(true);
    expect(auditAfter.at(-1)).toMatchObject({ entityId: tom, actorName: 'person:erase (test)', changes: { erased: true, pseudonym } });

    await expect(erasePerson(t.db.db, tenant, tom, 'again')).rejects.toThrow(/no person/);
  });
});
