import { z } from 'zod';
import { actionStatuses, domainApproaches, indicatorKinds } from '../shared/enums';
import { dateOnly, longText, shortText, uuid } from '../shared/schemas';

/*
 * The API of reports to the college (issue 10). The tab view and the bot cards are built against
 * these names: keep them stable.
 */

// ---------------------------------------------------------------- college calendar

export const reportFrequencies = ['monthly', 'quarterly', 'half_yearly'] as const;
export type ReportFrequency = (typeof reportFrequencies)[number];

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time (HH:MM)');

export const collegeScheduleInput = z
  .object({
    /** ISO weekday the college meets: 1 = Monday … 7 = Sunday. */
    weekday: z.int('must be a whole number').min(1, '1 (Monday) to 7 (Sunday)').max(7, '1 (Monday) to 7 (Sunday)'),
    /** Brussels wall-clock time of the meeting. */
    time: clockTime,
    /** Dates on which the college does not meet (holidays, a cancelled sitting). */
    exceptions: z.array(dateOnly).max(200, 'at most 200 dates').optional(),
    frequency: z.enum(reportFrequencies),
    /** Working days before the chosen college meeting that the chair's card goes out. */
    cardWorkingDaysBefore: z.int('must be a whole number').min(0, 'must not be negative').max(30, 'at most 30').optional(),
    secretaryName: z.string().trim().max(200, 'at most 200 characters').optional(),
    secretaryEmail: z.email({ message: 'must be an e-mail address' }).max(320, 'at most 320 characters').or(z.literal('')).optional(),
    /** The language the reports to this college are written in. */
    locale: z.enum(['nl-BE', 'en']).optional(),
  })
  .strict();
export type CollegeScheduleInput = z.output<typeof collegeScheduleInput>;

export const collegeScheduleOutput = z.object({
  trajectoryId: uuid,
  /** False until someone saved a schedule; the other fields then show the defaults. */
  configured: z.boolean(),
  weekday: z.number().int(),
  time: z.string(),
  exceptions: z.array(z.string()),
  frequency: z.enum(reportFrequencies),
  cardWorkingDaysBefore: z.number().int(),
  secretaryName: z.string(),
  secretaryEmail: z.string(),
  locale: z.enum(['nl-BE', 'en']),
  /** The next college meeting from today (a date-time with offset), null when none is configured. */
  nextMeeting: z.string().nullable(),
  /** The day (YYYY-MM-DD) the chair's card for that meeting goes out. */
  chairCardDueOn: z.string().nullable(),
  can: z.object({ edit: z.boolean() }),
});
export type CollegeScheduleOutput = z.input<typeof collegeScheduleOutput>;

// ---------------------------------------------------------------- the snapshot

export const statusCounts = z.object(Object.fromEntries(actionStatuses.map((s) => [s, z.number().int()])) as Record<(typeof actionStatuses)[number], z.ZodNumber>);
export type StatusCounts = z.infer<typeof statusCounts>;

const snapshotAction = z.object({
  id: uuid,
  title: z.string(),
  status: z.enum(actionStatuses),
  dueDate: z.string().nullable(),
  /** Only the owner's name: a report carries no other personal data. */
  ownerName: z.string().nullable(),
});

const snapshotOperational = z.object({
  id: uuid,
  title: z.string(),
  targetDate: z.string().nullable(),
  byStatus: statusCounts,
  actions: z.array(snapshotAction),
});

const snapshotStrategic = z.object({
  id: uuid,
  title: z.string(),
  operationalObjectives: z.array(snapshotOperational),
});

const snapshotDomain = z.object({
  id: uuid,
  name: z.string(),
  approach: z.enum(domainApproaches),
  byStatus: statusCounts,
  strategicObjectives: z.array(snapshotStrategic),
});

export const reportChangeKinds = ['added', 'removed', 'status_changed', 'due_changed'] as const;
const snapshotChange = z.object({
  actionId: uuid,
  title: z.string(),
  kind: z.enum(reportChangeKinds),
  /** The previous status or due date (null for added). */
  from: z.string().nullable(),
  /** The new status or due date (null for removed). */
  to: z.string().nullable(),
});

const snapshotOverdue = z.object({
  actionId: uuid,
  title: z.string(),
  domainName: z.string(),
  objectiveTitle: z.string(),
  status: z.enum(actionStatuses),
  dueDate: z.string(),
  daysOverdue: z.number().int(),
  ownerName: z.string().nullable(),
  latestNote: z.object({ note: z.string(), authorName: z.string(), createdAt: z.string() }).nullable(),
});

const snapshotIndicator = z.object({
  id: uuid,
  name: z.string(),
  kind: z.enum(indicatorKinds),
  unit: z.string(),
  actionId: uuid,
  actionTitle: z.string(),
  domainName: z.string(),
  baseline: z.number().nullable(),
  target: z.number().nullable(),
  /** The latest measurement on or before the period's end. */
  latest: z.object({ measuredOn: z.string(), value: z.number() }).nullable(),
  /** Every measurement on or before the period's end, oldest first (the chart). */
  measurements: z.array(z.object({ measuredOn: z.string(), value: z.number() })),
  /** How far from baseline to target the latest value got (0 = baseline, 1 = target); null when not computable. */
  progress: z.number().nullable(),
});

const snapshotDecision = z.object({
  meetingId: uuid,
  meetingTitle: z.string(),
  bodyName: z.string(),
  heldOn: z.string(),
  agendaItemTitle: z.string(),
  decisions: z.string(),
});

