import type { TestApp } from './test-app';

interface PlanAction {
  id: string;
  title: string;
  status: string;
  ownerId: string | null;
  dueDate: string | null;
  overdue: boolean;
  version: number;
  /** Not part of the plan read: loadPlan adds them from …/plan/indicators, as the views combine them. */
  indicators: { id: string; kind: string; latestValue: number | null }[];
}
export interface Plan {
  trajectory: { id: string; name: string };
  people: { id: string; displayName: string }[];
  domains: {
    id: string;
    name: string;
    approach: string;
    state: string;
    strategicObjectives: { id: string; title: string; operationalObjectives: { id: string; title: string; actions: PlanAction[] }[] }[];
  }[];
}

export async function beekvlietTrajectoryId(t: TestApp): Promise<string> {
  const me = (await t.call('coordinator', 'GET', '/api/v1/me')).json<{ trajectories: { id: string }[] }>();
  const id = me.trajectories[0]?.id;
  if (!id) throw new Error('the demo coordinator has no trajectory');
  return id;
}

/** The plan as the coordinator reads it, each action with its indicators (a second read, as the views do). */
export async function loadPlan(t: TestApp, trajectoryId: string): Promise<Plan> {
  const res = await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/plan`);
  if (res.statusCode !== 200) throw new Error(`plan: ${res.statusCode} ${res.body}`);
  const read = await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/plan/indicators`);
  if (read.statusCode !== 200) throw new Error(`plan indicators: ${read.statusCode} ${read.body}`);
  const byAction = new Map<string, PlanAction['indicators']>();
  for (const i of read.json<{ indicators: (PlanAction['indicators'][number] & { actionId: string })[] }>().indicators) byAction.set(i.actionId, [...(byAction.get(i.actionId) ?? []), i]);
  const plan = res.json<Plan>();
  for (const d of plan.domains) for (const s of d.strategicObjectives) for (const o of s.operationalObjectives) for (const a of o.actions) a.indicators = byAction.get(a.id) ?? [];
  return plan;
}

export function allActions(plan: Plan): (PlanAction & { domainId: string; operationalObjectiveId: string })[] {
  return plan.domains.flatMap((d) =>
    d.strategicObjectives.flatMap((s) => s.operationalObjectives.flatMap((o) => o.actions.map((a) => ({ ...a, domainId: d.id, operationalObjectiveId: o.id })))),
  );
}

/** The person id of a demo user in the plan's trajectory (through the people list). */
export async function personIdOf(t: TestApp, trajectoryId: string, userId: string): Promise<string> {
  const people = (await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/people`)).json<{ id: string; entraObjectId: string | null }[]>();
  const person = people.find((p) => p.entraObjectId === userId);
  if (!person) throw new Error(`no person for ${userId}`);
  return person.id;
}
