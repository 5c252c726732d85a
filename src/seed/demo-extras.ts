import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { seedDemoPhases } from './demo-phases';
import { seedDemoFocusGroups } from './demo-focus-groups';
import { seedDemoContext } from './demo-context';
import { seedDemoEvaluation } from './demo-evaluation';
import { seedDemoSteering } from './demo-steering';
import { seedDemoInventory } from './demo-inventory';
import { seedDemoQuestionnaires } from './demo-questionnaires';
import { seedDemoMeetings } from './demo-meetings';
import { seedDemoPeople } from './demo-people';

/**
 * Demo data of features that came after the core plan, each in its own file beside this one
 * (demo-<feature>.ts). They run after the core rows are in, in this order, in the same
 * transaction, and find the demo trajectories through their tenants (demo-ids.ts).
 */
export type DemoExtra = (trx: Transaction<Database>, today: string) => Promise<void>;

export const demoExtras: readonly DemoExtra[] = [
  seedDemoSteering,
  seedDemoFocusGroups,
  seedDemoContext,
  seedDemoPhases,
  seedDemoInventory,
  seedDemoQuestionnaires,
  seedDemoEvaluation,
  seedDemoMeetings,
  seedDemoPeople,
];
