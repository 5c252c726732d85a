import { demoTenants } from '../../src/seed/demo-ids';
import { startGraphStandIn, type GraphStandIn } from '../support/graph-stand-in';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Meetings with Microsoft Graph configured, against the loopback stand-in that checks every
 * request's shape and enforces Graph's mailbox limit: the Outlook event with its Teams meeting,
 * invitation answers, Teams attendance, and the minutes mailed with their attachments.
 */
const MAILBOX = 'kansrijk@beekvliet.example';

interface Detail {
  id: string;
  state: string;
  onlineJoinUrl: string;
  agenda: { id: string }[];
  attendees: { personId: string; displayName: string; response: string; attendance: string }[];
}

let standIn: GraphStandIn;
let t: TestApp;
let trajectoryId: string;
let steeringId: string;
const tenantId = demoTenants.beekvliet.id;

beforeAll(async () => {
  standIn = await startGraphStandIn({ latencyMs: 2 });
  t = await createTestApp({
    config: {
      GRAPH_TENANT_ID: '9b9b9b9b-1111-4222-8333-444444444444',
      GRAPH_CLIENT_ID: '5c5c5c5c-1111-4222-8333-444444444444',
      GRAPH_CLIENT_SECRET: 'stand-in-secret',
      GRAPH_MAIL_SENDER: MAILBOX,
      GRAPH_BASE_URL: standIn.baseUrl,
      ENTRA_AUTHORITY: standIn.authority,
    },
  });
  trajectoryId = (await t.db.db.selectFrom('trajectory').select('id').where('tenantId', '=', tenantId).executeTakeFirstOrThrow()).id;
  steeringId = (await t.db.db.selectFrom('body').select('id').where('trajectoryId', '=', trajectoryId).where('kind', '=', 'steering_group').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await t.close();
  await standIn.close();
});
beforeEach(() => standIn.reset());

const at = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
const settle = () => t.services.meetingDelivery.idle();

async function addressedAttendees(meetingId: string) {
  return t.db.db
    .selectFrom('meetingAttendee as a')
    .innerJoin('person as p', (j) => j.onRef('p.tenantId', '=', 'a.tenantId').onRef('p.id', '=', 'a.personId'))
    .select(['p.id', 'p.email'])
    .where('a.meetingId', '=', meetingId)
    .where('p.email', 'is not', null)
    .execute();
}

test('scheduling creates the Outlook event with a Teams meeting and keeps its join link; a change patches it; cancelling cancels it', async () => {
  const created = await t.call('coordinator', 'POST', `/api/v1/trajectories/${trajectoryId}/meetings`, {
    bodyId: steeringId,
    title: 'Stuurgroep online',
    startsAt: '2027-03-27T19:00:00+01:00',
    endsAt: '2027-03-27T21:00:00+01:00',
    online: true,
  });
  const m = created.json<Detail>();
  await settle();
  expect(standIn.events.size).toBe(1);
  const [stored] = [...standIn.events.values()];
  expect(stored!.event.isOnlineMeeting).toBe(true);
  expect(stored!.event.start).toEqual({ dateTime: '2027-03-27T19:00:00', timeZone: 'Europe/Brussels' });
  const invited = (stored!.event.attendees ?? []).map((a) => a.emailAddress?.address).sort();
  expect(invited).toEqual((await addressedAttendees(m.id)).map((a) => a.email).sort());
  const reread = (await t.call('coordinator', 'GET', `/api/v1/meetings/${m.id}`)).json<Detail>();
  expect(reread.onlineJoinUrl).toBe(stored!.event.onlineMeeting?.joinUrl);

  // Across the DST change: the same wall time in Brussels, one hour less in UTC.
  await t.call('coordinator', 'PATCH', `/api/v1/meetings/${m.id}`, { startsAt: '2027-03-29T19:00:00+02:00', endsAt: '2027-03-29T21:00:00+02:00' });
  await settle();
  expect(standIn.events.size).toBe(1);
  expect(standIn.events.get(stored!.id)!.event.start).toEqual({ dateTime: '2027-03-29T19:00:00', timeZone: 'Europe/Brussels' });

  // Answers come back from Outlook.
  const someone = (await addressedAttendees(m.id))[0]!;
  standIn.setResponse(stored!.id, someone.email!, 'accepted');
  const synced = await t.call('coordinator', 'POST', `/api/v1/meetings/${m.id}/responses/sync`, {});
  expect(synced.json()).toEqual({ graph: true, changed: 1 });
  const after = (await t.call('coordinator', 'GET', `/api/v1/meetings/${m.id}`)).json<Detail>();
  expect(after.attendees.find((a) => a.personId === someone.id)?.response).toBe('accepted');

  await t.call('coordinator', 'POST', `/api/v1/meetings/${m.id}/cancel`, { reason: 'Verplaatst naar het voorjaar.' });
  await settle();
  expect(standIn.events.get(stored!.id)!.cancelled).toBe(true);
  expect(standIn.violations).toEqual([]);
});

test("after the online meeting, attendance is pre-filled from Teams' attendance report with the organiser's own rights", async () => {
  const created = await t.call('coordinator', 'POST', `/api/v1/trajectories/${trajectoryId}/meetings`, { bodyId: steeringId, title: 'Stuurgroep gehouden', startsAt: at(-3), endsAt: at(-1), online: true });
  const m = created.json<Detail>();
  await settle();
  const joinUrl = (await t.call('coordinator', 'GET', `/api/v1/meetings/${m.id}`)).json<Detail>().onlineJoinUrl;
  const [joined, absent] = await addressedAttendees(m.id);
  const organiser = (await t.db.db.selectFrom('person').select('email').where('id', '=', (await t.db.db.selectFrom('meeting').select('organiserId').where('id', '=', m.id).executeTakeFirstOrThrow()).organiserId!).executeTakeFirstOrThrow()).email!;
  standIn.preloadAttendance(organiser, joinUrl, [[{ address: joined!.email!, name: 'Aanwezige', totalAttendanceInSeconds: 3000 }]]);
  const changed = await t.services.meetingDelivery.prefillAttendance(tenantId, m.id, 'sso.token.of.the.coordinator');
  expect(changed).toBe(1);
  const after = (await t.call('coordinator', 'GET', `/api/v1/meetings/${m.id}`)).json<Detail>();
  expect(after.attendees.find((a) => a.personId === joined!.id)?.attendance).toBe('present');
  expect(after.attendees.find((a) => a.personId === absent!.id)?.attendance).toBe('unknown');
  expect(standIn.tokens.some((tk) => tk.kind === 'delegated' && tk.assertion === 'sso.token.of.the.coordinator')).toBe(true);
});

test('approved minutes go out through Graph with both attachments, once per recipient, through a 429 storm and a lost answer', async () => {
  const created = await t.call('coordinator', 'POST', `/api/v1/trajectories/${trajectoryId}/meetings`, { bodyId: steeringId, title: 'Stuurgroep met verslag', startsAt: at(-3), endsAt: at(-1) });
  const m = created.json<Detail>();
  await settle();
  await t.call('coordinator', 'POST', `/api/v1/meetings/${m.id}/held`, {});
  await t.call('coordinator', 'POST', `/api/v1/meetings/${m.id}/minutes/submit`, {});
  standIn.reset();
  // Throttled sends, and one send that Graph carried out but whose answer was lost.
  standIn.failNext(/^POST \/users\/[^/]+\/messages$/, 3, 429, 1);
  standIn.failAfterProcessing(/^POST \/users\/[^/]+\/messages\/[^/]+\/send$/, 1, 503, 1);
  expect((await t.call('chair', 'POST', `/api/v1/meetings/${m.id}/minutes/approve`, {})).statusCode).toBe(200);
  await settle();
  // Whatever the first run left, a later run finishes it.
  await t.services.meetingDelivery.resume();
  const rows = await t.db.db.selectFrom('minutesDelivery').select(['address', 'state']).where('meetingId', '=', m.id).execute();
  expect(rows.length).toBeGreaterThan(3);
  expect(rows.every((r) => r.state === 'sent')).toBe(true);
  // Only this meeting's minutes (the resume also finishes other meetings' deliveries).
  const mine = standIn.sent.filter((s) => s.message.subject === 'Verslag: Stuurgroep met verslag');
  const recipients = mine.flatMap((s) => (s.message.toRecipients ?? []).map((r) => r.emailAddress?.address?.toLowerCase()));
  expect(recipients.sort()).toEqual(rows.map((r) => r.address).sort());
  for (const s of mine) {
    expect(s.mailbox).toBe(MAILBOX);
    expect(s.attachments.map((a) => a.name).sort()).toEqual([expect.stringMatching(/\.docx$/), expect.stringMatching(/\.pdf$/)]);
  }
  expect(standIn.violations).toEqual([]);
  expect(standIn.peakConcurrency(MAILBOX)).toBeLessThanOrEqual(4);
  const state = await t.db.db.selectFrom('meeting').select('state').where('id', '=', m.id).executeTakeFirstOrThrow();
  expect(state.state).toBe('distributed');
});
