import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { assertCan, assertRead, loadAccess, type TrajectoryAccess } from '../auth/access';
import type { Principal } from '../auth/principal';
import { actorOf, auditCreate, auditDelete, auditUpdate } from '../audit/audit';
import type { Db } from '../db/database';
import { conflict, forbidden, invalid, notFound } from '../shared/errors';
import { shortText, uuid } from '../shared/schemas';
import { brusselsDate } from '../shared/time';
import {
  checkAnswers,
  MIN_GROUP_SIZE,
  questionnaireKinds,
  questionnaireStates,
  questionOutput,
  questionsInput,
  questionText,
  questionTypes,
  withIds,
  answersInput,
  type AnswerValue,
  type Question,
} from './questionnaire-model';
import {
  countOpenLinks,
  countParticipations,
  deleteQuestionnaire,
  findActionScope,
  findLink,
  findLinkForUpdate,
  findParentInTrajectory,
  findQuestionnaire,
  hasParticipated,
  insertLinks,
  insertParticipation,
  insertQuestionnaire,
  insertResponse,
  listQuestionnaires,
  listResponses,
  lockQuestionnaire,
  markLinkUsed,
  updateQuestionnaire,
  type QuestionnaireRow,
} from './questionnaire-repository';
import { questionnaireTemplates } from './questionnaire-templates';

const optionalText = (max: number) => z.string().trim().max(max, `at most ${max} characters`).optional();

/** Without questions (and title), the kind's template is the start: the work group adapts it. */
export const questionnaireInput = z
  .object({
    kind: z.enum(questionnaireKinds),
    titleNl: shortText(200).optional(),
    titleEn: optionalText(200),
    introNl: optionalText(1000),
    introEn: optionalText(1000),
    questions: questionsInput.optional(),
  })
  .strict();

export const questionnairePatch = z
  .object({
    state: z.enum(questionnaireStates).optional(),
    titleNl: shortText(200).optional(),
    titleEn: optionalText(200),
    introNl: optionalText(1000),
    introEn: optionalText(1000),
    questions: questionsInput.optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'give at least one field to change' });

