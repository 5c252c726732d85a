import { readPdf } from '../support/pdf-reader';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { brusselsDate } from '../../src/shared/time';
import { addDays } from '../../src/follow-ups/calendar';
import { createOutboxSender } from '../../src/mail/outbox-sender';
import { meetingTransports } from '../../src/meetings/meeting-transports';
import type { MailSender } from '../../src/mail/mail-types';
import { createReportService } from '../../src/reports/report-service';
import type { ReportDetail, CollegeScheduleOutput } from '../../src/reports/report-schemas';
import { demoTenants } from '../../src/seed/demo-ids';
import { startGraphStandIn, type GraphStandIn } from '../support/graph-stand-in';
import { createTestApp, type TestApp } from '../support/test-app';

const parsePdf = async (pdf: Buffer): Promise<string[]> => (await readPdf(pdf, ' ')).pages;

const tenantId = demoTenants.beekvliet.id;
const SECRETARY = 'secretariaat@beekvliet.example';
const today = brusselsDate();
const period = { periodStart: addDays(today, -90), periodEnd: today };

interface ActionItem {
  id: string;
  title: string;
  status: string;
  dueDate: string | null;
}
interface PlanIndicatorJson {
  id: string;
  baseline: number | null;
  target: number | null;
  latestValue: number | null;
  latestOn: string | null;
}

async function trajectoryOf(t: TestApp): Promise<string> {
  return (await t.db.db.selectFrom('trajectory').select('id').where('tenantId', '=', tenantId).orderBy('createdAt').executeTakeFirstOrThrow()).id;
}

async function setSchedule(t: TestApp, trajectoryId: string): Promise<CollegeScheduleOutput> {
  const res = await t.call('coordinator', 'PUT', `/api/v1/trajectories/${trajectoryId}/college-schedule`, {
    weekday: 1,
    time: '09:00',
    exceptions: [],
    frequency: 'quarterly',
    secretaryName: 'Secretariaat van het college',
    secretaryEmail: SECRETARY,
  });
  expect(res.statusCode).toBe(200);
  return res.json<CollegeScheduleOutput>();
}

async function aldermenAddresses(t: TestApp, trajectoryId: string): Promise<string[]> {
  const rows = await t.db.db
    .selectFrom('membership as m')
    .innerJoin('body as b', (j) => j.onRef('b.tenantId', '=', 'm.tenantId').onRef('b.id', '=', 'm.bodyId'))
    .innerJoin('person as p', (j) => j.onRef('p.tenantId', '=', 'm.tenantId').onRef('p.id', '=', 'm.personId'))
    .select('p.email')
    .distinct()
    .where('b.trajectoryId', '=', trajectoryId)
    .where('m.role', '=', 'alderman')
    .execute();
  return rows.map((r) => r.email!.toLowerCase()).filter(Boolean);
}

