import { sql } from 'kysely';
import { hashToken } from '../../src/questionnaires/questionnaire-service';
import { Factory, type Caller, type World } from '../support/permission-world';
import { insertParent, insertQuestionnaire, satisfactionAnswers } from '../support/questionnaire-fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let f: Factory;
let w: World;

beforeAll(async () => {
  t = await createTestApp({ seed: false });
  f = new Factory(t.db.db);
  const tenantId = await f.tenant('Gemeente Vragen');
  w = await f.world(tenantId, await f.admin(tenantId));
});
afterAll(() => t.close());

const as = (caller: Caller | undefined) => ({ tenantId: caller!.tenantId, userId: caller!.userId, name: caller!.role });
const count = async (table: string, questionnaireId: string) =>
  Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} where questionnaire_id = ${questionnaireId}`.execute(t.db.db)).rows[0]!.n);

describe('questionnaires on an action', () => {
  test('a work group starts from a template, in Dutch and English; questions lock once answered', async () => {
    const res = await t.call(as(w.callers.work_group_member), 'POST', `/api/v1/actions/${w.actionId}/questionnaires`, { kind: 'result' });
    expect(res.statusCode).toBe(201);
    const q = res.json<{ id: string; titleNl: string; titleEn: string; questions: { id: string; type: string; textEn: string; options: unknown[] }[] }>();
    expect(q.titleNl).toBe('Wat is er veranderd?');
    expect(q.titleEn).toBe('What has changed?');
    expect(q.questions.map((x) => [x.id, x.type])).toEqual([['q1', 'scale'], ['q2', 'scale'], ['q3', 'choice'], ['q4', 'open']]);
    expect(q.questions.every((x) => x.textEn.length > 0)).toBe(true);

    const own = await t.call(as(w.callers.parent), 'POST', `/api/v1/questionnaires/${q.id}/responses`, { answers: { q1: 5, q3: 'o1' } });
    expect(own.statusCode).toBe(201);
    const locked = await t.call(as(w.callers.coordinator), 'PATCH', `/api/v1/questionnaires/${q.id}`, { questions: [{ type: 'open', textNl: 'Nieuw' }] });
    expect(locked.statusCode).toBe(409);
    const renamed = await t.call(as(w.callers.coordinator), 'PATCH', `/api/v1/questionnaires/${q.id}`, { titleNl: 'Wat is er anders?' });
    expect(renamed.json<{ titleNl: string; answerCount: number }>()).toMatchObject({ titleNl: 'Wat is er anders?', answerCount: 1 });
  });

  test('bad questions answer 400 naming the field', async () => {
    const res = await t.call(as(w.callers.coordinator), 'POST', `/api/v1/actions/${w.actionId}/questionnaires`, {
      kind: 'satisfaction',
      questions: [{ type: 'choice', textNl: 'Eén optie', options: [{ labelNl: 'Ja' }] }, { type: 'scale', textNl: 'Schaal', options: [{ labelNl: 'x' }, { labelNl: 'y' }] }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['body.questions.0.options', 'body.questions.1.options']);
  });
});

describe('answering through the API', () => {
  test('bad answers are refused by field and nothing is stored', async () => {
    const id = await insertQuestionnaire(t.db.db, w);
    const res = await t.call(as(w.callers.chair), 'POST', `/api/v1/questionnaires/${id}/responses`, { answers: { q1: 6, q2: 2.5, q3: 'o9', q4: 'x'.repeat(1001), q9: 'wie?' } });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path).sort()).toEqual(['body.answers.q1', 'body.answers.q2', 'body.answers.q3', 'body.answers.q4', 'body.answers.q9']);
    const empty = await t.call(as(w.callers.chair), 'POST', `/api/v1/questionnaires/${id}/responses`, { answers: { q4: '   ' } });
    expect(empty.statusCode).toBe(400);
    expect(await count('questionnaire_response', id)).toBe(0);
    expect(await count('questionnaire_participation', id)).toBe(0);
  });

  test("a trusted person enters their own parent's answers: indirect participation, no name on the answers", async () => {
    const id = await insertQuestionnaire(t.db.db, w);
    const parentId = await insertParent(t.db.db, w, w.trustedPersonId);
    const res = await t.call(as(w.callers.trusted_person), 'POST', `/api/v1/questionnaires/${id}/responses`, { answers: satisfactionAnswers, onBehalfOf: parentId });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ questionnaireId: id, channel: 'trusted_person', answerCount: 1 });
    const participation = await sql<{ personId: string; indirect: boolean; recordedByPersonId: string }>`select person_id, indirect, recorded_by_person_id from questionnaire_participation where questionnaire_id = ${id}`.execute(t.db.db);
    expect(participation.rows).toEqual([{ personId: parentId, indirect: true, recordedByPersonId: w.trustedPersonId }]);
    const responses = await sql`select * from questionnaire_response where questionnaire_id = ${id}`.execute(t.db.db);
    expect(JSON.stringify(responses.rows)).not.toContain(parentId);
    expect(JSON.stringify(responses.rows)).not.toContain(w.trustedPersonId);
    // The audit log says who took part, never what was answered.
    const audit = await sql<{ changes: unknown }>`select changes from audit_log where entity = 'questionnaire_participation' and changes->>'questionnaireId' = ${id}`.execute(t.db.db);
    expect(audit.rows).toHaveLength(1);
    expect(JSON.stringify(audit.rows)).not.toContain('Fijn dat het na school was');

    const twice = await t.call(as(w.callers.coordinator), 'POST', `/api/v1/questionnaires/${id}/responses`, { answers: satisfactionAnswers, onBehalfOf: parentId });
    expect(twice.statusCode).toBe(409);
    expect(await count('questionnaire_response', id)).toBe(1);
  });

  test("nobody enters answers for a parent who is not theirs, or for someone who is no parent", async () => {
    const id = await insertQuestionnaire(t.db.db, w);
    const othersParent = await insertParent(t.db.db, w, w.memberPersonId);
    const refused = await t.call(as(w.callers.trusted_person), 'POST', `/api/v1/questionnaires/${id}/responses`, { answers: satisfactionAnswers, onBehalfOf: othersParent });
    expect(refused.statusCode).toBe(403);
    const notParent = await t.call(as(w.callers.coordinator), 'POST', `/api/v1/questionnaires/${id}/responses`, { answers: satisfactionAnswers, onBehalfOf: w.memberPersonId });
    expect(notParent.statusCode).toBe(400);
    expect(notParent.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('body.onBehalfOf');
    expect(await count('questionnaire_response', id)).toBe(0);
  });
});

describe('figures', () => {
  test('single answers for the coordinator only, without names; figures in the caller’s language', async () => {
    const actionId = await f.action(w);
    const id = await insertQuestionnaire(t.db.db, w, 'satisfaction', actionId);
    for (const role of ['chair', 'facilitator', 'alderman', 'steering_member', 'work_group_chair'] as const) {
      expect((await t.call(as(w.callers[role]), 'POST', `/api/v1/questionnaires/${id}/responses`, { answers: { q1: 4, q3: 'o3', q4: `Tekst van ${role}` } })).statusCode).toBe(201);
    }
    const single = await t.call(as(w.callers.coordinator), 'GET', `/api/v1/questionnaires/${id}/responses`);
    const body = single.json<{ participation: unknown; responses: { answers: Record<string, unknown> }[] }>();
    expect(body.participation).toEqual({ direct: 5, indirect: 0, link: 0 });
    expect(body.responses.map((r) => r.answers.q4).sort()).toEqual(['Tekst van alderman', 'Tekst van chair', 'Tekst van facilitator', 'Tekst van steering_member', 'Tekst van work_group_chair']);
    for (const role of ['chair', 'facilitator', 'alderman', 'steering_member', 'work_group_chair']) expect(JSON.stringify(body)).not.toContain(w.callers[role as 'chair']!.personId!);
    expect((await t.call(as(w.callers.chair), 'GET', `/api/v1/questionnaires/${id}/responses`)).statusCode).toBe(403);

    const en = await t.call(as(w.callers.alderman), 'GET', `/api/v1/trajectories/${w.trajectoryId}/questionnaire-results?actionId=${actionId}`, undefined, { 'accept-language': 'en-GB,en;q=0.9' });
    const [result] = en.json<{ results: { title: string; answerCount: number; questions: { text: string; average: number | null; distribution: Record<string, number> | null }[] }[] }>().results;
    expect(result).toMatchObject({ title: 'How was it for you?', answerCount: 5 });
    expect(result!.questions[0]).toMatchObject({ text: 'How satisfied are you with this action?', average: 4, distribution: { '1': 0, '2': 0, '3': 0, '4': 5, '5': 0 } });
    expect(result!.questions[2]!.distribution).toEqual({ o1: 0, o2: 0, o3: 5 });
    expect(JSON.stringify(en.json())).not.toContain('Tekst van');
    const byDomain = await t.call(as(w.callers.alderman), 'GET', `/api/v1/trajectories/${w.trajectoryId}/questionnaire-results?domainId=${await f.domain(w)}`);
    expect(byDomain.json()).toEqual({ results: [] });
  });
});

describe('one-time links, through HTTP form posts', () => {
  async function links(questionnaireId: string, count = 1) {
    const res = await t.call(as(w.callers.trusted_person), 'POST', `/api/v1/questionnaires/${questionnaireId}/links`, { count, validDays: 3 });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    return res.json<{ links: { token: string; url: string }[] }>().links.map((l) => l.token);
  }
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const post = (token: string, fields: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: `/q/${token}`, payload: form(fields), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

  test('opens a form for its questionnaire, stores only the answers, once', async () => {
    const id = await insertQuestionnaire(t.db.db, w);
    const [token] = await links(id);
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // Only the hash is kept.
    const stored = await sql<{ tokenHash: string }>`select token_hash from questionnaire_link where questionnaire_id = ${id}`.execute(t.db.db);
    expect(stored.rows).toEqual([{ tokenHash: hashToken(token!) }]);
    expect(JSON.stringify((await sql`select * from audit_log where trajectory_id = ${w.trajectoryId}`.execute(t.db.db)).rows)).not.toContain(token);

    const page = await t.app.inject({ method: 'GET', url: `/q/${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<html lang="nl-BE">');
    expect(page.body).toContain('Hoe was het voor jou?');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['content-security-policy']).toContain("form-action 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.body).not.toContain('<script');
    const english = await t.app.inject({ method: 'GET', url: `/q/${token}?lang=en` });
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('How was it for you?');

    const saved = await post(token!, { questionnaireId: id, lang: 'nl', q1: '5', q2: '', q3: 'o3', q4: 'Dicht bij huis' });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain('Bedankt!');
    const rows = await sql`select channel, answers from questionnaire_response where questionnaire_id = ${id}`.execute(t.db.db);
    expect(rows.rows).toEqual([{ channel: 'link', answers: { q1: 5, q3: 'o3', q4: 'Dicht bij huis' } }]);

    const reused = await post(token!, { questionnaireId: id, q1: '1' });
    expect(reused.statusCode).toBe(410);
    expect(reused.body).toContain('Met deze link is al geantwoord');
    expect((await t.app.inject({ method: 'GET', url: `/q/${token}?lang=en` })).body).toContain('This link has been used already');
    expect(await count('questionnaire_response', id)).toBe(1);
  });

  test('bad input shows the form again with the error at the question, and the link stays usable', async () => {
    const id = await insertQuestionnaire(t.db.db, w);
    const [token] = await links(id);
    const outOfRange = await post(token!, { questionnaireId: id, q1: '7', q3: 'o2' });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.body).toContain('Kies een getal van 1 tot 5.');
    expect(outOfRange.body).toContain('value="o2" checked');
    const unknownOption = await post(token!, { questionnaireId: id, lang: 'en', q3: 'o99' });
    expect(unknownOption.statusCode).toBe(400);
    expect(unknownOption.body).toContain('Choose one of the options.');
    const oversized = await post(token!, { questionnaireId: id, q4: 'x'.repeat(1001) });
    expect(oversized.statusCode).toBe(400);
    expect(oversized.body).toContain('te lang');
    const unknownQuestion = await post(token!, { questionnaireId: id, q7: 'hallo' });
    expect(unknownQuestion.statusCode).toBe(400);
    const nothing = await post(token!, { questionnaireId: id, q4: '' });
    expect(nothing.statusCode).toBe(400);
    expect(nothing.body).toContain('Beantwoord minstens één vraag.');
    expect(await count('questionnaire_response', id)).toBe(0);
    expect((await post(token!, { questionnaireId: id, q1: '3' })).statusCode).toBe(200);
  });

  test('an expired link, a link of another questionnaire and an unknown link answer a clear page and store nothing', async () => {
    const id = await insertQuestionnaire(t.db.db, w);
    const otherId = await insertQuestionnaire(t.db.db, w, 'result');
    const [expired, forOther] = [...(await links(id)), ...(await links(otherId))];
    await sql`update questionnaire_link set expires_at = now() - interval '1 minute' where token_hash = ${hashToken(expired!)}`.execute(t.db.db);

    const expiredPage = await t.app.inject({ method: 'GET', url: `/q/${expired}` });
    expect(expiredPage.statusCode).toBe(410);
    expect(expiredPage.body).toContain('Deze link is verlopen');
    expect((await post(expired!, { questionnaireId: id, q1: '4' })).statusCode).toBe(410);

    const wrong = await post(forOther!, { questionnaireId: id, q1: '4' });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.body).toContain('andere vragenlijst');
    const missingId = await post(forOther!, { q1: '4' });
    expect(missingId.statusCode).toBe(409);

    for (const token of ['AAAAAAAAAAAAAAAAAAAAAA', 'kort', '../../etc/passwd', `${'x'.repeat(300)}`]) {
      const unknown = await t.app.inject({ method: 'GET', url: `/q/${encodeURIComponent(token)}` });
      expect([token, unknown.statusCode]).toEqual([token, 404]);
      expect(unknown.body).toContain('Deze link kennen we niet');
      expect((await post(encodeURIComponent(token), { questionnaireId: id, q1: '4' })).statusCode).toBe(404);
    }
    expect(await count('questionnaire_response', id)).toBe(0);
    expect(await count('questionnaire_response', otherId)).toBe(0);
    // The link of the other questionnaire was not used up by the wrong post.
    expect((await post(forOther!, { questionnaireId: otherId, q1: '2' })).statusCode).toBe(200);
  });

  test('a closed questionnaire takes no more answers by link', async () => {
    const id = await insertQuestionnaire(t.db.db, w);
    const [token] = await links(id);
    expect((await t.call(as(w.callers.coordinator), 'PATCH', `/api/v1/questionnaires/${id}`, { state: 'closed' })).statusCode).toBe(200);
    const res = await post(token!, { questionnaireId: id, q1: '4' });
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain('afgesloten');
    expect(await count('questionnaire_response', id)).toBe(0);
  });

  test('at most 50 links at once; a refused request makes none', async () => {
    const id = await insertQuestionnaire(t.db.db, w);
    const res = await t.call(as(w.callers.coordinator), 'POST', `/api/v1/questionnaires/${id}/links`, { count: 51 });
    expect(res.statusCode).toBe(400);
    expect(await count('questionnaire_link', id)).toBe(0);
  });
});