export const questionnaireOutput = z.object({
  id: uuid,
  trajectoryId: uuid,
  actionId: uuid,
  domainId: uuid,
  kind: z.enum(questionnaireKinds),
  state: z.enum(questionnaireStates),
  titleNl: z.string(),
  titleEn: z.string(),
  introNl: z.string(),
  introEn: z.string(),
  questions: z.array(questionOutput),
  answerCount: z.int(),
  /** Whether the caller has answered already (each person answers once). */
  answeredByMe: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type QuestionnaireOutput = z.infer<typeof questionnaireOutput>;

export const answerInput = z
  .object({
    answers: answersInput,
    /** A parent without an account, for whom their trusted person (or the coordinator) enters the answers. */
    onBehalfOf: uuid.optional(),
  })
  .strict();

export const answerOutput = z.object({ questionnaireId: uuid, channel: z.enum(['member', 'trusted_person']), answerCount: z.int() });

export const linksInput = z
  .object({
    count: z.int().min(1, 'at least 1').max(50, 'at most 50 at once'),
    validDays: z.int().min(1, 'at least 1 day').max(60, 'at most 60 days').default(14),
  })
  .strict();

export const linksOutput = z.object({ expiresAt: z.string(), links: z.array(z.object({ url: z.string(), token: z.string() })) });

export const resultsOutput = z.object({
  results: z.array(
    z.object({
      questionnaireId: uuid,
      actionId: uuid,
      domainId: uuid,
      kind: z.enum(questionnaireKinds),
      title: z.string(),
      answerCount: z.int(),
      questions: z.array(
        z.object({
          id: z.string(),
          type: z.enum(questionTypes),
          text: z.string(),
          average: z.number().nullable(),
          distribution: z.record(z.string(), z.int()).nullable(),
        }),
      ),
    }),
  ),
});
export type ResultsOutput = z.infer<typeof resultsOutput>;

export const responsesOutput = z.object({
  questionnaireId: uuid,
  answerCount: z.int(),
  /** How many took part directly and how many through their trusted person (not who). */
  participation: z.object({ direct: z.int(), indirect: z.int(), link: z.int() }),
  responses: z.array(z.object({ id: uuid, channel: z.enum(['member', 'trusted_person', 'link']), submittedOn: z.string(), answers: z.record(z.string(), z.union([z.number(), z.string()])) })),
});

/** Most links a questionnaire may have open at once: a bound on what one issuer can stuff. */
export const MAX_OPEN_LINKS = 500;
const TOKEN_BYTES = 16;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** 128 random bits, URL-safe: too many to guess, and only the hash is stored. */
export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

export function isTokenShape(token: string): boolean {
  return /^[A-Za-z0-9_-]{22}$/.test(token);
}

function toOutput(row: QuestionnaireRow, answeredByMe: boolean): QuestionnaireOutput {
  return {
    id: row.id,
    trajectoryId: row.trajectoryId,
    actionId: row.actionId,
    domainId: row.domainId,
    kind: row.kind as QuestionnaireOutput['kind'],
    state: row.state as QuestionnaireOutput['state'],
    titleNl: row.titleNl,
    titleEn: row.titleEn,
    introNl: row.introNl,
    introEn: row.introEn,
    questions: row.questions,
    answerCount: row.answerCount,
    answeredByMe,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the aggregation may show: counts always, a breakdown only from MIN_GROUP_SIZE answers. */
export function aggregate(questions: Question[], answers: Record<string, AnswerValue>[], lang: 'nl' | 'en') {
  const enough = answers.length >= MIN_GROUP_SIZE;
  return questions.map((q) => {
    const given = answers.map((a) => a[q.id]).filter((v) => v !== undefined);
    let average: number | null = null;
    let distribution: Record<string, number> | null = null;
    if (q.type === 'scale') {
      const numbers = given.filter((v): v is number => typeof v === 'number');
      if (enough && numbers.length > 0) average = Math.round((numbers.reduce((s, n) => s + n, 0) / numbers.length) * 100) / 100;
      if (enough) distribution = Object.fromEntries([1, 2, 3, 4, 5].map((n) => [String(n), numbers.filter((v) => v === n).length]));
    } else if (q.type === 'choice' && enough) {
      distribution = Object.fromEntries(q.options.map((o) => [o.id, given.filter((v) => v === o.id).length]));
    }
    // Open answers are never aggregated here: their text can identify someone; the coordinator reads them.
    return { id: q.id, type: q.type, text: questionText(q, lang), average, distribution };
  });
}

export type LinkState =
  | { state: 'open'; questionnaire: QuestionnaireRow }
  | { state: 'unknown' | 'expired' | 'used' | 'closed' | 'other' };

export function createQuestionnaireService(db: Db, options: { now?: () => Date; publicUrl?: string } = {}) {
  const now = options.now ?? (() => new Date());

  async function load(principal: Principal, id: string, tx: Db = db) {
    const row = await findQuestionnaire(tx, principal.tenantId, id);
    if (!row) throw notFound(`questionnaire ${id}`);
    const access = await loadAccess(tx, principal, row.trajectoryId);
    assertRead(access, `questionnaire ${id}`);
    return { row, access };
  }

  async function answered(access: TrajectoryAccess, row: QuestionnaireRow, tx: Db = db): Promise<boolean> {
    return access.personId ? hasParticipated(tx, access.principal.tenantId, row.id, access.personId) : false;
  }

  function assertEdit(access: TrajectoryAccess, row: { domainId: string }): void {
    assertCan(access, 'domain.edit', { domainId: row.domainId });
  }

  return {
    async listOfAction(principal: Principal, actionId: string): Promise<QuestionnaireOutput[]> {
      const action = await findActionScope(db, principal.tenantId, actionId);
      if (!action) throw notFound(`action ${actionId}`);
      const access = await loadAccess(db, principal, action.trajectoryId);
      assertRead(access, `action ${actionId}`);
      const rows = await listQuestionnaires(db, principal.tenantId, action.trajectoryId, { actionId });
      return Promise.all(rows.map(async (r) => toOutput(r, await answered(access, r))));
    },

    async listOfTrajectory(principal: Principal, trajectoryId: string): Promise<QuestionnaireOutput[]> {
      const access = await loadAccess(db, principal, trajectoryId);
      assertRead(access);
      const rows = await listQuestionnaires(db, principal.tenantId, trajectoryId, {});
      return Promise.all(rows.map(async (r) => toOutput(r, await answered(access, r))));
    },

    async get(principal: Principal, id: string): Promise<QuestionnaireOutput> {
      const { row, access } = await load(principal, id);
      return toOutput(row, await answered(access, row));
    },

    async create(principal: Principal, actionId: string, input: z.output<typeof questionnaireInput>): Promise<QuestionnaireOutput> {
      const action = await findActionScope(db, principal.tenantId, actionId);
      if (!action) throw notFound(`action ${actionId}`);
      const access = await loadAccess(db, principal, action.trajectoryId);
      assertRead(access, `action ${actionId}`);
      assertEdit(access, action);
      const template = questionnaireTemplates[input.kind];
      const fromTemplate = !input.questions;
      const values = {
        kind: input.kind,
        titleNl: input.titleNl ?? template.titleNl,
        titleEn: input.titleEn ?? (input.titleNl ? '' : template.titleEn),
        introNl: input.introNl ?? (fromTemplate ? template.introNl : ''),
        introEn: input.introEn ?? (fromTemplate ? template.introEn : ''),
        questions: withIds(input.questions ?? template.questions),
      };
      return db.transaction().execute(async (trx) => {
        const { id } = await insertQuestionnaire(trx, principal.tenantId, action.trajectoryId, actionId, values);
        const row = (await findQuestionnaire(trx, principal.tenantId, id))!;
        await auditCreate(trx, actorOf(access), action.trajectoryId, 'questionnaire', { id, actionId, ...values });
        return toOutput(row, false);
      });
    },

    async update(principal: Principal, id: string, patch: z.output<typeof questionnairePatch>): Promise<QuestionnaireOutput> {
      return db.transaction().execute(async (trx) => {
        await lockQuestionnaire(trx, principal.tenantId, id);
        const { row, access } = await load(principal, id, trx);
        assertEdit(access, row);
        const { questions: questionInput, ...rest } = patch;
        const questions = questionInput ? withIds(questionInput) : undefined;
        const changed = Object.fromEntries(
          Object.entries({ ...rest, ...(questions ? { questions } : {}) }).filter(([k, v]) => v !== undefined && JSON.stringify(v) !== JSON.stringify((row as unknown as Record<string, unknown>)[k])),
        );
        if (Object.keys(changed).length === 0) return toOutput(row, await answered(access, row, trx));
        // Answers refer to questions by position: changing them afterwards would mix two questionnaires.
        if (changed.questions && row.answerCount > 0) throw conflict('This questionnaire has answers; its questions can no longer change. Start a new questionnaire instead.');
        await updateQuestionnaire(trx, principal.tenantId, id, changed);
        const after = (await findQuestionnaire(trx, principal.tenantId, id))!;
        await auditUpdate(trx, actorOf(access), row.trajectoryId, 'questionnaire', { ...row, answerCount: undefined }, { ...after, answerCount: undefined });
        return toOutput(after, await answered(access, after, trx));
      });
    },

    async remove(principal: Principal, id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await lockQuestionnaire(trx, principal.tenantId, id);
        const { row, access } = await load(principal, id, trx);
        assertEdit(access, row);
        await deleteQuestionnaire(trx, principal.tenantId, id);
        await auditDelete(trx, actorOf(access), row.trajectoryId, 'questionnaire', { id, actionId: row.actionId, kind: row.kind, titleNl: row.titleNl, answerCount: row.answerCount });
      });
    },

    /**
     * A member answers for themself, or a parent's trusted person (or the coordinator) enters a
     * parent's answers: indirect participation. Who took part and what was answered are written
     * to separate rows that share no id; the audit log records the participation only.
     */
    async answer(principal: Principal, id: string, input: z.output<typeof answerInput>): Promise<z.infer<typeof answerOutput>> {
      return db.transaction().execute(async (trx) => {
        await lockQuestionnaire(trx, principal.tenantId, id);
        const { row, access } = await load(principal, id, trx);
        if (access.closed) throw forbidden('This policy period is closed and stays as it was');
        // A person record alone is tenant-wide (an administrator who started another trajectory has
        // one): answering takes a role in this trajectory.
        const takesPart = [...access.roles].some((role) => role !== 'admin');
        if (!access.personId || !takesPart) throw forbidden('Only people who take part in the trajectory answer questionnaires');
        let personId = access.personId;
        let indirect = false;
        if (input.onBehalfOf && input.onBehalfOf !== access.personId) {
          const parent = await findParentInTrajectory(trx, principal.tenantId, row.trajectoryId, input.onBehalfOf);
          if (!parent) throw invalid([{ path: 'body.onBehalfOf', message: 'no such parent in this trajectory' }]);
          // Exactly who may see the parent's contact details: the coordinator and their own trusted person.
          assertCan(access, 'contact.read', { trustedPersonId: parent.trustedPersonId });
          personId = parent.id;
          indirect = true;
        }
        if (row.state !== 'open') throw conflict('This questionnaire is closed');
        const { answers, problems } = checkAnswers(row.questions, input.answers, 'body.answers');
        if (problems.length) throw invalid(problems);
        const today = brusselsDate(now());
        const participation = await insertParticipation(trx, {
          tenantId: principal.tenantId,
          trajectoryId: row.trajectoryId,
          questionnaireId: id,
          personId,
          indirect,
          recordedByPersonId: indirect ? access.personId : null,
          recordedOn: today,
        });
        if (!participation) throw conflict(indirect ? 'This parent has answered this questionnaire already' : 'You have answered this questionnaire already');
        const channel = indirect ? 'trusted_person' : 'member';
        await insertResponse(trx, { tenantId: principal.tenantId, trajectoryId: row.trajectoryId, questionnaireId: id, channel, answers, submittedOn: today });
        await auditCreate(trx, actorOf(access), row.trajectoryId, 'questionnaire_participation', { id: participation.id, questionnaireId: id, personId, indirect });
        return { questionnaireId: id, channel, answerCount: row.answerCount + 1 };
      });
    },

    /** The coordinator's view of single answers: never with a name, since none is stored with them. */
    async responses(principal: Principal, id: string): Promise<z.infer<typeof responsesOutput>> {
      const { row, access } = await load(principal, id);
      assertCan(access, 'questionnaire.answers_read');
      const [list, counts] = await Promise.all([listResponses(db, principal.tenantId, [id]), countParticipations(db, principal.tenantId, id)]);
      return {
        questionnaireId: id,
        answerCount: row.answerCount,
        participation: { ...counts, link: list.filter((r) => r.channel === 'link').length },
        responses: list.map((r) => ({ id: r.id, channel: r.channel as 'member', submittedOn: r.submittedOn, answers: r.answers })),
      };
    },

    async createLinks(principal: Principal, id: string, input: z.output<typeof linksInput>): Promise<z.infer<typeof linksOutput>> {
      return db.transaction().execute(async (trx) => {
        await lockQuestionnaire(trx, principal.tenantId, id);
        const { row, access } = await load(principal, id, trx);
        assertCan(access, 'questionnaire.invite');
        if (row.state !== 'open') throw conflict('This questionnaire is closed');
        const at = now();
        if ((await countOpenLinks(trx, principal.tenantId, id, at)) + input.count > MAX_OPEN_LINKS) {
          throw invalid([{ path: 'body.count', message: `at most ${MAX_OPEN_LINKS} unused links may be open at once` }]);
        }
        const expiresAt = new Date(at.getTime() + input.validDays * 86_400_000);
        const tokens = Array.from({ length: input.count }, newToken);
        await insertLinks(trx, tokens.map((token) => ({ tenantId: principal.tenantId, trajectoryId: row.trajectoryId, questionnaireId: id, tokenHash: hashToken(token), expiresAt })));
        // The log says how many links and until when, never the tokens.
        await auditCreate(trx, actorOf(access), row.trajectoryId, 'questionnaire_links', { id, count: input.count, expiresAt: expiresAt.toISOString() });
        const base = (options.publicUrl ?? '').replace(/\/$/, '');
        return { expiresAt: expiresAt.toISOString(), links: tokens.map((token) => ({ token, url: `${base}/q/${token}` })) };
      });
    },

    async results(principal: Principal, trajectoryId: string, filter: { actionId?: string; domainId?: string }, lang: 'nl' | 'en'): Promise<ResultsOutput> {
      const access = await loadAccess(db, principal, trajectoryId);
      assertRead(access);
      const rows = await listQuestionnaires(db, principal.tenantId, trajectoryId, filter);
      const responses = await listResponses(db, principal.tenantId, rows.map((r) => r.id));
      return {
        results: rows.map((r) => {
          const answers = responses.filter((x) => x.questionnaireId === r.id).map((x) => x.answers);
          return {
            questionnaireId: r.id,
            actionId: r.actionId,
            domainId: r.domainId,
            kind: r.kind as 'result',
            title: lang === 'en' && r.titleEn ? r.titleEn : r.titleNl,
            answerCount: answers.length,
            questions: aggregate(r.questions, answers, lang),
          };
        }),
      };
    },

    /** What a one-time link opens, without taking it: for showing the form. */
    async linkState(token: string, questionnaireId?: string): Promise<LinkState> {
      if (!isTokenShape(token)) return { state: 'unknown' };
      const link = await findLink(db, hashToken(token));
      return stateOf(db, link, questionnaireId);
    },

    /** Takes the link and stores the answers in one transaction: used once, or not at all. */
    async answerByLink(token: string, questionnaireId: string, raw: Record<string, unknown>): Promise<{ state: LinkState['state'] | 'saved' | 'invalid'; problems?: { path: string; message: string }[]; questionnaire?: QuestionnaireRow }> {
      if (!isTokenShape(token)) return { state: 'unknown' };
      return db.transaction().execute(async (trx) => {
        const link = await findLinkForUpdate(trx, hashToken(token));
        const state = await stateOf(trx, link, questionnaireId);
        if (state.state !== 'open' || !link) return { state: state.state };
        const { answers, problems } = checkAnswers(state.questionnaire.questions, raw, 'answers');
        if (problems.length) return { state: 'invalid', problems, questionnaire: state.questionnaire };
        await markLinkUsed(trx, link.tenantId, link.id);
        await insertResponse(trx, { tenantId: link.tenantId, trajectoryId: link.trajectoryId, questionnaireId: link.questionnaireId, channel: 'link', answers, submittedOn: brusselsDate(now()) });
        return { state: 'saved', questionnaire: state.questionnaire };
      });
    },
  };

  async function stateOf(tx: Db, link: Awaited<ReturnType<typeof findLink>>, questionnaireId?: string): Promise<LinkState> {
    if (!link) return { state: 'unknown' };
    if (questionnaireId !== undefined && link.questionnaireId !== questionnaireId) return { state: 'other' };
    if (link.used) return { state: 'used' };
    if (link.expiresAt.getTime() <= now().getTime()) return { state: 'expired' };
    const questionnaire = await findQuestionnaire(tx, link.tenantId, link.questionnaireId);
    if (!questionnaire || questionnaire.state !== 'open') return { state: 'closed' };
    return { state: 'open', questionnaire };
  }
}

export type QuestionnaireService = ReturnType<typeof createQuestionnaireService>;
