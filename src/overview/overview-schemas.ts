import { z } from 'zod';
import { actionStatuses, type ActionStatus } from '../shared/enums';
import { phaseOutput } from '../phases/phase-rules';
import { overviewWarning } from './overview-rules';
import { overviewPersonas, overviewSections } from './overview-roles';
import { reportStates } from '../reports/report-schemas';

/*
 * The overview's answer, apart from the service so that the tabs can derive their type from it
 * without reaching the report and meeting services (documents, Microsoft Graph).
 */

const statusCounts = z.object(Object.fromEntries(actionStatuses.map((s) => [s, z.int()])) as Record<ActionStatus, z.ZodInt>);

export const overviewOutput = z.object({
  trajectory: z.object({ id: z.uuid(), name: z.string(), municipality: z.string(), periodStart: z.string(), periodEnd: z.string() }),
  today: z.string(),
  phases: z
    .array(phaseOutput.pick({ phase: true, state: true, date: true, view: true }))
    .describe('the same derived states as GET /api/v1/trajectories/{id}/phases (its evidence there)'),
  nextMeetings: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      location: z.string(),
      online: z.boolean(),
      dayPart: z.string(),
      state: z.string(),
      body: z.object({ id: z.uuid(), name: z.string(), kind: z.string() }),
    }),
  ),
  overdueCount: z.int(),
  overdueActions: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      status: z.string(),
      dueDate: z.string(),
      ownerId: z.uuid().nullable(),
      ownerName: z.string().nullable(),
      domainId: z.uuid(),
      domainName: z.string(),
    }),
  ),
  statusByDomain: z.array(
    z.object({ domainId: z.uuid(), name: z.string(), approach: z.string(), state: z.string(), total: z.int(), counts: statusCounts }),
  ),
  warnings: z.array(overviewWarning).describe('owner_overloaded (which names a person) only for the coordinator'),
  warningCounts: z.record(z.string(), z.int()).describe('how many of each code hold, also beyond the listed ones'),
  persona: z.enum(overviewPersonas).describe("the overview the caller's roles lead with"),
  personas: z.array(z.enum(overviewPersonas)),
  sections: z.array(z.enum(overviewSections)).describe('the sections to show, in order, decided from the caller\'s access; the blocks below are present only for their section'),
  readOnly: z.boolean().describe("true when none of the caller's roles may change the plan"),
  college: z
    .object({
      configured: z.boolean(),
      nextMeeting: z.string().nullable(),
      chairCardDueOn: z.string().nullable(),
      report: z
        .object({
          id: z.uuid(),
          state: z.enum(reportStates),
          periodStart: z.string(),
          periodEnd: z.string(),
          collegeDate: z.string().nullable(),
          submittedAt: z.string().nullable(),
          approvedAt: z.string().nullable(),
        })
        .nullable()
        .describe('the latest report to the college'),
    })
    .optional(),
  indicatorsOffTrack: z
    .array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        unit: z.string(),
        kind: z.string(),
        actionId: z.uuid(),
        actionTitle: z.string(),
        domainId: z.uuid(),
        domainName: z.string(),
        baseline: z.number(),
        target: z.number(),
        latest: z.object({ measuredOn: z.string(), value: z.number() }),
        progress: z.number().describe('share of the way from baseline to target covered'),
        expected: z.number().describe("share of the action's time gone by"),
      }),
    )
    .optional(),
  myActions: z
    .array(
      z.object({
        id: z.uuid(),
        title: z.string(),
        status: z.string(),
        dueDate: z.string().nullable(),
        domainId: z.uuid(),
        domainName: z.string(),
        urgency: z.enum(['overdue', 'due_soon', 'later']),
      }),
    )
    .optional(),
  myDomains: z
    .object({
      scope: z.enum(['linked', 'all']).describe('linked: the domains of your work groups; all: no domain is linked to you'),
      domains: z.array(
        z.object({ domainId: z.uuid(), name: z.string(), approach: z.string(), state: z.string(), total: z.int(), counts: statusCounts, overdue: z.int() }),
      ),
    })
    .optional(),
  workGroups: z
    .array(
      z.object({
        bodyId: z.uuid(),
        name: z.string(),
        domainId: z.uuid(),
        domainName: z.string(),
        total: z.int(),
        counts: statusCounts,
        overdue: z.int(),
        nextMeeting: z.object({ id: z.uuid(), title: z.string(), startsAt: z.string() }).nullable(),
      }),
    )
    .optional(),
  myParents: z
    .object({
      parents: z.array(
        z.object({
          personId: z.uuid(),
          displayName: z.string(),
          phone: z.string().nullable().describe('only where contact.read allows'),
          contactPreference: z.string(),
          nextMeeting: z.object({ id: z.uuid(), title: z.string(), startsAt: z.string(), bodyName: z.string() }).nullable(),
        }),
      ),
      toCall: z
        .array(
          z.object({
            meetingId: z.uuid(),
            title: z.string(),
            startsAt: z.string(),
            bodyName: z.string(),
            callOn: z.string().describe('the day before the meeting (YYYY-MM-DD)'),
            parents: z.array(z.object({ personId: z.uuid(), displayName: z.string(), phone: z.string().nullable(), contactPreference: z.string(), response: z.string() })),
          }),
        )
        .describe('the coming meetings of your parents, whom to remind the day before'),
      checkIns: z
        .array(
          z.object({
            meetingId: z.uuid(),
            title: z.string(),
            startsAt: z.string(),
            bodyName: z.string(),
            parents: z.array(z.object({ personId: z.uuid(), displayName: z.string(), attendance: z.string() })),
          }),
        )
        .describe('meetings of the last two weeks with parents you have not checked in with yet'),
    })
    .optional(),
});
export type Overview = z.input<typeof overviewOutput>;
