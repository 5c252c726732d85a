import type { Transaction } from 'kysely';
import { addDays, brusselsTime } from '../follow-ups/calendar';
import type { Database } from '../db/schema';
import { demoTenants, demoUsers } from './demo-ids';

/*
 * Beekvliet's first two steering-group meetings (fictional): held more than a year ago, with
 * some of what was said, and the homework two members answered in between. The third one is
 * left open in the demo, so the view shows a session still to record.
 */
export async function seedDemoSteering(trx: Transaction<Database>, today: string): Promise<void> {
  const tenantId = demoTenants.beekvliet.id;
  const steering = await trx.selectFrom('body').select(['id', 'trajectoryId']).where('tenantId', '=', tenantId).where('kind', '=', 'steering_group').executeTakeFirst();
  if (!steering) return;
  const { trajectoryId } = steering;
  const held = [addDays(today, -420), addDays(today, -385)] as const;
  const meetings = await trx
    .insertInto('meeting')
    .values([
      {
        tenantId,
        trajectoryId,
        bodyId: steering.id,
        title: 'Stuurgroep 1: armoede en menswaardigheid',
        startsAt: brusselsTime(held[0], 19),
        endsAt: brusselsTime(held[0], 21, 30),
        location: 'Sociaal Huis Beekvliet',
        dayPart: 'evening',
        state: 'distributed',
      },
      {
        tenantId,
        trajectoryId,
        bodyId: steering.id,
        title: 'Stuurgroep 2: missie en visie',
        startsAt: brusselsTime(held[1], 19),
        endsAt: brusselsTime(held[1], 21, 30),
        location: 'Sociaal Huis Beekvliet',
        dayPart: 'evening',
        state: 'distributed',
      },
    ])
    .returning('id')
    .execute();
  await trx
    .insertInto('steeringSession')
    .values([
      {
        tenantId,
        trajectoryId,
        number: 1,
        meetingId: meetings[0]!.id,
        heldOn: held[0],
        answers: JSON.stringify({
          dignity_meaning: 'Kunnen meedoen zoals iedereen: een verjaardagsfeestje, een schooluitstap, een sportclub, zonder je te moeten verantwoorden.',
          poverty_meaning: 'Niet alleen te weinig geld, ook minder kansen op goede huisvesting, gezondheid en onderwijs, en het gevoel er niet bij te horen.',
          reference_budget_insights: 'Het budget dat een gezin minimaal nodig heeft om volwaardig mee te doen ligt voor veel gezinnen hoger dan hun inkomen. Kinderen kosten meer dan vaak gedacht (school, vrije tijd).',
          agreements: 'Huiswerk voor de volgende keer: een verhaal dat werkte en een droom voor Beekvliet.',
        }),
      },
      {
        tenantId,
        trajectoryId,
        number: 2,
        meetingId: meetings[1]!.id,
        heldOn: held[1],
        answers: JSON.stringify({
          case_stories: 'Een buurtwerker die bleef langskomen; een juf die stil de uitstap regelde; een sportclub die schoenen uitleent.',
          success_conditions: 'Iemand die de tijd neemt, geen papierwerk vooraf, en ouders die zelf mee beslissen.',
          dream_picture: 'Een gemeente waar je met één vraag bij één loket terechtkunt en waar niets op school extra kost.',
        }),
      },
    ])
    .execute();
  const people = await trx
    .selectFrom('person')
    .select(['id', 'entraObjectId'])
    .where('tenantId', '=', tenantId)
    .where('entraObjectId', 'in', [demoUsers.steeringMember, demoUsers.chair])
    .execute();
  const personOf = (entra: string) => people.find((p) => p.entraObjectId === entra)?.id;
  const answers = [
    {
      personId: personOf(demoUsers.steeringMember),
      caseText: 'Een moeder die via de spelotheek andere ouders leerde kennen en zo de weg vond naar de schuldbemiddeling. Wat werkte: geen afspraak nodig, koffie en tijd.',
      dreamText: 'Elke school in Beekvliet kost niets extra, en elk gezin kent één vast aanspreekpunt.',
    },
    {
      personId: personOf(demoUsers.chair),
      caseText: 'Een vader die als ervaringsdeskundige mee aan tafel kwam en ons liet zien hoeveel formulieren er eigenlijk zijn.',
      dreamText: 'Rechten worden automatisch toegekend; niemand moet er nog om vragen.',
    },
  ];
  const rows = answers.flatMap((a) => (a.personId ? [{ tenantId, trajectoryId, personId: a.personId, caseText: a.caseText, dreamText: a.dreamText }] : []));
  if (rows.length) await trx.insertInto('steeringHomeworkAnswer').values(rows).execute();
}
