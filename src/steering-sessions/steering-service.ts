import { z } from 'zod';
import { assertCan, assertRead, loadAccess, type TrajectoryAccess } from '../auth/access';
import type { Principal } from '../auth/principal';
import { actorOf, auditCreate, auditUpdate, type AuditActor } from '../audit/audit';
import type { Db } from '../db/database';
import { nextSendWindow } from '../follow-ups/calendar';
import { systemClock, type Clock } from '../follow-ups/clock';
import { insertOccasions } from '../follow-ups/follow-up-repository';
import { priorities } from '../follow-ups/planner';
import { forbidden, invalid, notFound } from '../shared/errors';
import { dateOnly, uuid } from '../shared/schemas';
import { checkVision } from '../shared/vision-check';
import { findTrajectory } from '../trajectories/trajectory-repository';
import {
  findHomeworkAnswer,
  findSteeringMeeting,
  findTrajectoryName,
  isSteeringMember,
  listSessions,
  listSteeringMeetings,
  listSteeringMembers,
  lockSession,
  updateSession,
  upsertHomeworkAnswer,
  type SteeringMemberRow,
} from './steering-repository';
import { agendaKinds, MAX_ANSWER_LENGTH, sessionTemplates, templateOf, type SessionNumber } from './steering-templates';

export const sessionNumberParam = z.object({
  id: uuid,
  number: z.enum(['1', '2', '3'], { message: 'must be 1, 2 or 3' }).transform((n) => Number(n) as SessionNumber),
});

export const sessionPatch = z
  .object({
    heldOn: dateOnly.nullable().optional(),
    meetingId: uuid.nullable().optional(),
    answers: z
      .record(z.string().max(60, 'at most 60 characters'), z.string().max(MAX_ANSWER_LENGTH, `at most ${MAX_ANSWER_LENGTH} characters`))
      .optional()
      .describe('answers by prompt code; an empty text clears one, prompts not named stay as they are'),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'give at least one field to change' });

const meetingOutput = z.object({ id: uuid, title: z.string(), startsAt: z.string(), state: z.string() });

export const sessionOutput = z.object({
  number: z.int(),
  theme: z.string(),
  agenda: z.array(z.object({ code: z.string(), kind: z.enum(agendaKinds), minutes: z.int() })),
  prompts: z.array(z.object({ code: z.string(), maxLength: z.int() })),
  stored: z.boolean().describe('false: nothing recorded yet (the session reads as empty)'),
  heldOn: z.string().nullable(),
  meeting: meetingOutput.nullable(),
  answers: z.record(z.string(), z.string()),
  updatedAt: z.string().nullable(),
});

const visionCheckOutput = z.object({
  chosen: z.array(z.string()),
  named: z.array(z.string()),
  missing: z.array(z.string()),
  required: z.int().describe('how many of the chosen criteria the vision must name: 3, or all when fewer are chosen'),
  ok: z.boolean(),
});

export const sessionsOutput = z.object({
  trajectoryId: uuid,
  sessions: z.array(sessionOutput),
  steeringMeetings: z.array(meetingOutput),
  mission: z.string(),
  vision: z.string(),
  qualityCriteria: z.array(z.string()),
  visionCheck: visionCheckOutput,
  homework: z.object({ members: z.int(), sent: z.int(), answered: z.int() }).describe('counts only; the answers themselves: GET …/steering-sessions/homework'),
});

const memberRef = z.object({ personId: uuid, displayName: z.string() });

export const homeworkOutput = z.object({
  members: z.array(
    memberRef.extend({
      roles: z.array(z.string()),
      teams: z.boolean().describe('has a sign-in, so the card can reach them in Teams'),
      trustedPersonName: z.string().nullable(),
      remindersOff: z.boolean(),
      card: z.object({ state: z.string(), sentAt: z.string().nullable() }).nullable(),
      answer: z.object({ caseText: z.string(), dreamText: z.string(), updatedAt: z.string() }).nullable(),
    }),
  ),
});

export const homeworkSendOutput = z.object({
  queued: z.array(memberRef).describe('new cards, sent with the next round of follow-ups (office hours, Teams’ rate limits)'),
  alreadyQueued: z.array(memberRef).describe('had the card already: never sent twice'),
  withoutTeams: z.array(memberRef.extend({ trustedPersonName: z.string().nullable() })).describe('no Teams account: hand the homework on yourself, to parents through their trusted person'),
  remindersOff: z.array(memberRef).describe('turned the bot’s messages off: ask them another way'),
  sendsFrom: z.string(),
});

export const homeworkAnswerInput = z.object({
  caseText: z.string().max(MAX_ANSWER_LENGTH, `at most ${MAX_ANSWER_LENGTH} characters`),
  dreamText: z.string().max(MAX_ANSWER_LENGTH, `at most ${MAX_ANSWER_LENGTH} characters`),
});

type SessionsOutput = z.input<typeof sessionsOutput>;
type SessionRow = Awaited<ReturnType<typeof listSessions>>[number];
type MeetingRow = Awaited<ReturnType<typeof listSteeringMeetings>>[number];

