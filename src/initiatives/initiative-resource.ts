import { z } from 'zod';
import { initiativeStates, sectors } from '../shared/enums';
import { invalid } from '../shared/errors';
import { defineResource } from '../shared/resource-service';
import { publicRow, rowMeta, uuid } from '../shared/schemas';
import { initiativeFields, initiativeSources, withPartners } from './initiative-fields';
import { objectiveDomainOf } from './initiative-repository';

export const initiativeInput = initiativeFields.strict().transform(withPartners);

export const initiativeUpdate = initiativeFields
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'give at least one field to change' })
  .transform(withPartners);

export const initiativeOutput = z.object({
  ...rowMeta,
  trajectoryId: uuid,
  name: z.string(),
  description: z.string(),
  state: z.enum(initiativeStates),
  /** The partners joined by ", " (for older clients). */
  partner: z.string(),
  partners: z.array(z.string()),
  sectors: z.array(z.enum(sectors)),
  targetGroup: z.string(),
  reachFamilies: z.number().int().nullable(),
  reachChildren: z.number().int().nullable(),
  since: z.string().nullable(),
  contactOrganisation: z.string(),
  source: z.enum(initiativeSources).nullable(),
  effect: z.string(),
  domainId: uuid.nullable(),
  operationalObjectiveId: uuid.nullable(),
  updatedAt: z.string(),
});

export type InitiativeOutput = z.input<typeof initiativeOutput>;

export const initiativeResource = defineResource({
  entity: 'initiative',
  table: 'initiative',
  plural: 'initiatives',
  tag: 'Initiatives',
  parent: { plural: 'trajectories', entity: 'trajectory', table: 'trajectory', column: 'trajectoryId', inherit: () => ({}) },
  create: initiativeInput,
  update: initiativeUpdate,
  output: initiativeOutput,
  scopeOf: (_db, row) => Promise.resolve({ trajectoryId: String(row.trajectoryId), domainId: null }),
  permission: 'plan.edit',
  // An initiative linked to an objective sits in that objective's domain: a link to a domain
  // first and an objective later must not leave the two pointing at different domains.
  authorize: async (db, access, { before, input }) => {
    if (!input) return;
    const merged = { ...before, ...input } as { domainId?: string | null; operationalObjectiveId?: string | null };
    if (!merged.operationalObjectiveId || !merged.domainId) return;
    const domainOfObjective = await objectiveDomainOf(db, access.principal.tenantId, access.trajectoryId, merged.operationalObjectiveId);
    if (domainOfObjective && domainOfObjective !== merged.domainId) {
      throw invalid([{ path: 'body.operationalObjectiveId', message: 'belongs to another domain than domainId' }]);
    }
  },
  refs: { domainId: 'domain', operationalObjectiveId: 'operationalObjective' },
  orderBy: ['name'],
  hasUpdatedAt: true,
  toOutput: (row) => publicRow(row),
});
