import { z } from 'zod';
import { operationalObjectiveCan, operationalObjectiveCanOutput, strategicObjectiveCan, strategicObjectiveCanOutput } from '../auth/entity-rights';
import { defineResource, scopeFromRow, type Scope } from '../shared/resource-service';
import { adjustmentFields, adjustmentOutputFields, dateOnly, longText, patchOf, position, publicRow, reasonGiven, reasonIssue, rowMeta, shortText, uuid } from '../shared/schemas';

export const strategicObjectiveInput = z
  .object({
    title: shortText(300),
    description: longText().optional(),
    position: position.optional(),
    ...adjustmentFields,
  })
  .strict();

export const strategicObjectiveOutput = z.object({
  ...rowMeta,
  trajectoryId: uuid,
  domainId: uuid,
  title: z.string(),
  description: z.string(),
  position: z.int(),
  ...adjustmentOutputFields,
  updatedAt: z.string(),
  can: strategicObjectiveCanOutput.describe('what the caller may do with this objective'),
});

/** Objectives always sit in a domain; the scope names it. */
const inDomain = (scope: Scope) => ({ domainId: scope.domainId ?? '' });

export const strategicObjectiveResource = defineResource({
  entity: 'strategic objective',
  table: 'strategicObjective',
  plural: 'strategic-objectives',
  tag: 'Objectives',
  parent: { plural: 'domains', entity: 'domain', table: 'domain', column: 'domainId', inherit: (d) => ({ trajectoryId: d.trajectoryId }) },
  create: strategicObjectiveInput.refine(reasonGiven, reasonIssue),
  update: patchOf(strategicObjectiveInput).refine(reasonGiven, reasonIssue),
  output: strategicObjectiveOutput,
  scopeOf: (_db, row) => Promise.resolve(scopeFromRow(row)),
  permission: 'domain.edit',
  rights: (access, scope) => strategicObjectiveCan(access, inDomain(scope)),
  orderBy: ['position', 'createdAt'],
  hasUpdatedAt: true,
  toOutput: (row) => publicRow(row),
});

export { smartChecks } from '../shared/enums';

export const operationalObjectiveInput = z
  .object({
    title: shortText(300),
    description: longText().optional(),
    smartSpecific: z.boolean().optional(),
    smartMeasurable: z.boolean().optional(),
    smartAgreed: z.boolean().optional(),
    smartRealistic: z.boolean().optional(),
    smartTimeBound: z.boolean().optional(),
    targetDate: dateOnly.nullable().optional(),
    position: position.optional(),
    ...adjustmentFields,
  })
  .strict();

export const operationalObjectiveOutput = z.object({
  ...rowMeta,
  trajectoryId: uuid,
  domainId: uuid,
  strategicObjectiveId: uuid,
  title: z.string(),
  description: z.string(),
  smartSpecific: z.boolean(),
  smartMeasurable: z.boolean(),
  smartAgreed: z.boolean(),
  smartRealistic: z.boolean(),
  smartTimeBound: z.boolean(),
  targetDate: z.string().nullable(),
  position: z.int(),
  ...adjustmentOutputFields,
  updatedAt: z.string(),
  can: operationalObjectiveCanOutput.describe('what the caller may do with this objective'),
});

export const operationalObjectiveResource = defineResource({
  entity: 'operational objective',
  table: 'operationalObjective',
  plural: 'operational-objectives',
  tag: 'Objectives',
  parent: {
    plural: 'strategic-objectives',
    entity: 'strategic objective',
    table: 'strategicObjective',
    column: 'strategicObjectiveId',
    inherit: (s) => ({ trajectoryId: s.trajectoryId, domainId: s.domainId }),
  },
  create: operationalObjectiveInput.refine(reasonGiven, reasonIssue),
  update: patchOf(operationalObjectiveInput).refine(reasonGiven, reasonIssue),
  output: operationalObjectiveOutput,
  scopeOf: (_db, row) => Promise.resolve(scopeFromRow(row)),
  permission: 'domain.edit',
  rights: (access, scope) => operationalObjectiveCan(access, inDomain(scope)),
  orderBy: ['position', 'createdAt'],
  hasUpdatedAt: true,
  toOutput: (row) => publicRow(row),
});
