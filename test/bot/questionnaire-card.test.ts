import { createRequire } from 'node:module';
import type * as AdaptiveCards from 'adaptivecards';
import { sql } from 'kysely';
import { byteSize, MAX_MESSAGE_BYTES, type Card } from '../../bot/cards/elements';
import { questionnaireCard } from '../../bot/cards/questionnaire-card';
import { verbs } from '../../bot/cards/verbs';
import { withIds } from '../../src/questionnaires/questionnaire-model';
import { questionnaireTemplates } from '../../src/questionnaires/questionnaire-templates';
import { startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { Factory, type Caller, type World } from '../support/permission-world';
import { insertQuestionnaire } from '../support/questionnaire-fixtures';
import { invokeActivity } from '../support/teams-activities';
import { createTestApp, type TestApp } from '../support/test-app';

// The package's lib/ is untranspiled ESM; its UMD bundle runs in Node as it is.
const AC = createRequire(__filename)('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

const template = questionnaireTemplates.satisfaction;
const questionnaire = { id: '7f9c3b0e-1d2a-4c5b-8e6f-0a1b2c3d4e5f', titleNl: template.titleNl, titleEn: template.titleEn, introNl: template.introNl, introEn: template.introEn, questions: withIds(template.questions) };
// The largest questionnaire the API accepts: 12 questions of 300 characters, choices with 8 options of 120.
const largest = {
  ...questionnaire,
  introNl: 'i'.repeat(1000),
  questions: withIds(
    Array.from({ length: 12 }, (_, i) =>
      i % 2 === 0
        ? { type: 'choice' as const, textNl: 'v'.repeat(300), textEn: 'q'.repeat(300), options: Array.from({ length: 8 }, () => ({ labelNl: 'o'.repeat(120), labelEn: 'p'.repeat(120) })) }
        : { type: 'open' as const, textNl: 'v'.repeat(300) },
    ),
  ),
};

const cards: [string, Card][] = [
  ['questionnaire (nl)', questionnaireCard({ lang: 'nl', questionnaire })],
  ['questionnaire (en) with errors', questionnaireCard({ lang: 'en', questionnaire, values: { answer_q1: '9' }, errors: { answer_q1: 'Choose a number from 1 to 5.' }, summary: 'Please check your answers.' })],
  ['questionnaire, saved', questionnaireCard({ lang: 'nl', questionnaire, outcome: 'saved' })],
  ['the largest questionnaire', questionnaireCard({ lang: 'nl', questionnaire: largest, values: { answer_q2: 'x'.repeat(1000) } })],
];

function walk(node: unknown, visit: (element: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    const element = node as Record<string, unknown>;
    if (typeof element.type === 'string') visit(element);
    for (const value of Object.values(element)) walk(value, visit);
  }
}

describe.each(cards)('%s', (_name, json) => {
  test('parses in the adaptivecards renderer without events, every input labelled, a known verb, under 28 KB', () => {
    const card = new AC.AdaptiveCard();
    const context = new AC.SerializationContext();
    card.parse(json, context);
    expect(Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message)).toEqual([]);
    expect(card.validateProperties().validationEvents.map((e) => e.message)).toEqual([]);
    walk(json, (element) => {
      if (String(element.type).startsWith('Input.')) expect(element.label).toEqual(expect.any(String));
      if (element.type === 'Action.Execute') expect(verbs).toContain(element.verb);
    });
    expect(json.version).toBe('1.5');
    expect(byteSize(json)).toBeLessThan(MAX_MESSAGE_BYTES);
  });
});

describe('answering on the card, over HTTP as Teams sends it', () => {
  let t: TestApp;
  let f: Factory;
  let standIn: ConnectorStandIn;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp({ seed: false });
    standIn = await startConnectorStandIn({ enforceLimits: false });
    f = new Factory(t.db.db);
    const tenantId = await f.tenant('Gemeente Vragenkaart');
    w = await f.world(tenantId, await f.admin(tenantId));
  });
  afterAll(async () => {
    await t.close();
    await standIn.close();
  });

  async function invoke(caller: Caller, data: Record<string, unknown>) {
    const party = { tenantId: caller.tenantId, serviceUrl: standIn.serviceUrl, user: { id: `29:${caller.userId}`, name: caller.role, aadObjectId: caller.userId } };
    const res = await t.app.inject({ method: 'POST', url: '/api/messages', payload: invokeActivity(party, 'answerQuestionnaire', data) });
    expect(res.statusCode).toBe(200);
    return res.json<{ type: string; value: Card | string }>();
  }
  const inputsOf = (card: Card) => {
    const ids: string[] = [];
    walk(card.body, (e) => String(e.type).startsWith('Input.') && ids.push(String(e.id)));
    return ids;
  };
  const count = async (table: 'questionnaire_response' | 'questionnaire_participation', id: string) =>
    Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} where questionnaire_id = ${id}`.execute(t.db.db)).rows[0]!.n);

  test('shows the form, refuses a bad answer by field, saves a good one once, without a name on the answers', async () => {
    const id = await insertQuestionnaire(t.db.db, w);
    const member = w.callers.steering_member!;

    const shown = await invoke(member, { questionnaireId: id });
    expect(inputsOf(shown.value as Card)).toEqual(['answer_q1', 'answer_q2', 'answer_q3', 'answer_q4']);

    const bad = await invoke(member, { questionnaireId: id, submit: true, answer_q1: '9', answer_q3: 'o7', answer_q4: 'x'.repeat(1001) });
    const badCard = JSON.stringify(bad.value);
    expect(badCard).toContain('Kies een getal van 1 tot 5.');
    expect(badCard).toContain('Kies een van de mogelijkheden.');
    expect(badCard).toContain('Maximaal 1000 tekens.');
    expect(await count('questionnaire_response', id)).toBe(0);

    const saved = await invoke(member, { questionnaireId: id, submit: true, answer_q1: '4', answer_q3: 'o2', answer_q4: 'Graag ook op woensdag' });
    expect(JSON.stringify(saved.value)).toContain('Bedankt!');
    expect(inputsOf(saved.value as Card)).toEqual([]);
    const { rows } = await sql<{ answers: unknown; channel: string }>`select answers, channel from questionnaire_response where questionnaire_id = ${id}`.execute(t.db.db);
    expect(rows).toEqual([{ answers: { q1: 4, q3: 'o2', q4: 'Graag ook op woensdag' }, channel: 'member' }]);
    // The answers carry no person; the participation row says who took part, not what they said.
    expect(JSON.stringify(rows)).not.toContain(member.personId);
    expect(await count('questionnaire_participation', id)).toBe(1);

    const again = await invoke(member, { questionnaireId: id, submit: true, answer_q1: '1' });
    expect(JSON.stringify(again.value)).toContain('al ingevuld');
    expect(await count('questionnaire_response', id)).toBe(1);
  });

  test('someone who takes no part gets a message, and nothing is stored', async () => {
    const id = await insertQuestionnaire(t.db.db, w);
    const outsider: Caller = { role: 'none', tenantId: w.tenantId, userId: '0d3c0000-0000-4000-8000-00000000b1b1', personId: null };
    const answer = await invoke(outsider, { questionnaireId: id, submit: true, answer_q1: '3' });
    expect(answer.type).toBe('application/vnd.microsoft.activity.message');
    expect(await count('questionnaire_response', id)).toBe(0);
  });
});
