import { randomBytes } from 'node:crypto';
import type { Client } from '@microsoft/microsoft-graph-client';
import { loadConfig, type Config } from '../../src/config/config';
import { attendanceReport, cancelEvent, createEvent, findMeetingTimes, readResponses, updateEvent } from '../../src/graph/graph-calendar';
import { createGraphClient, graphCall, GraphPermissionError, GraphRequestError, GraphTimeoutError } from '../../src/graph/graph-client';
import { appTokenProvider, onBehalfOfTokenProvider } from '../../src/graph/graph-credentials';
import { createGraphMailSender, INLINE_ATTACHMENT_LIMIT, UPLOAD_CHUNK } from '../../src/graph/graph-mail-sender';
import type { MailContext, OutgoingMail } from '../../src/mail/mail-types';
import { startGraphStandIn, type GraphStandIn } from '../support/graph-stand-in';

/**
 * The Graph layer against the loopback stand-in, which checks every request's method, URL,
 * headers and body shape (types of @microsoft/microsoft-graph-types) and enforces Graph's
 * mailbox concurrency limit. Tokens come from the real credentials (MSAL) via the stand-in's
 * token endpoint.
 */
const ORGANISER = 'coordinator@gemeente.example';
const MAILBOX = 'kansrijk@gemeente.example';

let standIn: GraphStandIn;
let config: Config;
let delegated: Client;
let app: Client;

beforeAll(async () => {
  standIn = await startGraphStandIn({ pageSize: 2 });
  config = loadConfig({
    GRAPH_TENANT_ID: '9b9b9b9b-1111-4222-8333-444444444444',
    GRAPH_CLIENT_ID: '5c5c5c5c-1111-4222-8333-444444444444',
    GRAPH_CLIENT_SECRET: 'stand-in-secret',
    GRAPH_MAIL_SENDER: MAILBOX,
    GRAPH_BASE_URL: standIn.baseUrl,
    ENTRA_AUTHORITY: standIn.authority,
  });
});
afterAll(() => standIn.close());
beforeEach(() => {
  standIn.reset();
  delegated = createGraphClient({ baseUrl: standIn.baseUrl, tokenProvider: onBehalfOfTokenProvider(config, 'sso.token.of.coordinator'), timeoutMs: 5_000 });
  app = createGraphClient({ baseUrl: standIn.baseUrl, tokenProvider: appTokenProvider(config), timeoutMs: 5_000 });
});

const graphRequests = () => standIn.requests.filter((r) => r.url.startsWith('/v1.0/') || r.url.startsWith('/api/'));
const meeting = {
  subject: 'Stuurgroep kinderarmoede',
  agendaHtml: '<h2>Agenda</h2><ol><li>Voortgang werkgroepen</li></ol>',
  start: '2026-10-26T19:30',
  end: '2026-10-26T21:00',
  location: 'Raadzaal, Markt 1',
  online: true,
  attendees: [
    { name: 'An Peeters', address: 'an.peeters@gemeente.example' },
    { name: 'Schepen Jansens', address: 'schepen@gemeente.example', optional: true },
    { name: 'Ouder zonder adres', address: '' },
  ],
};

