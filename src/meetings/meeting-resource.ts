import { z } from 'zod';
import { dayParts, meetingStates } from '../shared/enums';
import { defineResource } from '../shared/resource-service';
import { patchOf, publicRow, rowMeta, shortText, timestamp, uuid } from '../shared/schemas';

const meetingFields = z
  .object({
    bodyId: uuid,
    title: shortText(200),
    startsAt: timestamp,
    endsAt: timestamp,
    location: z.string().max(300, 'at most 300 characters').optional(),
    online: z.boolean().optional(),
    dayPart: z.enum(dayParts).optional(),
    state: z.enum(meetingStates).optional(),
  })
  .strict();

const endsAfterStart = (m: { startsAt?: string | undefined; endsAt?: string | undefined }) =>
  !m.startsAt || !m.endsAt || Date.parse(m.endsAt) > Date.parse(m.startsAt);
const endsAfterStartIssue = { message: 'must be after startsAt', path: ['endsAt'] };

export const meetingInput = meetingFields.refine(endsAfterStart, endsAfterStartIssue);

export const meetingOutput = z.object({
  ...rowMeta,
  trajectoryId: uuid,
  bodyId: uuid,
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  location: z.string(),
  online: z.boolean(),
  dayPart: z.enum(dayParts),
  state: z.enum(meetingStates),
  updatedAt: z.string(),
});

export const meetingResource = defineResource({
  entity: 'meeting',
  table: 'meeting',
  plural: 'meetings',
  tag: 'Meetings',
  parent: { plural: 'trajectories', entity: 'trajectory', table: 'trajectory', column: 'trajectoryId', inherit: () => ({}) },
  create: meetingInput,
  update: patchOf(meetingFields).refine(endsAfterStart, endsAfterStartIssue),
  output: meetingOutput,
  scopeOf: (_db, row) => Promise.resolve({ trajectoryId: String(row.trajectoryId), domainId: null }),
  permission: 'plan.edit',
  refs: { bodyId: 'body' },
  orderBy: ['startsAt'],
  hasUpdatedAt: true,
  toOutput: (row) => publicRow(row),
});
