import { createAfterCommitEvents, type AfterCommitEvents } from '../shared/after-commit-events';
import type { z } from 'zod';
import { assertCan, assertRead, can, loadAccess, type TrajectoryAccess } from '../auth/access';
import type { Principal } from '../auth/principal';
import { actorOf, auditCreate, auditDelete, auditUpdate } from '../audit/audit';
import { actionInput, type ActionService } from '../actions/action-service';
import type { Db } from '../db/database';
import { conflict, forbidden, invalid, notFound, type FieldProblem } from '../shared/errors';
import * as repo from './meeting-repository';
import type {
  AgendaItemInput,
  AgendaItemOutput,
  AgendaItemPatch,
  MeetingActionInput,
  MeetingDetail,
  MeetingInput,
  MeetingOutput,
  MeetingPatch,
  MeetingState,
  meetingCan,
  parentsToCall,
} from './meeting-schemas';

/**
 * What happened to a meeting, for the side effects that follow a committed change: invitations
 * (Graph or .ics), the bot's posts in the body's channel, the chair's approval card and the
 * distribution of approved minutes. They run after the transaction, so a failed post never
 * undoes a saved meeting; each listener makes its own work retryable.
 */
export type MeetingEvent =
  | {
      type: 'scheduled' | 'changed' | 'cancelled' | 'agenda_proposed' | 'agenda_fixed' | 'held' | 'minutes_submitted' | 'minutes_sent_back' | 'minutes_approved';
      tenantId: string;
      meetingId: string;
      actorUserId: string | null;
      /** The signed-in user's SSO token, so the calendar is changed with their delegated rights. */
      userAssertion?: string | undefined;
    };

/** Who asks, beyond the principal: their SSO token for Graph's on-behalf-of flow. */
export interface CallerContext {
  userAssertion?: string | undefined;
}

export type MeetingListener = (event: MeetingEvent) => Promise<void>;

/** Where the composition root hangs the side effects (invitations, the bot's posts, delivery). */
export type MeetingEvents = AfterCommitEvents<MeetingEvent>;

export function createMeetingEvents(log?: (error: unknown, event: MeetingEvent) => void): MeetingEvents {
  return createAfterCommitEvents<MeetingEvent>(log);
}

export interface MeetingServiceDeps {
  actions: ActionService;
  events?: MeetingEvents;
  now?: () => Date;
}

type MeetingCan = z.input<typeof meetingCan>;

/** The body's place, for the place-bound rights: a work group's meetings belong to its domain. */
const placeOf = (m: { bodyKind: string; bodyDomainId: string | null }) => ({ domainId: m.bodyKind === 'work_group' ? m.bodyDomainId : null });

const open: ReadonlySet<MeetingState> = new Set(['planned', 'agenda_sent']);

