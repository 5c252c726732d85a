import { z } from 'zod';
import type { ApiContext } from '../http/api-context';
import { idParam } from '../shared/resource-routes';
import { uuid } from '../shared/schemas';
import {
  agendaItemInput,
  agendaItemOutput,
  agendaItemPatch,
  agendaOrder,
  attendeeInput,
  attendeePatch,
  cancelInput,
  checkInInput,
  meetingActionInput,
  meetingDetail,
  meetingInput,
  meetingList,
  meetingListQuery,
  meetingPatch,
  minutesPatch,
  parentsToCall,
  sendBackInput,
} from './meeting-schemas';
import type { FastifyRequest } from 'fastify';
import type { CallerContext, MeetingService } from './meeting-service';

/** The caller's bearer token, for Graph's on-behalf-of flow (used only when Graph and Entra sign-in are on). */
export function callerOf(request: FastifyRequest): CallerContext {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1] ? { userAssertion: match[1] } : {};
}

const tag = 'Meetings';
const empty = z.object({}).strict();
const personParam = z.object({ id: uuid, personId: uuid }).strict();

export function registerMeetingRoutes(api: ApiContext, meetings: MeetingService): void {
  api.route({
    method: 'GET',
    url: '/api/v1/trajectories/:id/meetings',
    summary: "The trajectory's meetings, with what the caller may do with each",
    tag,
    params: idParam,
    query: meetingListQuery,
    response: meetingList,
    handler: ({ principal, params, query }) => meetings.list(principal, params.id, query),
  });
  api.route({
    method: 'POST',
    url: '/api/v1/trajectories/:id/meetings',
    summary: "Schedule a body's meeting: its members are invited; a steering-group meeting gets one progress item per active domain",
    tag,
    params: idParam,
    body: meetingInput,
    response: meetingDetail,
    status: 201,
    problems: [403],
    handler: ({ principal, params, body, request }) => meetings.create(principal, params.id, body, callerOf(request)),
  });
  api.route({
    method: 'GET',
    url: '/api/v1/meetings/:id',
    summary: 'A meeting with its attendees, agenda, minutes and the actions it decided',
    tag,
    params: idParam,
    response: meetingDetail,
    handler: ({ principal, params }) => meetings.get(principal, params.id),
  });
  api.route({
    method: 'PATCH',
    url: '/api/v1/meetings/:id',
    summary: 'Change the title, time or place of a meeting that has not been held',
    tag,
    params: idParam,
    body: meetingPatch,
    response: meetingDetail,
    problems: [403, 409],
    handler: ({ principal, params, body, request }) => meetings.update(principal, params.id, body, callerOf(request)),
  });
  api.route({
    method: 'DELETE',
    url: '/api/v1/meetings/:id',
    summary: 'Delete a planned or cancelled meeting (held meetings stay on record)',
    tag,
    params: idParam,
    status: 204,
    problems: [403, 409],
    handler: async ({ principal, params }) => {
      await meetings.remove(principal, params.id);
      return undefined;
    },
  });
  const step = (url: string, summary: string, run: (service: MeetingService, principal: Parameters<MeetingService['get']>[0], id: string, caller: CallerContext) => ReturnType<MeetingService['get']>) =>
    api.route({
      method: 'POST',
      url,
      summary,
      tag,
      params: idParam,
      body: empty,
      response: meetingDetail,
      problems: [403, 409],
      handler: ({ principal, params, request }) => run(meetings, principal, params.id, callerOf(request)),
    });
  step('/api/v1/meetings/:id/fix-agenda', 'Fix the agenda: proposals close, the final agenda is posted and the invitation updated', (s, p, id, caller) => s.fixAgenda(p, id, caller));
  step('/api/v1/meetings/:id/held', 'Mark the meeting as held (once it has started)', (s, p, id) => s.markHeld(p, id));
  step('/api/v1/meetings/:id/minutes/submit', "Submit the minutes to the body's chair for approval", (s, p, id) => s.submitMinutes(p, id));
  step('/api/v1/meetings/:id/minutes/approve', 'Approve the minutes: they go to the channel, the attendees and every alderman', (s, p, id) => s.approveMinutes(p, id));
  api.route({
    method: 'POST',
    url: '/api/v1/meetings/:id/minutes/send-back',
    summary: 'Send the minutes back with a remark',
    tag,
    params: idParam,
    body: sendBackInput,
    response: meetingDetail,
    problems: [403, 409],
    handler: ({ principal, params, body }) => meetings.sendBackMinutes(principal, params.id, body.remark),
  });
  api.route({
    method: 'POST',
    url: '/api/v1/meetings/:id/cancel',
    summary: 'Cancel a meeting that has not been held: the invitation is withdrawn',
    tag,
    params: idParam,
    body: cancelInput,
    response: meetingDetail,
    problems: [403, 409],
    handler: ({ principal, params, body, request }) => meetings.cancel(principal, params.id, body.reason, callerOf(request)),
  });
  api.route({
    method: 'PATCH',
    url: '/api/v1/meetings/:id/minutes',
    summary: "The minutes' general notes",
    tag,
    params: idParam,
    body: minutesPatch,
    response: meetingDetail,
    problems: [403, 409],
    handler: ({ principal, params, body }) => meetings.updateMinutesNotes(principal, params.id, body.notes),
  });
  api.route({
    method: 'POST',
    url: '/api/v1/meetings/:id/agenda-items',
    summary: 'Add an item to the agenda (the organisers) or propose one (whoever takes part, while the agenda is open)',
    tag,
    params: idParam,
    body: agendaItemInput,
    response: agendaItemOutput,
    status: 201,
    problems: [403, 409],
    handler: ({ principal, params, body }) => meetings.addItem(principal, params.id, body),
  });
  api.route({
    method: 'PUT',
    url: '/api/v1/meetings/:id/agenda-order',
    summary: "The agenda's order: every item once",
    tag,
    params: idParam,
    body: agendaOrder,
    response: meetingDetail,
    problems: [403, 409],
    handler: ({ principal, params, body }) => meetings.reorder(principal, params.id, body.itemIds),
  });
  api.route({
    method: 'PATCH',
    url: '/api/v1/agenda-items/:id',
    summary: "Change an agenda item, or write its minutes (notes and decisions)",
    tag,
    params: idParam,
    body: agendaItemPatch,
    response: agendaItemOutput,
    problems: [403, 409],
    handler: ({ principal, params, body }) => meetings.updateItem(principal, params.id, body),
  });
  api.route({
    method: 'DELETE',
    url: '/api/v1/agenda-items/:id',
    summary: 'Remove an agenda item',
    tag,
    params: idParam,
    status: 204,
    problems: [403, 409],
    handler: async ({ principal, params }) => {
      await meetings.removeItem(principal, params.id);
      return undefined;
    },
  });
  api.route({
    method: 'POST',
    url: '/api/v1/meetings/:id/attendees',
    summary: 'Invite someone who takes part in the trajectory',
    tag,
    params: idParam,
    body: attendeeInput,
    response: meetingDetail,
    status: 201,
    problems: [403, 409],
    handler: ({ principal, params, body }) => meetings.addAttendee(principal, params.id, body.personId),
  });
  api.route({
    method: 'PATCH',
    url: '/api/v1/meetings/:id/attendees/:personId',
    summary: "Answer one's own invitation, or record attendance (the organisers)",
    tag,
    params: personParam,
    body: attendeePatch,
    response: meetingDetail,
    problems: [403, 409],
    handler: ({ principal, params, body }) => meetings.updateAttendee(principal, params.id, params.personId, body),
  });
  api.route({
    method: 'DELETE',
    url: '/api/v1/meetings/:id/attendees/:personId',
    summary: 'Withdraw an invitation',
    tag,
    params: personParam,
    response: meetingDetail,
    problems: [403, 409],
    handler: ({ principal, params }) => meetings.removeAttendee(principal, params.id, params.personId),
  });
  api.route({
    method: 'POST',
    url: '/api/v1/meetings/:id/actions',
    summary: 'A new action decided in the meeting: straight into the plan, with the plan’s rights and audit',
    tag,
    params: idParam,
    body: meetingActionInput,
    response: meetingDetail,
    status: 201,
    problems: [403, 409],
    handler: ({ principal, params, body }) => meetings.addAction(principal, params.id, body),
  });
  api.route({
    method: 'GET',
    url: '/api/v1/meetings/:id/parents-to-call',
    summary: "A trusted person's own parents invited to the meeting, with how to reach them",
    tag,
    params: idParam,
    response: parentsToCall,
    problems: [403],
    handler: ({ principal, params }) => meetings.parentsToCall(principal, params.id),
  });
  api.route({
    method: 'POST',
    url: '/api/v1/meetings/:id/check-ins/:personId',
    summary: 'After the meeting: the trusted person checked in with their parent',
    tag,
    params: personParam,
    body: checkInInput,
    response: parentsToCall,
    problems: [403, 409],
    handler: ({ principal, params, body }) => meetings.checkIn(principal, params.id, params.personId, body.note),
  });
}
