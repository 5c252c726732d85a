// The server's own zone must not matter: run in one that has DST on other dates than Brussels.
process.env.TZ = 'America/New_York';

import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import ICAL from 'ical.js';
import { simpleParser, type AddressObject } from 'mailparser';
import { buildInvitationIcs, type InvitationInput } from '../../src/mail/invitation-ics';
import type { OutgoingMail } from '../../src/mail/mail-types';
import { createOutboxSender, outboxMessageId } from '../../src/mail/outbox-sender';
import { Factory } from '../support/permission-world';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

let db: TestDatabase;
let outboxDir: string;
let tenantId: string;
let trajectoryId: string;

beforeAll(async () => {
  db = await createTestDatabase(4);
  const f = new Factory(db.db);
  tenantId = await f.tenant('Gemeente Outbox');
  trajectoryId = await f.trajectory(tenantId);
  outboxDir = mkdtempSync(path.join(os.tmpdir(), 'kansrijk-outbox-unit-'));
});
afterAll(async () => {
  await db.close();
  rmSync(outboxDir, { recursive: true, force: true });
});

const organiser = { name: 'Anaïs Coördinator', address: 'coordinator@beekvliet.example' };
const attendees = [
  { name: 'Zoë Vermeersch', address: 'zoe@example.org' },
  { name: 'Noël Desmet', address: 'noel@example.org' },
];

function invitation(overrides: Partial<InvitationInput> = {}): InvitationInput {
  return {
    meetingId: 'b7e3a1d2-0c4f-4e5a-9b8c-1d2e3f4a5b6c',
    sequence: 0,
    title: 'Stuurgroep Kansrijk: één jaar later',
    startsAt: '2027-03-27T18:00:00Z',
    endsAt: '2027-03-27T20:00:00Z',
    location: 'Gemeentehuis, zaal Noord',
    joinUrl: null,
    description: '1. Welkom\n2. Voortgang per domein\n3. Varia',
    organiser,
    attendees,
    method: 'REQUEST',
    stamp: '2027-03-01T09:00:00Z',
    ...overrides,
  };
}

/** The .ics read back by ical.js, its own VTIMEZONE registered so TZID times become instants. */
function parseIcs(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const zones = calendar.getAllSubcomponents('vtimezone');
  expect(zones).toHaveLength(1);
  ICAL.TimezoneService.reset();
  ICAL.TimezoneService.register(zones[0]!);
  const events = calendar.getAllSubcomponents('vevent');
  expect(events).toHaveLength(1);
  const vevent = events[0]!;
  const event = new ICAL.Event(vevent);
  return { calendar, vevent, event };
}

const iso = (time: { toUnixTime(): number }) => new Date(time.toUnixTime() * 1000).toISOString();

