import { z } from 'zod';
import { actionStatuses, dayParts } from '../shared/enums';
import { dateOnly, longText, shortText, timestamp, uuid } from '../shared/schemas';

/** A meeting's life; `cancelled` ends it early. Transitions: src/meetings/meeting-rules.ts. */
export const meetingStatesAll = ['planned', 'agenda_sent', 'held', 'minutes_approved', 'distributed', 'cancelled'] as const;
export type MeetingState = (typeof meetingStatesAll)[number];
export const agendaKinds = ['information', 'discussion', 'decision'] as const;
export const invitationResponses = ['none', 'accepted', 'tentative', 'declined'] as const;
export const attendanceStates = ['unknown', 'present', 'excused', 'absent'] as const;

const endsAfterStart = (m: { startsAt?: string | undefined; endsAt?: string | undefined }) =>
  !m.startsAt || !m.endsAt || Date.parse(m.endsAt) > Date.parse(m.startsAt);
const endsAfterStartIssue = { message: 'must be after startsAt', path: ['endsAt'] };
const notTooLong = (m: { startsAt?: string | undefined; endsAt?: string | undefined }) =>
  !m.startsAt || !m.endsAt || Date.parse(m.endsAt) - Date.parse(m.startsAt) <= 24 * 3600_000;
const notTooLongIssue = { message: 'a meeting lasts at most 24 hours', path: ['endsAt'] };

const meetingFields = {
  title: shortText(200),
  startsAt: timestamp,
  endsAt: timestamp,
  location: z.string().trim().max(300, 'at most 300 characters').optional(),
  online: z.boolean().optional(),
  dayPart: z.enum(dayParts).optional(),
  agendaDaysBefore: z.int('must be a whole number').min(0, 'must not be negative').max(60, 'at most 60').optional(),
  // What parents ask before they come: how to get there, childcare, compensation.
  directions: z.string().trim().max(1000, 'at most 1000 characters').optional(),
  childcare: z.string().trim().max(500, 'at most 500 characters').optional(),
  compensation: z.string().trim().max(500, 'at most 500 characters').optional(),
};

export const meetingInput = z
  .object({ bodyId: uuid, ...meetingFields, prefillAgenda: z.boolean().optional() })
  .strict()
  .refine(endsAfterStart, endsAfterStartIssue)
  .refine(notTooLong, notTooLongIssue);
export type MeetingInput = z.output<typeof meetingInput>;

export const meetingPatch = z
  .object(meetingFields)
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'give at least one field to change' })
  .refine(endsAfterStart, endsAfterStartIssue)
  .refine(notTooLong, notTooLongIssue);
export type MeetingPatch = z.output<typeof meetingPatch>;

export const meetingListQuery = z
  .object({
    bodyId: uuid.optional(),
    from: timestamp.optional(),
    to: timestamp.optional(),
  })
  .strict();

/** What the caller may do with this meeting, decided by the server (src/meetings/meeting-service.ts). */
export const meetingCan = z.object({
  manage: z.boolean(),
  propose: z.boolean(),
  approve: z.boolean(),
  /** The caller is an attendee and may answer the invitation. */
  respond: z.boolean(),
  /** The caller is a trusted person of at least one parent invited. */
  callParents: z.boolean(),
  /** What the meeting's state allows next, for this caller. */
  transitions: z.array(z.enum(['fix_agenda', 'mark_held', 'submit_minutes', 'approve_minutes', 'send_back', 'cancel'])),
  editAgenda: z.boolean(),
  editMinutes: z.boolean(),
});

