/**
 * The Microsoft Graph permissions Kansrijk asks a tenant for, and why. aad.manifest.json requests
 * exactly these and docs/deploy.md shows this table; test/unit/graph-permissions.test.ts fails when
 * code calls Graph without a row here, or a row (and so a permission) has no code calling it.
 *
 * A feature that calls Graph adds one row per request, names the files that make it, and uses the
 * row's id at the call site. Delegated where a signed-in user acts; application only for work
 * that runs on a schedule without anyone signed in, and then limited to chosen mailboxes with
 * Exchange RBAC for Applications (docs/deploy.md).
 */

export type PermissionType = 'delegated' | 'application';

export interface GraphCall {
  /** Written at the call site, so the test can find the call. */
  id: string;
  /** The request, e.g. `POST /users/{organiser}/events`. */
  request: string;
  permission: string;
  type: PermissionType;
  /** The feature (and its issue) that needs it, as an admin reads it in docs/deploy.md. */
  feature: string;
  /** Files (from the repository root) that make the request. */
  callers: readonly string[];
  /** Application permissions only: runs without a signed-in user, e.g. a scheduled report. */
  scheduled?: true;
}

const CALENDAR = ['src/graph/graph-calendar.ts'];
const MAIL = ['src/graph/graph-mail-sender.ts'];
const TAB = 'meetings (issue 9), a coordinator in the tab';
const JOB = 'meetings (issue 9), scheduled job without a signed-in user';
const PEOPLE = ['src/people/people-directory.ts'];

/**
 * A call that exists with both kinds of rights has two rows: the client's credential picks the row
 * (src/graph/graph-client.ts `graphCall`), so an application client can never make a call that only
 * has a delegated row. Where the documented least permission is weaker than one the app already holds
 * for the same data (Calendars.ReadBasic/Read under Calendars.ReadWrite, Mail.ReadBasic under
 * Mail.ReadWrite), the row names the one already held: asking for both would grant nothing less.
 */