export function createMeetingService(db: Db, deps: MeetingServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const events = deps.events ?? createMeetingEvents();
  const emit = (event: MeetingEvent) => events.emit(event);

  async function meetingWithAccess(principal: Principal, id: string, forUpdate = false, trx: Db = db) {
    const meeting = await repo.findMeeting(trx, principal.tenantId, id, forUpdate);
    if (!meeting) throw notFound(`meeting ${id}`);
    const access = await loadAccess(trx, principal, meeting.trajectoryId);
    assertRead(access, `meeting ${id}`);
    return { meeting, access };
  }

  function started(m: repo.FoundMeeting): boolean {
    return m.startsAt.getTime() <= now().getTime();
  }

  function canOf(access: TrajectoryAccess, m: repo.FoundMeeting, attendee: { isAttendee: boolean; trustsParent: boolean }): MeetingCan {
    const place = placeOf(m);
    const manage = can(access, 'meeting.manage', place);
    const approve = can(access, 'minutes.approve', place);
    const state = m.state as MeetingState;
    const minutesOpen = (state === 'held' || (open.has(state) && started(m))) && !m.minutesSubmittedAt;
    const transitions: MeetingCan['transitions'] = [];
    if (manage && open.has(state)) transitions.push('cancel');
    if (manage && state === 'planned') transitions.push('fix_agenda');
    if (manage && open.has(state) && started(m)) transitions.push('mark_held');
    if (manage && state === 'held' && !m.minutesSubmittedAt) transitions.push('submit_minutes');
    if (approve && state === 'held' && m.minutesSubmittedAt) transitions.push('approve_minutes', 'send_back');
    return {
      manage,
      propose: state === 'planned' && can(access, 'agenda.propose'),
      approve,
      // Asking "are you coming?" makes sense only before the meeting starts.
      respond: attendee.isAttendee && open.has(state) && !started(m),
      callParents: attendee.trustsParent && open.has(state),
      transitions,
      editAgenda: manage && open.has(state),
      editMinutes: manage && minutesOpen,
    };
  }

  /** `trx`: inside a transaction that holds the meeting's lock, read on its connection (not a second one from the pool). */
  function flagsOf(access: TrajectoryAccess, attendees: readonly repo.AttendeeRow[]) {
    const me = access.personId;
    return { isAttendee: attendees.some((a) => a.personId === me), trustsParent: me !== null && attendees.some((a) => a.isParent && a.trustedPersonId === me) };
  }

  /** What the caller may do with the meeting, for the writes that only need to know that. */
  async function canFor(access: TrajectoryAccess, m: repo.FoundMeeting, trx: Db = db): Promise<MeetingCan> {
    return canOf(access, m, flagsOf(access, await repo.listAttendees(trx, access.principal.tenantId, m.id)));
  }

  function outputOf(
    access: TrajectoryAccess,
    m: repo.FoundMeeting,
    counts: { agendaCount: number; attendeeCount: number },
    flags: { isAttendee: boolean; trustsParent: boolean },
  ): MeetingOutput {
    const agendaCount = counts.agendaCount;
    return {
      id: m.id,
      trajectoryId: m.trajectoryId,
      bodyId: m.bodyId,
      bodyName: m.bodyName,
      bodyKind: m.bodyKind,
      title: m.title,
      startsAt: m.startsAt.toISOString(),
      endsAt: m.endsAt.toISOString(),
      location: m.location,
      online: m.online,
      onlineJoinUrl: m.onlineJoinUrl,
      dayPart: m.dayPart as MeetingOutput['dayPart'],
      state: m.state as MeetingState,
      organiserId: m.organiserId,
      agendaDaysBefore: m.agendaDaysBefore,
      directions: m.directions,
      childcare: m.childcare,
      compensation: m.compensation,
      agendaFixedAt: m.agendaFixedAt?.toISOString() ?? null,
      minutesNotes: m.minutesNotes,
      minutesSubmittedAt: m.minutesSubmittedAt?.toISOString() ?? null,
      minutesRemark: m.minutesRemark,
      minutesApprovedAt: m.minutesApprovedAt?.toISOString() ?? null,
      minutesApprovedBy: m.minutesApprovedBy,
      cancelledAt: m.cancelledAt?.toISOString() ?? null,
      cancelReason: m.cancelReason,
      channelBound: Boolean(m.bodyChannelId),
      agendaCount,
      attendeeCount: counts.attendeeCount,
      createdAt: m.createdAt.toISOString(),
      updatedAt: m.updatedAt.toISOString(),
      can: canOf(access, m, flags),
    };
  }

  async function detailOf(access: TrajectoryAccess, m: repo.FoundMeeting): Promise<MeetingDetail> {
    const tenantId = access.principal.tenantId;
    const [attendees, items, actions] = await Promise.all([repo.listAttendees(db, tenantId, m.id), repo.listAgendaItems(db, tenantId, m.id), repo.listActionsOfMeeting(db, tenantId, m.id)]);
    const base = outputOf(access, m, { agendaCount: items.length, attendeeCount: attendees.length }, flagsOf(access, attendees));
    const me = access.personId;
    const organiser = base.can.manage;
    return {
      ...base,
      attendees: attendees.map((a) => ({
        personId: a.personId,
        displayName: a.displayName,
        isParent: Boolean(a.isParent),
        hasAccount: a.entraObjectId !== null,
        trustedPersonName: a.isParent ? a.trustedPersonName : null,
        response: a.response as MeetingDetail['attendees'][number]['response'],
        attendance: a.attendance as MeetingDetail['attendees'][number]['attendance'],
        checkedIn: a.isParent && (organiser || (me !== null && a.trustedPersonId === me)) ? a.checkedInAt !== null : null,
      })),
      agenda: items.map((i) => itemOutput(base.can, me, i)),
      actions: actions.map((a) => ({ ...a, status: a.status as MeetingDetail['actions'][number]['status'] })),
    };
  }

  function itemOutput(c: MeetingCan, me: string | null, i: repo.AgendaItemListRow): AgendaItemOutput {
    const own = me !== null && i.proposedBy === me && c.propose;
    return {
      id: i.id,
      meetingId: i.meetingId,
      position: i.position,
      title: i.title,
      kind: i.kind as AgendaItemOutput['kind'],
      presenterId: i.presenterId,
      presenterName: i.presenterName,
      durationMinutes: i.durationMinutes,
      domainId: i.domainId,
      domainName: i.domainName,
      operationalObjectiveId: i.operationalObjectiveId,
      actionId: i.actionId,
      proposedBy: i.proposedBy,
      proposedByName: i.proposedByName,
      notes: i.notes,
      decisions: i.decisions,
      can: { edit: c.editAgenda || own, delete: c.editAgenda || own, minutes: c.editMinutes },
    };
  }

  async function checkRefs(trx: Db, access: TrajectoryAccess, input: Partial<AgendaItemInput>): Promise<void> {
    const tenantId = access.principal.tenantId;
    const problems: FieldProblem[] = [];
    const found = await repo.findPlanRefs(trx, tenantId, access.trajectoryId, input);
    if (input.domainId && !found.domain) problems.push({ path: 'body.domainId', message: 'no such domain in this trajectory' });
    if (input.operationalObjectiveId && !found.objective) problems.push({ path: 'body.operationalObjectiveId', message: 'no such operational objective in this trajectory' });
    if (input.actionId && !found.action) problems.push({ path: 'body.actionId', message: 'no such action in this trajectory' });
    if (input.presenterId && !(await repo.personTakesPart(trx, tenantId, access.trajectoryId, input.presenterId))) {
      problems.push({ path: 'body.presenterId', message: 'no such person in this trajectory' });
    }
    if (problems.length) throw invalid(problems);
  }

  async function reread(access: TrajectoryAccess, id: string): Promise<MeetingDetail> {
    const m = await repo.findMeeting(db, access.principal.tenantId, id);
    if (!m) throw notFound(`meeting ${id}`);
    return detailOf(access, m);
  }

  /** A state change inside one locked read, so two organisers clicking at once cannot both pass. */
  async function transition(
    principal: Principal,
    id: string,
    check: (m: repo.FoundMeeting, access: TrajectoryAccess) => void,
    values: (m: repo.FoundMeeting, access: TrajectoryAccess) => Parameters<typeof repo.updateMeeting>[3],
    event: MeetingEvent['type'],
    caller: CallerContext = {},
  ): Promise<MeetingDetail> {
    const access = await db.transaction().execute(async (trx) => {
      const { meeting, access } = await meetingWithAccess(principal, id, true, trx);
      check(meeting, access);
      const after = await repo.updateMeeting(trx, principal.tenantId, id, values(meeting, access));
      await auditUpdate(trx, actorOf(access), meeting.trajectoryId, 'meeting', meeting, after);
      return access;
    });
    await emit({ type: event, tenantId: principal.tenantId, meetingId: id, actorUserId: principal.userId, userAssertion: caller.userAssertion });
    return reread(access, id);
  }

  const requireState = (m: repo.FoundMeeting, allowed: readonly MeetingState[], what: string) => {
    if (!allowed.includes(m.state as MeetingState)) throw conflict(`${what} is not possible while the meeting is ${m.state}`);
  };

  return {
    async list(principal: Principal, trajectoryId: string, filter: { bodyId?: string | undefined; from?: string | undefined; to?: string | undefined }): Promise<{ meetings: MeetingOutput[] }> {
      const access = await loadAccess(db, principal, trajectoryId);
      assertRead(access);
      const rows = await repo.listMeetings(db, principal.tenantId, trajectoryId, filter, access.personId);
      const meetings = rows.map((r) =>
        outputOf(access, r, { agendaCount: Number(r.agendaCount ?? 0), attendeeCount: Number(r.attendeeCount ?? 0) }, { isAttendee: Boolean(r.isAttendee), trustsParent: Boolean(r.trustsParent) }),
      );
      return { meetings };
    },

    async get(principal: Principal, id: string): Promise<MeetingDetail> {
      const { meeting, access } = await meetingWithAccess(principal, id);
      return detailOf(access, meeting);
    },

    async create(principal: Principal, trajectoryId: string, input: MeetingInput, caller: CallerContext = {}): Promise<MeetingDetail> {
      const access = await loadAccess(db, principal, trajectoryId);
      assertRead(access);
      const body = await repo.findBody(db, principal.tenantId, input.bodyId);
      if (!body || body.trajectoryId !== trajectoryId) throw invalid([{ path: 'body.bodyId', message: 'no such body in this trajectory' }]);
      assertCan(access, 'meeting.manage', placeOf({ bodyKind: body.kind, bodyDomainId: body.domainId }));
      const { bodyId, prefillAgenda, ...fields } = input;
      const id = await db.transaction().execute(async (trx) => {
        const row = await repo.insertMeeting(trx, {
          ...fields,
          tenantId: principal.tenantId,
          trajectoryId,
          bodyId,
          organiserId: access.personId,
          location: fields.location ?? '',
        });
        await repo.addBodyMembersAsAttendees(trx, principal.tenantId, row.id, bodyId);
        // Every work group reports at each steering-group meeting: one item per active domain.
        if (body.kind === 'steering_group' && prefillAgenda !== false) {
          const domains = await repo.domainProgress(trx, principal.tenantId, trajectoryId, new Date(0));
          for (const d of domains) {
            await repo.insertAgendaItem(trx, {
              tenantId: principal.tenantId,
              meetingId: row.id,
              trajectoryId,
              title: `Voortgang ${d.name}`,
              kind: 'information',
              presenterId: d.chairId,
              durationMinutes: 15,
              domainId: d.domainId,
            });
          }
        }
        await auditCreate(trx, actorOf(access), trajectoryId, 'meeting', row);
        return row.id;
      });
      await emit({ type: 'scheduled', tenantId: principal.tenantId, meetingId: id, actorUserId: principal.userId, userAssertion: caller.userAssertion });
      return reread(access, id);
    },

    async update(principal: Principal, id: string, patch: MeetingPatch, caller: CallerContext = {}): Promise<MeetingDetail> {
      const access = await db.transaction().execute(async (trx) => {
        const { meeting, access } = await meetingWithAccess(principal, id, true, trx);
        assertCan(access, 'meeting.manage', placeOf(meeting));
        requireState(meeting, ['planned', 'agenda_sent'], 'Changing the meeting');
        const startsAt = patch.startsAt ?? meeting.startsAt.toISOString();
        const endsAt = patch.endsAt ?? meeting.endsAt.toISOString();
        if (Date.parse(endsAt) <= Date.parse(startsAt)) throw invalid([{ path: 'body.endsAt', message: 'must be after startsAt' }]);
        // The schema checks the pair only when both are given; one moved alone is checked against the other here.
        if (Date.parse(endsAt) - Date.parse(startsAt) > 24 * 3600_000) throw invalid([{ path: 'body.endsAt', message: 'a meeting lasts at most 24 hours' }]);
        const after = await repo.updateMeeting(trx, principal.tenantId, id, { ...patch, icalSequence: meeting.icalSequence + 1 });
        await auditUpdate(trx, actorOf(access), meeting.trajectoryId, 'meeting', meeting, after);
        return access;
      });
      await emit({ type: 'changed', tenantId: principal.tenantId, meetingId: id, actorUserId: principal.userId, userAssertion: caller.userAssertion });
      return reread(access, id);
    },

    async remove(principal: Principal, id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const { meeting, access } = await meetingWithAccess(principal, id, true, trx);
        assertCan(access, 'meeting.manage', placeOf(meeting));
        // Held meetings are the record of what was decided: they are never deleted.
        requireState(meeting, ['planned', 'cancelled'], 'Deleting');
        await repo.deleteMeeting(trx, principal.tenantId, id);
        await auditDelete(trx, actorOf(access), meeting.trajectoryId, 'meeting', meeting);
      });
    },

    cancel(principal: Principal, id: string, reason: string | undefined, caller: CallerContext = {}): Promise<MeetingDetail> {
      return transition(
        principal,
        id,
        (m, access) => {
          assertCan(access, 'meeting.manage', placeOf(m));
          requireState(m, ['planned', 'agenda_sent'], 'Cancelling');
        },
        (m) => ({ state: 'cancelled', cancelledAt: now(), icalSequence: m.icalSequence + 1, cancelReason: reason ?? '' }),
        'cancelled',
        caller,
      );
    },

    fixAgenda(principal: Principal, id: string, caller: CallerContext = {}): Promise<MeetingDetail> {
      return transition(
        principal,
        id,
        (m, access) => {
          assertCan(access, 'meeting.manage', placeOf(m));
          requireState(m, ['planned'], 'Fixing the agenda');
        },
        (m) => ({ state: 'agenda_sent', agendaFixedAt: now(), icalSequence: m.icalSequence + 1 }),
        'agenda_fixed',
        caller,
      );
    },

    markHeld(principal: Principal, id: string): Promise<MeetingDetail> {
      return transition(
        principal,
        id,
        (m, access) => {
          assertCan(access, 'meeting.manage', placeOf(m));
          requireState(m, ['planned', 'agenda_sent'], 'Marking it held');
          if (!started(m)) throw conflict('The meeting has not started yet');
        },
        () => ({ state: 'held' }),
        'held',
      );
    },

    submitMinutes(principal: Principal, id: string): Promise<MeetingDetail> {
      return transition(
        principal,
        id,
        (m, access) => {
          assertCan(access, 'meeting.manage', placeOf(m));
          requireState(m, ['held'], 'Submitting the minutes');
          if (m.minutesSubmittedAt) throw conflict('The minutes are already waiting for approval');
        },
        () => ({ minutesSubmittedAt: now() }),
        'minutes_submitted',
      );
    },

    approveMinutes(principal: Principal, id: string): Promise<MeetingDetail> {
      return transition(
        principal,
        id,
        (m, access) => {
          assertCan(access, 'minutes.approve', placeOf(m));
          requireState(m, ['held'], 'Approving the minutes');
          if (!m.minutesSubmittedAt) throw conflict('The minutes have not been submitted for approval');
        },
        (_m, access) => ({ state: 'minutes_approved', minutesApprovedAt: now(), minutesApprovedBy: access.personId, minutesRemark: '' }),
        'minutes_approved',
      );
    },

    sendBackMinutes(principal: Principal, id: string, remark: string): Promise<MeetingDetail> {
      return transition(
        principal,
        id,
        (m, access) => {
          assertCan(access, 'minutes.approve', placeOf(m));
          requireState(m, ['held'], 'Sending the minutes back');
          if (!m.minutesSubmittedAt) throw conflict('The minutes have not been submitted for approval');
        },
        () => ({ minutesSubmittedAt: null, minutesRemark: remark }),
        'minutes_sent_back',
      );
    },

    /** Approved minutes went out to every recipient: the last step, taken by the delivery. */
    async markDistributed(tenantId: string, id: string): Promise<void> {
      await db.updateTable('meeting').set({ state: 'distributed', updatedAt: new Date() }).where('tenantId', '=', tenantId).where('id', '=', id).where('state', '=', 'minutes_approved').execute();
    },

    async updateMinutesNotes(principal: Principal, id: string, notes: string): Promise<MeetingDetail> {
      const access = await db.transaction().execute(async (trx) => {
        const { meeting, access } = await meetingWithAccess(principal, id, true, trx);
        if (!(await canFor(access, meeting, trx)).editMinutes) {
          assertCan(access, 'meeting.manage', placeOf(meeting));
          throw conflict('The minutes can be written once the meeting has started, until they are submitted');
        }
        const after = await repo.updateMeeting(trx, principal.tenantId, id, { minutesNotes: notes });
        await auditUpdate(trx, actorOf(access), meeting.trajectoryId, 'meeting', meeting, after);
        return access;
      });
      return reread(access, id);
    },

    async addItem(principal: Principal, meetingId: string, input: AgendaItemInput): Promise<AgendaItemOutput> {
      const { access, item, proposal } = await db.transaction().execute(async (trx) => {
        const { meeting, access } = await meetingWithAccess(principal, meetingId, true, trx);
        const c = (await canFor(access, meeting, trx));
        if (!c.editAgenda && !c.propose) {
          assertCan(access, 'agenda.propose');
          throw conflict(`The agenda is closed while the meeting is ${meeting.state}`);
        }
        await checkRefs(trx, access, input);
        const item = await repo.insertAgendaItem(trx, { ...input, tenantId: principal.tenantId, meetingId, trajectoryId: meeting.trajectoryId, proposedBy: access.personId });
        await auditCreate(trx, actorOf(access), meeting.trajectoryId, 'agenda_item', item);
        return { access, item, proposal: !c.editAgenda };
      });
      if (proposal) await emit({ type: 'agenda_proposed', tenantId: principal.tenantId, meetingId, actorUserId: principal.userId });
      return this.getItem(principal, item.id, access);
    },

    async getItem(principal: Principal, itemId: string, known?: TrajectoryAccess): Promise<AgendaItemOutput> {
      const item = await repo.findAgendaItem(db, principal.tenantId, itemId);
      if (!item) throw notFound(`agenda item ${itemId}`);
      const { meeting, access } = known ? { meeting: await repo.findMeeting(db, principal.tenantId, item.meetingId), access: known } : await meetingWithAccess(principal, item.meetingId);
      if (!meeting) throw notFound(`agenda item ${itemId}`);
      const c = (await canFor(access, meeting));
      const row = (await repo.listAgendaItems(db, principal.tenantId, meeting.id)).find((i) => i.id === itemId);
      if (!row) throw notFound(`agenda item ${itemId}`);
      return itemOutput(c, access.personId, row);
    },

    async updateItem(principal: Principal, itemId: string, patch: AgendaItemPatch): Promise<AgendaItemOutput> {
      const access = await db.transaction().execute(async (trx) => {
        const item = await repo.findAgendaItem(trx, principal.tenantId, itemId);
        if (!item) throw notFound(`agenda item ${itemId}`);
        const { meeting, access } = await meetingWithAccess(principal, item.meetingId, true, trx);
        const c = (await canFor(access, meeting, trx));
        const { notes, decisions, ...agendaFields } = patch;
        const wantsMinutes = notes !== undefined || decisions !== undefined;
        const wantsAgenda = Object.keys(agendaFields).length > 0;
        const own = access.personId !== null && item.proposedBy === access.personId && c.propose;
        if (wantsAgenda && !c.editAgenda && !own) {
          assertCan(access, 'meeting.manage', placeOf(meeting));
          throw conflict(`The agenda is closed while the meeting is ${meeting.state}`);
        }
        if (wantsMinutes && !c.editMinutes) {
          assertCan(access, 'meeting.manage', placeOf(meeting));
          throw conflict('The minutes can be written once the meeting has started, until they are submitted');
        }
        await checkRefs(trx, access, agendaFields);
        const after = await repo.updateAgendaItem(trx, principal.tenantId, itemId, patch);
        await auditUpdate(trx, actorOf(access), meeting.trajectoryId, 'agenda_item', item, after);
        return access;
      });
      return this.getItem(principal, itemId, access);
    },

    async removeItem(principal: Principal, itemId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const item = await repo.findAgendaItem(trx, principal.tenantId, itemId);
        if (!item) throw notFound(`agenda item ${itemId}`);
        const { meeting, access } = await meetingWithAccess(principal, item.meetingId, true, trx);
        const c = (await canFor(access, meeting, trx));
        const own = access.personId !== null && item.proposedBy === access.personId && c.propose;
        if (!c.editAgenda && !own) {
          assertCan(access, 'meeting.manage', placeOf(meeting));
          throw conflict(`The agenda is closed while the meeting is ${meeting.state}`);
        }
        await repo.deleteAgendaItem(trx, principal.tenantId, itemId);
        await auditDelete(trx, actorOf(access), meeting.trajectoryId, 'agenda_item', item);
      });
    },

    async reorder(principal: Principal, meetingId: string, itemIds: readonly string[]): Promise<MeetingDetail> {
      const access = await db.transaction().execute(async (trx) => {
        const { meeting, access } = await meetingWithAccess(principal, meetingId, true, trx);
        if (!(await canFor(access, meeting, trx)).editAgenda) {
          assertCan(access, 'meeting.manage', placeOf(meeting));
          throw conflict(`The agenda is closed while the meeting is ${meeting.state}`);
        }
        const current = await repo.listAgendaItems(trx, principal.tenantId, meetingId);
        const known = new Set(current.map((i) => i.id));
        if (itemIds.length !== current.length || itemIds.some((i) => !known.has(i))) {
          throw invalid([{ path: 'body.itemIds', message: "give every item of this meeting's agenda exactly once" }]);
        }
        await repo.reorderAgendaItems(trx, principal.tenantId, meetingId, itemIds);
        await auditUpdate(trx, actorOf(access), meeting.trajectoryId, 'meeting', { id: meetingId, agendaOrder: current.map((i) => i.id) }, { agendaOrder: [...itemIds] });
        return access;
      });
      return reread(access, meetingId);
    },

    async addAttendee(principal: Principal, meetingId: string, personId: string): Promise<MeetingDetail> {
      const access = await db.transaction().execute(async (trx) => {
        const { meeting, access } = await meetingWithAccess(principal, meetingId, true, trx);
        assertCan(access, 'meeting.manage', placeOf(meeting));
        requireState(meeting, ['planned', 'agenda_sent', 'held'], 'Adding an attendee');
        if (!(await repo.personTakesPart(trx, principal.tenantId, meeting.trajectoryId, personId))) throw invalid([{ path: 'body.personId', message: 'no such person in this trajectory' }]);
        await repo.addAttendee(trx, principal.tenantId, meetingId, personId);
        await auditUpdate(trx, actorOf(access), meeting.trajectoryId, 'meeting', { id: meetingId }, { attendeeAdded: personId });
        return access;
      });
      await emit({ type: 'changed', tenantId: principal.tenantId, meetingId, actorUserId: principal.userId });
      return reread(access, meetingId);
    },

    async removeAttendee(principal: Principal, meetingId: string, personId: string): Promise<MeetingDetail> {
      const access = await db.transaction().execute(async (trx) => {
        const { meeting, access } = await meetingWithAccess(principal, meetingId, true, trx);
        assertCan(access, 'meeting.manage', placeOf(meeting));
        requireState(meeting, ['planned', 'agenda_sent'], 'Removing an attendee');
        if (!(await repo.removeAttendee(trx, principal.tenantId, meetingId, personId))) throw notFound(`attendee ${personId}`);
        await auditUpdate(trx, actorOf(access), meeting.trajectoryId, 'meeting', { id: meetingId }, { attendeeRemoved: personId });
        return access;
      });
      await emit({ type: 'changed', tenantId: principal.tenantId, meetingId, actorUserId: principal.userId });
      return reread(access, meetingId);
    },

    /**
     * An attendee answers their own invitation; the organisers record attendance (and may
     * record a response on behalf of a parent without an account).
     */
    async updateAttendee(principal: Principal, meetingId: string, personId: string, patch: { response?: string | undefined; attendance?: string | undefined }): Promise<MeetingDetail> {
      const access = await db.transaction().execute(async (trx) => {
        const { meeting, access } = await meetingWithAccess(principal, meetingId, true, trx);
        const c = (await canFor(access, meeting, trx));
        const self = access.personId === personId;
        if (patch.attendance !== undefined && !c.manage) assertCan(access, 'meeting.manage', placeOf(meeting));
        if (patch.attendance !== undefined && !c.editMinutes && meeting.state !== 'held') throw conflict('Attendance is recorded once the meeting has started');
        if (patch.response !== undefined && !self && !c.manage) throw forbidden('You may answer only your own invitation');
        if (patch.response !== undefined && !open.has(meeting.state as MeetingState)) throw conflict(`The invitation is no longer answered while the meeting is ${meeting.state}`);
        const values: { response?: string; attendance?: string } = {};
        if (patch.response !== undefined) values.response = patch.response;
        if (patch.attendance !== undefined) values.attendance = patch.attendance;
        if (!(await repo.updateAttendee(trx, principal.tenantId, meetingId, personId, values))) throw notFound(`attendee ${personId}`);
        await auditUpdate(trx, actorOf(access), meeting.trajectoryId, 'meeting', { id: meetingId, attendee: personId }, { attendee: personId, ...values });
        return access;
      });
      return reread(access, meetingId);
    },

    /** A new action decided in the meeting goes straight into the plan, with the plan's own rights and audit. */
    async addAction(principal: Principal, meetingId: string, input: MeetingActionInput): Promise<MeetingDetail> {
      const { meeting, access } = await meetingWithAccess(principal, meetingId);
      if (!(await canFor(access, meeting)).editMinutes) {
        assertCan(access, 'meeting.manage', placeOf(meeting));
        throw conflict('New actions are recorded in the minutes once the meeting has started, until they are submitted');
      }
      if (input.agendaItemId) {
        const item = await repo.findAgendaItem(db, principal.tenantId, input.agendaItemId);
        if (!item || item.meetingId !== meetingId) throw invalid([{ path: 'body.agendaItemId', message: 'no such item on this agenda' }]);
      }
      const objective = await repo.findPlanRefs(db, principal.tenantId, meeting.trajectoryId, { operationalObjectiveId: input.operationalObjectiveId });
      if (!objective.objective) throw invalid([{ path: 'body.operationalObjectiveId', message: 'no such operational objective in this trajectory' }]);
      const created = await deps.actions.create(principal, input.operationalObjectiveId, actionInput.parse({ title: input.title, ownerId: input.ownerId ?? null, dueDate: input.dueDate ?? null }));
      await repo.setActionMeeting(db, principal.tenantId, created.id, meetingId, input.agendaItemId ?? null);
      return reread(access, meetingId);
    },

    /** The trusted person's list for the day before: their own parents invited, with a phone number only they (and the coordinator) see. */
    async parentsToCall(principal: Principal, meetingId: string): Promise<z.input<typeof parentsToCall>> {
      const { meeting, access } = await meetingWithAccess(principal, meetingId);
      const attendees = await repo.listAttendees(db, principal.tenantId, meeting.id);
      const parents = attendees.filter((a) => a.isParent && can(access, 'contact.read', { trustedPersonId: a.trustedPersonId }));
      if (parents.length === 0 && !can(access, 'contact.read')) {
        throw forbidden("Only a parent's trusted person and the coordinator see whom to call");
      }
      return {
        meetingId,
        parents: parents.map((p) => ({
          personId: p.personId,
          displayName: p.displayName,
          phone: p.phone,
          contactPreference: p.contactPreference,
          response: p.response as 'none',
          attendance: p.attendance as 'unknown',
          checkedIn: p.checkedInAt !== null,
          checkInNote: p.checkInNote,
        })),
      };
    },

    /** After the meeting the trusted person records that they checked in with their parent. */
    async checkIn(principal: Principal, meetingId: string, personId: string, note: string | undefined): Promise<z.input<typeof parentsToCall>> {
      await db.transaction().execute(async (trx) => {
        const { meeting, access } = await meetingWithAccess(principal, meetingId, true, trx);
        const attendee = (await repo.listAttendees(trx, principal.tenantId, meetingId)).find((a) => a.personId === personId && a.isParent);
        if (!attendee) throw notFound(`parent ${personId} in meeting ${meetingId}`);
        if (!can(access, 'contact.read', { trustedPersonId: attendee.trustedPersonId })) throw forbidden("Only the parent's trusted person and the coordinator record a check-in");
        if (meeting.state === 'cancelled') throw conflict('The meeting was cancelled: there is nothing to check in about');
        if (!started(meeting)) throw conflict('A check-in is recorded after the meeting');
        await repo.updateAttendee(trx, principal.tenantId, meetingId, personId, { checkedInBy: access.personId, checkedInAt: now(), checkInNote: note ?? '' });
        // The note can say something about a parent: the audit keeps only that a check-in happened.
        await auditUpdate(trx, actorOf(access), meeting.trajectoryId, 'meeting', { id: meetingId, checkedIn: null }, { checkedIn: personId });
      });
      return this.parentsToCall(principal, meetingId);
    },

    /**
     * The minutes as documents: everyone who reads the trajectory once approved (aldermen get
     * them anyway); before that only the organisers and the chair, and then marked as a draft.
     */
    async assertMayReadMinutes(principal: Principal, id: string): Promise<repo.FoundMeeting> {
      const { meeting, access } = await meetingWithAccess(principal, id);
      const approved = meeting.state === 'minutes_approved' || meeting.state === 'distributed';
      if (approved) return meeting;
      const place = placeOf(meeting);
      if (can(access, 'meeting.manage', place) || can(access, 'minutes.approve', place)) return meeting;
      throw forbidden('The minutes are shared once the chair has approved them');
    },

    /** The organisers' own reads and Graph syncs of a meeting (delivery log, responses, attendance). */
    async assertMayManage(principal: Principal, id: string): Promise<repo.FoundMeeting> {
      const { meeting, access } = await meetingWithAccess(principal, id);
      assertCan(access, 'meeting.manage', placeOf(meeting));
      return meeting;
    },

    /** A body of the trajectory the caller may organise meetings for, for free-time suggestions. */
    async assertMayOrganise(principal: Principal, trajectoryId: string, bodyId: string) {
      const access = await loadAccess(db, principal, trajectoryId);
      assertRead(access);
      const body = await repo.findBody(db, principal.tenantId, bodyId);
      if (!body || body.trajectoryId !== trajectoryId) throw invalid([{ path: 'body.bodyId', message: 'no such body in this trajectory' }]);
      assertCan(access, 'meeting.manage', placeOf({ bodyKind: body.kind, bodyDomainId: body.domainId }));
      return { body, personId: access.personId };
    },

    /** Progress per active domain since the last steering-group meeting, for the agenda card. */
    async steeringProgress(tenantId: string, trajectoryId: string, since: Date) {
      return repo.domainProgress(db, tenantId, trajectoryId, since);
    },
  };
}

export type MeetingService = ReturnType<typeof createMeetingService>;