describe('buildInvitationIcs', () => {
  // 19:00 in Brussels on both sides of the 2027 DST changes (28 March and 31 October).
  test.each([
    ['Saturday before summer time', '2027-03-27', '2027-03-27T18:00:00.000Z', '20270327T190000'],
    ['Monday after summer time', '2027-03-29', '2027-03-29T17:00:00.000Z', '20270329T190000'],
    ['Saturday before winter time', '2027-10-30', '2027-10-30T17:00:00.000Z', '20271030T190000'],
    ['Monday after winter time', '2027-11-01', '2027-11-01T18:00:00.000Z', '20271101T190000'],
  ])('%s (%s): 19:00 Brussels is %s', (_label, _day, instant, local) => {
    const end = new Date(Date.parse(instant) + 2 * 3600_000).toISOString();
    const ics = buildInvitationIcs(invitation({ startsAt: instant, endsAt: end }));
    expect(ics).toContain(`DTSTART;TZID=Europe/Brussels:${local}`);
    const { event } = parseIcs(ics);
    // The zone resolved from the file's own VTIMEZONE, not taken as floating local time.
    expect(event.startDate.zone?.tzid).toBe('Europe/Brussels');
    expect(iso(event.startDate)).toBe(instant);
    expect(iso(event.endDate)).toBe(end);
  });

  test('an invitation names the meeting, its agenda, place, organiser and attendees who are asked to answer', () => {
    const ics = buildInvitationIcs(invitation({ sequence: 3, joinUrl: 'https://teams.microsoft.com/l/meetup-join/abc' }));
    const { calendar, event, vevent } = parseIcs(ics);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.uid).toBe('b7e3a1d2-0c4f-4e5a-9b8c-1d2e3f4a5b6c@kansrijk');
    expect(event.sequence).toBe(3);
    expect(event.summary).toBe('Stuurgroep Kansrijk: één jaar later');
    expect(event.description).toContain('2. Voortgang per domein\n3. Varia');
    expect(event.description).toContain('https://teams.microsoft.com/l/meetup-join/abc');
    expect(event.location).toBe('Gemeentehuis, zaal Noord');
    expect(vevent.getFirstPropertyValue('url')).toBe('https://teams.microsoft.com/l/meetup-join/abc');
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    const organizer = vevent.getFirstProperty('organizer')!;
    expect(organizer.getParameter('cn')).toBe('Anaïs Coördinator');
    expect(String(organizer.getFirstValue()).toLowerCase()).toBe('mailto:coordinator@beekvliet.example');
    const people = event.attendees.map((a) => ({
      cn: a.getParameter('cn'),
      to: String(a.getFirstValue()).toLowerCase(),
      rsvp: a.getParameter('rsvp'),
      partstat: a.getParameter('partstat'),
    }));
    expect(people).toEqual([
      { cn: 'Zoë Vermeersch', to: 'mailto:zoe@example.org', rsvp: 'TRUE', partstat: 'NEEDS-ACTION' },
      { cn: 'Noël Desmet', to: 'mailto:noel@example.org', rsvp: 'TRUE', partstat: 'NEEDS-ACTION' },
    ]);
  });

  test('an answer already given is kept in PARTSTAT', () => {
    const { event } = parseIcs(buildInvitationIcs(invitation({ attendees: [{ ...attendees[0]!, response: 'accepted' }, { ...attendees[1]!, response: 'declined' }] })));
    expect(event.attendees.map((a) => a.getParameter('partstat'))).toEqual(['ACCEPTED', 'DECLINED']);
  });

  test('an online-only meeting is placed in Teams', () => {
    const { event } = parseIcs(buildInvitationIcs(invitation({ location: '', joinUrl: 'https://teams.microsoft.com/l/meetup-join/xyz' })));
    expect(event.location).toBe('Microsoft Teams');
  });

  test('a cancellation has METHOD:CANCEL, STATUS:CANCELLED, the same UID and a higher SEQUENCE', () => {
    const request = parseIcs(buildInvitationIcs(invitation({ sequence: 1 })));
    const cancel = parseIcs(buildInvitationIcs(invitation({ sequence: 2, method: 'CANCEL' })));
    expect(cancel.calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancel.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancel.event.uid).toBe(request.event.uid);
    expect(cancel.event.sequence).toBeGreaterThan(request.event.sequence);
    expect(request.vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
  });

  test('nonsense times are refused rather than written', () => {
    expect(() => buildInvitationIcs(invitation({ startsAt: 'morgen' }))).toThrow(RangeError);
    expect(() => buildInvitationIcs(invitation({ endsAt: '2027-03-27T17:00:00Z' }))).toThrow(RangeError);
    expect(() => buildInvitationIcs(invitation({ sequence: -1 }))).toThrow(RangeError);
  });
});

