import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { PhaseRecords } from '../phases/phase-rules';
import { demoTenants } from './demo-ids';

/** Fictional phase 1–2 records: the colleges' decisions and the coordinators' appointments. */
const records: { tenantId: string; values: PhaseRecords }[] = [
  {
    tenantId: demoTenants.beekvliet.id,
    values: {
      policyDecidedOn: '2025-09-15',
      policyStaffFte: 1,
      policyBudget: 45000,
      policyNote: 'Het college maakt van kinderarmoede een speerpunt voor de hele beleidsperiode en vraagt elk jaar een voortgangsrapport (fictief demobesluit).',
      coordinatorAppointedOn: '2025-10-01',
      coordinatorJobShare: 40,
      facilitatorOrganisation: 'Procesbegeleiding De Brug (fictief)',
      facilitatorEngagedOn: '2025-10-15',
    },
  },
  {
    tenantId: demoTenants.heidebos.id,
    values: {
      policyDecidedOn: '2025-11-24',
      policyStaffFte: 0.5,
      policyBudget: 15000.5,
      policyNote: 'Startbudget voor de eerste twee jaar; het college bekijkt daarna een verhoging (fictief demobesluit).',
      coordinatorAppointedOn: '2026-01-05',
      coordinatorJobShare: 20,
      facilitatorOrganisation: 'Procesbegeleiding De Brug (fictief)',
      facilitatorEngagedOn: null,
    },
  },
];

export async function seedDemoPhases(trx: Transaction<Database>): Promise<void> {
  for (const { tenantId, values } of records) {
    await trx.updateTable('trajectory').set(values).where('tenantId', '=', tenantId).execute();
  }
}
