import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  AttachmentItem,
  AttendanceRecord,
  Attendee,
  AttendeeBase,
  DateTimeTimeZone,
  EmailAddress,
  Event,
  FileAttachment,
  ItemBody,
  Location,
  MeetingAttendanceReport,
  MeetingTimeSuggestion,
  MeetingTimeSuggestionsResult,
  Message,
  OnlineMeeting,
  Recipient,
  ResponseType,
  User,
  TimeConstraint,
  TimeSlot,
  UploadSession,
} from '@microsoft/microsoft-graph-types';
import { z } from 'zod';

/*
 * A stand-in for Microsoft Graph and its Entra token endpoint, on loopback only. It checks what a
 * client sends the way Graph would — method, URL, Authorization, Content-Type, and the body's shape
 * against @microsoft/microsoft-graph-types (strict: a property Graph does not know is a 400) — keeps
 * events, drafts, sent mail and attendance reports, and enforces Graph's Outlook limit of 4
 * concurrent requests per mailbox with a 429, so a client that does not limit itself is caught.
 * Lives in bench/ so the compiled benchmark can use it; tests import test/support/graph-stand-in.ts.
 */

// ---------------------------------------------------------------------------------------------
// Request shapes. Each schema mirrors a Graph type; `Mirrors` makes tsc fail when a property the
// schema accepts is not (or no longer) in @microsoft/microsoft-graph-types, or has another type.
// ---------------------------------------------------------------------------------------------

type Mirrors<S, G> = [Exclude<keyof S, keyof G>] extends [never] ? ([S] extends [G] ? true : false) : false;

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const wallTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?$/, 'a local date and time without offset');
const dateTimeTimeZone = z.strictObject({ dateTime: wallTime, timeZone: z.string().refine(isTimeZone, 'an unknown time zone') });
const emailAddress = z.strictObject({ name: z.string().max(255).optional(), address: z.email() });
const attendeeBase = z.strictObject({ emailAddress, type: z.enum(['required', 'optional', 'resource']) });
const itemBody = z.strictObject({ contentType: z.enum(['text', 'html']), content: z.string() });
const location = z.strictObject({ displayName: z.string() });
const recipient = z.strictObject({ emailAddress });
const timeSlot = z.strictObject({ start: dateTimeTimeZone, end: dateTimeTimeZone });
const timeConstraint = z.strictObject({ activityDomain: z.enum(['work', 'personal', 'unrestricted', 'unknown']).optional(), timeSlots: z.array(timeSlot).min(1) });

const eventFields = {
  subject: z.string().min(1).max(255),
  body: itemBody,
  start: dateTimeTimeZone,
  end: dateTimeTimeZone,
  location: location.optional(),
  attendees: z.array(attendeeBase).max(500),
  isOnlineMeeting: z.boolean().optional(),
  onlineMeetingProvider: z.enum(['unknown', 'skypeForBusiness', 'skypeForConsumer', 'teamsForBusiness']).optional(),
  transactionId: z.string().min(1).max(255).optional(),
};
const eventCreate = z.strictObject(eventFields);
const eventPatch = z.strictObject(eventFields).partial();
const cancelBody = z.strictObject({ comment: z.string().max(4000).optional() });

/** findMeetingTimes' action parameters (no Graph type exists for an action's body; its parts are checked). */
const findMeetingTimesBody = z.strictObject({
  attendees: z.array(attendeeBase).optional(),
  timeConstraint: timeConstraint.optional(),
  meetingDuration: z.string().regex(/^PT(\d+H)?(\d+M)?$/, 'an ISO 8601 duration such as PT1H30M'),
  maxCandidates: z.int().min(1).max(100).optional(),
  isOrganizerOptional: z.boolean().optional(),
  returnSuggestionReasons: z.boolean().optional(),
  minimumAttendeePercentage: z.number().min(0).max(100).optional(),
});

const messageCreate = z.strictObject({
  subject: z.string().min(1).max(255),
  body: itemBody,
  toRecipients: z.array(recipient).min(1).max(500),
  ccRecipients: z.array(recipient).optional(),
  bccRecipients: z.array(recipient).optional(),
});
const fileAttachment = z.strictObject({
  '@odata.type': z.literal('#microsoft.graph.fileAttachment'),
  name: z.string().min(1).max(255),
  contentType: z.string().min(1),
  contentBytes: z.base64(),
  isInline: z.boolean().optional(),
});
const attachmentItem = z.strictObject({
  attachmentType: z.literal('file'),
  name: z.string().min(1).max(255),
  size: z.int().min(1).max(150 * 1024 * 1024),
  contentType: z.string().min(1).optional(),
  isInline: z.boolean().optional(),
  contentId: z.string().optional(),
});
const createUploadSessionBody = z.strictObject({ AttachmentItem: attachmentItem });

