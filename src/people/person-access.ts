import { can, loadAccessToAll, type TrajectoryAccess } from '../auth/access';
import type { Principal } from '../auth/principal';
import type { Db } from '../db/database';
import { invalid } from '../shared/errors';
import { findPerson, findTrajectoriesOfPerson } from './people-repository';

/*
 * People are tenant-wide (one sign-in, one reminder preference, the same facilitator in two
 * trajectories), so a right over a person in one trajectory must not reach into another.
 * Whoever changes, deletes or pulls in a person needs that right in every trajectory the
 * person takes part in.
 */

/** The caller's access in every trajectory the person takes part in (empty: none). */
export async function accessWherePersonTakesPart(db: Db, principal: Principal, personId: string): Promise<TrajectoryAccess[]> {
  const [trajectories, accessById] = await Promise.all([findTrajectoriesOfPerson(db, principal.tenantId, personId), loadAccessToAll(db, principal)]);
  return trajectories.map((id) => accessById.get(id) ?? { principal, trajectoryId: id, personId: null, roles: new Set(), workGroupDomains: new Set(), closed: false });
}

/**
 * A membership, an owned action or a trusted person may name only someone who takes part in
 * the trajectory already, or whom the caller may change in every trajectory they take part in
 * (someone in no trajectory at all: an administrator). Anyone else answers as unknown, so ids
 * seen elsewhere reveal nothing.
 */
export async function assertMayReferencePerson(db: Db, access: TrajectoryAccess, personId: string, field: string): Promise<void> {
  const unknown = invalid([{ path: field, message: 'no such person in this trajectory' }]);
  if (!(await findPerson(db, access.principal.tenantId, personId, false))) throw unknown;
  const elsewhere = await accessWherePersonTakesPart(db, access.principal, personId);
  if (elsewhere.some((a) => a.trajectoryId === access.trajectoryId)) return;
  const allowed = elsewhere.length === 0 ? access.roles.has('admin') : elsewhere.every((a) => can(a, 'people.edit'));
  if (!allowed) throw unknown;
}