function presentMeeting(m: MeetingRow) {
  return { id: m.id, title: m.title, startsAt: m.startsAt.toISOString(), state: m.state };
}

function presentSession(number: SessionNumber, row: SessionRow | undefined, meetings: MeetingRow[]): z.input<typeof sessionOutput> {
  const template = templateOf(number);
  const meeting = row?.meetingId ? meetings.find((m) => m.id === row.meetingId) : undefined;
  return {
    number,
    theme: template.theme,
    agenda: template.agenda.map((a) => ({ ...a })),
    prompts: template.prompts.map((code) => ({ code, maxLength: MAX_ANSWER_LENGTH })),
    stored: Boolean(row),
    heldOn: row?.heldOn ?? null,
    meeting: meeting ? presentMeeting(meeting) : null,
    answers: row?.answers ?? {},
    updatedAt: row ? row.updatedAt.toISOString() : null,
  };
}

const ref = (m: SteeringMemberRow) => ({ personId: m.personId, displayName: m.displayName });

/** The audit says who answered and when, not what: the stories are about families' lives. */
function answerSnapshot(row: { id: string; personId: string; caseText: string; dreamText: string }) {
  return { id: row.id, personId: row.personId, caseLength: row.caseText.length, dreamLength: row.dreamText.length };
}

