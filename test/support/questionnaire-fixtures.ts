import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../src/db/database';
import { withIds } from '../../src/questionnaires/questionnaire-model';
import { questionnaireTemplates } from '../../src/questionnaires/questionnaire-templates';
import type { World } from './permission-world';

/** Questionnaires and answers straight in SQL, for the permission tests (no route under test involved). */
export async function insertQuestionnaire(db: Db, w: Pick<World, 'tenantId' | 'trajectoryId' | 'actionId'>, kind: 'result' | 'satisfaction' = 'satisfaction', actionId = w.actionId): Promise<string> {
  const template = questionnaireTemplates[kind];
  const { rows } = await sql<{ id: string }>`insert into questionnaire (tenant_id, trajectory_id, action_id, kind, title_nl, title_en, questions)
    values (${w.tenantId}, ${w.trajectoryId}, ${actionId}, ${kind}, ${template.titleNl}, ${template.titleEn}, ${JSON.stringify(withIds(template.questions))}::jsonb) returning id`.execute(db);
  return rows[0]!.id;
}

/** `count` answers to the template's satisfaction questions: q1 scale, q2 scale, q3 choice, q4 open. */
export async function insertResponses(db: Db, w: Pick<World, 'tenantId' | 'trajectoryId'>, questionnaireId: string, count: number, openText = 'Meer avondmomenten graag'): Promise<void> {
  for (let i = 0; i < count; i++) {
    const answers = { q1: 1 + (i % 5), q2: 4, q3: i % 2 === 0 ? 'o1' : 'o2', q4: `${openText} ${i}` };
    await sql`insert into questionnaire_response (tenant_id, trajectory_id, questionnaire_id, channel, answers, submitted_on)
      values (${w.tenantId}, ${w.trajectoryId}, ${questionnaireId}, 'member', ${JSON.stringify(answers)}::jsonb, current_date)`.execute(db);
  }
}

/** A parent in the world's parents' group with the given trusted person. */
export async function insertParent(db: Db, w: Pick<World, 'tenantId' | 'trajectoryId' | 'parentsGroupId'>, trustedPersonId: string | null): Promise<string> {
  const { rows } = await sql<{ id: string }>`insert into person (tenant_id, display_name, home_trajectory_id, trusted_person_id, contact_preference)
    values (${w.tenantId}, ${`Ouder ${randomUUID().slice(0, 6)}`}, ${w.trajectoryId}, ${trustedPersonId}, 'via_trusted_person') returning id`.execute(db);
  const personId = rows[0]!.id;
  await sql`insert into membership (tenant_id, body_id, person_id, role) values (${w.tenantId}, ${w.parentsGroupId}, ${personId}, 'parent')`.execute(db);
  return personId;
}

export const satisfactionAnswers = { q1: 4, q2: 5, q3: 'o1', q4: 'Fijn dat het na school was' };