describe('calendar', () => {
  test('createEvent posts an Outlook event with a Teams meeting in Brussels wall time and keeps the join link', async () => {
    const created = await createEvent(delegated, ORGANISER, meeting);
    const [request] = graphRequests();
    expect(request).toMatchObject({ method: 'POST', path: `/users/${ORGANISER}/events`, status: 201 });
    const token = standIn.tokens.find((t) => t.kind === 'delegated')?.token;
    expect(request?.headers.authorization).toBe(`Bearer ${token}`);
    expect(request?.headers['content-type']).toMatch(/^application\/json/);
    expect(request?.headers.prefer).toBe('outlook.timezone="Europe/Brussels"');
    expect(request?.body).toEqual({
      subject: meeting.subject,
      body: { contentType: 'html', content: meeting.agendaHtml },
      start: { dateTime: '2026-10-26T19:30:00', timeZone: 'Europe/Brussels' },
      end: { dateTime: '2026-10-26T21:00:00', timeZone: 'Europe/Brussels' },
      location: { displayName: 'Raadzaal, Markt 1' },
      attendees: [
        { emailAddress: { name: 'An Peeters', address: 'an.peeters@gemeente.example' }, type: 'required' },
        { emailAddress: { name: 'Schepen Jansens', address: 'schepen@gemeente.example' }, type: 'optional' },
      ],
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
    });
    const stored = standIn.events.get(created.id);
    expect(created.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    expect(created.joinUrl).toBe(stored?.event.onlineMeeting?.joinUrl);
  });

  test('an in-person meeting has no Teams meeting; the same transactionId creates the event once', async () => {
    const first = await createEvent(delegated, ORGANISER, { ...meeting, online: false, transactionId: 'meeting-42' });
    const again = await createEvent(delegated, ORGANISER, { ...meeting, online: false, transactionId: 'meeting-42' });
    expect(first).toEqual({ id: again.id, joinUrl: null });
    expect(standIn.events.size).toBe(1);
    expect(graphRequests()[0]?.body).toEqual(expect.objectContaining({ isOnlineMeeting: false, transactionId: 'meeting-42' }));
  });

  test('the stand-in refuses what Graph would: a shape Graph does not know, an end before the start', async () => {
    await expect(graphCall(delegated, 'calendar.create-event', { method: 'POST', path: `/users/${ORGANISER}/events`, body: { ...meeting, subjekt: 'x' } })).rejects.toMatchObject({
      status: 400,
      code: 'BadRequest',
    });
    await expect(createEvent(delegated, ORGANISER, { ...meeting, end: '2026-10-26T18:00' })).rejects.toThrow(GraphRequestError);
    expect(standIn.events.size).toBe(0);
  });

  test('updateEvent patches only what changed; cancelEvent cancels with the comment; an unknown event is a 404', async () => {
    const { id } = await createEvent(delegated, ORGANISER, meeting);
    await updateEvent(delegated, ORGANISER, id, { start: '2026-10-27T19:30', end: '2026-10-27T21:00', agendaHtml: '<p>Definitieve agenda</p>' });
    const patch = graphRequests().find((r) => r.method === 'PATCH');
    expect(patch?.path).toBe(`/users/${ORGANISER}/events/${id}`);
    expect(patch?.body).toEqual({
      body: { contentType: 'html', content: '<p>Definitieve agenda</p>' },
      start: { dateTime: '2026-10-27T19:30:00', timeZone: 'Europe/Brussels' },
      end: { dateTime: '2026-10-27T21:00:00', timeZone: 'Europe/Brussels' },
    });
    expect(standIn.events.get(id)?.event.subject).toBe(meeting.subject);
    await cancelEvent(delegated, ORGANISER, id, 'Verplaatst naar november');
    expect(standIn.events.get(id)).toMatchObject({ cancelled: true, cancelComment: 'Verplaatst naar november' });
    await expect(cancelEvent(delegated, ORGANISER, 'AAMkunknown', 'x')).rejects.toMatchObject({ status: 404 });
  });

  test('application rights work for scheduled updates through their own rows', async () => {
    const { id } = await createEvent(app, ORGANISER, meeting);
    await updateEvent(app, ORGANISER, id, { subject: 'Stuurgroep (definitieve agenda)' });
    expect(standIn.events.get(id)?.event.subject).toBe('Stuurgroep (definitieve agenda)');
    const token = standIn.tokens.find((t) => t.kind === 'application')?.token;
    expect(graphRequests().every((r) => r.headers.authorization === `Bearer ${token}`)).toBe(true);
  });

  test('readResponses maps Outlook responses to none/accepted/tentative/declined', async () => {
    const { id } = await createEvent(delegated, ORGANISER, {
      ...meeting,
      attendees: [...meeting.attendees, { name: 'Els Maes', address: 'els@ocmw.example' }, { name: 'Tom', address: 'tom@cjg.example' }],
    });
    standIn.setResponse(id, 'an.peeters@gemeente.example', 'accepted');
    standIn.setResponse(id, 'schepen@gemeente.example', 'tentativelyAccepted');
    standIn.setResponse(id, 'els@ocmw.example', 'declined');
    const responses = await readResponses(delegated, ORGANISER, id);
    expect(responses).toEqual([
      { address: 'an.peeters@gemeente.example', name: 'An Peeters', response: 'accepted' },
      { address: 'schepen@gemeente.example', name: 'Schepen Jansens', response: 'tentative' },
      { address: 'els@ocmw.example', name: 'Els Maes', response: 'declined' },
      { address: 'tom@cjg.example', name: 'Tom', response: 'none' },
    ]);
    expect(graphRequests().at(-1)).toMatchObject({ method: 'GET', url: expect.stringContaining('$select=attendees') });
  });

  test('findMeetingTimes suggests free times in Brussels time, also across the end of summer time', async () => {
    // 25 October 2026: clocks go back at 03:00. The organiser and one attendee are busy part of the evening.
    await createEvent(delegated, ORGANISER, { ...meeting, online: false, start: '2026-10-25T19:00', end: '2026-10-25T20:00' });
    standIn.setBusy('an.peeters@gemeente.example', '2026-10-25T20:00', '2026-10-25T21:00');
    const suggestions = await findMeetingTimes(delegated, ORGANISER, {
      attendees: [meeting.attendees[0] as { name: string; address: string }, { name: 'Els', address: 'els@ocmw.example' }],
      from: '2026-10-25T18:00',
      to: '2026-10-25T22:00',
      durationMinutes: 60,
    });
    const request = graphRequests().find((r) => r.path.endsWith('/findMeetingTimes'));
    expect(request?.body).toEqual(
      expect.objectContaining({
        meetingDuration: 'PT1H0M',
        timeConstraint: {
          activityDomain: 'unrestricted',
          timeSlots: [{ start: { dateTime: '2026-10-25T18:00:00', timeZone: 'Europe/Brussels' }, end: { dateTime: '2026-10-25T22:00:00', timeZone: 'Europe/Brussels' } }],
        },
      }),
    );
    expect(suggestions[0]).toEqual({ start: '2026-10-25T18:00:00', end: '2026-10-25T19:00:00', confidence: 100 });
    expect(suggestions.map((s) => s.start)).not.toContain('2026-10-25T19:00:00');
    expect(suggestions).toContainEqual({ start: '2026-10-25T20:00:00', end: '2026-10-25T21:00:00', confidence: 50 });
    expect(suggestions).toContainEqual({ start: '2026-10-25T21:00:00', end: '2026-10-25T22:00:00', confidence: 100 });
    expect(suggestions.every((s) => s.end <= '2026-10-25T22:00:00')).toBe(true);
  });

  test('findMeetingTimes has no application permission: an app client is refused before anything is sent', async () => {
    await expect(findMeetingTimes(app, ORGANISER, { attendees: [], from: '2026-10-25T18:00', to: '2026-10-25T22:00', durationMinutes: 60 })).rejects.toThrow(GraphPermissionError);
    expect(graphRequests()).toEqual([]);
  });

  test('attendanceReport finds the meeting by join link and sums every session, page by page', async () => {
    const { joinUrl } = await createEvent(delegated, ORGANISER, meeting);
    if (!joinUrl) throw new Error('no join url');
    standIn.preloadAttendance(ORGANISER, joinUrl, [
      [
        { address: 'An.Peeters@gemeente.example', name: 'An Peeters', totalAttendanceInSeconds: 1800 },
        { address: 'schepen@gemeente.example', name: 'Schepen Jansens', totalAttendanceInSeconds: 3600 },
        { address: '', name: 'Gast (telefoon)', totalAttendanceInSeconds: 600 },
      ],
      [{ address: 'an.peeters@gemeente.example', name: 'An Peeters', totalAttendanceInSeconds: 1200 }],
    ]);
    const rows = await attendanceReport(delegated, ORGANISER, joinUrl);
    expect(rows).toEqual(
      expect.arrayContaining([
        { address: 'an.peeters@gemeente.example', name: 'An Peeters', totalAttendanceInSeconds: 3000 },
        { address: 'schepen@gemeente.example', name: 'Schepen Jansens', totalAttendanceInSeconds: 3600 },
        { address: '', name: 'Gast (telefoon)', totalAttendanceInSeconds: 600 },
      ]),
    );
    expect(rows).toHaveLength(3);
    const lookup = graphRequests().find((r) => r.path.endsWith('/onlineMeetings'));
    expect(new URL(`http://x${lookup?.url ?? ''}`).searchParams.get('$filter')).toBe(`JoinWebUrl eq '${joinUrl}'`);
    // Three records at a page size of two: the second page came through @odata.nextLink.
    expect(graphRequests().filter((r) => r.path.endsWith('/attendanceRecords'))).toHaveLength(3);
    expect(await attendanceReport(delegated, ORGANISER, 'https://teams.microsoft.com/l/meetup-join/unknown')).toEqual([]);
  });
});

function mail(attachments: OutgoingMail['attachments'] = []): OutgoingMail {
  return {
    to: [{ name: 'Schepen Jansens', address: 'schepen@gemeente.example' }],
    subject: 'Verslag stuurgroep 26 oktober',
    text: 'In bijlage het goedgekeurde verslag.',
    html: '<p>In bijlage het goedgekeurde verslag.</p>',
    attachments,
    calendar: { method: 'REQUEST', ics: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR' },
  };
}

function context(key: string, extra: Partial<MailContext> = {}): MailContext {
  return { tenantId: 't1', trajectoryId: null, kind: 'minutes', key, ...extra };
}

describe('mail through Graph', () => {
  test('small attachments go inline; the draft id is reported before the mail is sent', async () => {
    const docx = { fileName: 'verslag.docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', content: randomBytes(40_000) };
    const pdf = { fileName: 'verslag.pdf', contentType: 'application/pdf', content: randomBytes(90_000) };
    const drafts: string[] = [];
    const sender = createGraphMailSender(app, MAILBOX);
    const result = await sender.send(mail([docx, pdf]), context('d1', { onDraft: async (id) => void drafts.push(`${id}:${standIn.sent.length}`) }));
    expect(result.transport).toBe('graph');
    expect(drafts).toEqual([`${result.id}:0`]);
    expect(graphRequests().map((r) => `${r.method} ${r.path.replace(result.id, '{id}')} ${r.status}`)).toEqual([
      `POST /users/${MAILBOX}/messages 201`,
      `POST /users/${MAILBOX}/messages/{id}/attachments 201`,
      `POST /users/${MAILBOX}/messages/{id}/attachments 201`,
      `POST /users/${MAILBOX}/messages/{id}/send 202`,
    ]);
    expect(graphRequests()[0]?.body).toEqual({
      subject: 'Verslag stuurgroep 26 oktober',
      body: { contentType: 'html', content: '<p>In bijlage het goedgekeurde verslag.</p>' },
      toRecipients: [{ emailAddress: { name: 'Schepen Jansens', address: 'schepen@gemeente.example' } }],
    });
    expect(standIn.sent).toHaveLength(1);
    const sent = standIn.sent[0];
    expect(sent?.draftId).toBe(result.id);
    expect(sent?.attachments.map((a) => [a.name, a.via, a.bytes.equals(a.name.endsWith('.pdf') ? pdf.content : docx.content)])).toEqual([
      ['verslag.docx', 'inline', true],
      ['verslag.pdf', 'inline', true],
    ]);
  });

  test('an attachment of 3 MB or more goes through an upload session, in ranges without a token', async () => {
    const big = { fileName: 'verslag-met-bijlagen.pdf', contentType: 'application/pdf', content: randomBytes(9 * 1024 * 1024 + 123) };
    const edge = { fileName: 'precies-3mb.pdf', contentType: 'application/pdf', content: randomBytes(INLINE_ATTACHMENT_LIMIT) };
    await createGraphMailSender(app, MAILBOX).send(mail([big, edge]), context('d2'));
    const attachments = standIn.sent[0]?.attachments ?? [];
    expect(attachments.map((a) => [a.name, a.via])).toEqual([
      ['verslag-met-bijlagen.pdf', 'uploadSession'],
      ['precies-3mb.pdf', 'uploadSession'],
    ]);
    expect(attachments[0]?.bytes.equals(big.content)).toBe(true);
    expect(attachments[1]?.bytes.equals(edge.content)).toBe(true);
    const session = graphRequests().find((r) => r.path.endsWith('/createUploadSession'));
    expect(session?.body).toEqual({ AttachmentItem: { attachmentType: 'file', name: big.fileName, size: big.content.length, contentType: 'application/pdf' } });
    const puts = graphRequests().filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(3 + 1);
    for (const put of puts) {
      expect(put.headers.authorization).toBeUndefined();
      expect(put.headers['content-type']).toBe('application/octet-stream');
      expect((put.body as { bytes: number }).bytes).toBeLessThanOrEqual(UPLOAD_CHUNK);
    }
    expect(puts[0]?.headers['content-range']).toBe(`bytes 0-${UPLOAD_CHUNK - 1}/${big.content.length}`);
  });

  test('resume: a draft made before a restart gets only its missing attachments and is sent once', async () => {
    const docx = { fileName: 'verslag.docx', contentType: 'application/octet-stream', content: randomBytes(10_000) };
    const pdf = { fileName: 'verslag.pdf', contentType: 'application/pdf', content: randomBytes(10_000) };
    const sender = createGraphMailSender(app, MAILBOX);
    let saved: string | null = null;
    // The process goes down right after the draft id was saved ...
    await expect(
      sender.send(mail([docx, pdf]), context('d3', {
        onDraft: async (id) => {
          saved = id;
          throw new Error('process stopped');
        },
      })),
    ).rejects.toThrow('process stopped');
    if (!saved) throw new Error('no draft id');
    const draftId: string = saved;
    // ... after the first attachment had reached the draft.
    await graphCall(app, 'mail.add-attachment', {
      method: 'POST',
      path: `/users/${MAILBOX}/messages/${draftId}/attachments`,
      body: { '@odata.type': '#microsoft.graph.fileAttachment', name: docx.fileName, contentType: docx.contentType, contentBytes: docx.content.toString('base64') },
    });
    expect(standIn.sent).toHaveLength(0);
    const result = await sender.send(mail([docx, pdf]), context('d3', { draftId }));
    expect(result.id).toBe(draftId);
    expect(graphRequests().filter((r) => r.method === 'POST' && r.path === `/users/${MAILBOX}/messages`)).toHaveLength(1);
    expect(standIn.sent).toHaveLength(1);
    expect(standIn.sent[0]?.attachments.map((a) => a.name)).toEqual(['verslag.docx', 'verslag.pdf']);
  });

  test('resume after a lost answer to send: the draft is gone, so it counts as sent', async () => {
    const sender = createGraphMailSender(app, MAILBOX);
    let draftId: string | null = null;
    standIn.failAfterProcessing(/^POST .*\/send$/, 1, 500);
    await expect(sender.send(mail(), context('d4', { onDraft: async (id) => void (draftId = id) }))).rejects.toMatchObject({ status: 500 });
    expect(standIn.sent).toHaveLength(1);
    await expect(sender.send(mail(), context('d4', { draftId }))).resolves.toEqual({ transport: 'graph', id: draftId });
    expect(standIn.sent).toHaveLength(1);
    expect(graphRequests().filter((r) => r.method === 'POST' && r.path === `/users/${MAILBOX}/messages`)).toHaveLength(1);
  });

  test('a retried send whose first answer was lost (503) ends in a 404, which counts as sent', async () => {
    standIn.failAfterProcessing(/^POST .*\/send$/, 1, 503, 0);
    await createGraphMailSender(app, MAILBOX).send(mail(), context('d5'));
    expect(graphRequests().filter((r) => r.path.endsWith('/send')).map((r) => r.status)).toEqual([503, 404]);
    expect(standIn.sent).toHaveLength(1);
  });

  test('a delegated client cannot send as the app mailbox: mail has application rows only', async () => {
    await expect(createGraphMailSender(delegated, MAILBOX).send(mail(), context('d6'))).rejects.toThrow(GraphPermissionError);
    expect(graphRequests()).toEqual([]);
  });
});

describe('Graph limits', () => {
  test('a 429 is retried after its Retry-After, and no sooner', async () => {
    standIn.failNext(/^POST \/users\/[^/]+\/events$/, 1, 429, 2);
    const started = Date.now();
    await createEvent(delegated, ORGANISER, meeting);
    const attempts = graphRequests().filter((r) => r.path.endsWith('/events'));
    expect(attempts.map((r) => r.status)).toEqual([429, 201]);
    expect((attempts[1]?.startedAt ?? 0) - (attempts[0]?.endedAt ?? 0)).toBeGreaterThanOrEqual(2_000);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(attempts[1]?.headers['retry-attempt']).toBe('1');
  });

  test('a 503 on an upload range is retried after its Retry-After too', async () => {
    standIn.failNext(/^PUT /, 1, 503, 1);
    const big = { fileName: 'groot.pdf', contentType: 'application/pdf', content: randomBytes(INLINE_ATTACHMENT_LIMIT + 10) };
    await createGraphMailSender(app, MAILBOX).send(mail([big]), context('l1'));
    const puts = graphRequests().filter((r) => r.method === 'PUT');
    expect(puts.map((r) => r.status)).toEqual([503, 201]);
    expect((puts[1]?.startedAt ?? 0) - (puts[0]?.endedAt ?? 0)).toBeGreaterThanOrEqual(1_000);
    expect(standIn.sent[0]?.attachments[0]?.bytes.equals(big.content)).toBe(true);
  });

  test('after three retries the error reaches the caller', async () => {
    standIn.failNext(/^GET /, 4, 503, 0);
    await expect(readResponses(delegated, ORGANISER, 'AAMkx')).rejects.toMatchObject({ status: 503 });
    expect(graphRequests()).toHaveLength(4);
  });

  test('a Graph that does not answer gives a timeout error, not a hang', async () => {
    const quick = createGraphClient({ baseUrl: standIn.baseUrl, tokenProvider: onBehalfOfTokenProvider(config, 'sso'), timeoutMs: 300 });
    standIn.delay(/findMeetingTimes/, 3_000);
    const started = Date.now();
    await expect(findMeetingTimes(quick, ORGANISER, { attendees: [], from: '2026-11-02T09:00', to: '2026-11-02T17:00', durationMinutes: 60 })).rejects.toThrow(GraphTimeoutError);
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  test('20 parallel sends from one mailbox: never more than 4 at once, nothing throttled, nothing lost', async () => {
    standIn.delay(/./, 25);
    const sender = createGraphMailSender(app, MAILBOX);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => sender.send({ ...mail(), subject: `Verslag ${i}` }, context(`p${i}`))));
    expect(new Set(results.map((r) => r.id)).size).toBe(20);
    expect(standIn.sent.map((m) => m.message.subject).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `Verslag ${i}`).sort());
    expect(standIn.violations).toEqual([]);
    // The limit is used, not just respected.
    expect(standIn.peakConcurrency(MAILBOX)).toBe(4);
  });

  test('the stand-in catches a client that does not limit itself', async () => {
    standIn.delay(/./, 25);
    const unlimited = createGraphClient({ baseUrl: standIn.baseUrl, tokenProvider: appTokenProvider(config), timeoutMs: 5_000, maxConcurrentPerMailbox: 20, maxRetries: 0 });
    const sender = createGraphMailSender(unlimited, MAILBOX);
    await Promise.allSettled(Array.from({ length: 20 }, (_, i) => sender.send(mail(), context(`u${i}`))));
    expect(standIn.violations.length).toBeGreaterThan(0);
    expect(standIn.peakConcurrency(MAILBOX)).toBe(4);
  });
});
