import { z } from 'zod';
import type { ApiContext } from '../http/api-context';
import { conflict, notFound } from '../shared/errors';
import { idParam } from '../shared/resource-routes';
import { timestamp, uuid } from '../shared/schemas';
import { brusselsWallTime, type MeetingDelivery } from './meeting-delivery';
import { deliveryLog, meetingTimes } from './meeting-schemas';
import * as repo from './meeting-repository';
import { callerOf } from './meeting-routes';
import type { MeetingService } from './meeting-service';
import type { Db } from '../db/database';

const tag = 'Meetings';
const empty = z.object({}).strict();

const synced = z.object({ graph: z.boolean(), changed: z.number().int() });

const meetingTimesInput = z
  .object({
    bodyId: uuid,
    from: timestamp,
    to: timestamp,
    durationMinutes: z.int('must be a whole number').min(15, 'at least 15 minutes').max(480, 'at most 480 minutes'),
  })
  .strict()
  .refine((v) => Date.parse(v.to) > Date.parse(v.from), { message: 'must be after from', path: ['to'] })
  .refine((v) => Date.parse(v.to) - Date.parse(v.from) <= 62 * 86_400_000, { message: 'at most two months after from', path: ['to'] });

const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function registerMeetingDocumentRoutes(api: ApiContext, db: Db, meetings: MeetingService, delivery: MeetingDelivery): void {
  for (const format of ['docx', 'pdf'] as const) {
    api.route({
      method: 'GET',
      url: `/api/v1/meetings/:id/minutes.${format}`,
      summary: `The minutes as .${format} (a draft until the chair approves them)`,
      tag,
      params: idParam,
      problems: [403],
      handler: async ({ principal, params, reply }) => {
        await meetings.assertMayReadMinutes(principal, params.id);
        const files = await delivery.minutesFiles(principal.tenantId, params.id);
        if (!files) throw notFound(`meeting ${params.id}`);
        reply
          .type(format === 'docx' ? docx : 'application/pdf')
          .header('content-disposition', `attachment; filename="${files.base}.${format}"`)
          .header('cache-control', 'no-store');
        return format === 'docx' ? files.docx : files.pdf;
      },
    });
  }
  api.route({
    method: 'GET',
    url: '/api/v1/meetings/:id/parents-invitation.pdf',
    summary: "A printable invitation for parents: when, how long, where and how to get there, how often, childcare, compensation",
    tag,
    params: idParam,
    handler: async ({ principal, params, reply }) => {
      await meetings.get(principal, params.id);
      const file = await delivery.parentsInvitation(principal.tenantId, params.id);
      if (!file) throw notFound(`meeting ${params.id}`);
      reply.type('application/pdf').header('content-disposition', `attachment; filename="${file.base}.pdf"`).header('cache-control', 'no-store');
      return file.pdf;
    },
  });
  api.route({
    method: 'GET',
    url: '/api/v1/meetings/:id/deliveries',
    summary: 'Who the approved minutes went to: one row per recipient, with its state',
    tag,
    params: idParam,
    response: deliveryLog,
    problems: [403],
    handler: async ({ principal, params }) => {
      await meetings.assertMayManage(principal, params.id);
      const rows = await delivery.listDeliveries(principal.tenantId, params.id);
      return {
        graph: delivery.graphConfigured,
        deliveries: rows.map((r) => ({ ...r, reason: r.reason as 'attendee', transport: r.transport as 'graph', state: r.state as 'sent', sentAt: r.sentAt?.toISOString() ?? null })),
      };
    },
  });
  api.route({
    method: 'POST',
    url: '/api/v1/meetings/:id/responses/sync',
    summary: "Read the invitation answers back from the organiser's Outlook calendar",
    tag,
    params: idParam,
    body: empty,
    response: synced,
    problems: [403, 409],
    handler: async ({ principal, params }) => {
      await meetings.assertMayManage(principal, params.id);
      if (!delivery.graphConfigured) throw conflict('Microsoft Graph is not configured: record the answers by hand');
      return { graph: true, changed: await delivery.syncResponses(principal.tenantId, params.id) };
    },
  });
  api.route({
    method: 'POST',
    url: '/api/v1/meetings/:id/attendance/prefill',
    summary: "After an online meeting: mark as present who joined, from Teams' attendance report",
    tag,
    params: idParam,
    body: empty,
    response: synced,
    problems: [403, 409],
    handler: async ({ principal, params, request }) => {
      await meetings.assertMayManage(principal, params.id);
      if (!delivery.graphConfigured) throw conflict('Microsoft Graph is not configured: record attendance by hand');
      return { graph: true, changed: await delivery.prefillAttendance(principal.tenantId, params.id, callerOf(request).userAssertion) };
    },
  });
  api.route({
    method: 'POST',
    url: '/api/v1/trajectories/:id/meeting-times',
    summary: "Times when the body's members are free (Graph), with how often its parents came by day and in the evening",
    tag,
    params: idParam,
    body: meetingTimesInput,
    response: meetingTimes,
    problems: [403],
    handler: async ({ principal, params, body, request }) => {
      const { body: group, personId } = await meetings.assertMayOrganise(principal, params.id, body.bodyId);
      const parentsCame = await repo.parentsDayPartAttendance(db, principal.tenantId, group.id);
      const assertion = callerOf(request).userAssertion;
      if (!delivery.graph || !assertion) return { graph: false, suggestions: [], parentsCame };
      const members = await repo.listBodyMembersWithAddress(db, principal.tenantId, group.id);
      // The caller's own calendar asks: findMeetingTimes runs with their delegated rights.
      const organiser = personId ? (await repo.findPersonBrief(db, principal.tenantId, personId))?.email : undefined;
      if (!organiser) return { graph: true, suggestions: [], parentsCame };
      const suggestions = await delivery.graph.freeTimes(assertion, organiser, {
        attendees: members.map((m) => ({ name: m.displayName, address: m.email! })),
        from: brusselsWallTime(new Date(body.from)),
        to: brusselsWallTime(new Date(body.to)),
        durationMinutes: body.durationMinutes,
      });
      return { graph: true, suggestions, parentsCame };
    },
  });
}
