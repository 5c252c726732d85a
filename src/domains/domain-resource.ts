import { z } from 'zod';
import { domainApproaches, domainStates } from '../shared/enums';
import { domainCan, domainCanOutput } from '../auth/entity-rights';
import { defineResource } from '../shared/resource-service';
import { longText, patchOf, position, publicRow, rowMeta, shortText, uuid } from '../shared/schemas';

export const domainInput = z
  .object({
    name: shortText(120),
    description: longText().optional(),
    approach: z.enum(domainApproaches),
    state: z.enum(domainStates).optional(),
    position: position.optional(),
  })
  .strict();

export const domainOutput = z.object({
  ...rowMeta,
  trajectoryId: uuid,
  name: z.string(),
  description: z.string(),
  approach: z.enum(domainApproaches),
  state: z.enum(domainStates),
  position: z.int(),
  updatedAt: z.string(),
  can: domainCanOutput.describe('what the caller may do with this domain'),
});

export const domainResource = defineResource({
  entity: 'domain',
  table: 'domain',
  plural: 'domains',
  tag: 'Domains',
  parent: { plural: 'trajectories', entity: 'trajectory', table: 'trajectory', column: 'trajectoryId', inherit: () => ({}) },
  create: domainInput,
  update: patchOf(domainInput),
  output: domainOutput,
  // Choosing and shaping domains is the steering group's call, not the work group's.
  scopeOf: (_db, row) => Promise.resolve({ trajectoryId: String(row.trajectoryId), domainId: null }),
  permission: 'plan.edit',
  rights: (access, _scope, row) => domainCan(access, { id: row ? String(row.id) : null }),
  orderBy: ['position', 'createdAt'],
  hasUpdatedAt: true,
  toOutput: (row) => publicRow(row),
});