export const graphTypeMirrors = {
  dateTimeTimeZone: true satisfies Mirrors<z.infer<typeof dateTimeTimeZone>, DateTimeTimeZone>,
  emailAddress: true satisfies Mirrors<z.infer<typeof emailAddress>, EmailAddress>,
  attendeeBase: true satisfies Mirrors<z.infer<typeof attendeeBase>, AttendeeBase>,
  itemBody: true satisfies Mirrors<z.infer<typeof itemBody>, ItemBody>,
  location: true satisfies Mirrors<z.infer<typeof location>, Location>,
  recipient: true satisfies Mirrors<z.infer<typeof recipient>, Recipient>,
  timeSlot: true satisfies Mirrors<z.infer<typeof timeSlot>, TimeSlot>,
  timeConstraint: true satisfies Mirrors<z.infer<typeof timeConstraint>, TimeConstraint>,
  event: true satisfies Mirrors<z.infer<typeof eventCreate>, Event>,
  eventPatch: true satisfies Mirrors<z.infer<typeof eventPatch>, Event>,
  message: true satisfies Mirrors<z.infer<typeof messageCreate>, Message>,
  fileAttachment: true satisfies Mirrors<z.infer<typeof fileAttachment>, FileAttachment & { '@odata.type': string }>,
  attachmentItem: true satisfies Mirrors<z.infer<typeof attachmentItem>, AttachmentItem>,
} as const;

// ---------------------------------------------------------------------------------------------
// What the stand-in keeps and shows to tests.
// ---------------------------------------------------------------------------------------------

export interface RecordedGraphRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  /** Decoded path without the version, e.g. /users/a@b/events. */
  path: string;
  mailbox: string | undefined;
  headers: Record<string, string | undefined>;
  body: unknown;
  status: number;
  startedAt: number;
  endedAt: number;
}

export interface StoredEvent {
  id: string;
  mailbox: string;
  event: Event;
  cancelled: boolean;
  cancelComment: string | undefined;
  onlineMeetingId: string | undefined;
}

export interface StoredAttachment {
  name: string;
  contentType: string;
  bytes: Buffer;
  /** How it arrived. */
  via: 'inline' | 'uploadSession';
}

export interface StoredMessage {
  id: string;
  mailbox: string;
  message: Message;
  attachments: StoredAttachment[];
}

export interface SentMessage extends StoredMessage {
  draftId: string;
  at: number;
}

export interface IssuedToken {
  token: string;
  kind: 'application' | 'delegated';
  grantType: string;
  scope: string;
  clientId: string;
  /** The user's SSO token, for on-behalf-of. */
  assertion: string | undefined;
}

export interface AttendanceRow {
  address: string;
  name: string;
  totalAttendanceInSeconds: number;
}

interface Rule {
  pattern: RegExp;
  remaining: number;
  status: number;
  retryAfterSeconds: number | undefined;
  /** Answer only after doing the work: the client sees an error although Graph acted. */
  afterProcessing: boolean;
}

export interface GraphStandInOptions {
  /** Graph's Outlook limit per app per mailbox. */
  mailboxConcurrency?: number;
  /** Added to every Graph request, so concurrent requests overlap as they would against Graph. */
  latencyMs?: number;
  clientId?: string;
  /** Collections are paged at this size (@odata.nextLink). */
  pageSize?: number;
  /** Retry-After (seconds) on a 429 for the mailbox limit. */
  throttleRetryAfterSeconds?: number;
}

export interface GraphStandIn {
  /** e.g. http://127.0.0.1:53211/v1.0 — GRAPH_BASE_URL. */
  baseUrl: string;
  /** e.g. http://127.0.0.1:53211 — ENTRA_AUTHORITY. */
  authority: string;
  requests: RecordedGraphRequest[];
  tokens: IssuedToken[];
  events: Map<string, StoredEvent>;
  drafts: Map<string, StoredMessage>;
  sent: SentMessage[];
  /** Requests refused because the mailbox already had `mailboxConcurrency` in flight. */
  violations: { mailbox: string; at: number }[];
  /** The most requests one mailbox had in flight at once. */
  peakConcurrency(mailbox: string): number;
  /** A token the stand-in accepts, for a fake token provider. */
  issueToken(kind: 'application' | 'delegated'): string;
  /** Answer the next `count` requests whose `METHOD /path` matches with this status (and Retry-After). */
  failNext(pattern: RegExp, count: number, status: number, retryAfterSeconds?: number): void;
  /** Do the work of the next `count` matching requests, then answer with this status anyway (a lost answer). */
  failAfterProcessing(pattern: RegExp, count: number, status: number, retryAfterSeconds?: number): void;
  /** Hold matching requests this long before answering. */
  delay(pattern: RegExp, ms: number): void;
  setResponse(eventId: string, address: string, response: ResponseType): void;
  /** Another calendar's busy time, seen by findMeetingTimes (Brussels wall times). */
  setBusy(address: string, start: string, end: string): void;
  /** Attendance reports (one array of rows per session) for the Teams meeting behind a join URL. */
  preloadAttendance(organiser: string, joinUrl: string, sessions: AttendanceRow[][]): void;
  /** A user of the directory, found by GET /users?$search= and read by GET /users/{id}. */
  addDirectoryUser(user: { id: string; displayName: string; mail?: string | null; userPrincipalName?: string }): void;
  reset(): void;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Time: Graph answers in the zone of the Prefer header (outlook.timezone), otherwise in UTC.
// ---------------------------------------------------------------------------------------------

function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - instant;
}

