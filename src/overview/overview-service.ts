import { assertRead, loadAccess } from '../auth/access';
import type { Principal } from '../auth/principal';
import type { Db } from '../db/database';
import { AppError, notFound } from '../shared/errors';
import { actionStatuses, type ActionStatus } from '../shared/enums';
import { brusselsDate } from '../shared/time';
import { findTrajectory } from '../trajectories/trajectory-repository';
import { loadOverviewFacts } from './overview-repository';
import { phasesFromFacts } from '../phases/phase-service';
import { computeWarnings, isOpen } from './overview-rules';
import { indicatorsOffTrack, ownActions, personasOf, readsOnly, sectionsOf, seesWorkload } from './overview-roles';
import { addDays } from '../follow-ups/calendar';
import type { MeetingService } from '../meetings/meeting-service';
import type { ReportService } from '../reports/report-service';
import { createPeopleService } from '../people/people-service';
import { can, type TrajectoryAccess } from '../auth/access';
import type { Overview } from './overview-schemas';

// The rules moved to overview-rules.ts so that the phase tracker can use them too; re-exported for existing callers.
export * from './overview-rules';

export { overviewOutput, type Overview } from './overview-schemas';

const MAX_OVERDUE_LISTED = 20;

/** The slices the role blocks read through (their services); without them (the bot) those blocks are left out. */
export interface OverviewDeps {
  meetings?: MeetingService;
  reports?: ReportService;
}

type Block<K extends keyof Overview> = NonNullable<Overview[K]>;

const CHECK_IN_DAYS = 14;
const CALL_AHEAD_DAYS = 60;
const MAX_PARENT_MEETINGS = 12;