export function createSteeringService(db: Db, deps: { clock?: Clock } = {}) {
  const clock = deps.clock ?? systemClock;

  async function readable(principal: Principal, trajectoryId: string): Promise<TrajectoryAccess> {
    const access = await loadAccess(db, principal, trajectoryId);
    assertRead(access);
    return access;
  }

  async function homeworkAccess(principal: Principal, trajectoryId: string): Promise<{ access: TrajectoryAccess; personId: string }> {
    const access = await readable(principal, trajectoryId);
    const personId = access.personId;
    if (!personId || !(await isSteeringMember(db, principal.tenantId, trajectoryId, personId))) {
      throw forbidden('Only members of the steering group answer the homework');
    }
    return { access, personId };
  }

  return {
    async list(principal: Principal, trajectoryId: string): Promise<SessionsOutput> {
      await readable(principal, trajectoryId);
      const [trajectory, rows, meetings, members] = await Promise.all([
        findTrajectory(db, principal.tenantId, trajectoryId),
        listSessions(db, principal.tenantId, trajectoryId),
        listSteeringMeetings(db, principal.tenantId, trajectoryId),
        listSteeringMembers(db, principal.tenantId, trajectoryId),
      ]);
      if (!trajectory) throw notFound(`trajectory ${trajectoryId}`);
      return {
        trajectoryId,
        sessions: sessionTemplates.map((t) => presentSession(t.number, rows.find((r) => r.number === t.number), meetings)),
        steeringMeetings: meetings.map(presentMeeting),
        mission: trajectory.mission,
        vision: trajectory.vision,
        qualityCriteria: trajectory.qualityCriteria,
        visionCheck: checkVision(trajectory.vision, trajectory.qualityCriteria),
        homework: {
          members: members.length,
          sent: members.filter((m) => m.sentState === 'sent').length,
          answered: members.filter((m) => m.answeredAt).length,
        },
      };
    },

    async update(principal: Principal, trajectoryId: string, number: SessionNumber, input: z.output<typeof sessionPatch>): Promise<z.input<typeof sessionOutput>> {
      const access = await loadAccess(db, principal, trajectoryId);
      assertCan(access, 'trajectory.edit');
      const template = templateOf(number);
      const unknown = Object.keys(input.answers ?? {}).filter((code) => !template.prompts.includes(code));
      if (unknown.length) {
        throw invalid(unknown.map((code) => ({ path: `body.answers.${code}`, message: `not a prompt of session ${number} (known: ${template.prompts.join(', ')})` })));
      }
      const tenantId = principal.tenantId;
      if (input.meetingId && !(await findSteeringMeeting(db, tenantId, trajectoryId, input.meetingId))) {
        throw invalid([{ path: 'body.meetingId', message: "must be a meeting of this trajectory's steering group" }]);
      }
      const actor = actorOf(access);
      await db.transaction().execute(async (trx) => {
        const { row: before, created } = await lockSession(trx, tenantId, trajectoryId, number);
        const answers = { ...before.answers };
        for (const [code, text] of Object.entries(input.answers ?? {})) {
          if (text.trim()) answers[code] = text;
          else delete answers[code];
        }
        const values = {
          heldOn: input.heldOn === undefined ? before.heldOn : input.heldOn,
          meetingId: input.meetingId === undefined ? before.meetingId : input.meetingId,
          answers,
        };
        const same = values.heldOn === before.heldOn && values.meetingId === before.meetingId && JSON.stringify(answers) === JSON.stringify(before.answers);
        if (same && !created) return;
        const after = await updateSession(trx, tenantId, before.id, values);
        if (created) await auditCreate(trx, actor, trajectoryId, 'steering_session', after);
        else await auditUpdate(trx, actor, trajectoryId, 'steering_session', before, after);
      });
      const [rows, meetings] = await Promise.all([listSessions(db, tenantId, trajectoryId), listSteeringMeetings(db, tenantId, trajectoryId)]);
      return presentSession(number, rows.find((r) => r.number === number), meetings);
    },

    /** The members' homework and how it reached them: for the leads who prepare meeting 2. */
    async homework(principal: Principal, trajectoryId: string): Promise<z.input<typeof homeworkOutput>> {
      const access = await loadAccess(db, principal, trajectoryId);
      assertCan(access, 'trajectory.edit');
      const members = await listSteeringMembers(db, principal.tenantId, trajectoryId);
      return {
        members: members.map((m) => ({
          ...ref(m),
          roles: m.roles,
          teams: m.hasSignIn,
          trustedPersonName: m.trustedPersonName,
          remindersOff: m.reminders === 'off',
          card: m.sentState ? { state: m.sentState, sentAt: m.sentAt ? m.sentAt.toISOString() : null } : null,
          answer: m.answeredAt ? { caseText: m.caseText ?? '', dreamText: m.dreamText ?? '', updatedAt: m.answeredAt.toISOString() } : null,
        })),
      };
    },

    /**
     * Queues the homework card for every steering-group member with a Teams account, in the
     * follow-ups' sent log: the same dispatcher sends it (office hours, per-person caps, Teams'
     * rate limits), and the log's unique key sends it at most once per person.
     */
    async sendHomework(principal: Principal, trajectoryId: string): Promise<z.input<typeof homeworkSendOutput>> {
      const access = await loadAccess(db, principal, trajectoryId);
      assertCan(access, 'trajectory.edit');
      const members = await listSteeringMembers(db, principal.tenantId, trajectoryId);
      const withTeams = members.filter((m) => m.hasSignIn && m.reminders !== 'off');
      const fresh = withTeams.filter((m) => !m.sentState);
      const sendsFrom = nextSendWindow(clock.now());
      await db.transaction().execute(async (trx) => {
        await insertOccasions(
          trx,
          fresh.map((m) => ({
            tenantId: principal.tenantId,
            trajectoryId,
            personId: m.personId,
            subjectId: trajectoryId,
            actionId: null,
            meetingId: null,
            kind: 'homework' as const,
            occasion: 'homework',
            priority: priorities.homework,
          })),
          sendsFrom,
        );
        if (fresh.length) {
          await auditCreate(trx, actorOf(access), trajectoryId, 'steering_homework_round', {
            id: trajectoryId,
            recipients: fresh.map((m) => m.personId),
          });
        }
      });
      return {
        queued: fresh.map(ref),
        alreadyQueued: withTeams.filter((m) => m.sentState).map(ref),
        withoutTeams: members.filter((m) => !m.hasSignIn).map((m) => ({ ...ref(m), trustedPersonName: m.trustedPersonName })),
        remindersOff: members.filter((m) => m.hasSignIn && m.reminders === 'off').map(ref),
        sendsFrom: sendsFrom.toISOString(),
      };
    },

    /** What the card shows: the trajectory and the member's own answer so far. */
    async homeworkCardFacts(tenantId: string, trajectoryId: string, personId: string) {
      const [name, answer] = await Promise.all([findTrajectoryName(db, tenantId, trajectoryId), findHomeworkAnswer(db, tenantId, trajectoryId, personId)]);
      return name === undefined ? undefined : { trajectoryName: name, caseText: answer?.caseText ?? '', dreamText: answer?.dreamText ?? '' };
    },

    /** The caller's own homework so far; only a member of the trajectory's steering group has one. */
    async ownHomework(principal: Principal, trajectoryId: string) {
      const { personId } = await homeworkAccess(principal, trajectoryId);
      const [name, answer] = await Promise.all([findTrajectoryName(db, principal.tenantId, trajectoryId), findHomeworkAnswer(db, principal.tenantId, trajectoryId, personId)]);
      return { trajectoryName: name ?? '', caseText: answer?.caseText ?? '', dreamText: answer?.dreamText ?? '' };
    },

    /** A steering-group member answers from the card: only about themself, only in their own steering group. */
    async submitHomework(principal: Principal, trajectoryId: string, input: z.output<typeof homeworkAnswerInput>) {
      const { access, personId } = await homeworkAccess(principal, trajectoryId);
      const actor: AuditActor = actorOf(access);
      const trajectoryName = (await findTrajectoryName(db, principal.tenantId, trajectoryId)) ?? '';
      const saved = await db.transaction().execute(async (trx) => {
        const before = await findHomeworkAnswer(trx, principal.tenantId, trajectoryId, personId, true);
        if (before && before.caseText === input.caseText && before.dreamText === input.dreamText) return before;
        const after = await upsertHomeworkAnswer(trx, principal.tenantId, trajectoryId, personId, input);
        if (before) await auditUpdate(trx, actor, trajectoryId, 'steering_homework_answer', answerSnapshot(before), answerSnapshot(after));
        else await auditCreate(trx, actor, trajectoryId, 'steering_homework_answer', answerSnapshot(after));
        return after;
      });
      return { trajectoryName, caseText: saved.caseText, dreamText: saved.dreamText };
    },
  };
}

export type SteeringService = ReturnType<typeof createSteeringService>;