export const GRAPH_CALLS: readonly GraphCall[] = [
  { id: 'calendar.create-event', request: 'POST /users/{organiser}/events', permission: 'Calendars.ReadWrite', type: 'delegated', feature: `${TAB}: plan a meeting as an Outlook event with a Teams meeting`, callers: CALENDAR },
  { id: 'calendar.update-event', request: 'PATCH /users/{organiser}/events/{eventId}', permission: 'Calendars.ReadWrite', type: 'delegated', feature: `${TAB}: move the meeting or change its agenda`, callers: CALENDAR },
  { id: 'calendar.cancel-event', request: 'POST /users/{organiser}/events/{eventId}/cancel', permission: 'Calendars.ReadWrite', type: 'delegated', feature: `${TAB}: cancel the meeting, attendees get the cancellation`, callers: CALENDAR },
  { id: 'calendar.read-responses', request: 'GET /users/{organiser}/events/{eventId}', permission: 'Calendars.ReadWrite', type: 'delegated', feature: `${TAB}: read the invitation responses (least: Calendars.ReadBasic, covered by Calendars.ReadWrite)`, callers: CALENDAR },
  { id: 'calendar.find-meeting-times', request: 'POST /users/{organiser}/findMeetingTimes', permission: 'Calendars.ReadWrite', type: 'delegated', feature: `${TAB}: suggest times when the attendees are free (least: Calendars.Read, covered by Calendars.ReadWrite; no application permission exists)`, callers: CALENDAR },
  { id: 'meetings.find-online-meeting', request: 'GET /users/{organiser}/onlineMeetings', permission: 'OnlineMeetings.Read', type: 'delegated', feature: `${TAB}: find the Teams meeting behind the join link, to read its attendance`, callers: CALENDAR },
  { id: 'meetings.attendance-reports', request: 'GET /users/{organiser}/onlineMeetings/{meetingId}/attendanceReports', permission: 'OnlineMeetingArtifact.Read.All', type: 'delegated', feature: `${TAB}: pre-fill attendance from the Teams attendance report (organiser only)`, callers: CALENDAR },
  { id: 'meetings.attendance-records', request: 'GET /users/{organiser}/onlineMeetings/{meetingId}/attendanceReports/{reportId}/attendanceRecords', permission: 'OnlineMeetingArtifact.Read.All', type: 'delegated', feature: `${TAB}: who attended, and how long`, callers: CALENDAR },
  { id: 'people.search-users', request: 'GET /users', permission: 'User.ReadBasic.All', type: 'delegated', feature: 'people (issue 11), a coordinator in the tab: find a colleague in the directory to invite (name and e-mail only)', callers: PEOPLE },
  { id: 'people.read-user', request: 'GET /users/{userId}', permission: 'User.ReadBasic.All', type: 'delegated', feature: 'people (issue 11), a coordinator in the tab: read the invited colleague\'s name, e-mail and id from the directory', callers: PEOPLE },
  { id: 'calendar.create-event.app', request: 'POST /users/{organiser}/events', permission: 'Calendars.ReadWrite', type: 'application', feature: `${JOB}: an event planned from a bot card, created by the job`, callers: CALENDAR, scheduled: true },
  { id: 'calendar.update-event.app', request: 'PATCH /users/{organiser}/events/{eventId}', permission: 'Calendars.ReadWrite', type: 'application', feature: `${JOB}: the final agenda written into the event`, callers: CALENDAR, scheduled: true },
  { id: 'calendar.cancel-event.app', request: 'POST /users/{organiser}/events/{eventId}/cancel', permission: 'Calendars.ReadWrite', type: 'application', feature: `${JOB}: a cancellation queued from a bot card`, callers: CALENDAR, scheduled: true },
  { id: 'calendar.read-responses.app', request: 'GET /users/{organiser}/events/{eventId}', permission: 'Calendars.ReadWrite', type: 'application', feature: `${JOB}: invitation responses synchronised before the reminders`, callers: CALENDAR, scheduled: true },
  { id: 'mail.create-draft', request: 'POST /users/{mailbox}/messages', permission: 'Mail.ReadWrite', type: 'application', feature: `${JOB}: minutes and reports as a draft first, so a restart resumes it instead of sending twice`, callers: MAIL, scheduled: true },
  { id: 'mail.read-draft', request: 'GET /users/{mailbox}/messages/{messageId}', permission: 'Mail.ReadWrite', type: 'application', feature: `${JOB}: after a restart, which attachments the draft already has`, callers: MAIL, scheduled: true },
  { id: 'mail.add-attachment', request: 'POST /users/{mailbox}/messages/{messageId}/attachments', permission: 'Mail.ReadWrite', type: 'application', feature: `${JOB}: attach the minutes (.docx, .pdf) under 3 MB`, callers: MAIL, scheduled: true },
  { id: 'mail.create-upload-session', request: 'POST /users/{mailbox}/messages/{messageId}/attachments/createUploadSession', permission: 'Mail.ReadWrite', type: 'application', feature: `${JOB}: attach files of 3 MB and more in chunks`, callers: MAIL, scheduled: true },
  { id: 'mail.send-draft', request: 'POST /users/{mailbox}/messages/{messageId}/send', permission: 'Mail.Send', type: 'application', feature: `${JOB}: send the draft (once: a sent draft no longer exists)`, callers: MAIL, scheduled: true },
];

export interface SignInScope {
  permission: string;
  why: string;
}

/**
 * OpenID Connect scopes of the Teams single sign-on. They reach no Graph data; the server reads
 * the signed-in user's id (oid) and name from the token Teams obtains for access_as_user.
 */
export const SIGN_IN_SCOPES: readonly SignInScope[] = [
  { permission: 'openid', why: 'sign-in itself: the user and tenant ids in the token' },
  { permission: 'profile', why: 'the name shown beside what someone changed (the `name` claim)' },
];

/** How aad.manifest.json writes a permission's type. */
export function manifestType(type: PermissionType): 'Scope' | 'Role' {
  return type === 'delegated' ? 'Scope' : 'Role';
}

/** The Markdown table between the graph-permissions markers in docs/deploy.md. */
export function permissionTableMarkdown(): string {
  const rows = [
    '| permission | type | feature | request (code) |',
    '|---|---|---|---|',
    ...SIGN_IN_SCOPES.map((s) => `| \`${s.permission}\` | delegated | single sign-on in the tabs: ${s.why} | none (a claim in the token) |`),
    ...GRAPH_CALLS.map((c) => `| \`${c.permission}\` | ${c.type} | ${c.feature} | \`${c.request}\` (${c.callers.map((f) => `\`${f}\``).join(', ')}) |`),
  ];
  return rows.join('\n');
}
