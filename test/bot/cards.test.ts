import { createRequire } from 'node:module';
import type * as AdaptiveCards from 'adaptivecards';
import { actionCard, type ActionCardView } from '../../bot/cards/action-card';
import { byteSize, MAX_MESSAGE_BYTES, packCards, type Card } from '../../bot/cards/elements';
import { helpCard } from '../../bot/cards/help-card';
import { homeworkCard } from '../../bot/cards/homework-card';
import { measurementCard, type MeasurementCardView } from '../../bot/cards/measurement-card';
import { overviewCard } from '../../bot/cards/overview-card';
import { reminderSettingsCard } from '../../bot/cards/reminder-settings-card';
import { steeringRequestCard } from '../../bot/cards/steering-request-card';
import { verbs } from '../../bot/cards/verbs';
import { agendaCard, type AgendaCardView } from '../../bot/cards/agenda-card';
import { checkInCard } from '../../bot/cards/check-in-card';
import { finalAgendaCard } from '../../bot/cards/final-agenda-card';
import type { MeetingHead, MinutesSummary } from '../../bot/cards/meeting-parts';
import { minutesApprovalCard } from '../../bot/cards/minutes-approval-card';
import { minutesCard } from '../../bot/cards/minutes-card';
import { parentsCallCard } from '../../bot/cards/parents-call-card';
import { cardHandlers } from '../../bot/handlers/index';

