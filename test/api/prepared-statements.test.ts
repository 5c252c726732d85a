import { sql } from 'kysely';
import { createActionService } from '../../src/actions/action-service';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { seedDemo } from '../../src/seed/demo-seed';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

/*
 * The statements run on every card action are prepared once per connection. A newer instance
 * may change a table under them (a migration during a rolling deploy); the running one must
 * keep answering rather than fail on "cached plan must not change result type".
 */
let db: TestDatabase;
beforeAll(async () => {
  // One connection, so the statement prepared first is the one reused after the change.
  db = await createTestDatabase(1);
  await seedDemo(db.db);
});
afterAll(() => db.close());

test('a table changed under a prepared statement: the same call still works, before and after', async () => {
  const actions = createActionService(db.db);
  const coordinator = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.coordinator, name: 'Lotte Peeters' };
  const { id } = await db.db.selectFrom('action').select('id').where('tenantId', '=', coordinator.tenantId).executeTakeFirstOrThrow();
  const before = await actions.get(coordinator, id);
  await sql`alter table action add column added_by_a_newer_instance text`.execute(db.db);
  const after = await actions.get(coordinator, id);
  expect(after.title).toBe(before.title);
  // Inside a transaction the failed statement cannot be repeated; the next call goes unprepared.
  await expect(db.db.transaction().execute(async (trx) => createActionService(trx).get(coordinator, id))).resolves.toMatchObject({ id });
});
