import type { Insertable, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { addDays } from '../follow-ups/calendar';
import { demoTenants, demoUsers } from './demo-ids';

/*
 * The evaluation phase in Beekvliet (fictional): measurement plans for some indicators (one
 * of them late and without a measurer, so the overview shows the warning), the parents' signal
 * group marked as such, and its verdicts on a few actions and on one domain, written down by
 * the trusted person and the coordinator on the group's behalf. Planned measurements with a
 * measurer fall due a month or more from `today`, so no reminder goes out the day the demo is made.
 */
export async function seedDemoEvaluation(trx: Transaction<Database>, today: string): Promise<void> {
  const tenantId = demoTenants.beekvliet.id;
  const group = await trx.selectFrom('body').select(['id', 'trajectoryId']).where('tenantId', '=', tenantId).where('name', '=', 'Signaalgroep ouders').executeTakeFirst();
  if (!group) return;
  const { trajectoryId } = group;
  await trx.updateTable('body').set({ signalGroup: true }).where('tenantId', '=', tenantId).where('id', '=', group.id).execute();

  const personOf = async (entraObjectId: string) =>
    (await trx.selectFrom('person').select('id').where('tenantId', '=', tenantId).where('entraObjectId', '=', entraObjectId).executeTakeFirst())?.id ?? null;
  const [nadia, lotte, sofie, tom] = await Promise.all([personOf(demoUsers.trustedPerson), personOf(demoUsers.coordinator), personOf(demoUsers.workGroupChair), personOf(demoUsers.actionOwner)]);

  const indicators = await trx
    .selectFrom('indicator')
    .innerJoin('action', (j) => j.onRef('action.tenantId', '=', 'indicator.tenantId').onRef('action.id', '=', 'indicator.actionId'))
    .select(['indicator.id', 'indicator.name', 'indicator.kind', 'action.id as actionId', 'action.title', 'action.domainId', 'action.ownerId'])
    .where('indicator.tenantId', '=', tenantId)
    .where('indicator.trajectoryId', '=', trajectoryId)
    .orderBy('action.title')
    .orderBy('indicator.name')
    .execute();
  const plans: Insertable<Database['measurementPlan']>[] = [];
  indicators.slice(0, 5).forEach((indicator, n) => {
    const late = n === 1;
    plans.push({
      tenantId,
      trajectoryId,
      indicatorId: indicator.id,
      // The late one has nobody to measure it yet: the overview asks to plan it better.
      measurerId: late ? null : (indicator.ownerId ?? (n % 2 ? sofie : tom)),
      frequency: late ? 'monthly' : (['quarterly', 'monthly', 'half_yearly', 'quarterly', 'yearly'] as const)[n]!,
      source: indicator.kind === 'outcome' ? 'Korte bevraging van de ouders via de werkgroep' : 'Aanwezigheidslijsten',
      nextDueOn: late ? null : addDays(today, 30 + n * 14),
    });
  });
  if (plans.length) await trx.insertInto('measurementPlan').values(plans).execute();

  const byTitle = new Map(indicators.map((i) => [i.title, i]));
  const actions = [...byTitle.values()];
  const verdicts: Insertable<Database['signalVerdict']>[] = [];
  const texts = [
    { verdict: 'works', reasons: 'De ouders merken dat ze niet meer apart worden aangesproken over de rekening. Ze vragen om het ook in de muziekschool te doen.' },
    { verdict: 'partly', reasons: 'Het aanbod is goed, maar de uren vallen samen met de late shiften van sommige ouders. Een tweede moment op zaterdag zou helpen.' },
    { verdict: 'not', reasons: 'De folder is te moeilijk geschreven en bereikt de gezinnen niet. Liever een gesprek via de school of de buurtwerker.' },
  ];
  actions.slice(0, 3).forEach((a, n) => {
    verdicts.push({ tenantId, trajectoryId, bodyId: group.id, domainId: a.domainId, actionId: a.actionId, ...texts[n]!, givenOn: addDays(today, -20 - n * 25), recordedById: n === 1 ? lotte : nadia });
  });
  if (actions[0]) {
    verdicts.push({
      tenantId,
      trajectoryId,
      bodyId: group.id,
      domainId: actions[0].domainId,
      actionId: null,
      verdict: 'partly',
      reasons: 'Voor het domein als geheel: de scholen doen goed mee, voor vrije tijd blijft het zoeken naar betaalbare kampen.',
      givenOn: addDays(today, -10),
      recordedById: nadia,
    });
  }
  if (verdicts.length) await trx.insertInto('signalVerdict').values(verdicts).execute();
}
