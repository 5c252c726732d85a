import { readPdf } from '../support/pdf-reader';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import ICAL from 'ical.js';
import mammoth from 'mammoth';
import { createMeetingDelivery } from '../../src/meetings/meeting-delivery';
import { createOutboxSender } from '../../src/mail/outbox-sender';
import type { MailSender } from '../../src/mail/mail-types';
import { demoTenants } from '../../src/seed/demo-ids';
import { createTestApp, type TestApp } from '../support/test-app';

interface Detail {
  id: string;
  state: string;
  agenda: { id: string }[];
  attendees: { personId: string; displayName: string }[];
}
interface Log {
  deliveries: { address: string; reason: string; state: string; transport: string; attempts: number }[];
}

let t: TestApp;
let trajectoryId: string;
let steeringId: string;
const tenantId = demoTenants.beekvliet.id;

beforeAll(async () => {
  t = await createTestApp();
  trajectoryId = (await t.db.db.selectFrom('trajectory').select('id').where('tenantId', '=', tenantId).executeTakeFirstOrThrow()).id;
  steeringId = (await t.db.db.selectFrom('body').select('id').where('trajectoryId', '=', trajectoryId).where('kind', '=', 'steering_group').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

const at = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
const outboxFiles = async () => (await readdir(path.join(t.config.outboxDir, tenantId)).catch(() => [] as string[])).filter((f) => f.endsWith('.eml'));

async function emlsOf(kind: string) {
  const rows = await t.db.db.selectFrom('outboxMessage').select(['id', 'fileName', 'recipients', 'kind']).where('tenantId', '=', tenantId).where('kind', '=', kind).execute();
  return rows;
}

/** A held meeting whose minutes the chair has approved, through the API. */
async function approvedMeeting(title: string): Promise<Detail> {
  const created = await t.call('coordinator', 'POST', `/api/v1/trajectories/${trajectoryId}/meetings`, { bodyId: steeringId, title, startsAt: at(-3), endsAt: at(-1), location: 'Raadzaal' });
  expect(created.statusCode).toBe(201);
  const m = created.json<Detail>();
  expect((await t.call('coordinator', 'POST', `/api/v1/meetings/${m.id}/held`, {})).statusCode).toBe(200);
  await t.call('coordinator', 'PATCH', `/api/v1/agenda-items/${m.agenda[0]!.id}`, { notes: 'Overzicht van de werkgroep besproken.', decisions: 'De proef loopt verder.' });
  expect((await t.call('coordinator', 'POST', `/api/v1/meetings/${m.id}/minutes/submit`, {})).statusCode).toBe(200);
  expect((await t.call('chair', 'POST', `/api/v1/meetings/${m.id}/minutes/approve`, {})).statusCode).toBe(200);
  await t.services.meetingDelivery.idle();
  return m;
}

describe('invitations without Graph', () => {
  test('scheduling mails an iCalendar invitation to every attendee with an address; a change raises SEQUENCE; cancelling sends CANCEL', async () => {
    const res = await t.call('coordinator', 'POST', `/api/v1/trajectories/${trajectoryId}/meetings`, { bodyId: steeringId, title: 'Stuurgroep najaar', startsAt: '2027-10-30T19:00:00+02:00', endsAt: '2027-10-30T21:00:00+02:00' });
    const m = res.json<Detail>();
    await t.services.meetingDelivery.idle();
    await t.call('coordinator', 'PATCH', `/api/v1/meetings/${m.id}`, { startsAt: '2027-11-01T19:00:00+01:00', endsAt: '2027-11-01T21:00:00+01:00' });
    await t.services.meetingDelivery.idle();
    await t.call('coordinator', 'POST', `/api/v1/meetings/${m.id}/cancel`, { reason: 'Te weinig leden beschikbaar.' });
    await t.services.meetingDelivery.idle();
    const invitations = (await emlsOf('invitation')).length + (await emlsOf('cancellation')).length;
    expect(invitations).toBeGreaterThanOrEqual(3);
    const files = await outboxFiles();
    const parsed = await Promise.all(files.map(async (f) => simpleParser(await readFile(path.join(t.config.outboxDir, tenantId, f)))));
    const mine = parsed.filter((p) => p.subject?.includes('Stuurgroep najaar'));
    const events = mine
      .map((p) => {
        const part = p.attachments.find((a) => a.contentType === 'text/calendar') ?? null;
        const text = part ? part.content.toString('utf8') : ((p as unknown as { text?: string }).text ?? '');
        return part ? new ICAL.Component(ICAL.parse(text)) : null;
      })
      .filter((c): c is ICAL.Component => c !== null);
    expect(events.length).toBe(3);
    const summary = events.map((c) => {
      const ev = new ICAL.Event(c.getFirstSubcomponent('vevent')!);
      return { method: String(c.getFirstPropertyValue('method')), seq: ev.sequence, start: ev.startDate.toJSDate().toISOString() };
    });
    summary.sort((a, b) => a.seq - b.seq);
    // 19:00 in Brussels before (summer time) and after (winter time) the DST change.
    expect(summary[0]).toEqual({ method: 'REQUEST', seq: 0, start: '2027-10-30T17:00:00.000Z' });
    expect(summary[1]).toEqual({ method: 'REQUEST', seq: 1, start: '2027-11-01T18:00:00.000Z' });
    expect(summary[2]).toEqual(expect.objectContaining({ method: 'CANCEL', seq: 2 }));
    const attendeesWithAddress = await t.db.db
      .selectFrom('meetingAttendee as a')
      .innerJoin('person as p', (j) => j.onRef('p.tenantId', '=', 'a.tenantId').onRef('p.id', '=', 'a.personId'))
      .select('p.email')
      .where('a.meetingId', '=', m.id)
      .where('p.email', 'is not', null)
      .execute();
    const to = mine[0]!.to;
    const addresses = (Array.isArray(to) ? to : [to]).flatMap((x) => x?.value ?? []).map((v) => v.address);
    expect(addresses.sort()).toEqual(attendeesWithAddress.map((a) => a.email).sort());
  });
});

describe('approved minutes go to every attendee and alderman once', () => {
  test('each recipient gets one mail with the minutes as .docx and .pdf; the log shows them sent; the meeting is distributed', async () => {
    const before = (await emlsOf('minutes')).length;
    const m = await approvedMeeting('Stuurgroep met verslag');
    const log = (await t.call('coordinator', 'GET', `/api/v1/meetings/${m.id}/deliveries`)).json<Log>();
    const aldermen = await t.db.db
      .selectFrom('membership as ms')
      .innerJoin('body as b', (j) => j.onRef('b.tenantId', '=', 'ms.tenantId').onRef('b.id', '=', 'ms.bodyId'))
      .innerJoin('person as p', (j) => j.onRef('p.tenantId', '=', 'ms.tenantId').onRef('p.id', '=', 'ms.personId'))
      .select('p.email')
      .where('b.trajectoryId', '=', trajectoryId)
      .where('ms.role', '=', 'alderman')
      .execute();
    expect(aldermen.length).toBeGreaterThan(0);
    for (const a of aldermen) expect(log.deliveries.map((d) => d.address)).toContain(a.email!.toLowerCase());
    expect(new Set(log.deliveries.map((d) => d.address)).size).toBe(log.deliveries.length);
    expect(log.deliveries.every((d) => d.state === 'sent' && d.transport === 'outbox')).toBe(true);
    const minutesMails = await emlsOf('minutes');
    expect(minutesMails.length - before).toBe(log.deliveries.length);
    const one = minutesMails.find((r) => r.recipients.includes(log.deliveries[0]!.address)) ?? minutesMails[minutesMails.length - 1]!;
    const mail = await simpleParser(await readFile(path.join(t.config.outboxDir, tenantId, one.fileName)));
    const docx = mail.attachments.find((a) => a.filename?.endsWith('.docx'))!;
    const pdf = mail.attachments.find((a) => a.filename?.endsWith('.pdf'))!;
    expect(pdf.content.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await mammoth.extractRawText({ buffer: docx.content })).value;
    expect(text).toContain('Overzicht van de werkgroep besproken.');
    expect(text).toContain('De proef loopt verder.');
    const meeting = (await t.call('coordinator', 'GET', `/api/v1/meetings/${m.id}`)).json<Detail>();
    expect(meeting.state).toBe('distributed');
    // Not the organisers' log for everyone.
    expect((await t.call('steeringMember', 'GET', `/api/v1/meetings/${m.id}/deliveries`)).statusCode).toBe(403);
  });

  test('a restart mid-delivery sends nobody anything twice, and a failing recipient is retried and logged', async () => {
    // The first run fails after two mails, as if the server died while sending.
    const real = createOutboxSender(t.db.db, t.config.outboxDir);
    let budget = 2;
    const dying: MailSender = {
      transport: 'outbox',
      async send(mail, context) {
        if (budget <= 0) throw new Error('connection reset');
        budget -= 1;
        return real.send(mail, context);
      },
    };
    const created = await t.call('coordinator', 'POST', `/api/v1/trajectories/${trajectoryId}/meetings`, { bodyId: steeringId, title: 'Stuurgroep herstart', startsAt: at(-3), endsAt: at(-1) });
    const m = created.json<Detail>();
    await t.call('coordinator', 'POST', `/api/v1/meetings/${m.id}/held`, {});
    await t.call('coordinator', 'POST', `/api/v1/meetings/${m.id}/minutes/submit`, {});
    // Approve without the app's own listener running the delivery: the test drives it.
    await t.db.db.updateTable('meeting').set({ state: 'minutes_approved', minutesApprovedAt: new Date() }).where('id', '=', m.id).execute();
    const first = createMeetingDelivery({ db: t.db.db, mail: dying, log: () => undefined, concurrency: 1 });
    const run1 = await first.deliverMinutes(tenantId, m.id);
    expect(run1.sent).toBe(2);
    expect(run1.failed).toBeGreaterThan(0);
    // One row is left as the dead instance left it: 'sending', long ago.
    await t.db.db.updateTable('minutesDelivery').set({ state: 'sending', updatedAt: new Date(Date.now() - 3600_000) }).where('meetingId', '=', m.id).where('state', '=', 'pending').execute();
    const second = createMeetingDelivery({ db: t.db.db, mail: real, log: () => undefined });
    await second.resume();
    const rows = await t.db.db.selectFrom('minutesDelivery').select(['id', 'state', 'attempts']).where('meetingId', '=', m.id).execute();
    expect(rows.every((r) => r.state === 'sent')).toBe(true);
    const mails = await t.db.db.selectFrom('outboxMessage').select('id').where('kind', '=', 'minutes').where('subject', '=', 'Verslag: Stuurgroep herstart').execute();
    expect(mails.length).toBe(rows.length);
    // Running again finds nothing to send.
    expect(await second.deliverMinutes(tenantId, m.id)).toEqual({ sent: 0, failed: 0 });
    const status = await t.db.db.selectFrom('meeting').select('state').where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(status.state).toBe('distributed');
  });

  test('the minutes read as a draft for the organisers before approval and are refused to other readers until then', async () => {
    const created = await t.call('coordinator', 'POST', `/api/v1/trajectories/${trajectoryId}/meetings`, { bodyId: steeringId, title: 'Stuurgroep ontwerp', startsAt: at(-3), endsAt: at(-1) });
    const m = created.json<Detail>();
    const draft = await t.call('coordinator', 'GET', `/api/v1/meetings/${m.id}/minutes.docx`);
    expect(draft.statusCode).toBe(200);
    expect((await mammoth.extractRawText({ buffer: draft.rawPayload })).value).toContain('Ontwerp');
    expect((await t.call('steeringMember', 'GET', `/api/v1/meetings/${m.id}/minutes.pdf`)).statusCode).toBe(403);
    const invitation = await t.call('trustedPerson', 'GET', `/api/v1/meetings/${m.id}/parents-invitation.pdf`);
    expect(invitation.statusCode).toBe(200);
    expect(invitation.headers['content-type']).toBe('application/pdf');
    // The practical answers parents ask for, in plain Dutch.
    const text = (await readPdf(invitation.rawPayload, ' ')).pages.join(' ');
    for (const heading of ['Hoe kom je er?', 'Hoe vaak komen we samen?', 'Opvang voor je kinderen', 'Vergoeding', 'Hoe lang']) expect(text).toContain(heading);
    expect(text).toContain('Stuurgroep ontwerp');
  });
});
