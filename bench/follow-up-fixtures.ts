import { randomUUID } from 'node:crypto';
import type { Db } from '../src/db/database';
import { addDays } from '../src/follow-ups/calendar';
import type { StoredReference } from '../bot/transport/conversation-reference';

/*
 * Synthetic municipalities for follow-up tests and the benchmark: each person owns up to three
 * open actions whose due dates make exactly one reminder each due on `today` (before the due
 * date, on it, and a week late), and has a personal chat with the bot at the stand-in.
 */
export interface FixtureOptions {
  /** People per tenant; one tenant per entry. */
  peoplePerTenant: number[];
  /** Reminders per person (1–3): due today, due in two days, a week overdue. */
  remindersPerPerson: number[] | number | ((tenant: number, person: number) => number);
  serviceUrl: string;
  today: string;
}

export interface Fixture {
  tenantIds: string[];
  personIds: string[];
  expectedReminders: number;
  /** Reminders per tenant, for the lower bound of the dispatch time. */
  perTenant: Map<string, number>;
}

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await insert(rows.slice(i, i + 1000));
}

export async function createFollowUpFixture(db: Db, options: FixtureOptions): Promise<Fixture> {
  const tenants: { id: string; name: string }[] = [];
  const trajectories: Record<string, unknown>[] = [];
  const domains: Record<string, unknown>[] = [];
  const strategic: Record<string, unknown>[] = [];
  const operational: Record<string, unknown>[] = [];
  const people: Record<string, unknown>[] = [];
  const actions: Record<string, unknown>[] = [];
  const users: Record<string, unknown>[] = [];
  const conversations: Record<string, unknown>[] = [];
  const perTenant = new Map<string, number>();
  const personIds: string[] = [];
  const dueDates = [options.today, addDays(options.today, 2), addDays(options.today, -7)];
  let expected = 0;
  let personIndex = 0;

  options.peoplePerTenant.forEach((count, t) => {
    const tenantId = randomUUID();
    const trajectoryId = randomUUID();
    const domainId = randomUUID();
    const soId = randomUUID();
    const ooId = randomUUID();
    tenants.push({ id: tenantId, name: `Testgemeente ${t + 1}` });
    trajectories.push({ tenantId, id: trajectoryId, name: 'Kinderarmoede', municipality: `Testgemeente ${t + 1}`, periodStart: '2025-01-01', periodEnd: '2030-12-31', reminderDaysBefore: 3 });
    domains.push({ tenantId, id: domainId, trajectoryId, name: 'Onderwijs en vrije tijd', approach: 'structural' });
    strategic.push({ tenantId, id: soId, trajectoryId, domainId, title: 'Elk kind neemt deel aan vrije tijd' });
    operational.push({ tenantId, id: ooId, trajectoryId, domainId, strategicObjectiveId: soId, title: 'Drempels naar de speelpleinwerking verlagen' });
    let tenantReminders = 0;
    for (let p = 0; p < count; p++) {
      const personId = randomUUID();
      const aad = randomUUID();
      const teamsUserId = `29:user-${personIndex++}`;
      const conversationId = `a:personal-${teamsUserId}`;
      personIds.push(personId);
      people.push({ tenantId, id: personId, displayName: `Eigenaar ${p + 1}`, entraObjectId: aad });
      const spec = options.remindersPerPerson;
      const reminders = typeof spec === 'function' ? spec(t, p) : Array.isArray(spec) ? (spec[p % spec.length] ?? 1) : spec;
      for (let r = 0; r < reminders; r++) {
        actions.push({ tenantId, id: randomUUID(), trajectoryId, domainId, operationalObjectiveId: ooId, title: `Actie ${p + 1}.${r + 1}`, ownerId: personId, dueDate: dueDates[r], status: 'in_progress' });
      }
      tenantReminders += reminders;
      const reference: StoredReference = {
        serviceUrl: options.serviceUrl,
        channelId: 'msteams',
        conversation: { id: conversationId, conversationType: 'personal', tenantId },
        bot: { id: '28:kansrijk-bot', name: 'Kansrijk' },
        user: { id: teamsUserId, aadObjectId: aad },
        locale: 'nl-BE',
      };
      users.push({ tenantId, aadObjectId: aad, teamsUserId, name: `Eigenaar ${p + 1}`, personId, personalConversationId: conversationId });
      conversations.push({
        tenantId,
        conversationId,
        kind: 'personal',
        serviceUrl: options.serviceUrl,
        channelId: 'msteams',
        botId: reference.bot.id,
        botName: reference.bot.name,
        teamId: null,
        userAadObjectId: aad,
        reference: JSON.stringify(reference),
      });
    }
    perTenant.set(tenantId, tenantReminders);
    expected += tenantReminders;
  });

  // Fixture rows are written raw: they stand for data that other slices would have created.
  const loose = db as unknown as { insertInto(table: string): { values(rows: unknown[]): { execute(): Promise<unknown> } } };
  const put = (table: string, rows: Record<string, unknown>[]) => insertChunked(rows, (chunk) => loose.insertInto(table).values(chunk).execute());
  await put('tenant', tenants);
  await put('trajectory', trajectories);
  await put('domain', domains);
  await put('strategicObjective', strategic);
  await put('operationalObjective', operational);
  await put('person', people);
  await put('action', actions);
  await put('botConversation', conversations);
  await put('botUser', users);
  return { tenantIds: tenants.map((t) => t.id), personIds, expectedReminders: expected, perTenant };
}

/** The follow-up id a proactive card carries in its buttons' data, to count deliveries. */
export function followUpIdOf(activity: Record<string, unknown>): string | undefined {
  return /"followUpId":"([^"]+)"/.exec(JSON.stringify(activity))?.[1];
}
