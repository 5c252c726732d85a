import { z } from 'zod';
import { assertCan, can, type TrajectoryAccess } from '../auth/access';
import { leadMemberRoles } from '../auth/policy';
import type { Db } from '../db/database';
import { notFound } from '../shared/errors';
import { bodyKinds, memberRoles } from '../shared/enums';
import type { Row } from '../shared/resource-repository';
import { defineResource, type Scope } from '../shared/resource-service';
import { patchOf, publicRow, rowMeta, shortText, uuid } from '../shared/schemas';
import { findBodyTrajectory } from './people-repository';

export const bodyInput = z
  .object({
    kind: z.enum(bodyKinds),
    name: shortText(120),
    domainId: uuid.nullable().optional(),
    /** A parents' group that evaluates the actions (issue 14); any other kind answers 400. */
    signalGroup: z.boolean().optional(),
  })
  .strict();

export const bodyOutput = z.object({
  ...rowMeta,
  trajectoryId: uuid,
  kind: z.enum(bodyKinds),
  name: z.string(),
  domainId: uuid.nullable(),
  signalGroup: z.boolean(),
  updatedAt: z.string(),
});

export const bodyResource = defineResource({
  entity: 'body',
  table: 'body',
  plural: 'bodies',
  tag: 'Members',
  parent: { plural: 'trajectories', entity: 'trajectory', table: 'trajectory', column: 'trajectoryId', inherit: () => ({}) },
  create: bodyInput,
  update: patchOf(bodyInput),
  output: bodyOutput,
  scopeOf: (_db, row) => Promise.resolve({ trajectoryId: String(row.trajectoryId), domainId: null }),
  permission: 'bodies.edit',
  refs: { domainId: 'domain' },
  orderBy: ['kind', 'name'],
  hasUpdatedAt: true,
  toOutput: (row) => publicRow(row),
});

export const membershipInput = z
  .object({
    personId: uuid,
    role: z.enum(memberRoles),
  })
  .strict();

export const membershipOutput = z.object({
  ...rowMeta,
  bodyId: uuid,
  personId: uuid,
  role: z.enum(memberRoles),
});

/** The capability granting, changing into or taking away this role needs. */
function grantCapability(role: string) {
  return leadMemberRoles.has(role) ? ('membership.grant_lead' as const) : ('membership.grant' as const);
}

/** The one rule for roles: the membership routes enforce it, the tabs are told it (grantableRoles). */
export function assertMayGrantRole(access: TrajectoryAccess, role: string): void {
  assertCan(access, 'membership.grant');
  assertCan(access, grantCapability(role));
}

/** The roles this caller may grant, change into or take away in the trajectory. */
export function grantableRoles(access: TrajectoryAccess): string[] {
  return memberRoles.filter((role) => can(access, 'membership.grant') && can(access, grantCapability(role)));
}

async function scopeOfBody(db: Db, row: Row): Promise<Scope> {
  const body = await findBodyTrajectory(db, row.tenantId, String(row.bodyId));
  if (!body) throw notFound(`body ${String(row.bodyId)}`);
  return { trajectoryId: body.trajectoryId, domainId: null };
}

export const membershipResource = defineResource({
  entity: 'membership',
  table: 'membership',
  plural: 'memberships',
  tag: 'Members',
  parent: { plural: 'bodies', entity: 'body', table: 'body', column: 'bodyId', inherit: () => ({}) },
  create: membershipInput,
  update: patchOf(membershipInput.pick({ role: true })),
  output: membershipOutput,
  scopeOf: scopeOfBody,
  permission: 'membership.grant',
  authorize: (_db, access, { before, input }) => {
    // Granting, changing and taking away alike: each role involved must be the caller's to give.
    for (const role of [before?.role, input?.role]) if (typeof role === 'string') assertMayGrantRole(access, role);
  },
  refs: { personId: 'person' },
  orderBy: ['role', 'createdAt'],
  hasUpdatedAt: false,
  toOutput: (row) => publicRow(row),
});
