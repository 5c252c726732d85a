import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { simpleParser } from 'mailparser';
import { buildInvitationIcs } from '../../src/mail/invitation-ics';
import type { MailContext, MailKind, MailSender } from '../../src/mail/mail-types';
import { createOutboxSender } from '../../src/mail/outbox-sender';
import { demoTenants } from '../../src/seed/demo-ids';
import { Factory } from '../support/permission-world';
import { createTestApp, type TestApp } from '../support/test-app';

interface Entry {
  id: string;
  kind: string;
  recipients: string[];
  subject: string;
  bytes: number;
  createdAt: string;
}

let t: TestApp;
let sender: MailSender;
let trajectoryId: string;
let otherTrajectoryId: string;
let otherTenantId: string;
let otherTenantTrajectoryId: string;
const tenantId = demoTenants.beekvliet.id;

beforeAll(async () => {
  t = await createTestApp();
  sender = createOutboxSender(t.db.db, t.config.outboxDir);
  trajectoryId = (await t.db.db.selectFrom('trajectory').select('id').where('tenantId', '=', tenantId).executeTakeFirstOrThrow()).id;
  const f = new Factory(t.db.db);
  // A second trajectory of the same tenant in which the demo users hold nothing.
  otherTrajectoryId = await f.trajectory(tenantId);
  otherTenantId = await f.tenant('Gemeente Elders');
  otherTenantTrajectoryId = await f.trajectory(otherTenantId);
});
afterAll(() => t.close());

const list = (user: Parameters<TestApp['call']>[0], query = '', id = trajectoryId) => t.call(user, 'GET', `/api/v1/trajectories/${id}/outbox${query}`);
const eml = (user: Parameters<TestApp['call']>[0], id: string) => t.call(user, 'GET', `/api/v1/outbox/${id}/eml`);

async function send(subject: string, context: Partial<MailContext> = {}, kind: MailKind = 'other'): Promise<string> {
  const sent = await sender.send(
    { to: [{ name: 'Zoë Vermeersch', address: 'zoe@example.org' }, { name: 'Karim El Amrani', address: 'karim@beekvliet.example' }], subject, text: `Tekst van ${subject}` },
    { tenantId, trajectoryId, kind, key: randomUUID(), ...context },
  );
  return sent.id;
}

describe('GET /api/v1/trajectories/{id}/outbox', () => {
  let ids: string[];

  beforeAll(async () => {
    ids = [];
    for (const [i, kind] of (['invitation', 'cancellation', 'minutes'] as const).entries()) {
      const id = await send(`Bericht ${i + 1}`, {}, kind);
      // Apart in time, so that "newest first" is a real order and not the insertion order by chance.
      await sql`update outbox_message set created_at = ${new Date(Date.UTC(2027, 0, 10 + i, 9))} where tenant_id = ${tenantId} and id = ${id}`.execute(t.db.db);
      ids.push(id);
    }
    await send('Elders in de gemeente', { trajectoryId: otherTrajectoryId });
    await send('Zonder traject', { trajectoryId: null });
    await sender.send({ to: [{ name: 'X', address: 'x@example.org' }], subject: 'Andere gemeente', text: 'x' }, { tenantId: otherTenantId, trajectoryId: otherTenantTrajectoryId, kind: 'other', key: randomUUID() });
  });

  test("the coordinator sees the trajectory's messages, newest first, with only the listed fields", async () => {
    const res = await list('coordinator');
    expect(res.statusCode).toBe(200);
    const body = res.json<Entry[]>();
    expect(body.map((e) => e.id)).toEqual([...ids].reverse());
    expect(body[0]).toEqual({
      id: ids[2],
      kind: 'minutes',
      recipients: ['zoe@example.org', 'karim@beekvliet.example'],
      subject: 'Bericht 3',
      bytes: readFileSync(path.join(t.config.outboxDir, tenantId, `${ids[2]}.eml`)).length,
      createdAt: '2027-01-12T09:00:00.000Z',
    });
    expect(body.map((e) => e.kind)).toEqual(['minutes', 'cancellation', 'invitation']);
  });

  test('limit and offset page through the list', async () => {
    expect((await list('coordinator', '?limit=2')).json<Entry[]>().map((e) => e.id)).toEqual([ids[2], ids[1]]);
    expect((await list('coordinator', '?limit=2&offset=2')).json<Entry[]>().map((e) => e.id)).toEqual([ids[0]]);
    expect((await list('coordinator', '?offset=3')).json<Entry[]>()).toEqual([]);
  });

  test('bad paging answers 400 naming the field', async () => {
    for (const [query, field] of [
      ['?limit=0', 'query.limit'],
      ['?limit=201', 'query.limit'],
      ['?limit=abc', 'query.limit'],
      ['?offset=-1', 'query.offset'],
      ['?colour=red', 'query.colour'],
    ] as const) {
      const res = await list('coordinator', query);
      expect([query, res.statusCode]).toEqual([query, 400]);
      expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toContain(field);
    }
    expect((await t.call('coordinator', 'GET', '/api/v1/trajectories/not-a-uuid/outbox')).statusCode).toBe(400);
  });

  test('the chair and the facilitator may read it; a work group chair, alderman, member and admin may not', async () => {
    for (const user of ['chair', 'facilitator'] as const) expect([user, (await list(user)).statusCode]).toEqual([user, 200]);
    for (const user of ['workGroupChair', 'aldermanEducation', 'steeringMember', 'actionOwner', 'trustedPerson', 'admin'] as const) {
      const res = await list(user);
      expect([user, res.statusCode]).toEqual([user, 403]);
      expect(res.body).not.toContain('zoe@example.org');
    }
  });

  test("another tenant's caller, an unknown trajectory and one without the caller answer 404", async () => {
    expect((await list('heidebosCoordinator')).statusCode).toBe(404);
    expect((await list('coordinator', '', randomUUID())).statusCode).toBe(404);
    expect((await list('coordinator', '', otherTrajectoryId)).statusCode).toBe(404);
    expect((await list('coordinator', '', otherTenantTrajectoryId)).statusCode).toBe(404);
    expect((await list(null)).statusCode).toBe(401);
  });
});