export function createOverviewService(db: Db, deps: OverviewDeps = {}) {
  const people = createPeopleService(db);

  async function college(principal: Principal, trajectoryId: string, reports: ReportService): Promise<Block<'college'>> {
    const [schedule, list] = await Promise.all([reports.getSchedule(principal, trajectoryId), reports.list(principal, trajectoryId)]);
    const latest = list.reports[0];
    return {
      configured: schedule.configured,
      nextMeeting: schedule.nextMeeting,
      chairCardDueOn: schedule.chairCardDueOn,
      report: latest
        ? {
            id: latest.id,
            state: latest.state,
            periodStart: latest.periodStart,
            periodEnd: latest.periodEnd,
            collegeDate: latest.collegeDate,
            submittedAt: latest.submittedAt,
            approvedAt: latest.approvedAt,
          }
        : null,
    };
  }

  /**
   * The trusted person's parents and their meetings, read through the people and meetings
   * services: the same rules decide who sees a parent's phone as in the meeting's call list.
   */
  async function parentsOf(principal: Principal, access: TrajectoryAccess, meetings: MeetingService, now: Date): Promise<Block<'myParents'>> {
    const mine = (await people.list(principal, access.trajectoryId)).filter((p) => p.isParent && access.personId !== null && p.trustedPersonId === access.personId);
    const bodies = new Set(mine.flatMap((p) => p.memberships.map((m) => m.bodyId)));
    const from = new Date(now.getTime() - CHECK_IN_DAYS * 86_400_000).toISOString();
    const to = new Date(now.getTime() + CALL_AHEAD_DAYS * 86_400_000).toISOString();
    const listed = bodies.size ? (await meetings.list(principal, access.trajectoryId, { from, to })).meetings : [];
    const relevant = listed.filter((m) => bodies.has(m.bodyId) && m.state !== 'cancelled').slice(0, MAX_PARENT_MEETINGS);
    const calls = await Promise.all(
      relevant.map(async (m) => {
        try {
          return { meeting: m, parents: (await meetings.parentsToCall(principal, m.id)).parents };
        } catch (error) {
          // None of this caller's parents is invited to this meeting.
          if (error instanceof AppError && error.status === 403) return { meeting: m, parents: [] };
          throw error;
        }
      }),
    );
    const mineIds = new Set(mine.map((p) => p.id));
    const upcoming = calls.filter((c) => Date.parse(c.meeting.startsAt) >= now.getTime() && c.parents.some((p) => mineIds.has(p.personId)));
    const past = calls.filter((c) => Date.parse(c.meeting.startsAt) < now.getTime());
    const nextOf = (personId: string) => upcoming.find((c) => c.parents.some((p) => p.personId === personId))?.meeting;
    return {
      parents: mine.map((p) => {
        const next = nextOf(p.id);
        return {
          personId: p.id,
          displayName: p.displayName,
          phone: can(access, 'contact.read', { trustedPersonId: p.trustedPersonId }) ? p.phone : null,
          contactPreference: p.contactPreference,
          nextMeeting: next ? { id: next.id, title: next.title, startsAt: next.startsAt, bodyName: next.bodyName } : null,
        };
      }),
      toCall: upcoming.map(({ meeting: m, parents }) => ({
        meetingId: m.id,
        title: m.title,
        startsAt: m.startsAt,
        bodyName: m.bodyName,
        callOn: addDays(brusselsDate(new Date(m.startsAt)), -1),
        parents: parents.filter((p) => mineIds.has(p.personId)).map((p) => ({ personId: p.personId, displayName: p.displayName, phone: p.phone, contactPreference: p.contactPreference, response: p.response })),
      })),
      checkIns: past
        .map(({ meeting: m, parents }) => ({
          meetingId: m.id,
          title: m.title,
          startsAt: m.startsAt,
          bodyName: m.bodyName,
          parents: parents.filter((p) => mineIds.has(p.personId) && !p.checkedIn).map((p) => ({ personId: p.personId, displayName: p.displayName, attendance: p.attendance })),
        }))
        .filter((c) => c.parents.length > 0),
    };
  }

  return {
    async overview(principal: Principal, trajectoryId: string, now = new Date()): Promise<Overview> {
      const [trajectory, access] = await Promise.all([findTrajectory(db, principal.tenantId, trajectoryId), loadAccess(db, principal, trajectoryId)]);
      if (!trajectory) throw notFound(`trajectory ${trajectoryId}`);
      assertRead(access);
      const facts = await loadOverviewFacts(db, principal.tenantId, trajectoryId, now);
      const today = brusselsDate(now);

      const domainNames = new Map(facts.domains.map((d) => [d.id, d.name]));
      const ownerNames = new Map(facts.people.map((p) => [p.id, p.displayName]));
      const overdue = facts.actions.filter((a) => a.dueDate !== null && a.dueDate < today && isOpen(a.status));

      const byDomain = new Map(facts.domains.map((d) => [d.id, Object.fromEntries(actionStatuses.map((s) => [s, 0])) as Record<ActionStatus, number>]));
      for (const a of facts.actions) {
        const counts = byDomain.get(a.domainId);
        if (counts && a.status in counts) counts[a.status as ActionStatus] += 1;
      }

      const { warnings: allWarnings, counts } = computeWarnings(facts, { id: trajectory.id, periodStart: trajectory.periodStart }, now);
      const phases = await phasesFromFacts(db, principal.tenantId, trajectory, facts, counts, now);
      // A name next to "too many actions" is for the coordinator, who spreads the work; not for every reader.
      const workload = seesWorkload(access);
      const warnings = workload ? allWarnings : allWarnings.filter((w) => w.code !== 'owner_overloaded');
      const warningCounts = workload ? counts : Object.fromEntries(Object.entries(counts).filter(([code]) => code !== 'owner_overloaded'));

      const personas = personasOf(access);
      const sections = sectionsOf(personas).filter((section) => (section === 'college' ? Boolean(deps.reports) : section === 'myParents' ? Boolean(deps.meetings) : true));
      const has = (section: (typeof sections)[number]) => sections.includes(section);
      const overdueIn = (domainId: string) => overdue.filter((a) => a.domainId === domainId).length;
      const countsOf = (domainId: string) => byDomain.get(domainId) ?? (Object.fromEntries(actionStatuses.map((st) => [st, 0])) as Record<ActionStatus, number>);
      const totalOf = (c: Record<string, number>) => Object.values(c).reduce((x, y) => x + y, 0);
      const blocks: Partial<Overview> = {};
      if (has('college') && deps.reports) blocks.college = await college(principal, trajectoryId, deps.reports);
      if (has('myParents') && deps.meetings) blocks.myParents = await parentsOf(principal, access, deps.meetings, now);
      if (has('indicatorsOffTrack')) blocks.indicatorsOffTrack = indicatorsOffTrack(facts, trajectory, today);
      if (has('myActions')) blocks.myActions = ownActions(facts, access.personId, today);
      if (has('myDomains')) {
        const linked = facts.domains.filter((d) => access.workGroupDomains.has(d.id));
        blocks.myDomains = {
          scope: linked.length ? 'linked' : 'all',
          domains: (linked.length ? linked : facts.domains).map((d) => {
            const c = countsOf(d.id);
            return { domainId: d.id, name: d.name, approach: d.approach, state: d.state, total: totalOf(c), counts: c, overdue: overdueIn(d.id) };
          }),
        };
      }
      if (has('workGroups')) {
        blocks.workGroups = facts.bodies
          .filter((b) => b.kind === 'work_group' && b.domainId !== null && access.workGroupDomains.has(b.domainId))
          .map((b) => {
            const domainId = b.domainId!;
            const c = countsOf(domainId);
            const next = facts.nextMeetingByBody.get(b.id);
            return {
              bodyId: b.id,
              name: b.name,
              domainId,
              domainName: domainNames.get(domainId) ?? '',
              total: totalOf(c),
              counts: c,
              overdue: overdueIn(domainId),
              nextMeeting: next ? { id: next.id, title: next.title, startsAt: next.startsAt.toISOString() } : null,
            };
          });
      }
      return {
        trajectory: {
          id: trajectory.id,
          name: trajectory.name,
          municipality: trajectory.municipality,
          periodStart: trajectory.periodStart,
          periodEnd: trajectory.periodEnd,
        },
        today,
        phases: phases.map(({ phase, state, date, view }) => ({ phase, state, date, view })),
        nextMeetings: facts.upcoming.map((m) => ({
          id: m.id,
          title: m.title,
          startsAt: m.startsAt.toISOString(),
          endsAt: m.endsAt.toISOString(),
          location: m.location,
          online: m.online,
          dayPart: m.dayPart,
          state: m.state,
          body: { id: m.bodyId, name: m.bodyName, kind: m.bodyKind },
        })),
        overdueCount: overdue.length,
        overdueActions: overdue.slice(0, MAX_OVERDUE_LISTED).map((a) => ({
          id: a.id,
          title: a.title,
          status: a.status,
          dueDate: a.dueDate!,
          ownerId: a.ownerId,
          ownerName: a.ownerId ? (ownerNames.get(a.ownerId) ?? null) : null,
          domainId: a.domainId,
          domainName: domainNames.get(a.domainId) ?? '',
        })),
        statusByDomain: facts.domains.map((d) => {
          const c = byDomain.get(d.id)!;
          return { domainId: d.id, name: d.name, approach: d.approach, state: d.state, total: Object.values(c).reduce((x, y) => x + y, 0), counts: c };
        }),
        warnings,
        warningCounts,
        persona: personas[0]!,
        personas,
        sections,
        readOnly: readsOnly(access),
        ...blocks,
      };
    },
  };
}
