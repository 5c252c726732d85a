import pg from 'pg';
import { sql } from 'kysely';
import { loadConfig } from '../src/config/config';
import { connectDatabase, withDatabase, type Db } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { createGraphClient } from '../src/graph/graph-client';
import { appTokenProvider } from '../src/graph/graph-credentials';
import { createGraphMailSender } from '../src/graph/graph-mail-sender';
import { createMeetingViews } from '../bot/services/meeting-views';
import { createActionService } from '../src/actions/action-service';
import { createMeetingDelivery } from '../src/meetings/meeting-delivery';
import { createMeetingService } from '../src/meetings/meeting-service';
import { chartsReady } from '../src/reports/report-chart';
import { domainProgress } from '../src/meetings/meeting-repository';
import { demoTenants, demoUsers } from '../src/seed/demo-ids';
import { seedDemo } from '../src/seed/demo-seed';
import { startGraphStandIn } from './graph-stand-in';
import { generateLargePlan } from './large-plan';
import { buildSnapshot } from '../src/reports/report-snapshot';
import { reportDocument } from '../src/reports/report-document';
import { renderDocx } from '../src/documents/docx-renderer';
import { renderPdf } from '../src/documents/pdf-renderer';

/*
 * Issue 9's figures. (1) The steering group's agenda for a 10-domain, 2,500-action plan: the
 * progress per domain read from the plan, and the agenda card built from it. (2) Approved minutes to 40 recipients through the Graph stand-in with
 * Graph's mailbox limit (4 concurrent requests per mailbox) and a fixed latency per request:
 * the time against the fastest those limits allow, then again through a 429 storm; duplicates
 * and losses must be 0.
 */
const MAILBOX = 'kansrijk@bench.example';
const LATENCY_MS = Number(process.env.BENCH_GRAPH_LATENCY_MS ?? 25);
const RECIPIENTS = 40;

async function freshDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  return withDatabase(adminUrl, name);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function agendaFigures(db: Db, tenantId: string, trajectoryId: string): Promise<Record<string, number>> {
  const progressTimes: number[] = [];
  let progress: Awaited<ReturnType<typeof domainProgress>> = [];
  for (let i = 0; i < 15; i += 1) {
    const t0 = performance.now();
    progress = await domainProgress(db, tenantId, trajectoryId, new Date(Date.now() - 90 * 86_400_000));
    progressTimes.push(performance.now() - t0);
  }
  const figures: Record<string, number> = { 'agenda: domains': progress.length, 'agenda: progress read, ms (median)': median(progressTimes) };
  // The card as the bot posts it in the steering group's channel: one item per domain with its
  // work group's progress, for a meeting a week from now.
  const steering = await db.selectFrom('body').select('id').where('tenantId', '=', tenantId).where('trajectoryId', '=', trajectoryId).where('kind', '=', 'steering_group').executeTakeFirstOrThrow();
  const meeting = await db
    .insertInto('meeting')
    .values({ tenantId, trajectoryId, bodyId: steering.id, title: 'Stuurgroep (bench)', startsAt: new Date(Date.now() + 7 * 86_400_000), endsAt: new Date(Date.now() + 7 * 86_400_000 + 7200_000) })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const d of progress) {
    await db.insertInto('agendaItem').values({ tenantId, meetingId: meeting.id, trajectoryId, position: progress.indexOf(d), title: `Voortgang ${d.name}`, domainId: d.domainId }).execute();
  }
  const views = createMeetingViews(db, createMeetingService(db, { actions: createActionService(db) }));
  const cardTimes: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 15; i += 1) {
    const t0 = performance.now();
    const card = await views.postedAgendaCard(tenantId, meeting.id, 'nl');
    cardTimes.push(performance.now() - t0);
    bytes = Buffer.byteLength(JSON.stringify(card));
  }
  figures['agenda: card built (read + build), ms (median)'] = median(cardTimes);
  figures['agenda: card size, bytes (limit 28,672)'] = bytes;
  return figures;
}

