import { z } from 'zod';
import { initiativeStates, sectors } from '../shared/enums';
import { dateOnly, INT4_MAX, longText, shortText, uuid } from '../shared/schemas';

/** Where the coordinator found an initiative: the roadmap starts from the multi-year plans. */
export const initiativeSources = ['multi_year_plan', 'partner', 'parents_association', 'social_map', 'other'] as const;

export const MAX_PARTNERS = 20;
const reach = z.int('must be a whole number').min(0, 'must not be negative').max(INT4_MAX, 'too large').nullable();

/** The questionnaire's answers about one initiative (what, by whom, for whom, since when, reach). */
export const initiativeFields = z.object({
  name: shortText(200),
  description: longText().optional(),
  state: z.enum(initiativeStates),
  /** Deprecated: one partner as text. Use `partners`; when both come, `partners` wins. */
  partner: z.string().max(200, 'at most 200 characters').optional(),
  partners: z
    .array(shortText(200))
    .max(MAX_PARTNERS, `at most ${MAX_PARTNERS} partners`)
    .refine((list) => new Set(list.map((p) => p.toLowerCase())).size === list.length, 'names a partner twice')
    .optional(),
  sectors: z
    .array(z.enum(sectors))
    .refine((list) => new Set(list).size === list.length, 'names a sector twice')
    .optional(),
  targetGroup: longText(500).optional(),
  reachFamilies: reach.optional(),
  reachChildren: reach.optional(),
  since: dateOnly.nullable().optional(),
  contactOrganisation: z.string().trim().max(200, 'at most 200 characters').optional(),
  source: z.enum(initiativeSources).nullable().optional(),
  effect: longText().optional(),
  domainId: uuid.nullable().optional(),
  operationalObjectiveId: uuid.nullable().optional(),
});

export type InitiativeFields = z.output<typeof initiativeFields>;

/** One truth for the partners: `partner` is derived from the list, or a lone `partner` becomes it. */
export function withPartners<T extends Partial<InitiativeFields>>(input: T): T {
  if (input.partners !== undefined) return { ...input, partner: input.partners.join(', ') };
  if (input.partner !== undefined) {
    const partner = input.partner.trim();
    return { ...input, partner, partners: partner ? [partner] : [] };
  }
  return input;
}