describe('createOutboxSender', () => {
  const pdf = randomBytes(40_000);
  const docx = Buffer.concat([Buffer.from('PK\u0003\u0004'), randomBytes(5_000)]);

  function mail(overrides: Partial<OutgoingMail> = {}): OutgoingMail {
    return {
      to: attendees,
      subject: 'Verslag stuurgroep: één jaar Kansrijk',
      text: 'Beste Zoë,\n\nIn de bijlage vind je het goedgekeurde verslag.\n\nGroeten,\nAnaïs',
      html: '<p>Beste Zoë,</p><p>In de bijlage vind je het goedgekeurde verslag.</p>',
      attachments: [
        { fileName: 'verslag-stuurgroep.pdf', contentType: 'application/pdf', content: pdf },
        { fileName: 'verslag-stuurgroep.docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', content: docx },
      ],
      ...overrides,
    };
  }

  const rowsOf = async (id: string) =>
    (await sql<{ id: string; kind: string; recipients: string[]; subject: string; bytes: number; fileName: string; trajectoryId: string }>`
      select * from outbox_message where tenant_id = ${tenantId} and id = ${id}`.execute(db.db)).rows;
  const filesOf = () => readdirSync(path.join(outboxDir, tenantId));

  test('a mail becomes an .eml that mailparser reads back whole, with its row', async () => {
    const sender = createOutboxSender(db.db, outboxDir);
    expect(sender.transport).toBe('outbox');
    const key = `minutes:${randomUUID()}`;
    const sent = await sender.send(mail(), { tenantId, trajectoryId, kind: 'minutes', key });
    expect(sent).toEqual({ transport: 'outbox', id: outboxMessageId(tenantId, key) });

    const file = path.join(outboxDir, tenantId, `${sent.id}.eml`);
    const raw = readFileSync(file);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Verslag stuurgroep: één jaar Kansrijk');
    expect((parsed.to as AddressObject).value).toEqual([
      { name: 'Zoë Vermeersch', address: 'zoe@example.org' },
      { name: 'Noël Desmet', address: 'noel@example.org' },
    ]);
    expect(parsed.from?.value).toEqual([{ name: 'Kansrijk', address: 'no-reply@kansrijk.invalid' }]);
    expect(parsed.text?.trim()).toBe('Beste Zoë,\n\nIn de bijlage vind je het goedgekeurde verslag.\n\nGroeten,\nAnaïs');
    expect(parsed.html).toContain('goedgekeurde verslag');
    expect(parsed.messageId).toBe(`<${sent.id}@kansrijk.invalid>`);
    const files = parsed.attachments.map((a) => ({ name: a.filename, type: a.contentType }));
    expect(files).toEqual([
      { name: 'verslag-stuurgroep.pdf', type: 'application/pdf' },
      { name: 'verslag-stuurgroep.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
    ]);
    expect(parsed.attachments[0]!.content.equals(pdf)).toBe(true);
    expect(parsed.attachments[1]!.content.equals(docx)).toBe(true);

    expect(await rowsOf(sent.id)).toEqual([
      expect.objectContaining({
        kind: 'minutes',
        trajectoryId,
        recipients: ['zoe@example.org', 'noel@example.org'],
        subject: 'Verslag stuurgroep: één jaar Kansrijk',
        fileName: `${sent.id}.eml`,
        bytes: raw.length,
      }),
    ]);
    // Addresses inside: readable by the server's user only.
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(outboxDir, tenantId)).mode & 0o777).toBe(0o700);
    expect(statSync(outboxDir).mode & 0o777).toBe(0o700);
  });

  test('an invitation carries its calendar part as text/calendar; method=REQUEST, and a cancellation as method=CANCEL', async () => {
    const sender = createOutboxSender(db.db, outboxDir);
    for (const method of ['REQUEST', 'CANCEL'] as const) {
      const ics = buildInvitationIcs(invitation({ method, sequence: method === 'CANCEL' ? 1 : 0 }));
      const sent = await sender.send(
        { to: attendees, subject: method === 'CANCEL' ? 'Geannuleerd: stuurgroep' : 'Uitnodiging: stuurgroep', text: 'Zie de uitnodiging.', calendar: { method, ics } },
        { tenantId, trajectoryId, kind: method === 'CANCEL' ? 'cancellation' : 'invitation', key: `${method}:${randomUUID()}` },
      );
      const raw = readFileSync(path.join(outboxDir, tenantId, `${sent.id}.eml`));
      const parsed = await simpleParser(raw);
      expect(raw.toString('latin1')).toMatch(new RegExp(`Content-Type: text/calendar; charset=utf-8; method=${method}`, 'i'));
      const calendarPart = parsed.attachments.find((a) => a.contentType === 'text/calendar');
      expect(calendarPart).toBeDefined();
      const { calendar, event, vevent } = parseIcs(calendarPart!.content.toString('utf8'));
      expect(calendar.getFirstPropertyValue('method')).toBe(method);
      expect(event.uid).toBe('b7e3a1d2-0c4f-4e5a-9b8c-1d2e3f4a5b6c@kansrijk');
      expect(vevent.getFirstPropertyValue('status')).toBe(method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED');
      expect(iso(event.startDate)).toBe('2027-03-27T18:00:00.000Z');
      expect(event.attendees[0]!.getParameter('cn')).toBe('Zoë Vermeersch');
    }
  });

  test('sending twice with one key leaves one file and one row, also when both attempts run at once', async () => {
    const sender = createOutboxSender(db.db, outboxDir);
    const key = `delivery:${randomUUID()}`;
    const context = { tenantId, trajectoryId, kind: 'minutes' as const, key };
    const first = await sender.send(mail(), context);
    const before = readFileSync(path.join(outboxDir, tenantId, `${first.id}.eml`));
    const again = await sender.send(mail({ subject: 'Een tweede poging' }), context);
    expect(again).toEqual(first);
    expect(readFileSync(path.join(outboxDir, tenantId, `${first.id}.eml`)).equals(before)).toBe(true);
    expect(await rowsOf(first.id)).toHaveLength(1);

    const raceKey = `delivery:${randomUUID()}`;
    const results = await Promise.all([1, 2, 3].map(() => sender.send(mail(), { ...context, key: raceKey })));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await rowsOf(results[0]!.id)).toHaveLength(1);
    expect(filesOf().filter((name) => name.startsWith(results[0]!.id))).toEqual([`${results[0]!.id}.eml`]);
    // No temp file left behind by any attempt.
    expect(filesOf().filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  test('the key is per tenant: another tenant with the same key gets its own message', async () => {
    const otherTenant = await new Factory(db.db).tenant('Gemeente Elders');
    const key = `shared:${randomUUID()}`;
    const sender = createOutboxSender(db.db, outboxDir);
    const a = await sender.send(mail(), { tenantId, trajectoryId, kind: 'other', key });
    const b = await sender.send(mail(), { tenantId: otherTenant, trajectoryId: null, kind: 'other', key });
    expect(a.id).not.toBe(b.id);
    expect(readdirSync(path.join(outboxDir, otherTenant))).toEqual([`${b.id}.eml`]);
  });

  test('a given From address replaces the default one', async () => {
    const sender = createOutboxSender(db.db, outboxDir, { from: { name: 'Gemeente Beekvliet – Welzijn', address: 'welzijn@beekvliet.example' } });
    const sent = await sender.send(mail({ attachments: [] }), { tenantId, trajectoryId, kind: 'other', key: randomUUID() });
    const parsed = await simpleParser(readFileSync(path.join(outboxDir, tenantId, `${sent.id}.eml`)));
    expect(parsed.from?.value).toEqual([{ name: 'Gemeente Beekvliet – Welzijn', address: 'welzijn@beekvliet.example' }]);
    expect(parsed.attachments).toEqual([]);
  });

  test('a tenant id that would leave the outbox folder is refused, and nothing is written', async () => {
    const sender = createOutboxSender(db.db, outboxDir);
    await expect(sender.send(mail(), { tenantId: '../escape', trajectoryId: null, kind: 'other', key: 'x' })).rejects.toThrow(/outbox folder/);
    expect(readdirSync(path.dirname(outboxDir)).includes('escape')).toBe(false);
  });
});