// The package's lib/ is untranspiled ESM; its UMD bundle runs in Node as it is.
const AC = createRequire(__filename)('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

const long = 'Huiswerkbegeleiding in de bibliotheek, twee avonden per week, met vrijwilligers uit de buurt. '.repeat(4);
const view: ActionCardView = {
  lang: 'nl',
  action: { id: '7f9c3b0e-1d2a-4c5b-8e6f-0a1b2c3d4e5f', title: long, status: 'in_progress', dueDate: '2026-05-31', version: 4, objectiveTitle: long, domainName: 'Onderwijs en vrije tijd', ownerName: 'Tom Maes' },
  lastUpdate: { at: new Date('2026-03-02T09:00:00Z'), authorName: 'Tom Maes', note: long, statusTo: 'in_progress' },
  editable: true,
  refreshUserIds: ['29:tom-maes', '29:lotte-peeters'],
};

const measured: MeasurementCardView = {
  lang: 'nl',
  plan: { id: '7f9c3b0e-1d2a-4c5b-8e6f-0a1b2c3d4e5f', indicatorName: long, unit: 'gezinnen', kind: 'outcome', baseline: 4, target: 20, actionTitle: long, source: long, lastValue: 7.5, lastMeasuredOn: '2025-12-11', dueOn: '2026-03-11' },
  today: '2026-03-20',
  editable: true,
  followUpId: 'f3',
};

const meeting: MeetingHead = {
  id: '7f9c3b0e-1d2a-4c5b-8e6f-0a1b2c3d4e5f',
  title: long,
  startsAt: new Date('2026-04-20T17:00:00Z'),
  endsAt: new Date('2026-04-20T19:30:00Z'),
  location: 'Sociaal Huis, Kerkstraat 1',
  online: true,
  onlineJoinUrl: 'https://teams.microsoft.com/l/meetup-join/abc',
  bodyName: 'Stuurgroep kinderarmoede',
};
const uuidN = (i: number) => `7f9c3b0e-1d2a-4c5b-8e6f-0a1b2c3d4e${String(i).padStart(2, '0')}`;
// The largest agenda card the bot posts: a steering group with ten domains and a full agenda.
const steeringAgenda: AgendaCardView = {
  lang: 'nl',
  meeting,
  items: Array.from({ length: 40 }, () => ({ title: long, kind: 'discussion', durationMinutes: 15, presenterName: 'Sofie Claes', proposedByName: 'Tom Maes' })),
  progress: Array.from({ length: 10 }, (_, i) => ({ name: `Domein ${i} ${long}`, done: 120, inProgress: 85, overdue: 12, indicatorsMoved: 4 })),
  daysLeft: 7,
  mode: 'propose',
  refreshUserIds: Array.from({ length: 80 }, (_, i) => `29:user-${i}-${'x'.repeat(40)}`),
};
const minutes: MinutesSummary = {
  notes: 'é'.repeat(20_000),
  items: Array.from({ length: 30 }, () => ({ title: long, notes: 'n'.repeat(20_000), decisions: 'd'.repeat(10_000) })),
  present: 14,
  invited: 19,
  actions: Array.from({ length: 30 }, () => ({ title: long, ownerName: 'Tom Maes', dueDate: '2026-06-30' })),
};
const parents = Array.from({ length: 30 }, (_, i) => ({ personId: uuidN(i), displayName: `Ouder ${i} ${long}`, phone: '+32 470 11 22 33', contactPreference: 'via_trusted_person', response: 'accepted' }));

const cards: [string, Card][] = [
  ['agenda, steering group (10 domains, 40 items)', agendaCard(steeringAgenda)],
  ['agenda with errors (en)', agendaCard({ ...steeringAgenda, lang: 'en', progress: null, errors: { itemTitle: 'x', itemMinutes: 'y' }, typed: { itemTitle: 'é'.repeat(200), itemKind: 'decision', itemMinutes: 999 }, banner: { kind: 'invalid', text: 'x' } })],
  ['agenda, read-only', agendaCard({ ...steeringAgenda, mode: 'readOnly', items: [] })],
  ['agenda, closed', agendaCard({ ...steeringAgenda, mode: 'closed', banner: { kind: 'info', text: 'Vast' } })],
  ['final agenda', finalAgendaCard({ lang: 'nl', meeting, items: steeringAgenda.items })],
  ['final agenda, no join link (en)', finalAgendaCard({ lang: 'en', meeting: { ...meeting, online: false, onlineJoinUrl: '' }, items: [] })],
  ['minutes for approval (longest minutes)', minutesApprovalCard({ lang: 'nl', meeting, minutes, outcome: 'waiting', error: 'Schrijf wat', typedRemark: 'r'.repeat(2000) })],
  ['minutes approved (en)', minutesApprovalCard({ lang: 'en', meeting, minutes: { ...minutes, notes: '', actions: [] }, outcome: 'approved' })],
  ['approved minutes in the channel', minutesCard({ lang: 'nl', meeting, minutes, approvedBy: 'Marc Wouters' })],
  ['trusted person, the day before', parentsCallCard({ lang: 'nl', meeting, parents })],
  ['trusted person, check-in', checkInCard({ lang: 'nl', meeting, parents: parents.map((p, i) => ({ ...p, checkedIn: i % 2 === 0, checkInNote: 'é'.repeat(1000) })), banner: 'Genoteerd', errors: { [uuidN(1)]: 'Te lang' } })],
  ['measurement (measurer, late)', measurementCard(measured)],
  ['measurement with errors (en)', measurementCard({ ...measured, lang: 'en', errors: { value: 'x', measuredOn: 'y', note: 'z' }, typed: { value: '12,5', measuredOn: 'gisteren', note: 'é'.repeat(1000) } })],
  ['measurement saved', measurementCard({ ...measured, saved: { value: 12.5, measuredOn: '2026-03-20' } })],
  ['measurement (read-only, no values yet)', measurementCard({ ...measured, editable: false, plan: { ...measured.plan, baseline: null, target: null, lastValue: null, lastMeasuredOn: null, source: '' } })],
  ['action card (owner)', actionCard(view)],
  ['action card (read-only)', actionCard({ ...view, editable: false, lang: 'en' })],
  ['action card with errors', actionCard({ ...view, errors: { status: 'x', progressNote: 'y', dueDate: 'z' }, typed: { status: 'postponed', progressNote: '' }, banner: { kind: 'invalid', text: 'Niet opgeslagen' } })],
  ['action card, reminder', actionCard({ ...view, banner: { kind: 'reminder', text: 'Vandaag is de deadline' }, followUpId: 'f1' })],
  ['help', helpCard('nl', 'Dat begrijp ik niet')],
  ['help (en)', helpCard('en')],
  ['overview', overviewCard({ lang: 'nl', trajectoryName: 'Beekvliet', domains: [{ name: 'Wonen', open: 3, done: 2, total: 6 }], overdueCount: 2, overdueTitles: ['a', 'b'], nextMeeting: { title: 'Stuurgroep 4', startsAt: new Date('2026-04-20T18:00:00Z'), bodyName: 'Stuurgroep' } })],
  ['reminder settings', reminderSettingsCard({ lang: 'nl', current: 'reduced', trajectoryId: '7f9c3b0e-1d2a-4c5b-8e6f-0a1b2c3d4e5f', saved: true, error: 'Kies' })],
  ['homework', homeworkCard({ lang: 'nl', trajectoryId: '7f9c3b0e-1d2a-4c5b-8e6f-0a1b2c3d4e5f', trajectoryName: 'Kansrijk opgroeien in Beekvliet', followUpId: 'f2' })],
  // The longest answers the card takes, saved: still under Teams' limit.
  ['homework, saved (en)', homeworkCard({ lang: 'en', trajectoryId: '7f9c3b0e-1d2a-4c5b-8e6f-0a1b2c3d4e5f', trajectoryName: 'Beekvliet', caseText: 'é'.repeat(4000), dreamText: 'x'.repeat(4000), saved: true })],
  ['homework, empty answer', homeworkCard({ lang: 'nl', trajectoryId: '7f9c3b0e-1d2a-4c5b-8e6f-0a1b2c3d4e5f', trajectoryName: 'Beekvliet', error: 'empty' })],
  ['steering request', steeringRequestCard({ lang: 'nl', meeting: { title: 'Stuurgroep', startsAt: new Date('2026-04-20T18:00:00Z') }, actions: Array.from({ length: 15 }, (_, i) => ({ id: `7f9c3b0e-1d2a-4c5b-8e6f-0a1b2c3d4e${String(i).padStart(2, '0')}`, title: long, status: 'planned', dueDate: '2026-05-01' })) })],
];

function walk(node: unknown, visit: (element: Record<string, unknown>) => void, skipFallbacks = false): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit, skipFallbacks));
  else if (node && typeof node === 'object') {
    const element = node as Record<string, unknown>;
    if (typeof element.type === 'string') visit(element);
    for (const [key, value] of Object.entries(element)) if (!(skipFallbacks && key === 'fallback')) walk(value, visit, skipFallbacks);
  }
}

