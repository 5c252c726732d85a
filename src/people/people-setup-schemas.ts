import { z } from 'zod';
import { memberRoles } from '../shared/enums';

/*
 * The answers of the people set-up routes, in a file of their own: the tabs derive their types
 * from these, and people-setup.ts reaches Microsoft Graph (node-only types) through the directory.
 */

export const peopleSetupOutput = z.object({
  grantableRoles: z.array(z.enum(memberRoles)).describe('the roles the caller may grant, change into or take away here (the rule the membership routes enforce)'),
  directorySearch: z.boolean().describe('whether the people picker over Microsoft Graph is available to the caller; otherwise invite by e-mail address'),
});

export const personDeleteImpactOutput = z.object({
  memberships: z.number().int(),
  actionsWithoutOwner: z.number().int(),
  parentsWithoutTrustedPerson: z.number().int(),
  otherTrajectories: z.number().int().describe('other trajectories the person takes part in: the deletion removes them there too'),
});

export const bodyDeleteImpactOutput = z.object({
  memberships: z.number().int(),
  meetings: z.number().int(),
  signalVerdicts: z.number().int(),
});

export const directoryOutput = z.object({
  configured: z.boolean(),
  users: z.array(z.object({ id: z.string(), displayName: z.string(), mail: z.string().nullable(), known: z.boolean().describe('already a person in Kansrijk') })),
});