export const meetingOutput = z.object({
  id: uuid,
  trajectoryId: uuid,
  bodyId: uuid,
  bodyName: z.string(),
  bodyKind: z.string(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  location: z.string(),
  online: z.boolean(),
  onlineJoinUrl: z.string(),
  dayPart: z.enum(dayParts),
  state: z.enum(meetingStatesAll),
  organiserId: uuid.nullable(),
  agendaDaysBefore: z.number().int(),
  directions: z.string(),
  childcare: z.string(),
  compensation: z.string(),
  agendaFixedAt: z.string().nullable(),
  minutesNotes: z.string(),
  minutesSubmittedAt: z.string().nullable(),
  minutesRemark: z.string(),
  minutesApprovedAt: z.string().nullable(),
  minutesApprovedBy: uuid.nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string(),
  channelBound: z.boolean(),
  agendaCount: z.number().int(),
  attendeeCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  can: meetingCan,
});
export type MeetingOutput = z.input<typeof meetingOutput>;

export const attendeeOutput = z.object({
  personId: uuid,
  displayName: z.string(),
  isParent: z.boolean(),
  hasAccount: z.boolean(),
  /** A parent without an account is reached through their trusted person. */
  trustedPersonName: z.string().nullable(),
  response: z.enum(invitationResponses),
  attendance: z.enum(attendanceStates),
  /** Shown only to the organisers and to the parent's own trusted person. */
  checkedIn: z.boolean().nullable(),
});

export const agendaItemOutput = z.object({
  id: uuid,
  meetingId: uuid,
  position: z.number().int(),
  title: z.string(),
  kind: z.enum(agendaKinds),
  presenterId: uuid.nullable(),
  presenterName: z.string().nullable(),
  durationMinutes: z.number().int(),
  domainId: uuid.nullable(),
  domainName: z.string().nullable(),
  operationalObjectiveId: uuid.nullable(),
  actionId: uuid.nullable(),
  proposedBy: uuid.nullable(),
  proposedByName: z.string().nullable(),
  notes: z.string(),
  decisions: z.string(),
  can: z.object({ edit: z.boolean(), delete: z.boolean(), minutes: z.boolean() }),
});
export type AgendaItemOutput = z.input<typeof agendaItemOutput>;

export const meetingActionOutput = z.object({
  id: uuid,
  title: z.string(),
  dueDate: z.string().nullable(),
  ownerId: uuid.nullable(),
  ownerName: z.string().nullable(),
  operationalObjectiveId: uuid,
  status: z.enum(actionStatuses),
  agendaItemId: uuid.nullable(),
});

export const meetingDetail = meetingOutput.extend({
  attendees: z.array(attendeeOutput),
  agenda: z.array(agendaItemOutput),
  actions: z.array(meetingActionOutput),
});
export type MeetingDetail = z.input<typeof meetingDetail>;

export const meetingList = z.object({ meetings: z.array(meetingOutput) });

const agendaFields = {
  title: shortText(200),
  kind: z.enum(agendaKinds).optional(),
  presenterId: uuid.nullable().optional(),
  durationMinutes: z.int('must be a whole number').min(1, 'at least 1 minute').max(480, 'at most 480 minutes').optional(),
  domainId: uuid.nullable().optional(),
  operationalObjectiveId: uuid.nullable().optional(),
  actionId: uuid.nullable().optional(),
};
export const agendaItemInput = z.object(agendaFields).strict();
export type AgendaItemInput = z.output<typeof agendaItemInput>;
export const agendaItemPatch = z
  .object({ ...agendaFields, notes: longText(20_000).optional(), decisions: longText(10_000).optional() })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'give at least one field to change' });
export type AgendaItemPatch = z.output<typeof agendaItemPatch>;

export const agendaOrder = z
  .object({ itemIds: z.array(uuid).min(1, 'give the items in their new order').max(200, 'at most 200 items') })
  .strict()
  .refine((v) => new Set(v.itemIds).size === v.itemIds.length, { message: 'each item once', path: ['itemIds'] });

export const attendeePatch = z
  .object({ response: z.enum(invitationResponses).optional(), attendance: z.enum(attendanceStates).optional() })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'give at least one field to change' });
export const attendeeInput = z.object({ personId: uuid }).strict();

export const minutesPatch = z.object({ notes: longText(20_000) }).strict();
export const sendBackInput = z.object({ remark: shortText(2000) }).strict();
export const cancelInput = z.object({ reason: longText(2000).optional() }).strict();
export const checkInInput = z.object({ note: longText(1000).optional() }).strict();

export const meetingActionInput = z
  .object({
    title: shortText(300),
    ownerId: uuid.nullable().optional(),
    dueDate: dateOnly.nullable().optional(),
    operationalObjectiveId: uuid,
    agendaItemId: uuid.optional(),
  })
  .strict();
export type MeetingActionInput = z.output<typeof meetingActionInput>;

/** The trusted person's call list: their own parents invited to the meeting, with how to reach them. */
export const parentsToCall = z.object({
  meetingId: uuid,
  parents: z.array(
    z.object({
      personId: uuid,
      displayName: z.string(),
      phone: z.string().nullable(),
      contactPreference: z.string(),
      response: z.enum(invitationResponses),
      attendance: z.enum(attendanceStates),
      checkedIn: z.boolean(),
      checkInNote: z.string(),
    }),
  ),
});

/** Who the approved minutes went to (GET /api/v1/meetings/{id}/deliveries). */
export const deliveryLog = z.object({
  graph: z.boolean(),
  deliveries: z.array(
    z.object({
      id: uuid,
      recipientName: z.string(),
      address: z.string(),
      reason: z.enum(['attendee', 'alderman']),
      transport: z.enum(['graph', 'outbox']),
      state: z.enum(['pending', 'sending', 'sent', 'failed']),
      attempts: z.number().int(),
      sentAt: z.string().nullable(),
      error: z.string(),
    }),
  ),
});

/** Suggested meeting times (POST /api/v1/trajectories/{id}/meeting-times). */
export const meetingTimes = z.object({
  graph: z.boolean(),
  suggestions: z.array(z.object({ start: z.string(), end: z.string(), confidence: z.number() })),
  /** How often the body's parents came to day and to evening meetings: counts, never who. */
  parentsCame: z.object({ day: z.number().int(), evening: z.number().int() }),
});