describe('GET /api/v1/outbox/{id}/eml', () => {
  test('downloads the message as message/rfc822, byte for byte the file, that a mail reader opens', async () => {
    const ics = buildInvitationIcs({
      meetingId: randomUUID(),
      sequence: 0,
      title: 'Oudergroep',
      startsAt: '2027-10-30T17:00:00Z',
      endsAt: '2027-10-30T19:00:00Z',
      location: 'Buurthuis De Linde',
      description: 'Kennismaking',
      organiser: { name: 'Lotte Peeters', address: 'lotte@beekvliet.example' },
      attendees: [{ name: 'Zoë Vermeersch', address: 'zoe@example.org' }],
      method: 'REQUEST',
    });
    const sent = await sender.send(
      { to: [{ name: 'Zoë Vermeersch', address: 'zoe@example.org' }], subject: 'Uitnodiging oudergroep', text: 'Welkom!', calendar: { method: 'REQUEST', ics } },
      { tenantId, trajectoryId, kind: 'invitation', key: randomUUID() },
    );
    const res = await eml('chair', sent.id);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^message\/rfc822/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${sent.id}.eml"`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.rawPayload.equals(readFileSync(path.join(t.config.outboxDir, tenantId, `${sent.id}.eml`)))).toBe(true);
    const parsed = await simpleParser(res.rawPayload);
    expect(parsed.subject).toBe('Uitnodiging oudergroep');
    expect(parsed.attachments.some((a) => a.contentType === 'text/calendar')).toBe(true);
  });

  test('a work group chair and an alderman get 403, and never the content', async () => {
    const id = await send('Verslag');
    for (const user of ['workGroupChair', 'aldermanEducation', 'admin'] as const) {
      const res = await eml(user, id);
      expect([user, res.statusCode]).toEqual([user, 403]);
      expect(res.body).not.toContain('Tekst van Verslag');
    }
  });

  test("another trajectory's, another tenant's, a trajectory-less, an unknown and a lost message answer 404", async () => {
    const elsewhere = await send('Elders', { trajectoryId: otherTrajectoryId });
    expect((await eml('coordinator', elsewhere)).statusCode).toBe(404);
    const own = await send('Eigen');
    expect((await eml('heidebosCoordinator', own)).statusCode).toBe(404);
    const foreign = await sender.send({ to: [{ name: 'X', address: 'x@example.org' }], subject: 'Andere gemeente', text: 'x' }, { tenantId: otherTenantId, trajectoryId: otherTenantTrajectoryId, kind: 'other', key: randomUUID() });
    expect((await eml('coordinator', foreign.id)).statusCode).toBe(404);
    expect((await eml('coordinator', await send('Zonder traject', { trajectoryId: null }))).statusCode).toBe(404);
    expect((await eml('coordinator', randomUUID())).statusCode).toBe(404);
    expect((await eml('coordinator', 'abc')).statusCode).toBe(400);
    const lost = await send('Verloren');
    rmSync(path.join(t.config.outboxDir, tenantId, `${lost}.eml`));
    expect((await eml('coordinator', lost)).statusCode).toBe(404);
    expect((await eml(null, own)).statusCode).toBe(401);
  });
});
