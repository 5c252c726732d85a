import type { Principal } from './principal';
import type { Db } from '../db/database';
import { forbidden } from '../http/problems';
import { findAccessRows, findAccessRowsOfAllTrajectories, type AccessRow } from './access-repository';

const trajectoryEditors = new Set(['coordinator', 'chair', 'facilitator']);
/** Roles that reach the whole trajectory whichever body they are held in. */
const trajectoryWideRoles = new Set(['coordinator', 'facilitator']);

/**
 * What one user may do in one trajectory, derived from their memberships of its bodies.
 * Built per request from the database so that any server instance decides alike.
 */
export interface TrajectoryAccess {
  principal: Principal;
  trajectoryId: string;
  personId: string | null;
  /** Roles held in the steering group (and coordinator/facilitator wherever held). */
  roles: ReadonlySet<string>;
  /** Domains whose work group the user belongs to. */
  workGroupDomains: ReadonlySet<string>;
  workGroupChair: boolean;
  ownsActions: boolean;
}

export async function loadAccess(db: Db, principal: Principal, trajectoryId: string): Promise<TrajectoryAccess> {
  return accessFromRows(principal, trajectoryId, await findAccessRows(db, principal.tenantId, principal.userId, trajectoryId));
}

/** The caller's access to each trajectory of their tenant, in one round trip. */
export async function loadAccessToAll(db: Db, principal: Principal): Promise<Map<string, TrajectoryAccess>> {
  const rows = await findAccessRowsOfAllTrajectories(db, principal.tenantId, principal.userId);
  const byTrajectory = new Map<string, AccessRow[]>();
  for (const { trajectoryId, ...row } of rows) byTrajectory.set(trajectoryId, [...(byTrajectory.get(trajectoryId) ?? []), row]);
  return new Map([...byTrajectory].map(([id, list]) => [id, accessFromRows(principal, id, list)]));
}

/** The access that access rows (read alone or together with the row they guard) amount to. */
export function accessFromRows(principal: Principal, trajectoryId: string, rows: AccessRow[]): TrajectoryAccess {
  const roles = new Set<string>();
  const workGroupDomains = new Set<string>();
  let workGroupChair = false;
  for (const row of rows) {
    if (!row.role || !row.kind) continue;
    // A work group's chair is not the steering group's chair.
    if (row.kind === 'steering_group' || row.kind === 'parents_group' || trajectoryWideRoles.has(row.role)) roles.add(row.role);
    if (row.kind === 'work_group' && row.domainId) {
      workGroupDomains.add(row.domainId);
      if (row.role === 'chair') workGroupChair = true;
    }
  }
  const first = rows[0];
  return {
    principal,
    trajectoryId,
    personId: first?.personId ?? null,
    roles,
    workGroupDomains,
    workGroupChair,
    ownsActions: Boolean(first?.ownsActions),
  };
}

export function roleNames(access: TrajectoryAccess): string[] {
  const names = [...access.roles];
  if (access.workGroupChair) names.push('work_group_chair');
  if (access.workGroupDomains.size > 0 && !access.workGroupChair) names.push('work_group_member');
  if (access.ownsActions) names.push('action_owner');
  return names.sort();
}

export function canRead(access: TrajectoryAccess): boolean {
  return access.roles.size > 0 || access.workGroupDomains.size > 0 || access.ownsActions;
}

export function canEditTrajectory(access: TrajectoryAccess): boolean {
  return [...access.roles].some((r) => trajectoryEditors.has(r));
}

export function canEditDomain(access: TrajectoryAccess, domainId: string): boolean {
  return canEditTrajectory(access) || access.workGroupDomains.has(domainId);
}

export function isCoordinator(access: TrajectoryAccess): boolean {
  return access.roles.has('coordinator');
}

export function assertRead(access: TrajectoryAccess): void {
  if (!canRead(access)) throw forbidden('You are not a member of this trajectory');
}

export function assertEditTrajectory(access: TrajectoryAccess): void {
  assertRead(access);
  if (!canEditTrajectory(access)) throw forbidden('Only the coordinator, the chair and the facilitator may change this');
}

export function assertEditDomain(access: TrajectoryAccess, domainId: string): void {
  assertRead(access);
  if (!canEditDomain(access, domainId)) {
    throw forbidden("Only the coordinator, the chair, the facilitator and this domain's work group may change this");
  }
}
