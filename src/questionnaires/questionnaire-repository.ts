import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { AnswerValue, Question } from './questionnaire-model';

/** SQL of the questionnaires slice; every query filters by tenant, and by trajectory where it lists. */

const questionnaireColumns = [
  'questionnaire.id',
  'questionnaire.trajectoryId',
  'questionnaire.actionId',
  'questionnaire.kind',
  'questionnaire.state',
  'questionnaire.titleNl',
  'questionnaire.titleEn',
  'questionnaire.introNl',
  'questionnaire.introEn',
  'questionnaire.questions',
  'questionnaire.createdAt',
  'questionnaire.updatedAt',
] as const;

export interface QuestionnaireRow {
  id: string;
  trajectoryId: string;
  actionId: string;
  kind: string;
  state: string;
  titleNl: string;
  titleEn: string;
  introNl: string;
  introEn: string;
  questions: Question[];
  createdAt: Date;
  updatedAt: Date;
  domainId: string;
  ownerId: string | null;
  answerCount: number;
}

const answerCount = sql<number>`(select count(*)::int from questionnaire_response r where r.tenant_id = questionnaire.tenant_id and r.questionnaire_id = questionnaire.id)`;

function base(db: Db, tenantId: string) {
  return db
    .selectFrom('questionnaire')
    .innerJoin('action', (j) => j.onRef('action.tenantId', '=', 'questionnaire.tenantId').onRef('action.id', '=', 'questionnaire.actionId'))
    .select([...questionnaireColumns, 'action.domainId', 'action.ownerId', answerCount.as('answerCount')])
    .where('questionnaire.tenantId', '=', tenantId);
}

export async function findQuestionnaire(db: Db, tenantId: string, id: string): Promise<QuestionnaireRow | undefined> {
  return (await base(db, tenantId).where('questionnaire.id', '=', id).executeTakeFirst()) as QuestionnaireRow | undefined;
}

export async function lockQuestionnaire(db: Db, tenantId: string, id: string): Promise<void> {
  await db.selectFrom('questionnaire').select('id').where('tenantId', '=', tenantId).where('id', '=', id).forUpdate().execute();
}

export async function listQuestionnaires(db: Db, tenantId: string, trajectoryId: string, filter: { actionId?: string; domainId?: string }): Promise<QuestionnaireRow[]> {
  let query = base(db, tenantId).where('questionnaire.trajectoryId', '=', trajectoryId);
  if (filter.actionId) query = query.where('questionnaire.actionId', '=', filter.actionId);
  if (filter.domainId) query = query.where('action.domainId', '=', filter.domainId);
  return (await query.orderBy('questionnaire.createdAt').orderBy('questionnaire.id').execute()) as QuestionnaireRow[];
}

export async function findActionScope(db: Db, tenantId: string, actionId: string) {
  return db.selectFrom('action').select(['trajectoryId', 'domainId', 'ownerId']).where('tenantId', '=', tenantId).where('id', '=', actionId).executeTakeFirst();
}

export interface QuestionnaireValues {
  kind?: string;
  state?: string;
  titleNl?: string;
  titleEn?: string;
  introNl?: string;
  introEn?: string;
  questions?: Question[];
}

function encoded(values: QuestionnaireValues) {
  const { questions, ...rest } = values;
  return { ...rest, ...(questions ? { questions: JSON.stringify(questions) } : {}) };
}

export async function insertQuestionnaire(db: Db, tenantId: string, trajectoryId: string, actionId: string, values: Required<Pick<QuestionnaireValues, 'kind' | 'titleNl' | 'questions'>> & QuestionnaireValues) {
  return db
    .insertInto('questionnaire')
    .values({ ...encoded(values), kind: values.kind, titleNl: values.titleNl, questions: JSON.stringify(values.questions), tenantId, trajectoryId, actionId })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updateQuestionnaire(db: Db, tenantId: string, id: string, values: QuestionnaireValues): Promise<void> {
  await db.updateTable('questionnaire').set({ ...encoded(values), updatedAt: new Date() }).where('tenantId', '=', tenantId).where('id', '=', id).execute();
}

export async function deleteQuestionnaire(db: Db, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom('questionnaire').where('tenantId', '=', tenantId).where('id', '=', id).execute();
}

/** The parent's record as far as answering for them needs it: are they a parent here, and whose. */
export async function findParentInTrajectory(db: Db, tenantId: string, trajectoryId: string, personId: string) {
  return db
    .selectFrom('person')
    .select(['person.id', 'person.trustedPersonId'])
    .where('person.tenantId', '=', tenantId)
    .where('person.id', '=', personId)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('membership')
          .innerJoin('body', (j) => j.onRef('body.tenantId', '=', 'membership.tenantId').onRef('body.id', '=', 'membership.bodyId'))
          .select('membership.id')
          .where('membership.tenantId', '=', tenantId)
          .whereRef('membership.personId', '=', 'person.id')
          .where('membership.role', '=', 'parent')
          .where('body.trajectoryId', '=', trajectoryId),
      ),
    )
    .executeTakeFirst();
}

