import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { demoTenants } from './demo-ids';

/*
 * A fictional focus group with parents in Beekvliet, held before the work group on education
 * and leisure first met. Participants are counted only. Some proposals already led to actions of
 * the demo plan; one is still waiting to be taken up.
 */
export async function seedDemoFocusGroups(trx: Transaction<Database>, today: string): Promise<void> {
  const tenantId = demoTenants.beekvliet.id;
  const domain = await trx
    .selectFrom('domain')
    .select(['id', 'trajectoryId'])
    .where('tenantId', '=', tenantId)
    .where('name', '=', 'Onderwijs en vrije tijd')
    .executeTakeFirst();
  if (!domain) return;
  const { trajectoryId } = domain;
  const workGroup = await trx
    .selectFrom('body')
    .select('id')
    .where('tenantId', '=', tenantId)
    .where('trajectoryId', '=', trajectoryId)
    .where('kind', '=', 'work_group')
    .where('domainId', '=', domain.id)
    .executeTakeFirst();
  const actionOf = async (title: string) =>
    trx
      .selectFrom('action')
      .select(['id', 'operationalObjectiveId'])
      .where('tenantId', '=', tenantId)
      .where('trajectoryId', '=', trajectoryId)
      .where('title', '=', title)
      .executeTakeFirst();
  const daysBefore = (days: number) => {
    const d = new Date(`${today}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() - days);
    return d.toISOString().slice(0, 10);
  };

  const held = await trx
    .insertInto('focusGroup')
    .values({
      tenantId,
      trajectoryId,
      domainId: domain.id,
      bodyId: workGroup?.id ?? null,
      title: 'Focusgroep vrije tijd en school',
      plannedOn: daysBefore(124),
      heldOn: daysBefore(120),
      location: 'Ontmoetingsruimte Huis van het Kind, Beekvliet',
      participantCount: 8,
      themes: ['Kosten van school', 'Meedoen in clubs', 'Vakantieaanbod bekendmaken'],
      notes: 'Begeleid door de externe begeleider; kinderopvang en een maaltijd voorzien. Ouders vertrokken van wat nu al goed loopt.',
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const proposals: { text: string; theme: string; action?: string }[] = [
    { text: 'Laat ouders de schoolfactuur nalezen voor ze verstuurd wordt, zodat elke lijn begrijpelijk is.', theme: 'Kosten van school', action: 'Schoolfacturen samen met ouders nalezen op duidelijkheid' },
    { text: 'Een vaste persoon in de club die nieuwe gezinnen de eerste weken op weg helpt.', theme: 'Meedoen in clubs', action: 'Vrijetijdsbegeleider per sportclub die nieuwe gezinnen wegwijs maakt' },
    { text: 'Sportkledij en materiaal uitlenen in plaats van te moeten kopen.', theme: 'Meedoen in clubs', action: 'Materiaalbank voor sportkledij en -materiaal' },
    { text: 'Het vakantieaanbod op één papier in eenvoudige taal, ook uitgedeeld aan de schoolpoort.', theme: 'Vakantieaanbod bekendmaken' },
  ];
  for (const p of proposals) {
    const action = p.action ? await actionOf(p.action) : undefined;
    await trx
      .insertInto('focusGroupProposal')
      .values({
        tenantId,
        trajectoryId,
        focusGroupId: held.id,
        text: p.text,
        theme: p.theme,
        domainId: domain.id,
        operationalObjectiveId: action?.operationalObjectiveId ?? null,
        actionId: action?.id ?? null,
      })
      .execute();
  }

  // The next one is only planned: the work group on childcare has not started yet.
  const childcare = await trx
    .selectFrom('domain')
    .select('id')
    .where('tenantId', '=', tenantId)
    .where('trajectoryId', '=', trajectoryId)
    .where('name', '=', 'Kinderopvang en opvoeding')
    .executeTakeFirst();
  await trx
    .insertInto('focusGroup')
    .values({
      tenantId,
      trajectoryId,
      domainId: childcare?.id ?? null,
      title: 'Focusgroep kinderopvang',
      plannedOn: daysBefore(-21),
      location: 'Bibliotheek Beekvliet, vergaderzaal',
      themes: ['Opvang bij een sollicitatie'],
    })
    .execute();
}
