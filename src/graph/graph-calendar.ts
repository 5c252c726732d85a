import type {
  AttendanceRecord,
  Attendee,
  AttendeeBase,
  DateTimeTimeZone,
  Event,
  MeetingAttendanceReport,
  MeetingTimeSuggestionsResult,
  OnlineMeeting,
  ResponseType,
  TimeConstraint,
} from '@microsoft/microsoft-graph-types';
import type { Client } from '@microsoft/microsoft-graph-client';
import { TIME_ZONE } from '../shared/time';
import { graphCall, graphList, GraphRequestError } from './graph-client';

/*
 * Meetings as Outlook events with a Teams meeting, in the organiser's calendar. Graph's own types
 * stay inside this file: callers see the plain types below. Times are Brussels wall times
 * ('YYYY-MM-DDTHH:mm:ss'), sent with timeZone Europe/Brussels so Outlook keeps the meeting at the
 * same local hour across a DST change; answers are asked in the same zone (Prefer: outlook.timezone).
 */

export interface CalendarAttendee {
  name: string;
  address: string;
  /** Optional attendees (e.g. an alderman invited for information) do not block findMeetingTimes. */
  optional?: boolean;
}

export interface CalendarEventInput {
  subject: string;
  /** The agenda as HTML: the event body attendees read in Outlook. */
  agendaHtml: string;
  /** Brussels wall time, 'YYYY-MM-DDTHH:mm' or with seconds. */
  start: string;
  end: string;
  location?: string | null;
  online: boolean;
  /** Only attendees with an address: parents without one are reached through their trusted person. */
  attendees: readonly CalendarAttendee[];
  /** Stable per meeting: Graph then creates the event once even if a create is retried. */
  transactionId?: string;
}

export interface CalendarEvent {
  id: string;
  joinUrl: string | null;
}

export type InvitationResponse = 'none' | 'accepted' | 'tentative' | 'declined';

export interface AttendeeResponse {
  address: string;
  name: string;
  response: InvitationResponse;
}

export interface FindMeetingTimesInput {
  attendees: readonly CalendarAttendee[];
  /** Brussels wall times bounding the search. */
  from: string;
  to: string;
  durationMinutes: number;
  maxCandidates?: number;
}

export interface MeetingTimeSuggestion {
  /** Brussels wall times. */
  start: string;
  end: string;
  /** 0–100: Graph's estimate that all attendees can come. */
  confidence: number;
}

export interface AttendanceEntry {
  address: string;
  name: string;
  totalAttendanceInSeconds: number;
}

/** Which rights the caller's client holds picks the row: see GRAPH_CALLS. */
const CALLS = {
  create: { delegated: 'calendar.create-event', application: 'calendar.create-event.app' },
  update: { delegated: 'calendar.update-event', application: 'calendar.update-event.app' },
  cancel: { delegated: 'calendar.cancel-event', application: 'calendar.cancel-event.app' },
  responses: { delegated: 'calendar.read-responses', application: 'calendar.read-responses.app' },
  findTimes: { delegated: 'calendar.find-meeting-times' },
  onlineMeeting: { delegated: 'meetings.find-online-meeting' },
  reports: { delegated: 'meetings.attendance-reports' },
  records: { delegated: 'meetings.attendance-records' },
} as const;

const PREFER_BRUSSELS = { Prefer: `outlook.timezone="${TIME_ZONE}"` };

const user = (address: string) => `/users/${encodeURIComponent(address)}`;

function wallTime(value: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2})?/.exec(value);
  if (!match?.[1]) throw new Error(`not a wall time: ${value}`);
  return `${match[1]}${match[2] ?? ':00'}`;
}

const brussels = (value: string): DateTimeTimeZone => ({ dateTime: wallTime(value), timeZone: TIME_ZONE });

const wallFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Graph honours the Prefer header; should an answer still come in UTC, it is brought to Brussels time here. */
function toBrussels(value: DateTimeTimeZone | null | undefined): string {
  if (!value?.dateTime) throw new Error('Graph returned a time slot without a time');
  if (value.timeZone === TIME_ZONE) return wallTime(value.dateTime);
  if (value.timeZone && value.timeZone !== 'UTC' && value.timeZone !== 'Etc/UTC') throw new Error(`unexpected time zone ${value.timeZone}`);
  const instant = new Date(`${wallTime(value.dateTime)}Z`);
  return wallFormat.format(instant).replace(' ', 'T');
}

function attendee(a: CalendarAttendee): AttendeeBase {
  return { emailAddress: { name: a.name, address: a.address }, type: a.optional ? 'optional' : 'required' };
}

function eventBody(input: Partial<CalendarEventInput>): Event {
  const body: Event = {};
  if (input.subject !== undefined) body.subject = input.subject;
  if (input.agendaHtml !== undefined) body.body = { contentType: 'html', content: input.agendaHtml };
  if (input.start !== undefined) body.start = brussels(input.start);
  if (input.end !== undefined) body.end = brussels(input.end);
  if (input.location !== undefined) body.location = { displayName: input.location ?? '' };
  if (input.attendees !== undefined) body.attendees = input.attendees.filter((a) => a.address).map((a) => attendee(a) as Attendee);
  if (input.online === true) {
    body.isOnlineMeeting = true;
    body.onlineMeetingProvider = 'teamsForBusiness';
  } else if (input.online === false) {
    body.isOnlineMeeting = false;
  }
  return body;
}

function calendarEvent(event: Event | undefined): CalendarEvent {
  if (!event?.id) throw new GraphRequestError('calendar', 0, 'noEventId', 'Graph returned an event without id');
  return { id: event.id, joinUrl: event.onlineMeeting?.joinUrl ?? null };
}

