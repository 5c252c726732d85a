import type { GraphClient as Client } from '../graph/graph-client';
import type { Config } from '../config/config';
import type { Db } from '../db/database';
import { attendanceReport, cancelEvent, createEvent, findMeetingTimes, readResponses, updateEvent } from '../graph/graph-calendar';
import { createGraphClient } from '../graph/graph-client';
import { appTokenProvider, onBehalfOfTokenProvider } from '../graph/graph-credentials';
import { createGraphMailSender } from '../graph/graph-mail-sender';
import type { MailSender } from '../mail/mail-types';
import { createOutboxSender } from '../mail/outbox-sender';
import type { MeetingCalendar } from './meeting-delivery';

/**
 * How meetings leave the server, chosen once from the configuration: with Graph, the
 * organiser's Outlook calendar and the configured mailbox; without it (the embedded default),
 * .ics invitations and .eml mail in the local outbox.
 */
export interface MeetingTransports {
  mail: MailSender;
  /** The calendar with the app's rights (scheduled work), or undefined without Graph. */
  calendar: MeetingCalendar | undefined;
  /** The same with the signed-in user's delegated rights, from their Teams SSO token. */
  calendarAsUser?: ((userAssertion: string) => MeetingCalendar) | undefined;
  graph: GraphMeetingReads | undefined;
  fallbackOrganiser: string | undefined;
}

/** Graph reads about a meeting: invitation answers, free times, the Teams attendance report. */
export interface GraphMeetingReads {
  responses(organiser: string, eventId: string): ReturnType<typeof readResponses>;
  /** Delegated only (the organiser's own reports), from the signed-in organiser's token. */
  attendance(userAssertion: string, organiser: string, joinUrl: string): ReturnType<typeof attendanceReport>;
  /** Delegated only: Graph offers no application permission for findMeetingTimes. */
  freeTimes(userAssertion: string, organiser: string, input: Parameters<typeof findMeetingTimes>[2]): ReturnType<typeof findMeetingTimes>;
}

function calendarOf(client: Client): MeetingCalendar {
  return {
    create: (organiser, input) => createEvent(client, organiser, input),
    update: (organiser, eventId, { transactionId: _unused, ...changes }) => updateEvent(client, organiser, eventId, changes),
    cancel: (organiser, eventId, comment) => cancelEvent(client, organiser, eventId, comment),
  };
}

export function meetingTransports(config: Config, db: Db, options: { fetch?: typeof fetch } = {}): MeetingTransports {
  const graph = config.graph;
  if (!graph) {
    return { mail: createOutboxSender(db, config.outboxDir), calendar: undefined, graph: undefined, fallbackOrganiser: undefined };
  }
  const clientWith = (tokenProvider: ReturnType<typeof appTokenProvider>) =>
    createGraphClient({ baseUrl: graph.baseUrl, tokenProvider, timeoutMs: graph.timeoutMs, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const app = clientWith(appTokenProvider(config));
  const asUser = (assertion: string) => clientWith(onBehalfOfTokenProvider(config, assertion));
  return {
    mail: createGraphMailSender(app, graph.mailSender),
    calendar: calendarOf(app),
    calendarAsUser: (assertion) => calendarOf(asUser(assertion)),
    graph: {
      responses: (organiser, eventId) => readResponses(app, organiser, eventId),
      attendance: (assertion, organiser, joinUrl) => attendanceReport(asUser(assertion), organiser, joinUrl),
      freeTimes: (assertion, organiser, input) => findMeetingTimes(asUser(assertion), organiser, input),
    },
    fallbackOrganiser: graph.mailSender,
  };
}
