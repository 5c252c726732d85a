import type { Api } from '../api/client';
import {
  openStatuses,
  type Action,
  type ActionCan,
  type DomainCan,
  type OperationalObjectiveCan,
  type Plan,
  type PlanAction,
  type PlanCan,
  type PlanIndicator,
  type PlanWire,
  type PlanDomain,
  type PlanOperational,
  type PlanStrategic,
  type StrategicObjectiveCan,
} from '../api/types';
import { spreadRights } from './plan-rights';
import { invalidateResources, loadResource, mutateResource, useResource, type Resource } from './resource';

export const planKey = (trajectoryId: string) => `plan:${trajectoryId}`;

export const loadPlan = (api: Api, trajectoryId: string) => async (): Promise<Plan> => spreadRights(await api.get<PlanWire>(`/api/v1/trajectories/${trajectoryId}/plan`));

export function usePlan(api: Api, trajectoryId: string): Resource<Plan> {
  return useResource(planKey(trajectoryId), loadPlan(api, trajectoryId));
}

/** Reads the plan again now (a read under way is shared). */
export const reloadPlan = (api: Api, trajectoryId: string): Promise<void> => loadResource(planKey(trajectoryId), loadPlan(api, trajectoryId));

/** After an indicator or measurement changed: the plan's indicator reads (whole plan and per domain) are read again. */
export const reloadPlanIndicators = (trajectoryId: string): Promise<void> => invalidateResources(planIndicatorsKey(trajectoryId));

export const planIndicatorsKey = (trajectoryId: string, domainId?: string | null) => `plan-indicators:${trajectoryId}${domainId ? `:${domainId}` : ''}`;

/** The indicators of the plan's actions (of one domain's, if given) by action id, with their latest measurement. */
export function usePlanIndicators(api: Api, trajectoryId: string, domainId?: string | null, enabled = true): Resource<Map<string, PlanIndicator[]>> {
  return useResource(enabled ? planIndicatorsKey(trajectoryId, domainId) : null, async () => {
    const query = domainId ? `?domainId=${encodeURIComponent(domainId)}` : '';
    const { indicators } = await api.get<{ indicators: PlanIndicator[] }>(`/api/v1/trajectories/${trajectoryId}/plan/indicators${query}`);
    const byAction = new Map<string, PlanIndicator[]>();
    for (const i of indicators) byAction.set(i.actionId, [...(byAction.get(i.actionId) ?? []), i]);
    return byAction;
  });
}

export function isOverdue(a: { dueDate: string | null; status: string }, today: string): boolean {
  return Boolean(a.dueDate && a.dueDate < today && (openStatuses as readonly string[]).includes(a.status));
}

export interface ActionPlace {
  action: PlanAction;
  operational: PlanOperational;
  strategic: PlanStrategic;
  domain: PlanDomain;
}

export function findAction(plan: Plan, actionId: string): ActionPlace | null {
  for (const domain of plan.domains)
    for (const strategic of domain.strategicObjectives)
      for (const operational of strategic.operationalObjectives)
        for (const action of operational.actions) if (action.id === actionId) return { action, operational, strategic, domain };
  return null;
}

export function actionsOfDomain(domain: PlanDomain): PlanAction[] {
  return domain.strategicObjectives.flatMap((s) => s.operationalObjectives.flatMap((o) => o.actions));
}

export function allActions(plan: Plan): PlanAction[] {
  return plan.domains.flatMap(actionsOfDomain);
}

/** Puts the server's version of an action into the plan, copying only the path that changed. */
export function withAction(plan: Plan, fresh: Action | PlanAction): Plan {
  const merge = (a: PlanAction): PlanAction => {
    const next: PlanAction = {
      ...a,
      title: fresh.title,
      status: fresh.status,
      ownerId: fresh.ownerId,
      dueDate: fresh.dueDate,
      version: fresh.version,
      adjustment: fresh.adjustment,
    };
    return { ...next, overdue: isOverdue(next, plan.today) };
  };
  return {
    ...plan,
    domains: plan.domains.map((d) =>
      !actionsOfDomain(d).some((a) => a.id === fresh.id)
        ? d
        : {
            ...d,
            strategicObjectives: d.strategicObjectives.map((s) => ({
              ...s,
              operationalObjectives: s.operationalObjectives.map((o) =>
                o.actions.some((a) => a.id === fresh.id) ? { ...o, actions: o.actions.map((a) => (a.id === fresh.id ? merge(a) : a)) } : o,
              ),
            })),
          },
    ),
  };
}

export function applyActionToPlan(trajectoryId: string, fresh: Action | PlanAction): void {
  mutateResource<Plan>(planKey(trajectoryId), (plan) => withAction(plan, fresh));
}

/*
 * What the server says the caller may do with an entity of the plan. An entity the plan's `can`
 * leaves out is one where the caller holds no right: every control for it stays hidden.
 */
export const noActionRights: ActionCan = { edit: false, move: false, delete: false, report: false, addIndicator: false, fields: [] };
const noDomainRights: DomainCan = { edit: false, delete: false, addStrategicObjective: false };
const noStrategicRights: StrategicObjectiveCan = { edit: false, delete: false, addOperationalObjective: false };
const noOperationalRights: OperationalObjectiveCan = { edit: false, delete: false, addAction: false };

export const actionRights = (can: PlanCan | null | undefined, id: string): ActionCan => can?.actions[id] ?? noActionRights;
export const domainRights = (can: PlanCan | null | undefined, id: string): DomainCan => can?.domains[id] ?? noDomainRights;
export const strategicRights = (can: PlanCan | null | undefined, id: string): StrategicObjectiveCan => can?.strategicObjectives[id] ?? noStrategicRights;
export const operationalRights = (can: PlanCan | null | undefined, id: string): OperationalObjectiveCan => can?.operationalObjectives[id] ?? noOperationalRights;
