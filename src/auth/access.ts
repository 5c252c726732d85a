import type { Principal } from './principal';
import type { Db } from '../db/database';
import { forbidden, notFound } from '../http/problems';
import { findAccessRows, findAccessRowsOfAllTrajectories, type AccessRow } from './access-repository';
import { capabilities, grants, holds, type Capability, type PolicyRole } from './policy';

/** Roles that reach the whole trajectory whichever body they are held in. */
const trajectoryWideRoles = new Set(['coordinator', 'facilitator']);
const steeringRoles = new Set(['coordinator', 'chair', 'facilitator', 'alderman', 'parent', 'trusted_person']);

/**
 * What one user may do in one trajectory, derived from their memberships of its bodies and
 * their tenant's admin list. Built per request from the database so that any server instance
 * decides alike. Every permission decision of the server goes through `can` below.
 */
export interface TrajectoryAccess {
  principal: Principal;
  trajectoryId: string;
  personId: string | null;
  roles: ReadonlySet<PolicyRole>;
  /** Domains whose work group the user belongs to. */
  workGroupDomains: ReadonlySet<string>;
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

function policyRoleOf(row: AccessRow): PolicyRole | undefined {
  const { role, kind } = row;
  if (!role || !kind) return undefined;
  if (kind === 'tenant') return role === 'admin' ? 'admin' : undefined;
  if (trajectoryWideRoles.has(role)) return role as PolicyRole;
  // A work group's chair is not the steering group's chair.
  if (kind === 'work_group') return row.domainId ? (role === 'chair' ? 'work_group_chair' : 'work_group_member') : undefined;
  if (steeringRoles.has(role)) return role as PolicyRole;
  return 'steering_member';
}

/** The access that access rows (read alone or together with the row they guard) amount to. */
export function accessFromRows(principal: Principal, trajectoryId: string, rows: AccessRow[]): TrajectoryAccess {
  const roles = new Set<PolicyRole>();
  const workGroupDomains = new Set<string>();
  for (const row of rows) {
    const role = policyRoleOf(row);
    if (role) roles.add(role);
    if (row.kind === 'work_group' && row.domainId && !trajectoryWideRoles.has(row.role ?? '')) workGroupDomains.add(row.domainId);
    if (row.ownsActions) roles.add('action_owner');
  }
  return {
    principal,
    trajectoryId,
    personId: rows.find((r) => r.personId)?.personId ?? null,
    roles,
    workGroupDomains,
  };
}

export function roleNames(access: TrajectoryAccess): string[] {
  return [...access.roles].sort();
}

/** Where a domain- or action-level capability is asked for. */
export interface Place {
  domainId?: string | null;
  ownerId?: string | null;
}

/** Roles that hold a capability only in their own work group's domain, or on their own action. */
const localRoles: Partial<Record<Capability, (access: TrajectoryAccess, place: Place) => ReadonlySet<PolicyRole>>> = {
  'domain.edit': (access, place) => new Set(place.domainId && access.workGroupDomains.has(place.domainId) ? (['work_group_chair', 'work_group_member'] as const) : []),
  'action.report': (access, place) => {
    const local = new Set<PolicyRole>();
    if (place.domainId && access.workGroupDomains.has(place.domainId)) local.add('work_group_chair').add('work_group_member');
    if (access.personId && place.ownerId === access.personId) local.add('action_owner');
    return local;
  },
};
const placeBound: ReadonlySet<PolicyRole> = new Set(['work_group_chair', 'work_group_member', 'action_owner']);

/** The one permission check: does this user hold the capability here? */
export function can(access: TrajectoryAccess, capability: Capability, place: Place = {}): boolean {
  const local = localRoles[capability];
  if (!local) return holds(access.roles, capability);
  const bound = local(access, place);
  return grants[capability].some((role) => (placeBound.has(role) ? bound.has(role) && access.roles.has(role) : access.roles.has(role)));
}

/** Capabilities that hold trajectory-wide, for clients to render from (never to guess). */
export function capabilitiesOf(access: TrajectoryAccess): Capability[] {
  return capabilities.filter((c) => can(access, c));
}

export function canRead(access: TrajectoryAccess): boolean {
  return can(access, 'trajectory.read');
}

/**
 * Someone who takes no part in a trajectory learns nothing of it, not even that it exists:
 * 404, as for an id of another tenant. A member without the right gets 403.
 */
export function assertRead(access: TrajectoryAccess, what = `trajectory ${access.trajectoryId}`): void {
  if (!canRead(access)) throw notFound(what);
}

const refusals: Record<Capability, string> = {
  'trajectory.create': 'Only a Kansrijk administrator of your organisation may start a trajectory',
  'trajectory.delete': 'Only a Kansrijk administrator may delete a trajectory',
  'tenant.admins': 'Only a Kansrijk administrator may name or remove administrators',
  'person.link': 'Only a Kansrijk administrator may link a person to a sign-in',
  'trajectory.read': 'You do not take part in this trajectory',
  'trajectory.edit': 'Only the coordinator, the chair and the facilitator may change this',
  'plan.edit': 'Only the coordinator, the chair and the facilitator may change this',
  'domain.edit': "Only the coordinator, the chair, the facilitator and this domain's work group may change this",
  'action.report': "Only the work group, the coordinator, the chair, the facilitator and the action's owner may change it",
  'people.read': 'You do not take part in this trajectory',
  'people.edit': 'Only the coordinator, the chair and the facilitator may change people',
  'contact.read': "Only the coordinator and a parent's trusted person see a parent's contact details",
  'contact.edit': "Only the coordinator may change a parent's contact details",
  'person.trust': "Only the coordinator may choose a parent's trusted person",
  'bodies.edit': 'Only the coordinator, the chair and the facilitator may change bodies',
  'membership.grant': 'Only the coordinator, the chair, the facilitator and an administrator may change memberships',
  'membership.grant_lead': 'Only the coordinator and an administrator may grant or take away this role',
  'audit.read': 'Only the coordinator, the chair, the facilitator and an administrator may read the audit log',
};

/** 404 for a non-member, 403 for a member without the capability. */
export function assertCan(access: TrajectoryAccess, capability: Capability, place: Place = {}): void {
  assertRead(access);
  if (!can(access, capability, place)) throw forbidden(refusals[capability]);
}
