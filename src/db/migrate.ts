import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database';
import * as policyModel from './migrations/0001-policy-model';
import * as bot from './migrations/0002-bot';
import * as hotPaths from './migrations/0003-hot-paths';
import * as accessControl from './migrations/0004-access-control';
import * as phaseRecords from './migrations/0005-phase-records';
import * as contextIndicators from './migrations/0006-context-indicators';
import * as initiativeInventory from './migrations/0007-initiative-inventory';
import * as focusGroups from './migrations/0008-focus-groups';
import * as steeringSessions from './migrations/0009-steering-sessions';
import * as measurementPlans from './migrations/0010-measurement-plans';
import * as questionnaires from './migrations/0011-questionnaires';
import * as policyPeriods from './migrations/0012-policy-periods';
import * as meetings from './migrations/0013-meetings';
import * as rateWindows from './migrations/0014-rate-windows';
import * as tenantKeys from './migrations/0015-tenant-keys';
import * as meetingActionItem from './migrations/0016-meeting-action-item';
import * as reports from './migrations/0017-reports';
import * as planRevision from './migrations/0018-plan-revision';
import * as planDomainRevision from './migrations/0019-plan-domain-revision';
import * as rateWindowAhead from './migrations/0020-rate-window-ahead';
import * as followUpClaim from './migrations/0021-follow-up-claim';
import * as planDomainRevisionSlots from './migrations/0022-plan-domain-revision-slots';

/** Listed in code rather than read from disk so that compiled, bundled and test runs agree. */
const migrations: Record<string, Migration> = {
  '0001-policy-model': policyModel,
  '0002-bot': bot,
  '0003-hot-paths': hotPaths,
  '0004-access-control': accessControl,
  '0005-phase-records': phaseRecords,
  '0006-context-indicators': contextIndicators,
  '0007-initiative-inventory': initiativeInventory,
  '0008-focus-groups': focusGroups,
  '0009-steering-sessions': steeringSessions,
  '0010-measurement-plans': measurementPlans,
  '0011-questionnaires': questionnaires,
  '0012-policy-periods': policyPeriods,
  '0013-meetings': meetings,
  '0014-rate-windows': rateWindows,
  '0015-tenant-keys': tenantKeys,
  '0016-meeting-action-item': meetingActionItem,
  '0017-reports': reports,
  '0018-plan-revision': planRevision,
  '0019-plan-domain-revision': planDomainRevision,
  '0020-rate-window-ahead': rateWindowAhead,
  '0021-follow-up-claim': followUpClaim,
  '0022-plan-domain-revision-slots': planDomainRevisionSlots,
};

class StaticMigrationProvider implements MigrationProvider {
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(migrations);
  }
}

/** Any constant: the key every instance locks while it migrates. */
const MIGRATION_LOCK = 7_302_551_947;

export async function migrateToLatest(db: Db): Promise<string[]> {
  /*
   * Kysely's migrator takes a session-level advisory lock in one statement and then migrates in a
   * transaction. Through PgBouncer in transaction mode those can run on different server
   * connections, and a second instance handed the first one's server connection re-enters its
   * lock, so both migrate. Here one explicit transaction takes a transaction-scoped lock and runs
   * every migration: PgBouncer keeps a transaction on one server connection, and the lock ends
   * with it.
   */
  return db.connection().execute(async (connection) => {
    await sql`begin`.execute(connection);
    try {
      await sql`select pg_advisory_xact_lock(${sql.lit(MIGRATION_LOCK)})`.execute(connection);
      // Migrations are schema-agnostic SQL; they see the database untyped.
      const migrator = new Migrator({ db: connection as unknown as Kysely<unknown>, provider: new StaticMigrationProvider(), disableTransactions: true });
      const { error, results } = await migrator.migrateToLatest();
      if (error) {
        const failed = results?.find((r) => r.status === 'Error');
        throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      await sql`commit`.execute(connection);
      return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    } catch (error) {
      await sql`rollback`.execute(connection).catch(() => undefined);
      throw error;
    }
  });
}