export async function createEvent(client: Client, organiser: string, input: CalendarEventInput): Promise<CalendarEvent> {
  const body = eventBody(input);
  if (input.transactionId) body.transactionId = input.transactionId;
  const created = await graphCall<Event>(client, CALLS.create, { method: 'POST', path: `${user(organiser)}/events`, body, headers: PREFER_BRUSSELS });
  return calendarEvent(created);
}

/** Only the fields given change; Graph sends the attendees an update when time, place or attendees change. */
export async function updateEvent(client: Client, organiser: string, eventId: string, changes: Partial<Omit<CalendarEventInput, 'transactionId'>>): Promise<CalendarEvent> {
  const updated = await graphCall<Event>(client, CALLS.update, {
    method: 'PATCH',
    path: `${user(organiser)}/events/${encodeURIComponent(eventId)}`,
    body: eventBody(changes),
    headers: PREFER_BRUSSELS,
  });
  return calendarEvent(updated);
}

/** Cancels the event; the attendees get Outlook's cancellation with the comment. */
export async function cancelEvent(client: Client, organiser: string, eventId: string, comment: string): Promise<void> {
  await graphCall(client, CALLS.cancel, { method: 'POST', path: `${user(organiser)}/events/${encodeURIComponent(eventId)}/cancel`, body: { comment } });
}

const RESPONSES: Record<ResponseType, InvitationResponse> = {
  none: 'none',
  notResponded: 'none',
  organizer: 'accepted',
  accepted: 'accepted',
  tentativelyAccepted: 'tentative',
  declined: 'declined',
};

export async function readResponses(client: Client, organiser: string, eventId: string): Promise<AttendeeResponse[]> {
  const event = await graphCall<Event>(client, CALLS.responses, {
    method: 'GET',
    path: `${user(organiser)}/events/${encodeURIComponent(eventId)}`,
    query: { $select: 'attendees' },
  });
  return (event?.attendees ?? [])
    .filter((a) => a.emailAddress?.address)
    .map((a) => ({
      address: (a.emailAddress?.address ?? '').toLowerCase(),
      name: a.emailAddress?.name ?? '',
      response: RESPONSES[a.status?.response ?? 'none'] ?? 'none',
    }));
}

/** Times when the attendees are free, best first (delegated only: Graph has no application permission for it). */
export async function findMeetingTimes(client: Client, organiser: string, input: FindMeetingTimesInput): Promise<MeetingTimeSuggestion[]> {
  const timeConstraint: TimeConstraint = { activityDomain: 'unrestricted', timeSlots: [{ start: brussels(input.from), end: brussels(input.to) }] };
  const body = {
    attendees: input.attendees.filter((a) => a.address).map(attendee),
    timeConstraint,
    meetingDuration: `PT${Math.floor(input.durationMinutes / 60)}H${input.durationMinutes % 60}M`,
    maxCandidates: input.maxCandidates ?? 10,
    isOrganizerOptional: false,
    returnSuggestionReasons: true,
    minimumAttendeePercentage: 50,
  };
  const result = await graphCall<MeetingTimeSuggestionsResult>(client, CALLS.findTimes, {
    method: 'POST',
    path: `${user(organiser)}/findMeetingTimes`,
    body,
    headers: PREFER_BRUSSELS,
  });
  return (result?.meetingTimeSuggestions ?? [])
    .filter((s) => s.meetingTimeSlot?.start && s.meetingTimeSlot.end)
    .map((s) => ({ start: toBrussels(s.meetingTimeSlot?.start), end: toBrussels(s.meetingTimeSlot?.end), confidence: s.confidence ?? 0 }));
}

/** OData string literal: a quote is doubled. */
const odataString = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * Who attended the Teams meeting behind the join link, summed over every report (a meeting that
 * was left and rejoined, or a series, has one report per session). Empty when Teams made no report
 * (yet): reports exist only after the meeting ended, and only for the organiser.
 */
export async function attendanceReport(client: Client, organiser: string, joinUrl: string): Promise<AttendanceEntry[]> {
  const meetings = await graphList<OnlineMeeting>(client, CALLS.onlineMeeting, {
    method: 'GET',
    path: `${user(organiser)}/onlineMeetings`,
    query: { $filter: `JoinWebUrl eq ${odataString(joinUrl)}` },
  });
  const meeting = meetings[0];
  if (!meeting?.id) return [];
  const meetingPath = `${user(organiser)}/onlineMeetings/${encodeURIComponent(meeting.id)}`;
  const reports = await graphList<MeetingAttendanceReport>(client, CALLS.reports, { method: 'GET', path: `${meetingPath}/attendanceReports` });
  const totals = new Map<string, AttendanceEntry>();
  for (const report of reports) {
    if (!report.id) continue;
    const records = await graphList<AttendanceRecord>(client, CALLS.records, {
      method: 'GET',
      path: `${meetingPath}/attendanceReports/${encodeURIComponent(report.id)}/attendanceRecords`,
    });
    for (const record of records) {
      const address = (record.emailAddress ?? '').toLowerCase();
      const name = record.identity?.displayName ?? '';
      // Guests without an address are kept apart by name.
      const key = address || `name:${name}`;
      const entry = totals.get(key) ?? { address, name, totalAttendanceInSeconds: 0 };
      entry.totalAttendanceInSeconds += record.totalAttendanceInSeconds ?? 0;
      if (!entry.name) entry.name = name;
      totals.set(key, entry);
    }
  }
  return [...totals.values()];
}
