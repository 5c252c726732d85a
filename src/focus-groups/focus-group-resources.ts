import { z } from 'zod';
import { assertCan, can, type TrajectoryAccess } from '../auth/access';
import type { Db } from '../db/database';
import { invalid, notFound, type FieldProblem } from '../shared/errors';
import type { Row } from '../shared/resource-repository';
import { defineResource, type Scope } from '../shared/resource-service';
import { dateOnly, longText, patchOf, publicRow, rowMeta, shortText, uuid } from '../shared/schemas';
import { findActionInTrajectory, findFocusGroupScope, findObjectiveInTrajectory } from './focus-group-repository';

/** The roadmap's size of a focus group: a guided conversation needs at least four and at most twelve. */
export const MIN_PARTICIPANTS = 4;
export const MAX_PARTICIPANTS = 12;

export const focusGroupInput = z
  .object({
    title: shortText(200),
    domainId: uuid.nullable().optional(),
    bodyId: uuid.nullable().optional(),
    plannedOn: dateOnly.nullable().optional(),
    heldOn: dateOnly.nullable().optional(),
    location: z.string().max(300, 'at most 300 characters').optional(),
    // A count, never names: taking part tells that a family lives on a limited income.
    participantCount: z
      .int('must be a whole number')
      .min(0, 'must not be negative')
      .max(MAX_PARTICIPANTS, `at most ${MAX_PARTICIPANTS}: a focus group is a small group; hold a second one for more parents`)
      .nullable()
      .optional(),
    themes: z.array(shortText(200)).max(30, 'at most 30 themes').optional(),
    notes: longText().optional(),
  })
  .strict();

/**
 * Why a held focus group's size deserves a look. Fewer than four is a warning, not a refusal:
 * the conversation took place, and what the parents said must be kept whatever the turnout.
 */
export const participantWarnings = ['too_few', 'not_counted'] as const;

export const focusGroupOutput = z.object({
  ...rowMeta,
  trajectoryId: uuid,
  domainId: uuid.nullable(),
  bodyId: uuid.nullable(),
  title: z.string(),
  plannedOn: z.string().nullable(),
  heldOn: z.string().nullable(),
  location: z.string(),
  participantCount: z.number().int().nullable(),
  themes: z.array(z.string()),
  notes: z.string(),
  participantWarning: z.enum(participantWarnings).nullable(),
  updatedAt: z.string(),
});

function participantWarning(row: Row): (typeof participantWarnings)[number] | null {
  if (!row.heldOn) return null;
  if (row.participantCount === null || row.participantCount === undefined) return 'not_counted';
  return Number(row.participantCount) < MIN_PARTICIPANTS ? 'too_few' : null;
}

export const focusGroupResource = defineResource({
  entity: 'focus_group',
  table: 'focusGroup',
  plural: 'focus-groups',
  tag: 'Focus groups',
  parent: { plural: 'trajectories', entity: 'trajectory', table: 'trajectory', column: 'trajectoryId', inherit: () => ({}) },
  create: focusGroupInput,
  update: patchOf(focusGroupInput),
  output: focusGroupOutput,
  scopeOf: (_db, row) => Promise.resolve({ trajectoryId: String(row.trajectoryId), domainId: null }),
  // Planning and recording a conversation with parents is the leads' work, like meetings.
  permission: 'plan.edit',
  refs: { domainId: 'domain', bodyId: 'body' },
  orderBy: ['plannedOn', 'createdAt'],
  hasUpdatedAt: true,
  toOutput: (row) => ({ ...publicRow<z.input<typeof focusGroupOutput>>(row), participantWarning: participantWarning(row) }),
});

export const proposalInput = z
  .object({
    text: shortText(2000),
    theme: z.string().trim().max(200, 'at most 200 characters').optional(),
    domainId: uuid.nullable().optional(),
    operationalObjectiveId: uuid.nullable().optional(),
    actionId: uuid.nullable().optional(),
  })
  .strict();

export const proposalOutput = z.object({
  ...rowMeta,
  trajectoryId: uuid,
  focusGroupId: uuid,
  text: z.string(),
  theme: z.string(),
  domainId: uuid.nullable(),
  operationalObjectiveId: uuid.nullable(),
  actionId: uuid.nullable(),
  updatedAt: z.string(),
});

