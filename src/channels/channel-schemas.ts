import { z } from 'zod';
import { uuid } from '../shared/schemas';

/** A Teams channel id as teams-js and the Bot Framework give it: "19:…@thread.tacv2" (never a reply thread). */
export const teamsChannelId = z
  .string()
  .trim()
  .max(300, 'at most 300 characters')
  .regex(/^19:[^\s;]+$/, 'must be a Teams channel id such as 19:…@thread.tacv2');

export const channelBinding = z
  .object({
    channelId: teamsChannelId,
    /** The team (its group id from the tab, or its thread id from the bot); helps find where the bot is installed. */
    teamId: z.string().trim().max(300, 'at most 300 characters').nullable().optional(),
    channelName: z.string().trim().max(200, 'at most 200 characters').optional(),
  })
  .strict();
export type ChannelBindingInput = z.output<typeof channelBinding>;

export const channelBindingOutput = z.object({
  bodyId: uuid,
  bodyName: z.string(),
  channelId: z.string(),
  teamId: z.string().nullable(),
  channelName: z.string(),
  boundAt: z.string(),
});
export type ChannelBindingOutput = z.input<typeof channelBindingOutput>;