function toInstant(value: DateTimeTimeZone): number {
  const guess = Date.parse(`${(value.dateTime ?? '').slice(0, 19)}Z`);
  const zone = value.timeZone ?? 'UTC';
  const first = guess - offsetMs(guess, zone);
  return guess - offsetMs(first, zone);
}

function inZone(instant: number, timeZone: string): DateTimeTimeZone {
  const local = new Date(instant + offsetMs(instant, timeZone)).toISOString().slice(0, 19);
  return { dateTime: `${local}.0000000`, timeZone };
}

function preferredZone(request: IncomingMessage): string {
  const match = /outlook\.timezone="([^"]+)"/.exec(String(request.headers.prefer ?? ''));
  return match?.[1] && isTimeZone(match[1]) ? match[1] : 'UTC';
}

function durationMs(iso: string): number {
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(iso);
  return ((Number(match?.[1] ?? 0) * 60 + Number(match?.[2] ?? 0)) * 60_000);
}

// ---------------------------------------------------------------------------------------------

class GraphHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const bad = (message: string) => new GraphHttpError(400, 'BadRequest', message);
const notFound = (what: string) => new GraphHttpError(404, 'ErrorItemNotFound', `The specified ${what} was not found in the store.`);

function graphError(status: number, code: string, message: string) {
  return { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID(), 'client-request-id': randomUUID() } } };
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw bad(`Invalid request body: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

function mailboxOfPath(path: string): string | undefined {
  const match = /^\/users\/([^/]+)/i.exec(path) ?? /Users\('([^']+)'\)/.exec(path);
  return match?.[1] ? match[1].toLowerCase() : undefined;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startGraphStandIn(options: GraphStandInOptions = {}): Promise<GraphStandIn> {
  const limit = options.mailboxConcurrency ?? 4;
  const pageSize = options.pageSize ?? 50;
  const throttleAfter = options.throttleRetryAfterSeconds ?? 1;

  const requests: RecordedGraphRequest[] = [];
  const tokens: IssuedToken[] = [];
  const accepted = new Map<string, IssuedToken['kind']>();
  const events = new Map<string, StoredEvent>();
  const drafts = new Map<string, StoredMessage>();
  const sent: SentMessage[] = [];
  const violations: { mailbox: string; at: number }[] = [];
  const inFlight = new Map<string, number>();
  const peak = new Map<string, number>();
  const rules: Rule[] = [];
  const delays: { pattern: RegExp; ms: number }[] = [];
  const onlineMeetings = new Map<string, { id: string; mailbox: string; joinWebUrl: string; reports: { id: string; rows: AttendanceRow[] }[] }>();
  const busy: { address: string; start: number; end: number }[] = [];
  const uploads = new Map<string, { mailbox: string; draftId: string; token: string; item: z.infer<typeof attachmentItem>; received: Buffer[]; next: number }>();
  const directory = new Map<string, User>();

  let origin = '';

  function mint(kind: IssuedToken['kind']): string {
    const token = `stand-in.${kind}.${randomUUID()}`;
    accepted.set(token, kind);
    return token;
  }

  function newOnlineMeeting(mailbox: string): { id: string; joinWebUrl: string } {
    const id = `MSo${randomUUID().replace(/-/g, '')}`;
    const joinWebUrl = `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${randomUUID().replace(/-/g, '')}%40thread.v2/0?context=%7b%22Tid%22%3a%22stand-in%22%7d`;
    onlineMeetings.set(id, { id, mailbox, joinWebUrl, reports: [] });
    return { id, joinWebUrl };
  }

  function eventView(stored: StoredEvent, zone: string): Event {
    const e = stored.event;
    return {
      ...e,
      id: stored.id,
      start: e.start ? inZone(toInstant(e.start), zone) : null,
      end: e.end ? inZone(toInstant(e.end), zone) : null,
      isCancelled: stored.cancelled,
    } satisfies Event;
  }

  function page<T>(items: T[], url: URL): { value: T[]; '@odata.nextLink'?: string } {
    const skip = Number(url.searchParams.get('$skip') ?? 0);
    const value = items.slice(skip, skip + pageSize);
    if (skip + pageSize >= items.length) return { value };
    const next = new URL(url.toString());
    next.searchParams.set('$skip', String(skip + pageSize));
    return { value, '@odata.nextLink': `${origin}${next.pathname}${next.search}` };
  }

  function findDraft(mailbox: string, id: string): StoredMessage {
    const draft = drafts.get(id);
    if (!draft || draft.mailbox !== mailbox) throw notFound('object');
    return draft;
  }

  function findEvent(mailbox: string, id: string): StoredEvent {
    const stored = events.get(id);
    if (!stored || stored.mailbox !== mailbox) throw notFound('object');
    return stored;
  }

  function suggestions(mailbox: string, body: z.infer<typeof findMeetingTimesBody>, zone: string): MeetingTimeSuggestionsResult {
    const slots = body.timeConstraint?.timeSlots ?? [];
    const length = durationMs(body.meetingDuration);
    if (length <= 0) throw bad('meetingDuration must be positive');
    const attendees = (body.attendees ?? []).map((a) => a.emailAddress.address.toLowerCase());
    const organiserBusy = [...events.values()]
      .filter((e) => e.mailbox === mailbox && !e.cancelled && e.event.start && e.event.end)
      .map((e) => ({ start: toInstant(e.event.start as DateTimeTimeZone), end: toInstant(e.event.end as DateTimeTimeZone) }));
    const found: MeetingTimeSuggestion[] = [];
    for (const slot of slots) {
      const end = toInstant(slot.end);
      for (let start = toInstant(slot.start); start + length <= end; start += 30 * 60_000) {
        const overlaps = (b: { start: number; end: number }) => b.start < start + length && start < b.end;
        if (organiserBusy.some(overlaps)) continue;
        const free = attendees.filter((a) => !busy.some((b) => b.address === a && overlaps(b))).length;
        const confidence = attendees.length === 0 ? 100 : Math.round((free / attendees.length) * 100);
        if (confidence < (body.minimumAttendeePercentage ?? 50)) continue;
        found.push({
          confidence,
          organizerAvailability: 'free',
          meetingTimeSlot: { start: inZone(start, zone), end: inZone(start + length, zone) },
          suggestionReason: confidence === 100 ? 'Suggested because it is one of the nearest times when all attendees are available.' : 'Suggested because most attendees are available.',
        });
      }
    }
    found.sort((a, b) => (b.confidence ?? 0) - (a.confidence ?? 0));
    const best = found.slice(0, body.maxCandidates ?? 5).map((s, i) => ({ ...s, order: i + 1 }));
    return { meetingTimeSuggestions: best, emptySuggestionsReason: best.length ? '' : 'attendeesUnavailable' } satisfies MeetingTimeSuggestionsResult;
  }

  /** Graph routes, from the version on. Answers [status, body, headers]. */
  async function graph(method: string, path: string, url: URL, request: IncomingMessage, raw: Buffer): Promise<[number, unknown, Record<string, string>?]> {
    const auth = String(request.headers.authorization ?? '');
    const token = /^Bearer (.+)$/.exec(auth)?.[1];
    if (!token || !accepted.has(token)) throw new GraphHttpError(401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.');
    let body: unknown;
    if (method === 'POST' || method === 'PATCH') {
      if (raw.length > 0) {
        if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) throw new GraphHttpError(415, 'UnsupportedMediaType', 'Content-Type must be application/json');
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          throw bad('Unable to read JSON request payload.');
        }
      }
    } else if (raw.length > 0) {
      throw bad(`${method} takes no body`);
    }
    const zone = preferredZone(request);
    const seg = (i: number, m: RegExpExecArray) => decodeURIComponent(m[i] ?? '');
    let m: RegExpExecArray | null;

    if (method === 'GET' && path === '/users') {
      // Graph: $search on directory objects needs ConsistencyLevel: eventual, and each clause is "property:text".
      const search = url.searchParams.get('$search');
      if (search !== null) {
        if (String(request.headers.consistencylevel ?? '').toLowerCase() !== 'eventual') throw bad('Request with $search query parameter only works through MSGraph with a special request header: \'ConsistencyLevel: eventual\'');
        if (!/^"[^"]*"(\s+(OR|AND)\s+"[^"]*")*$/.test(search)) throw bad(`Syntax error: invalid $search ${search}`);
        const parsed = [...search.matchAll(/"([^"]*)"/g)].map((c) => /^(displayName|mail|userPrincipalName|givenName|surname):(.*)$/.exec(c[1] ?? ''));
        if (parsed.some((p) => !p)) throw bad(`Syntax error: invalid $search ${search}`);
        const matches = (u: User) =>
          parsed.some((p) => {
            const value = String((u as Record<string, unknown>)[p![1]!] ?? '').toLowerCase();
            // Tokenised prefix match, as Graph does for displayName and mail.
            return p![2]!.toLowerCase().split(/\s+/).filter(Boolean).every((word) => value.split(/[\s.@_-]+/).some((token) => token.startsWith(word)) || value.startsWith(word));
          });
        const select = (url.searchParams.get('$select') ?? '').split(',').filter(Boolean);
        const view = (u: User) => (select.length ? Object.fromEntries(Object.entries(u).filter(([k]) => select.includes(k))) : u);
        const found = [...directory.values()].filter(matches);
        const top = Number(url.searchParams.get('$top') ?? 100);
        return [200, { '@odata.context': `${origin}/v1.0/$metadata#users`, ...(url.searchParams.get('$count') === 'true' ? { '@odata.count': found.length } : {}), value: found.slice(0, top).map(view) }];
      }
      return [200, page([...directory.values()], url)];
    }
    if (method === 'GET' && (m = /^\/users\/([^/]+)$/.exec(path))) {
      const key = seg(1, m).toLowerCase();
      const user = [...directory.values()].find((u) => u.id === key || u.userPrincipalName?.toLowerCase() === key);
      if (!user) throw new GraphHttpError(404, 'Request_ResourceNotFound', `Resource '${seg(1, m)}' does not exist or one of its queried reference-property objects are not present.`);
      const select = (url.searchParams.get('$select') ?? '').split(',').filter(Boolean);
      return [200, select.length ? Object.fromEntries(Object.entries(user).filter(([k]) => select.includes(k))) : user];
    }
    if (method === 'POST' && (m = /^\/users\/([^/]+)\/events$/.exec(path))) {
      const mailbox = seg(1, m).toLowerCase();
      const input = parse(eventCreate, body);
      if (toInstant(input.end) <= toInstant(input.start)) throw bad('The end of the event must be after its start.');
      if (input.transactionId) {
        const same = [...events.values()].find((e) => e.mailbox === mailbox && e.event.transactionId === input.transactionId);
        if (same) return [201, eventView(same, zone)];
      }
      const id = `AAMk${randomUUID().replace(/-/g, '')}`;
      const online = input.isOnlineMeeting ? newOnlineMeeting(mailbox) : undefined;
      const event: Event = {
        ...input,
        attendees: input.attendees.map((a) => ({ ...a, status: { response: 'none', time: '0001-01-01T00:00:00Z' } }) satisfies Attendee),
        onlineMeeting: online ? { joinUrl: online.joinWebUrl } : null,
        organizer: { emailAddress: { address: mailbox } },
        webLink: `https://outlook.office365.com/owa/?itemid=${id}`,
      };
      const stored: StoredEvent = { id, mailbox, event, cancelled: false, cancelComment: undefined, onlineMeetingId: online?.id };
      events.set(id, stored);
      return [201, eventView(stored, zone)];
    }
    if (method === 'PATCH' && (m = /^\/users\/([^/]+)\/events\/([^/]+)$/.exec(path))) {
      const stored = findEvent(seg(1, m).toLowerCase(), seg(2, m));
      const changes = parse(eventPatch, body);
      if (stored.cancelled) throw bad('The event was cancelled.');
      const next: Event = { ...stored.event, ...changes };
      if (changes.attendees) {
        const previous = new Map((stored.event.attendees ?? []).map((a) => [a.emailAddress?.address?.toLowerCase(), a.status]));
        next.attendees = changes.attendees.map((a) => ({ ...a, status: previous.get(a.emailAddress.address.toLowerCase()) ?? { response: 'none' } }));
      }
      if (next.start && next.end && toInstant(next.end) <= toInstant(next.start)) throw bad('The end of the event must be after its start.');
      if (changes.isOnlineMeeting && !stored.onlineMeetingId) {
        const online = newOnlineMeeting(stored.mailbox);
        stored.onlineMeetingId = online.id;
        next.onlineMeeting = { joinUrl: online.joinWebUrl };
      }
      stored.event = next;
      return [200, eventView(stored, zone)];
    }
    if (method === 'GET' && (m = /^\/users\/([^/]+)\/events\/([^/]+)$/.exec(path))) {
      const view = eventView(findEvent(seg(1, m).toLowerCase(), seg(2, m)), zone);
      const select = url.searchParams.get('$select');
      if (!select) return [200, view];
      const fields = select.split(',').map((f) => f.trim());
      return [200, Object.fromEntries(Object.entries(view).filter(([k]) => k === 'id' || fields.includes(k)))];
    }
    if (method === 'POST' && (m = /^\/users\/([^/]+)\/events\/([^/]+)\/cancel$/.exec(path))) {
      const stored = findEvent(seg(1, m).toLowerCase(), seg(2, m));
      const input = parse(cancelBody, body ?? {});
      stored.cancelled = true;
      stored.cancelComment = input.comment;
      return [202, undefined];
    }
    if (method === 'POST' && (m = /^\/users\/([^/]+)\/findMeetingTimes$/.exec(path))) {
      return [200, suggestions(seg(1, m).toLowerCase(), parse(findMeetingTimesBody, body), zone)];
    }
    if (method === 'GET' && (m = /^\/users\/([^/]+)\/onlineMeetings$/.exec(path))) {
      const mailbox = seg(1, m).toLowerCase();
      const filter = /^JoinWebUrl eq '((?:[^']|'')*)'$/.exec(url.searchParams.get('$filter') ?? '');
      if (!filter) throw bad("Filter expression expected - /onlineMeetings?$filter=JoinWebUrl eq 'joinUrl'.");
      const joinUrl = (filter[1] ?? '').replace(/''/g, "'");
      const found = [...onlineMeetings.values()].filter((o) => o.mailbox === mailbox && o.joinWebUrl === joinUrl);
      return [200, { value: found.map((o) => ({ id: o.id, joinWebUrl: o.joinWebUrl }) satisfies OnlineMeeting) }];
    }
    if (method === 'GET' && (m = /^\/users\/([^/]+)\/onlineMeetings\/([^/]+)\/attendanceReports$/.exec(path))) {
      const meeting = onlineMeetings.get(seg(2, m));
      if (!meeting || meeting.mailbox !== seg(1, m).toLowerCase()) throw notFound('online meeting');
      const reports = meeting.reports.map((r) => ({ id: r.id, totalParticipantCount: r.rows.length }) satisfies MeetingAttendanceReport);
      return [200, page(reports, url)];
    }
    if (method === 'GET' && (m = /^\/users\/([^/]+)\/onlineMeetings\/([^/]+)\/attendanceReports\/([^/]+)\/attendanceRecords$/.exec(path))) {
      const meeting = onlineMeetings.get(seg(2, m));
      const report = meeting?.reports.find((r) => r.id === seg(3, m as RegExpExecArray));
      if (!meeting || meeting.mailbox !== seg(1, m).toLowerCase() || !report) throw notFound('attendance report');
      const records = report.rows.map(
        (r, i) =>
          ({
            id: `${report.id}-${i}`,
            emailAddress: r.address || null,
            identity: { id: randomUUID(), displayName: r.name },
            role: i === 0 ? 'Organizer' : 'Attendee',
            totalAttendanceInSeconds: r.totalAttendanceInSeconds,
          }) satisfies AttendanceRecord,
      );
      return [200, page(records, url)];
    }
    if (method === 'POST' && (m = /^\/users\/([^/]+)\/messages$/.exec(path))) {
      const mailbox = seg(1, m).toLowerCase();
      const message = parse(messageCreate, body);
      const id = `AAMkMsg${randomUUID().replace(/-/g, '')}`;
      drafts.set(id, { id, mailbox, message, attachments: [] });
      return [201, { ...message, id, isDraft: true } satisfies Message];
    }
    if (method === 'GET' && (m = /^\/users\/([^/]+)\/messages\/([^/]+)$/.exec(path))) {
      const draft = findDraft(seg(1, m).toLowerCase(), seg(2, m));
      const view: Message = { id: draft.id, isDraft: true, subject: draft.message.subject ?? null };
      if ((url.searchParams.get('$expand') ?? '').startsWith('attachments')) {
        view.attachments = draft.attachments.map((a) => ({ name: a.name, size: a.bytes.length, contentType: a.contentType }));
      }
      return [200, view];
    }
    if (method === 'POST' && (m = /^\/users\/([^/]+)\/messages\/([^/]+)\/attachments$/.exec(path))) {
      const draft = findDraft(seg(1, m).toLowerCase(), seg(2, m));
      const input = parse(fileAttachment, body);
      const bytes = Buffer.from(input.contentBytes, 'base64');
      if (bytes.length >= 3 * 1024 * 1024) throw new GraphHttpError(413, 'ErrorRequestEntityTooLarge', 'An attachment of 3 MB or more needs an upload session.');
      draft.attachments.push({ name: input.name, contentType: input.contentType, bytes, via: 'inline' });
      return [201, { id: randomUUID(), name: input.name, contentType: input.contentType, size: bytes.length } satisfies FileAttachment];
    }
    if (method === 'POST' && (m = /^\/users\/([^/]+)\/messages\/([^/]+)\/attachments\/createUploadSession$/.exec(path))) {
      const mailbox = seg(1, m).toLowerCase();
      const draft = findDraft(mailbox, seg(2, m));
      const input = parse(createUploadSessionBody, body);
      const sessionId = randomUUID();
      const uploadToken = randomUUID();
      uploads.set(sessionId, { mailbox, draftId: draft.id, token: uploadToken, item: input.AttachmentItem, received: [], next: 0 });
      const uploadUrl = `${origin}/api/v2.0/Users('${encodeURIComponent(mailbox)}')/Messages('${draft.id}')/AttachmentSessions('${sessionId}')?authtoken=${uploadToken}`;
      return [201, { uploadUrl, expirationDateTime: new Date(Date.now() + 15 * 60_000).toISOString(), nextExpectedRanges: ['0-'] } satisfies UploadSession];
    }
    if (method === 'POST' && (m = /^\/users\/([^/]+)\/messages\/([^/]+)\/send$/.exec(path))) {
      const draft = findDraft(seg(1, m).toLowerCase(), seg(2, m));
      // Graph's send action takes no body (Content-Length: 0).
      if (raw.length > 0) throw bad('send takes no request body');
      drafts.delete(draft.id);
      // Graph moves the draft to Sent Items under a new id: the draft's id answers 404 from now on.
      sent.push({ ...draft, id: `AAMkSent${randomUUID().replace(/-/g, '')}`, draftId: draft.id, at: Date.now() });
      return [202, undefined];
    }
    throw bad(`Resource not found for the segment '${path.split('/').filter(Boolean).pop() ?? ''}'.`);
  }

  /** The Outlook upload URL: pre-authenticated by its token, and refusing an Authorization header. */
  function upload(m: RegExpExecArray, url: URL, request: IncomingMessage, raw: Buffer): [number, unknown, Record<string, string>?] {
    const session = uploads.get(decodeURIComponent(m[3] ?? ''));
    if (!session || url.searchParams.get('authtoken') !== session.token) throw notFound('upload session');
    if (request.headers.authorization) throw new GraphHttpError(401, 'InvalidAudience', 'The upload URL is pre-authenticated: send no Authorization header.');
    if (request.headers['content-type'] !== 'application/octet-stream') throw bad('Content-Type must be application/octet-stream');
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(request.headers['content-range'] ?? ''));
    if (!range) throw bad('Content-Range bytes {start}-{end}/{total} is required');
    const [start, end, total] = [Number(range[1]), Number(range[2]), Number(range[3])];
    if (total !== session.item.size) throw bad(`Content-Range total ${total} is not the session size ${session.item.size}`);
    if (start !== session.next) throw new GraphHttpError(416, 'InvalidRange', `expected the range starting at ${session.next}`);
    if (end - start + 1 !== raw.length || Number(request.headers['content-length']) !== raw.length) throw bad('Content-Range, Content-Length and the body disagree');
    if (raw.length > 4 * 1024 * 1024) throw new GraphHttpError(413, 'ErrorRequestEntityTooLarge', 'at most 4 MB per range');
    session.received.push(raw);
    session.next = end + 1;
    if (session.next < total) return [200, { expirationDateTime: new Date(Date.now() + 15 * 60_000).toISOString(), nextExpectedRanges: [`${session.next}-`] } satisfies UploadSession];
    uploads.delete(decodeURIComponent(m[3] ?? ''));
    const draft = drafts.get(session.draftId);
    if (!draft) throw notFound('message');
    const attachmentId = randomUUID();
    draft.attachments.push({ name: session.item.name, contentType: session.item.contentType ?? 'application/octet-stream', bytes: Buffer.concat(session.received), via: 'uploadSession' });
    return [201, undefined, { Location: `${origin}/api/v2.0/Users('${session.mailbox}')/Messages('${session.draftId}')/Attachments('${attachmentId}')` }];
  }

  function token(raw: Buffer): [number, unknown] {
    const form = new URLSearchParams(raw.toString('utf8'));
    const grantType = form.get('grant_type') ?? '';
    const clientId = form.get('client_id') ?? '';
    const scope = form.get('scope') ?? '';
    if (options.clientId && clientId !== options.clientId) return [400, { error: 'unauthorized_client', error_description: `unknown client ${clientId}` }];
    if (!form.get('client_secret') && !form.get('client_assertion')) return [401, { error: 'invalid_client', error_description: 'no client secret or assertion' }];
    if (!scope.split(' ').includes(`${origin}/.default`)) return [400, { error: 'invalid_scope', error_description: `expected ${origin}/.default, got ${scope}` }];
    let kind: IssuedToken['kind'];
    let assertion: string | undefined;
    if (grantType === 'client_credentials') kind = 'application';
    else if (grantType === 'urn:ietf:params:oauth:grant-type:jwt-bearer' && form.get('requested_token_use') === 'on_behalf_of' && form.get('assertion')) {
      kind = 'delegated';
      assertion = form.get('assertion') ?? undefined;
    } else return [400, { error: 'unsupported_grant_type', error_description: grantType }];
    const issued = mint(kind);
    tokens.push({ token: issued, kind, grantType, scope, clientId, assertion });
    return [200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: issued }];
  }

  function openIdConfiguration(tenant: string) {
    // MSAL is told the https form of the loopback authority (src/graph/graph-credentials.ts).
    const secure = origin.replace(/^http:/, 'https:');
    return {
      issuer: `${secure}/${tenant}/v2.0`,
      authorization_endpoint: `${secure}/${tenant}/oauth2/v2.0/authorize`,
      token_endpoint: `${secure}/${tenant}/oauth2/v2.0/token`,
      jwks_uri: `${secure}/${tenant}/discovery/v2.0/keys`,
      end_session_endpoint: `${secure}/${tenant}/oauth2/v2.0/logout`,
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      tenant_region_scope: 'EU',
    };
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const startedAt = Date.now();
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', origin);
    const raw = await readBody(request);
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
    let path = url.pathname;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      // Keep it raw.
    }
    const isGraph = url.pathname.startsWith('/v1.0/');
    const graphPath = isGraph ? url.pathname.slice('/v1.0'.length) : url.pathname;
    const uploadMatch = /^\/api\/v2\.0\/Users\('([^']+)'\)\/Messages\('([^']+)'\)\/AttachmentSessions\('([^']+)'\)$/.exec(url.pathname);
    const mailbox = isGraph || uploadMatch ? mailboxOfPath(decodeURIComponent(graphPath)) : undefined;
    const record: RecordedGraphRequest = {
      method,
      url: `${url.pathname}${url.search}`,
      path: isGraph ? decodeURIComponent(graphPath) : path,
      mailbox,
      headers,
      body: undefined,
      status: 0,
      startedAt,
      endedAt: 0,
    };
    if (raw.length > 0) {
      const type = String(request.headers['content-type'] ?? '');
      if (type.startsWith('application/json')) {
        try {
          record.body = JSON.parse(raw.toString('utf8'));
        } catch {
          record.body = raw.toString('utf8');
        }
      } else record.body = type.startsWith('application/x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(raw.toString('utf8'))) : { bytes: raw.length };
    }
    requests.push(record);

    const answer = (status: number, body: unknown, extra: Record<string, string> = {}) => {
      record.status = status;
      record.endedAt = Date.now();
      if (body === undefined) {
        response.writeHead(status, extra);
        response.end();
      } else {
        response.writeHead(status, { 'content-type': 'application/json', ...extra });
        response.end(JSON.stringify(body));
      }
    };

    // Entra: OpenID configuration and the token endpoint.
    const oidc = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(url.pathname);
    if (method === 'GET' && oidc) return answer(200, openIdConfiguration(oidc[1] ?? 'common'));
    if (method === 'POST' && /^\/[^/]+\/oauth2\/v2\.0\/token$/.test(url.pathname)) {
      const [status, body] = token(raw);
      return answer(status, body);
    }
    if (!isGraph && !uploadMatch) return answer(404, graphError(404, 'NotFound', `no such endpoint ${url.pathname}`));

    if (mailbox) {
      const current = inFlight.get(mailbox) ?? 0;
      if (current >= limit) {
        violations.push({ mailbox, at: Date.now() });
        return answer(429, graphError(429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.'), { 'Retry-After': String(throttleAfter) });
      }
      inFlight.set(mailbox, current + 1);
      peak.set(mailbox, Math.max(peak.get(mailbox) ?? 0, current + 1));
    }
    const release = () => {
      if (mailbox) inFlight.set(mailbox, (inFlight.get(mailbox) ?? 1) - 1);
    };
    try {
      const key = `${method} ${record.path}`;
      const wait = (options.latencyMs ?? 0) + delays.filter((d) => d.pattern.test(key)).reduce((sum, d) => sum + d.ms, 0);
      if (wait > 0) await sleep(wait);
      const rule = rules.find((r) => r.remaining > 0 && r.pattern.test(key));
      if (rule && !rule.afterProcessing) {
        rule.remaining--;
        release();
        const extra: Record<string, string> = rule.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(rule.retryAfterSeconds) };
        return answer(rule.status, graphError(rule.status, rule.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable', 'Injected by the stand-in.'), extra);
      }
      const [status, body, extra] = uploadMatch ? upload(uploadMatch, url, request, raw) : await graph(method, graphPath, url, request, raw);
      release();
      if (rule) {
        rule.remaining--;
        const lost: Record<string, string> = rule.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(rule.retryAfterSeconds) };
        return answer(rule.status, graphError(rule.status, 'ServiceUnavailable', 'Processed, but the answer was lost (injected by the stand-in).'), lost);
      }
      return answer(status, body, extra);
    } catch (error) {
      release();
      if (error instanceof GraphHttpError) return answer(error.status, graphError(error.status, error.code, error.message), error.headers);
      return answer(500, graphError(500, 'InternalServerError', error instanceof Error ? error.message : String(error)));
    }
  }

  const server: Server = createServer((request, response) => {
    void handle(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl: `${origin}/v1.0`,
    authority: origin,
    requests,
    tokens,
    events,
    drafts,
    sent,
    violations,
    peakConcurrency: (mailbox) => peak.get(mailbox.toLowerCase()) ?? 0,
    issueToken: mint,
    failNext(pattern, count, status, retryAfterSeconds) {
      rules.push({ pattern, remaining: count, status, retryAfterSeconds, afterProcessing: false });
    },
    failAfterProcessing(pattern, count, status, retryAfterSeconds) {
      rules.push({ pattern, remaining: count, status, retryAfterSeconds, afterProcessing: true });
    },
    delay(pattern, ms) {
      delays.push({ pattern, ms });
    },
    setResponse(eventId, address, response) {
      const stored = events.get(eventId);
      const attendee = stored?.event.attendees?.find((a) => a.emailAddress?.address?.toLowerCase() === address.toLowerCase());
      if (!attendee) throw new Error(`no attendee ${address} on event ${eventId}`);
      attendee.status = { response, time: new Date().toISOString() };
    },
    setBusy(address, start, end) {
      busy.push({ address: address.toLowerCase(), start: toInstant({ dateTime: start, timeZone: 'Europe/Brussels' }), end: toInstant({ dateTime: end, timeZone: 'Europe/Brussels' }) });
    },
    preloadAttendance(organiser, joinUrl, sessions) {
      const mailbox = organiser.toLowerCase();
      let meeting = [...onlineMeetings.values()].find((o) => o.joinWebUrl === joinUrl && o.mailbox === mailbox);
      if (!meeting) {
        const id = `MSo${randomUUID().replace(/-/g, '')}`;
        meeting = { id, mailbox, joinWebUrl: joinUrl, reports: [] };
        onlineMeetings.set(id, meeting);
      }
      meeting.reports.push(...sessions.map((rows) => ({ id: randomUUID(), rows })));
    },
    addDirectoryUser(user) {
      directory.set(user.id, { id: user.id, displayName: user.displayName, mail: user.mail ?? null, userPrincipalName: user.userPrincipalName ?? user.mail ?? `${user.id}@stand-in.example` } satisfies User);
    },
    reset() {
      requests.length = 0;
      tokens.length = 0;
      sent.length = 0;
      violations.length = 0;
      rules.length = 0;
      delays.length = 0;
      busy.length = 0;
      events.clear();
      drafts.clear();
      peak.clear();
      onlineMeetings.clear();
      uploads.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
