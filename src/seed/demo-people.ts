import type { Transaction } from 'kysely';
import { insertAudit } from '../audit/audit-repository';
import type { Database } from '../db/schema';
import { demoTenants, demoUsers } from './demo-ids';

/*
 * A short, fictional history of Beekvliet's people for the "Geschiedenis" view: the coordinator
 * who added two members and later changed how a parent wants to be contacted, and the chair who
 * put a partner in the steering group. Contact details in it are redacted per reader like any other entry.
 */
export async function seedDemoPeople(trx: Transaction<Database>): Promise<void> {
  const tenantId = demoTenants.beekvliet.id;
  const steering = await trx.selectFrom('body').select(['id', 'trajectoryId']).where('tenantId', '=', tenantId).where('kind', '=', 'steering_group').executeTakeFirst();
  if (!steering) return;
  const people = await trx.selectFrom('person').selectAll().where('tenantId', '=', tenantId).execute();
  const byUser = (oid: string) => people.find((p) => p.entraObjectId === oid);
  const lotte = byUser(demoUsers.coordinator);
  const marc = byUser(demoUsers.chair);
  const kelly = people.find((p) => p.displayName === 'Kelly Verbeeck');
  const hilde = byUser(demoUsers.steeringMember);
  if (!lotte || !marc || !kelly || !hilde) return;
  const by = (who: typeof lotte) => ({ tenantId, trajectoryId: steering.trajectoryId, actorUserId: who.entraObjectId, actorPersonId: who.id, actorName: who.displayName });
  const snapshot = (p: typeof kelly) => ({ displayName: p.displayName, email: p.email, phone: p.phone, organisation: p.organisation, sector: p.sector, contactPreference: p.contactPreference, trustedPersonId: p.trustedPersonId });

  for (const person of [kelly, hilde]) await insertAudit(trx, { ...by(lotte), entity: 'person', entityId: person.id, operation: 'create', changes: snapshot(person) });
  if (kelly.contactPreference !== 'email') {
    await insertAudit(trx, { ...by(lotte), entity: 'person', entityId: kelly.id, operation: 'update', changes: { contactPreference: { from: 'email', to: kelly.contactPreference } } });
  }
  const membership = await trx.selectFrom('membership').select(['id', 'role']).where('tenantId', '=', tenantId).where('bodyId', '=', steering.id).where('personId', '=', hilde.id).executeTakeFirst();
  if (membership) {
    await insertAudit(trx, { ...by(marc), entity: 'membership', entityId: membership.id, operation: 'create', changes: { bodyId: steering.id, personId: hilde.id, role: membership.role } });
  }
}