/** The card as an old client would get it: every Action.Execute replaced by its fallback. */
function withFallbacks(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withFallbacks);
  if (node && typeof node === 'object') {
    const element = node as Record<string, unknown>;
    if (element.type === 'Action.Execute' && element.fallback) return withFallbacks(element.fallback);
    return Object.fromEntries(Object.entries(element).map(([k, v]) => [k, k === 'refresh' ? v : withFallbacks(v)]));
  }
  return node;
}

function parseEvents(json: unknown): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const events = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
  return [...events, ...card.validateProperties().validationEvents.map((e) => e.message)];
}

describe.each(cards)('%s', (_name, json) => {
  test('parses in Microsoft’s adaptivecards renderer without validation events', () => {
    const card = new AC.AdaptiveCard();
    const context = new AC.SerializationContext();
    card.parse(json, context);
    const events = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
    expect(events).toEqual([]);
    const validation = card.validateProperties();
    expect(validation.validationEvents.map((e) => e.message)).toEqual([]);
    // No element the renderer does not know is silently dropped (fallbacks are parse-only).
    const roundTrip = card.toJSON() as Record<string, unknown>;
    let known = 0;
    walk(roundTrip, () => known++);
    let sent = 0;
    walk(json, () => sent++, true);
    expect(known).toBe(sent);
    // And the fallbacks are valid cards too.
    expect(parseEvents(withFallbacks(json))).toEqual([]);
  });

  test('every input is labelled, required ones say what is missing, Action.Execute has a fallback and a known verb', () => {
    walk(json, (element) => {
      if (String(element.type).startsWith('Input.')) {
        expect(element.label).toEqual(expect.any(String));
        if (element.isRequired) expect(element.errorMessage).toEqual(expect.any(String));
      }
      if (element.type === 'Action.Execute') {
        expect(verbs).toContain(element.verb);
        expect((element.data as { verb?: string } | undefined)?.verb ?? element.verb).toBe(element.verb);
      }
    });
    const actions: Record<string, unknown>[] = [];
    walk(json.body, (e) => e.type === 'Action.Execute' && actions.push(e));
    walk(json.actions, (e) => e.type === 'Action.Execute' && actions.push(e));
    for (const a of actions) expect(a.fallback).toMatchObject({ type: 'Action.Submit' });
  });

  test('stays under Teams’ message size limit', () => {
    expect(json.version).toBe('1.5');
    expect(byteSize(json)).toBeLessThan(MAX_MESSAGE_BYTES);
  });
});

test('every verb has exactly one handler', () => {
  expect(Object.keys(cardHandlers).sort()).toEqual([...verbs].sort());
});

test('many cards are split into messages that each stay under the limit', () => {
  const many = Array.from({ length: 30 }, () => actionCard(view));
  const messages = packCards(many);
  expect(messages.flat()).toHaveLength(30);
  for (const m of messages) expect(byteSize(m)).toBeLessThan(MAX_MESSAGE_BYTES);
});