/** The proposal's own domain, else the domain of the work group its focus group prepares. */
async function scopeOfProposal(db: Db, row: Row): Promise<Scope> {
  const group = await findFocusGroupScope(db, row.tenantId, String(row.focusGroupId));
  if (!group) throw notFound(`focus_group ${String(row.focusGroupId)}`);
  return { trajectoryId: group.trajectoryId, domainId: (row.domainId as string | null | undefined) ?? group.domainId };
}

const linkFields = new Set(['operationalObjectiveId', 'actionId']);
const noSuch = (field: string, table: string): FieldProblem => ({ path: `body.${field}`, message: `no such ${table} in this trajectory` });

/**
 * Who may write a proposal, and whether its links agree with each other. The leads (`plan.edit`)
 * record proposals; the work group of the proposal's domain may only link it to objectives and
 * actions of that domain (`domain.edit` there, which the generic check already asked for at the
 * proposal's domain). Links must form one chain: the action under the objective, the objective in
 * the domain. Ids of another trajectory answer exactly what the generic reference check answers.
 */
async function authorizeProposal(db: Db, access: TrajectoryAccess, change: { before?: Row; input?: Record<string, unknown> }): Promise<void> {
  const { before } = change;
  const input = change.input ?? {};
  const keys = Object.keys(input);
  if (!can(access, 'plan.edit')) {
    // A change (not a create, not a delete: those come without before, or without input).
    const linkOnly = before !== undefined && change.input !== undefined && keys.every((k) => linkFields.has(k));
    if (!linkOnly) assertCan(access, 'plan.edit');
  }
  if (keys.length === 0) return;
  const merged = { ...before, ...input } as Record<string, unknown>;
  const tenantId = access.principal.tenantId;
  const problems: FieldProblem[] = [];
  const objectiveId = typeof merged.operationalObjectiveId === 'string' ? merged.operationalObjectiveId : null;
  const actionId = typeof merged.actionId === 'string' ? merged.actionId : null;
  const objective = objectiveId ? await findObjectiveInTrajectory(db, tenantId, access.trajectoryId, objectiveId) : undefined;
  const action = actionId ? await findActionInTrajectory(db, tenantId, access.trajectoryId, actionId) : undefined;
  if (objectiveId && !objective) problems.push(noSuch('operationalObjectiveId', 'operationalObjective'));
  if (actionId && !action) problems.push(noSuch('actionId', 'action'));
  if (problems.length) throw invalid(problems);
  const domainId = typeof merged.domainId === 'string' ? merged.domainId : null;
  if (objective && domainId && objective.domainId !== domainId) problems.push({ path: 'body.operationalObjectiveId', message: 'belongs to another domain than the proposal' });
  if (action && objective && action.operationalObjectiveId !== objective.id) problems.push({ path: 'body.actionId', message: 'belongs to another operational objective' });
  if (action && !objective && domainId && action.domainId !== domainId) problems.push({ path: 'body.actionId', message: 'belongs to another domain than the proposal' });
  if (problems.length) throw invalid(problems);
  // A work group links only within its own domain, whichever domain the proposal came from.
  for (const target of [objective, action]) if (target) assertCan(access, 'domain.edit', { domainId: target.domainId });
}

export const proposalResource = defineResource({
  entity: 'focus_group_proposal',
  table: 'focusGroupProposal',
  plural: 'proposals',
  itemPlural: 'focus-group-proposals',
  tag: 'Focus groups',
  parent: { plural: 'focus-groups', entity: 'focus_group', table: 'focusGroup', column: 'focusGroupId', inherit: (g) => ({ trajectoryId: g.trajectoryId }) },
  create: proposalInput,
  update: patchOf(proposalInput),
  output: proposalOutput,
  scopeOf: scopeOfProposal,
  permission: 'domain.edit',
  authorize: authorizeProposal,
  refs: { domainId: 'domain', operationalObjectiveId: 'operationalObjective', actionId: 'action' },
  orderBy: ['createdAt'],
  hasUpdatedAt: true,
  toOutput: (row) => publicRow(row),
});
