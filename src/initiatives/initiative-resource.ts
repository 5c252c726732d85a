import { z } from 'zod';
import { initiativeStates } from '../shared/enums';
import { defineResource } from '../shared/resource-service';
import { longText, patchOf, publicRow, rowMeta, shortText, uuid } from '../shared/schemas';

export const initiativeInput = z
  .object({
    name: shortText(200),
    description: longText().optional(),
    state: z.enum(initiativeStates),
    partner: z.string().max(200, 'at most 200 characters').optional(),
    domainId: uuid.nullable().optional(),
    operationalObjectiveId: uuid.nullable().optional(),
  })
  .strict();

export const initiativeOutput = z.object({
  ...rowMeta,
  trajectoryId: uuid,
  name: z.string(),
  description: z.string(),
  state: z.enum(initiativeStates),
  partner: z.string(),
  domainId: uuid.nullable(),
  operationalObjectiveId: uuid.nullable(),
  updatedAt: z.string(),
});

export const initiativeResource = defineResource({
  entity: 'initiative',
  table: 'initiative',
  plural: 'initiatives',
  tag: 'Initiatives',
  parent: { plural: 'trajectories', entity: 'trajectory', table: 'trajectory', column: 'trajectoryId', inherit: () => ({}) },
  create: initiativeInput,
  update: patchOf(initiativeInput),
  output: initiativeOutput,
  scopeOf: (_db, row) => Promise.resolve({ trajectoryId: String(row.trajectoryId), domainId: null }),
  permission: 'plan.edit',
  refs: { domainId: 'domain', operationalObjectiveId: 'operationalObjective' },
  orderBy: ['name'],
  hasUpdatedAt: true,
  toOutput: (row) => publicRow(row),
});
