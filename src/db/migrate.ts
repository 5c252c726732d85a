import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
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
};

class StaticMigrationProvider implements MigrationProvider {
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(migrations);
  }
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  // Migrations are schema-agnostic SQL; they see the database untyped.
  const migrator = new Migrator({ db: db as unknown as Kysely<unknown>, provider: new StaticMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
