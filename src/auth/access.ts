import type { Principal } from './principal';
import type { Db } from '../db/database';
import { forbidden, notFound, type AppError } from '../shared/errors';
import { findAccessRows, findAccessRowsOfAllTrajectories, type AccessRow } from './access-repository';
import { capabilities, grants, type Capability, type PolicyRole } from './policy';

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
  /** A closed policy period: its plan, bodies and memberships are history and stay as they were. */
  closed: boolean;
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
    closed: rows.some((r) => r.closed),
  };
}

export function roleNames(access: TrajectoryAccess): string[] {
  return [...access.roles].sort();
}

/** Where a place-bound capability is asked for: a domain, an action's owner, a parent's trusted person. */
export interface Place {
  domainId?: string | null;
  ownerId?: string | null;
  trustedPersonId?: string | null;
}

/** Capabilities some roles hold only at their own place (the rest of their rights hold everywhere). */
const placeBoundCapabilities: ReadonlySet<Capability> = new Set(['domain.edit', 'action.report', 'contact.read', 'meeting.manage', 'minutes.approve']);

/** Where each place-bound role holds them: its work group's domain, its own action, its own parents. */
const boundTo: Partial<Record<PolicyRole, (access: TrajectoryAccess, place: Place) => boolean>> = {
  work_group_chair: (access, place) => Boolean(place.domainId && access.workGroupDomains.has(place.domainId)),
  work_group_member: (access, place) => Boolean(place.domainId && access.workGroupDomains.has(place.domainId)),
  action_owner: (access, place) => access.personId !== null && place.ownerId === access.personId,
  trusted_person: (access, place) => access.personId !== null && place.trustedPersonId === access.personId,
};

/**
 * What a closed policy period still allows: reading it, deleting it, and what concerns people
 * rather than the plan (people are tenant-wide: their details and reminders go on in the next
 * period, so an old period must not freeze them).
 */
const openInClosedPeriod: ReadonlySet<Capability> = new Set([
  'trajectory.read',
  'trajectory.delete',
  'tenant.admins',
  'person.link',
  'people.read',
  'people.edit',
  'contact.read',
  'contact.edit',
  'person.trust',
  'audit.read',
  'questionnaire.answers_read',
]);

/** The one permission check: does this user hold the capability here? */
export function can(access: TrajectoryAccess, capability: Capability, place: Place = {}): boolean {
  if (access.closed && !openInClosedPeriod.has(capability)) return false;
  const bound = placeBoundCapabilities.has(capability);
  return grants[capability].some((role) => access.roles.has(role) && (!bound || (boundTo[role]?.(access, place) ?? true)));
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

const closedPeriodRefusal = 'This policy period is closed and stays as it was; make the change in the next period';

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
  'signal.record': "Only the coordinator and the group's trusted person may record the signal group's verdicts",
  'period.start': 'Only the coordinator and an administrator may start the next policy period',
  'questionnaire.answers_read': 'Only the coordinator reads single answers; everyone else sees the totals',
  'questionnaire.invite': "Only the coordinator and parents' trusted persons hand out answer links",
  'meeting.manage': "Only the coordinator, the chair, the facilitator and a work group's chair (for their own work group) may organise this meeting",
  'agenda.propose': 'You do not take part in this trajectory',
  'minutes.approve': "Only the body's chair may approve or send back its minutes",
  'report.approve': "Only the steering group's chair may approve or send back a report to the college",
};

/** The 403 for a member who lacks the capability (or whom a closed period stops). */
export function refusal(access: TrajectoryAccess, capability: Capability): AppError {
  return forbidden(access.closed && !openInClosedPeriod.has(capability) ? closedPeriodRefusal : refusals[capability]);
}

/** 404 for a non-member, 403 for a member without the capability. */
export function assertCan(access: TrajectoryAccess, capability: Capability, place: Place = {}): void {
  assertRead(access);
  if (can(access, capability, place)) return;
  throw refusal(access, capability);
}