export async function hasParticipated(db: Db, tenantId: string, questionnaireId: string, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('questionnaireParticipation')
    .select('id')
    .where('tenantId', '=', tenantId)
    .where('questionnaireId', '=', questionnaireId)
    .where('personId', '=', personId)
    .executeTakeFirst();
  return Boolean(row);
}

export async function insertParticipation(
  db: Db,
  values: { tenantId: string; trajectoryId: string; questionnaireId: string; personId: string; indirect: boolean; recordedByPersonId: string | null; recordedOn: string },
) {
  return db.insertInto('questionnaireParticipation').values(values).onConflict((c) => c.columns(['tenantId', 'questionnaireId', 'personId']).doNothing()).returning('id').executeTakeFirst();
}

export async function insertResponse(
  db: Db,
  values: { tenantId: string; trajectoryId: string; questionnaireId: string; channel: string; answers: Record<string, AnswerValue>; submittedOn: string },
): Promise<void> {
  await db.insertInto('questionnaireResponse').values({ ...values, answers: JSON.stringify(values.answers) }).execute();
}

export interface ResponseRow {
  id: string;
  questionnaireId: string;
  channel: string;
  answers: Record<string, AnswerValue>;
  submittedOn: string;
}

export async function listResponses(db: Db, tenantId: string, questionnaireIds: string[]): Promise<ResponseRow[]> {
  if (questionnaireIds.length === 0) return [];
  return (await db
    .selectFrom('questionnaireResponse')
    .select(['id', 'questionnaireId', 'channel', 'answers', sql<string>`to_char(submitted_on, 'YYYY-MM-DD')`.as('submittedOn')])
    .where('tenantId', '=', tenantId)
    .where('questionnaireId', 'in', questionnaireIds)
    // By day and then by random id: the order reveals nothing about who answered first.
    .orderBy('submittedOn')
    .orderBy('id')
    .execute()) as ResponseRow[];
}

export async function countParticipations(db: Db, tenantId: string, questionnaireId: string) {
  return db
    .selectFrom('questionnaireParticipation')
    .select([sql<number>`count(*) filter (where not indirect)::int`.as('direct'), sql<number>`count(*) filter (where indirect)::int`.as('indirect')])
    .where('tenantId', '=', tenantId)
    .where('questionnaireId', '=', questionnaireId)
    .executeTakeFirstOrThrow();
}

export async function insertLinks(db: Db, rows: { tenantId: string; trajectoryId: string; questionnaireId: string; tokenHash: string; expiresAt: Date }[]): Promise<void> {
  if (rows.length) await db.insertInto('questionnaireLink').values(rows).execute();
}

export async function countOpenLinks(db: Db, tenantId: string, questionnaireId: string, now: Date): Promise<number> {
  const row = await db
    .selectFrom('questionnaireLink')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('tenantId', '=', tenantId)
    .where('questionnaireId', '=', questionnaireId)
    .where('used', '=', false)
    .where('expiresAt', '>', now)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** A link by its token's hash, locked: two posts of one link cannot both be taken. */
export async function findLinkForUpdate(db: Db, tokenHash: string) {
  return db
    .selectFrom('questionnaireLink')
    .select(['tenantId', 'id', 'trajectoryId', 'questionnaireId', 'expiresAt', 'used'])
    .where('tokenHash', '=', tokenHash)
    .forUpdate()
    .executeTakeFirst();
}

export async function findLink(db: Db, tokenHash: string) {
  return db.selectFrom('questionnaireLink').select(['tenantId', 'id', 'trajectoryId', 'questionnaireId', 'expiresAt', 'used']).where('tokenHash', '=', tokenHash).executeTakeFirst();
}

export async function markLinkUsed(db: Db, tenantId: string, id: string): Promise<void> {
  await db.updateTable('questionnaireLink').set({ used: true }).where('tenantId', '=', tenantId).where('id', '=', id).execute();
}