describe('reports with the outbox', () => {
  let t: TestApp;
  let trajectoryId: string;
  beforeAll(async () => {
    t = await createTestApp();
    trajectoryId = await trajectoryOf(t);
  });
  afterAll(() => t.close());

  test('the college schedule: readers see it without the address; only the leads edit it; bad input names the field', async () => {
    const saved = await setSchedule(t, trajectoryId);
    expect(saved.configured).toBe(true);
    expect(saved.nextMeeting).not.toBeNull();
    expect(saved.chairCardDueOn! < saved.nextMeeting!.slice(0, 10)).toBe(true);
    const reader = (await t.call('steeringMember', 'GET', `/api/v1/trajectories/${trajectoryId}/college-schedule`)).json<CollegeScheduleOutput>();
    expect(reader.secretaryEmail).toBe('');
    expect(reader.can.edit).toBe(false);
    expect((await t.call('steeringMember', 'PUT', `/api/v1/trajectories/${trajectoryId}/college-schedule`, { weekday: 1, time: '09:00', frequency: 'monthly' })).statusCode).toBe(403);
    const bad = await t.call('coordinator', 'PUT', `/api/v1/trajectories/${trajectoryId}/college-schedule`, { weekday: 8, time: '25:00', frequency: 'weekly' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('weekday');
  });

  test("the demo trajectory's report says what the API says: counts per status, overdue actions with their latest note, indicator values", async () => {
    const created = await t.call('coordinator', 'POST', `/api/v1/trajectories/${trajectoryId}/reports`, period);
    expect(created.statusCode).toBe(201);
    const report = created.json<ReportDetail>();
    expect(report.state).toBe('draft');
    expect(report.can).toMatchObject({ edit: true, submit: true, approve: false, download: true });

    const actions = (await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/actions?limit=5000`)).json<ActionItem[]>();
    const counts: Record<string, number> = {};
    for (const a of actions) counts[a.status] = (counts[a.status] ?? 0) + 1;
    for (const [status, n] of Object.entries(report.snapshot.totals.byStatus)) expect([status, n]).toEqual([status, counts[status] ?? 0]);
    expect(report.snapshot.totals.actions).toBe(actions.length);

    const overdue = (await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/actions?overdue=true&limit=5000`)).json<ActionItem[]>();
    expect(overdue.length).toBeGreaterThan(0);
    expect(report.snapshot.overdue.map((o) => o.actionId).sort()).toEqual(overdue.map((a) => a.id).sort());
    for (const o of report.snapshot.overdue) {
      const updates = (await t.call('coordinator', 'GET', `/api/v1/actions/${o.actionId}/updates`)).json<{ note: string }[]>();
      const latest = updates.find((u) => u.note !== '');
      expect(o.latestNote?.note ?? null).toBe(latest?.note ?? null);
    }

    const { indicators } = (await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/plan/indicators`)).json<{ indicators: PlanIndicatorJson[] }>();
    expect(indicators.length).toBeGreaterThan(0);
    expect(report.snapshot.indicators.length).toBe(indicators.length);
    for (const i of indicators) {
      const mine = report.snapshot.indicators.find((x) => x.id === i.id)!;
      expect([mine.baseline, mine.target]).toEqual([i.baseline, i.target]);
      if (i.latestOn && i.latestOn <= period.periodEnd) expect(mine.latest?.value).toBe(i.latestValue);
    }
    // Nothing about people beyond names.
    const text = JSON.stringify(report.snapshot);
    const contacts = await t.db.db.selectFrom('person').select(['email', 'phone']).where('tenantId', '=', tenantId).execute();
    for (const c of contacts) {
      if (c.email) expect(text).not.toContain(c.email);
      if (c.phone) expect(text).not.toContain(c.phone);
    }

    // The documents hold those figures.
    await t.call('coordinator', 'PATCH', `/api/v1/reports/${report.id}`, { summary: 'Het kwartaal verliep volgens plan.', decisionsRequested: 'Het college beslist over de verlenging van de huiswerkklas.' });
    const docx = await t.call('steeringMember', 'GET', `/api/v1/reports/${report.id}/report.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const words = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
    expect(words).toContain('Voortgangsrapport aan het college');
    expect(words).toContain('Het college beslist over de verlenging van de huiswerkklas.');
    expect(words).toContain(`Acties\n\n${actions.length}`);
    for (const o of overdue) expect(words).toContain(o.title);
    const pdf = await t.call('steeringMember', 'GET', `/api/v1/reports/${report.id}/report.pdf`);
    expect(pdf.statusCode).toBe(200);
    const pages = await parsePdf(pdf.rawPayload);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const all = pages.join(' ');
    expect(all).toContain('Voortgangsrapport aan het college');
    expect(all).toContain('Kerncijfers');
    for (const o of overdue) expect(all.replace(/\s+/g, ' ')).toContain(o.title.split(' ')[0]!);
    const dir = path.join(process.cwd(), 'test-results/screenshots/reports');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'report.pdf'), pdf.rawPayload);
    try {
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '4', path.join(dir, 'report.pdf'), path.join(dir, 'page')]);
    } catch {
      // pdftoppm is missing: the parse above still holds.
    }
  });

  test('states: the coordinator submits, cannot approve; the chair sends back, the coordinator resubmits, the chair approves; the snapshot is fixed', async () => {
    const r = (await t.call('coordinator', 'POST', `/api/v1/trajectories/${trajectoryId}/reports`, { ...period, collegeDate: addDays(today, 7) })).json<ReportDetail>();
    expect((await t.call('steeringMember', 'POST', `/api/v1/trajectories/${trajectoryId}/reports`, period)).statusCode).toBe(403);
    expect((await t.call('chair', 'POST', `/api/v1/reports/${r.id}/approve`, {})).statusCode).toBe(409);
    const submitted = (await t.call('coordinator', 'POST', `/api/v1/reports/${r.id}/submit`, {})).json<ReportDetail>();
    expect(submitted.state).toBe('submitted');
    expect(submitted.can.edit).toBe(false);
    expect((await t.call('coordinator', 'POST', `/api/v1/reports/${r.id}/approve`, {})).statusCode).toBe(403);
    expect((await t.call('coordinator', 'POST', `/api/v1/reports/${r.id}/regenerate`, {})).statusCode).toBe(409);
    expect((await t.call('coordinator', 'PATCH', `/api/v1/reports/${r.id}`, { summary: 'x' })).statusCode).toBe(409);
    const chairView = (await t.call('chair', 'GET', `/api/v1/reports/${r.id}`)).json<ReportDetail>();
    expect(chairView.can).toMatchObject({ approve: true, sendBack: true });
    const back = await t.call('chair', 'POST', `/api/v1/reports/${r.id}/send-back`, { remark: 'Voeg de budgetvraag toe.' });
    expect(back.json<ReportDetail>()).toMatchObject({ state: 'sent_back', remark: 'Voeg de budgetvraag toe.' });
    expect((await t.call('coordinator', 'PATCH', `/api/v1/reports/${r.id}`, { budgetRequests: '€ 12.000 voor de huiswerkklas.' })).statusCode).toBe(200);
    const again = (await t.call('coordinator', 'POST', `/api/v1/reports/${r.id}/submit`, {})).json<ReportDetail>();
    expect(again.submissions).toBe(2);
    // A change to the plan after submission does not reach the snapshot.
    const any = (await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/actions?status=planned,in_progress&limit=1`)).json<ActionItem[]>()[0]!;
    await t.db.db.updateTable('action').set({ title: 'Hernoemd na indienen' }).where('id', '=', any.id).execute();
    const approved = (await t.call('chair', 'POST', `/api/v1/reports/${r.id}/approve`, {})).json<ReportDetail>();
    expect(approved.state).toBe('approved');
    expect(JSON.stringify(approved.snapshot)).not.toContain('Hernoemd na indienen');
    expect(approved.snapshot).toEqual(again.snapshot);
    await t.services.reports.idle();

    // Delivery: every alderman and the secretary, once, with both documents.
    const log = (await t.call('coordinator', 'GET', `/api/v1/reports/${r.id}/deliveries`)).json<{ deliveries: { address: string; state: string; transport: string }[] }>();
    const expected = [...new Set([...(await aldermenAddresses(t, trajectoryId)), SECRETARY])].sort();
    expect(log.deliveries.map((d) => d.address).sort()).toEqual(expected);
    expect(log.deliveries.every((d) => d.state === 'sent' && d.transport === 'outbox')).toBe(true);
    const mails = await t.db.db.selectFrom('outboxMessage').select(['recipients']).where('tenantId', '=', tenantId).where('kind', '=', 'report').execute();
    expect(mails.flatMap((m) => m.recipients).map((a) => a.toLowerCase()).sort()).toEqual(expected);
    expect((await t.call('steeringMember', 'GET', `/api/v1/reports/${r.id}/deliveries`)).statusCode).toBe(403);
    // Running again sends nothing more.
    expect(await t.services.reports.deliver(tenantId, r.id)).toEqual({ sent: 0, failed: 0 });

    // The next report compares with this sent one.
    await t.db.db.updateTable('action').set({ status: 'done' }).where('id', '=', any.id).execute();
    const next = (await t.call('coordinator', 'POST', `/api/v1/trajectories/${trajectoryId}/reports`, { periodStart: addDays(today, 1), periodEnd: addDays(today, 1) })).json<ReportDetail>();
    expect(next.snapshot.comparedWith?.reportId).toBe(r.id);
    expect(next.snapshot.changes).toContainEqual({ actionId: any.id, title: 'Hernoemd na indienen', kind: 'status_changed', from: any.status, to: 'done' });
  });

  test('a restart mid-delivery and two instances on one database reach every recipient once', async () => {
    const r = (await t.call('coordinator', 'POST', `/api/v1/trajectories/${trajectoryId}/reports`, { periodStart: addDays(today, -30), periodEnd: addDays(today, -1) })).json<ReportDetail>();
    await t.call('coordinator', 'POST', `/api/v1/reports/${r.id}/submit`, {});
    // Approved without the app's listener: the test drives the deliverers.
    await t.db.db.updateTable('report').set({ state: 'approved', approvedAt: new Date() }).where('id', '=', r.id).execute();
    const real = createOutboxSender(t.db.db, t.config.outboxDir);
    let budget = 1;
    const dying: MailSender = {
      transport: 'outbox',
      async send(mail, context) {
        if (budget <= 0) throw new Error('connection reset');
        budget -= 1;
        return real.send(mail, context);
      },
    };
    const first = createReportService(t.db.db, { mail: dying, concurrency: 1 });
    const run1 = await first.deliver(tenantId, r.id);
    expect(run1.sent).toBe(1);
    // One row left 'sending' by the dead instance, long ago.
    await t.db.db.updateTable('reportDelivery').set({ state: 'sending', updatedAt: new Date(Date.now() - 3600_000) }).where('reportId', '=', r.id).where('state', '=', 'pending').execute();
    const a = createReportService(t.db.db, { mail: real, concurrency: 1 });
    const b = createReportService(t.db.db, { mail: real, concurrency: 1 });
    await Promise.all([a.resume(), b.resume(), a.deliver(tenantId, r.id), b.deliver(tenantId, r.id)]);
    const rows = await t.db.db.selectFrom('reportDelivery').select(['id', 'state']).where('reportId', '=', r.id).execute();
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.every((x) => x.state === 'sent')).toBe(true);
    const subject = `Voortgangsrapport aan het college: ${r.periodStart} – ${r.periodEnd}`;
    const mails = await t.db.db.selectFrom('outboxMessage').select('id').where('kind', '=', 'report').where('subject', '=', subject).execute();
    expect(mails.length).toBe(rows.length);
  });
});

describe('reports through Graph', () => {
  const MAILBOX = 'kansrijk@beekvliet.example';
  let standIn: GraphStandIn;
  let t: TestApp;
  let trajectoryId: string;
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
    trajectoryId = await trajectoryOf(t);
    await setSchedule(t, trajectoryId);
  });
  afterAll(async () => {
    await t.close();
    await standIn.close();
  });

  test('the approved report goes out by Graph with both attachments, once per recipient, through 429s, a lost answer and a restart', async () => {
    const r = (await t.call('coordinator', 'POST', `/api/v1/trajectories/${trajectoryId}/reports`, period)).json<ReportDetail>();
    await t.call('coordinator', 'POST', `/api/v1/reports/${r.id}/submit`, {});
    standIn.reset();
    standIn.failNext(/^POST \/users\/[^/]+\/messages$/, 3, 429, 1);
    standIn.failAfterProcessing(/^POST \/users\/[^/]+\/messages\/[^/]+\/send$/, 1, 503, 1);
    expect((await t.call('chair', 'POST', `/api/v1/reports/${r.id}/approve`, {})).statusCode).toBe(200);
    await t.services.reports.idle();
    // A new instance after a restart finishes what is left.
    const restarted = createReportService(t.db.db, { mail: meetingTransports(t.config, t.db.db).mail });
    await restarted.resume();
    const rows = await t.db.db.selectFrom('reportDelivery').select(['address', 'state', 'transport']).where('reportId', '=', r.id).execute();
    expect(rows.every((x) => x.state === 'sent' && x.transport === 'graph')).toBe(true);
    const expected = [...new Set([...(await aldermenAddresses(t, trajectoryId)), SECRETARY])].sort();
    expect(rows.map((x) => x.address).sort()).toEqual(expected);
    const mine = standIn.sent.filter((s) => s.message.subject?.startsWith('Voortgangsrapport aan het college'));
    expect(mine.flatMap((s) => (s.message.toRecipients ?? []).map((x) => x.emailAddress?.address?.toLowerCase())).sort()).toEqual(expected);
    for (const s of mine) {
      expect(s.mailbox).toBe(MAILBOX);
      expect(s.attachments.map((a) => a.name).sort()).toEqual([expect.stringMatching(/\.docx$/), expect.stringMatching(/\.pdf$/)]);
    }
    expect(standIn.violations).toEqual([]);
  });
});
