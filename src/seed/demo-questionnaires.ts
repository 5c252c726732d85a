import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { withIds } from '../questionnaires/questionnaire-model';
import { questionnaireTemplates } from '../questionnaires/questionnaire-templates';
import { demoTenants } from './demo-ids';

/*
 * Fictional answers to a satisfaction questionnaire on a Beekvliet action (seven, enough for the
 * figures to show), and a result questionnaire with three answers, too few for a breakdown. Most
 * came in through one-time links; two parents answered through their trusted person.
 */
export async function seedDemoQuestionnaires(trx: Transaction<Database>, today: string): Promise<void> {
  const tenantId = demoTenants.beekvliet.id;
  const action = await trx
    .selectFrom('action')
    .innerJoin('domain', (j) => j.onRef('domain.tenantId', '=', 'action.tenantId').onRef('domain.id', '=', 'action.domainId'))
    .select(['action.id', 'action.trajectoryId'])
    .where('action.tenantId', '=', tenantId)
    .where('domain.name', '=', 'Onderwijs en vrije tijd')
    .orderBy('action.title')
    .executeTakeFirst();
  if (!action) return;
  const { trajectoryId } = action;

  const insert = async (kind: 'result' | 'satisfaction') => {
    const template = questionnaireTemplates[kind];
    const row = await trx
      .insertInto('questionnaire')
      .values({
        tenantId,
        trajectoryId,
        actionId: action.id,
        kind,
        titleNl: template.titleNl,
        titleEn: template.titleEn,
        introNl: template.introNl,
        introEn: template.introEn,
        questions: JSON.stringify(withIds(template.questions)),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };

  const satisfaction = await insert('satisfaction');
  const answers: [string, Record<string, number | string>][] = [
    ['link', { q1: 5, q2: 5, q3: 'o1', q4: 'Fijn dat de begeleiders de kinderen bij naam kenden.' }],
    ['link', { q1: 4, q2: 5, q3: 'o1', q4: 'Iets later beginnen zou helpen, na het werk is het krap.' }],
    ['link', { q1: 4, q2: 4, q3: 'o2' }],
    ['link', { q1: 3, q2: 4, q3: 'o2', q4: 'De bus rijdt niet altijd op tijd.' }],
    ['link', { q1: 5, q2: 5, q3: 'o1' }],
    ['trusted_person', { q1: 4, q2: 3, q3: 'o3', q4: 'Mijn zoon durfde eerst niet, nu gaat hij graag.' }],
    ['trusted_person', { q1: 5, q2: 4, q3: 'o1' }],
  ];
  await trx
    .insertInto('questionnaireResponse')
    .values(answers.map(([channel, a]) => ({ tenantId, trajectoryId, questionnaireId: satisfaction, channel, answers: JSON.stringify(a), submittedOn: today })))
    .execute();

  // The two indirect answers: the parents took part through their trusted person (who they are, not what they said).
  const parents = await trx
    .selectFrom('membership')
    .innerJoin('body', (j) => j.onRef('body.tenantId', '=', 'membership.tenantId').onRef('body.id', '=', 'membership.bodyId'))
    .innerJoin('person', (j) => j.onRef('person.tenantId', '=', 'membership.tenantId').onRef('person.id', '=', 'membership.personId'))
    .select(['person.id', 'person.trustedPersonId'])
    .where('membership.tenantId', '=', tenantId)
    .where('body.trajectoryId', '=', trajectoryId)
    .where('membership.role', '=', 'parent')
    .where('person.trustedPersonId', 'is not', null)
    .orderBy('person.id')
    .limit(2)
    .execute();
  if (parents.length) {
    await trx
      .insertInto('questionnaireParticipation')
      .values(parents.map((p) => ({ tenantId, trajectoryId, questionnaireId: satisfaction, personId: p.id, indirect: true, recordedByPersonId: p.trustedPersonId, recordedOn: today })))
      .onConflict((c) => c.doNothing())
      .execute();
  }

  const result = await insert('result');
  await trx
    .insertInto('questionnaireResponse')
    .values(
      [
        { q1: 4, q2: 3, q3: 'o2', q4: 'Ik weet nu dat ik de schoolfactuur in stukken mag betalen.' },
        { q1: 5, q2: 4, q3: 'o1' },
        { q1: 3, q2: 3, q3: 'o3' },
      ].map((a) => ({ tenantId, trajectoryId, questionnaireId: result, channel: 'link', answers: JSON.stringify(a), submittedOn: today })),
    )
    .execute();
}