async function minutesMeeting(db: Db, tenantId: string, trajectoryId: string): Promise<string> {
  const body = await db.insertInto('body').values({ tenantId, trajectoryId, kind: 'steering_group', name: 'Stuurgroep (bench)' }).returning('id').executeTakeFirstOrThrow();
  const people = await sql<{ id: string }>`
    insert into person (tenant_id, display_name, email, home_trajectory_id)
    select ${tenantId}, 'Ontvanger ' || n, 'ontvanger' || n || '-' || ${body.id} || '@bench.example', ${trajectoryId}::uuid
    from generate_series(1, ${RECIPIENTS}) n returning id`.execute(db);
  await db.insertInto('membership').values(people.rows.map((p) => ({ tenantId, bodyId: body.id, personId: p.id, role: 'member' }))).execute();
  const meeting = await db
    .insertInto('meeting')
    .values({ tenantId, trajectoryId, bodyId: body.id, title: 'Stuurgroep bench', startsAt: new Date(Date.now() - 7200_000), endsAt: new Date(Date.now() - 3600_000), state: 'minutes_approved', minutesApprovedAt: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`insert into meeting_attendee (tenant_id, meeting_id, person_id) select ${tenantId}, ${meeting.id}::uuid, id from person where tenant_id = ${tenantId} and email like ${`%-${body.id}@bench.example`}`.execute(db);
  return meeting.id;
}

/** Issue 10: the college report of the 2,500-action plan: snapshot, .docx and .pdf, and their sizes. */
async function reportFigures(db: Db, tenantId: string, trajectoryId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  const s0 = performance.now();
  const snapshot = await buildSnapshot(db, { tenantId, trajectoryId, periodStart: `${today.slice(0, 4)}-01-01`, periodEnd: today, collegeDate: null, locale: 'nl-BE', today, now, reportId: null });
  out['report: snapshot generated (2,500 actions), ms'] = performance.now() - s0;
  out['report: snapshot size, bytes'] = Buffer.byteLength(JSON.stringify(snapshot));
  await chartsReady();
  const model = reportDocument({ snapshot, summary: 'Bench.', decisionsRequested: '', budgetRequests: '', state: 'approved', approvedAt: now.toISOString(), approvedByName: 'Bench' });
  const d0 = performance.now();
  const docx = await renderDocx(model);
  out['report: .docx rendered (incl. charts), ms'] = performance.now() - d0;
  out['report: .docx size, bytes'] = docx.length;
  const p0 = performance.now();
  const pdf = await renderPdf(model);
  out['report: .pdf rendered, ms'] = performance.now() - p0;
  out['report: .pdf size, bytes'] = pdf.length;
  return out;
}

export async function runMeetingBenchmarks(options: { adminUrl: string }): Promise<Record<string, number>> {
  const url = await freshDatabase(options.adminUrl, 'kansrijk_bench_meetings');
  const handle = connectDatabase(url, 8);
  const db = handle.db;
  const standIn = await startGraphStandIn({ latencyMs: LATENCY_MS, throttleRetryAfterSeconds: 1 });
  try {
    await migrateToLatest(db);
    await seedDemo(db);
    const tenantId = demoTenants.beekvliet.id;
    const people = await db.selectFrom('person').select(['id', 'entraObjectId']).where('tenantId', '=', tenantId).execute();
    const coordinator = people.find((p) => p.entraObjectId === demoUsers.coordinator)!;
    const plan = await generateLargePlan(db, tenantId, people.map((p) => p.id), coordinator.id);
    const figures = await agendaFigures(db, tenantId, plan.trajectoryId);
    Object.assign(figures, await reportFigures(db, tenantId, plan.trajectoryId));

    const config = loadConfig({
      GRAPH_TENANT_ID: '9b9b9b9b-1111-4222-8333-444444444444',
      GRAPH_CLIENT_ID: '5c5c5c5c-1111-4222-8333-444444444444',
      GRAPH_CLIENT_SECRET: 'stand-in-secret',
      GRAPH_MAIL_SENDER: MAILBOX,
      GRAPH_BASE_URL: standIn.baseUrl,
      ENTRA_AUTHORITY: standIn.authority,
    });
    const client = createGraphClient({ baseUrl: standIn.baseUrl, tokenProvider: appTokenProvider(config), timeoutMs: 15_000 });
    const delivery = createMeetingDelivery({ db, mail: createGraphMailSender(client, MAILBOX), log: () => undefined, staleAfterSeconds: 1 });
    const run = async (label: string, storm: boolean) => {
      const meetingId = await minutesMeeting(db, tenantId, plan.trajectoryId);
      standIn.reset();
      const STORM = 20;
      if (storm) standIn.failNext(/^POST \/users\/[^/]+\/messages(\/[^/]+\/(attachments|send))?$/, STORM, 429, 1);
      const r0 = performance.now();
      await delivery.minutesFiles(tenantId, meetingId);
      figures[`${label}: minutes .docx + .pdf rendered, ms`] = performance.now() - r0;
      const t0 = performance.now();
      let rounds = 0;
      // The resume loop of a running server: again until nobody is left.
      while ((await db.selectFrom('meeting').select('state').where('id', '=', meetingId).executeTakeFirstOrThrow()).state !== 'distributed' && rounds < 20) {
        await delivery.deliverMinutes(tenantId, meetingId);
        rounds += 1;
      }
      const ms = performance.now() - t0;
      const mine = standIn.sent.filter((s) => s.message.subject === 'Verslag: Stuurgroep bench');
      const addresses = mine.flatMap((s) => (s.message.toRecipients ?? []).map((r) => r.emailAddress?.address ?? ''));
      const rows = await db.selectFrom('minutesDelivery').select(['address', 'state']).where('meetingId', '=', meetingId).execute();
      const graphRequests = standIn.requests.filter((r) => r.path.startsWith('/users/')).filter((r) => r.status < 400).length;
      // Each mail needs its draft, two attachments and the send, LATENCY_MS each, at most 4 in
      // flight per mailbox; a throttled answer costs a slot too, and its mail cannot go on
      // before the Retry-After (1 s): nothing can finish sooner than this.
      const slots = ((RECIPIENTS * 4 + (storm ? STORM : 0)) * LATENCY_MS) / 4;
      const fastest = storm ? Math.max(slots, 1000 + 4 * LATENCY_MS) : slots;
      figures[`${label}: recipients`] = rows.length;
      figures[`${label}: time, ms`] = ms;
      figures[`${label}: fastest the limits allow, ms`] = fastest;
      figures[`${label}: ratio to the fastest`] = fastest / ms;
      figures[`${label}: successful Graph requests`] = graphRequests;
      figures[`${label}: duplicates`] = addresses.length - new Set(addresses).size;
      figures[`${label}: losses`] = rows.filter((r) => !addresses.includes(r.address)).length;
      figures[`${label}: mailbox limit violations`] = standIn.violations.length;
      figures[`${label}: peak concurrency`] = standIn.peakConcurrency(MAILBOX);
    };
    await run('minutes to 40', false);
    await run('minutes to 40, 429 storm', true);
    return figures;
  } finally {
    await standIn.close();
    await handle.close();
  }
}