export const reportSnapshot = z.object({
  version: z.literal(1),
  generatedAt: z.string(),
  locale: z.enum(['nl-BE', 'en']),
  trajectory: z.object({ id: uuid, name: z.string(), municipality: z.string() }),
  period: z.object({ start: z.string(), end: z.string() }),
  collegeDate: z.string().nullable(),
  /** The day overdue is measured against: the period's end, or the generation day if earlier. */
  asOf: z.string(),
  totals: z.object({
    domains: z.number().int(),
    objectives: z.number().int(),
    actions: z.number().int(),
    byStatus: statusCounts,
    overdue: z.number().int(),
    indicators: z.number().int(),
  }),
  domains: z.array(snapshotDomain),
  /** The sent report the changes are computed against; null for the first report. */
  comparedWith: z.object({ reportId: uuid, periodStart: z.string(), periodEnd: z.string() }).nullable(),
  changes: z.array(snapshotChange),
  overdue: z.array(snapshotOverdue),
  indicators: z.array(snapshotIndicator),
  decisions: z.array(snapshotDecision),
  nextPeriod: z.object({ start: z.string(), end: z.string() }),
  /** Open actions due in the next period. */
  next: z.array(snapshotAction.extend({ domainName: z.string() })),
});
export type ReportSnapshot = z.infer<typeof reportSnapshot>;

// ---------------------------------------------------------------- reports

export const reportStates = ['draft', 'submitted', 'sent_back', 'approved'] as const;
export type ReportState = (typeof reportStates)[number];

const periodOrder = (v: { periodStart?: string | undefined; periodEnd?: string | undefined }) =>
  !v.periodStart || !v.periodEnd || v.periodEnd >= v.periodStart;
const periodIssue = { message: 'must not be before periodStart', path: ['periodEnd'] };
const periodLength = (v: { periodStart?: string | undefined; periodEnd?: string | undefined }) =>
  !v.periodStart || !v.periodEnd || Date.parse(v.periodEnd) - Date.parse(v.periodStart) <= 366 * 86_400_000 * 2;
const periodLengthIssue = { message: 'a period lasts at most two years', path: ['periodEnd'] };

export const reportInput = z
  .object({ periodStart: dateOnly, periodEnd: dateOnly, collegeDate: dateOnly.nullable().optional() })
  .strict()
  .refine(periodOrder, periodIssue)
  .refine(periodLength, periodLengthIssue);
export type ReportInput = z.output<typeof reportInput>;

export const reportPatch = z
  .object({
    summary: longText(20_000).optional(),
    decisionsRequested: longText(10_000).optional(),
    budgetRequests: longText(10_000).optional(),
    collegeDate: dateOnly.nullable().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'give at least one field to change' });
export type ReportPatch = z.output<typeof reportPatch>;

export const reportSendBackInput = z.object({ remark: shortText(2000) }).strict();

/** What the caller may do with this report, decided by the server (src/reports/report-service.ts). */
export const reportCan = z.object({
  edit: z.boolean(),
  /** Recompute the snapshot from the plan (only while draft). */
  regenerate: z.boolean(),
  submit: z.boolean(),
  approve: z.boolean(),
  sendBack: z.boolean(),
  download: z.boolean(),
});
export type ReportCan = z.infer<typeof reportCan>;

export const reportOutput = z.object({
  id: uuid,
  trajectoryId: uuid,
  periodStart: z.string(),
  periodEnd: z.string(),
  collegeDate: z.string().nullable(),
  state: z.enum(reportStates),
  summary: z.string(),
  decisionsRequested: z.string(),
  budgetRequests: z.string(),
  /** The chair's remark when it was sent back. */
  remark: z.string(),
  generatedAt: z.string(),
  submittedAt: z.string().nullable(),
  submittedByName: z.string().nullable(),
  approvedAt: z.string().nullable(),
  approvedByName: z.string().nullable(),
  sentBackAt: z.string().nullable(),
  /** How many times it was submitted (2 or more: resubmitted after being sent back). */
  submissions: z.number().int(),
  /** Key figures, so the list and the chair's card need no snapshot. */
  totals: reportSnapshot.shape.totals,
  createdAt: z.string(),
  updatedAt: z.string(),
  can: reportCan,
});
export type ReportOutput = z.input<typeof reportOutput>;

export const reportDetail = reportOutput.extend({ snapshot: reportSnapshot });
export type ReportDetail = z.input<typeof reportDetail>;

export const reportList = z.object({ reports: z.array(reportOutput) });

export const reportDeliveryLog = z.object({
  graph: z.boolean(),
  deliveries: z.array(
    z.object({
      id: uuid,
      recipientName: z.string(),
      address: z.string(),
      reason: z.enum(['alderman', 'secretary']),
      transport: z.enum(['graph', 'outbox']),
      state: z.enum(['pending', 'sending', 'sent', 'failed']),
      attempts: z.number().int(),
      sentAt: z.string().nullable(),
      error: z.string(),
    }),
  ),
});
export type ReportDeliveryLog = z.input<typeof reportDeliveryLog>;

/** The events the bot cards listen to, emitted after the transaction committed. */
export interface ReportEvent {
  kind: 'report_submitted' | 'report_sent_back' | 'report_approved';
  tenantId: string;
  trajectoryId: string;
  reportId: string;
  /** The person who acted. */
  actorPersonId: string | null;
  remark?: string;
}
