import type { Plan, PlanAction, PlanDomain, PlanOperational, PlanStrategic } from '../api/types';

/** The plan's filters, kept in the address (?q=…&status=…) so that a link opens the same view. */
export interface PlanFilterValues {
  q: string;
  domain: string;
  owner: string;
  status: string;
  overdue: boolean;
}

export const noFilters: PlanFilterValues = { q: '', domain: '', owner: '', status: '', overdue: false };

export function filtersFrom(query: URLSearchParams): PlanFilterValues {
  return { q: query.get('q') ?? '', domain: query.get('domain') ?? '', owner: query.get('owner') ?? '', status: query.get('status') ?? '', overdue: query.get('overdue') === 'true' };
}

/** One line of the plan table: the tree flattened, so that a long plan renders as one list. */
export type Row =
  | { kind: 'domain'; id: string; domain: PlanDomain; count: number }
  | { kind: 'strategic'; id: string; strategic: PlanStrategic; domain: PlanDomain; count: number }
  | { kind: 'operational'; id: string; operational: PlanOperational; strategic: PlanStrategic; count: number }
  | { kind: 'action'; id: string; action: PlanAction };

/** Which nodes are open: all of them or none, except the ones toggled. */
export interface Expansion {
  all: boolean;
  toggled: ReadonlySet<string>;
}

export const isExpanded = (e: Expansion, id: string) => e.all !== e.toggled.has(id);

export function buildRows(plan: Plan, matches: ((a: PlanAction) => boolean) | null, domainFilter: string, expansion: Expansion): { rows: Row[]; matched: number } {
  const rows: Row[] = [];
  let matched = 0;
  for (const domain of plan.domains) {
    if (domainFilter && domain.id !== domainFilter) continue;
    const count = (list: PlanAction[]) => (matches ? list.filter(matches).length : list.length);
    const domainCount = domain.strategicObjectives.reduce((n, s) => n + s.operationalObjectives.reduce((m, o) => m + count(o.actions), 0), 0);
    matched += domainCount;
    if (matches && !domainCount) continue;
    rows.push({ kind: 'domain', id: domain.id, domain, count: domainCount });
    if (!isExpanded(expansion, domain.id)) continue;
    for (const strategic of domain.strategicObjectives) {
      const sCount = strategic.operationalObjectives.reduce((m, o) => m + count(o.actions), 0);
      if (matches && !sCount) continue;
      rows.push({ kind: 'strategic', id: strategic.id, strategic, domain, count: sCount });
      if (!isExpanded(expansion, strategic.id)) continue;
      for (const operational of strategic.operationalObjectives) {
        const oCount = count(operational.actions);
        if (matches && !oCount) continue;
        rows.push({ kind: 'operational', id: operational.id, operational, strategic, count: oCount });
        if (!isExpanded(expansion, operational.id)) continue;
        for (const action of operational.actions) if (!matches || matches(action)) rows.push({ kind: 'action', id: action.id, action });
      }
    }
  }
  return { rows, matched };
}

/** The ids of a node and everything above it in the plan. */
export function pathTo(plan: Plan, id: string): string[] {
  for (const d of plan.domains) {
    if (d.id === id) return [d.id];
    for (const s of d.strategicObjectives) {
      if (s.id === id) return [d.id, s.id];
      for (const o of s.operationalObjectives) {
        if (o.id === id) return [d.id, s.id, o.id];
        if (o.actions.some((a) => a.id === id)) return [d.id, s.id, o.id, id];
      }
    }
  }
  return [];
}
