import type { TrajectoryAccess } from '../auth/access';
import { grants, type Capability, type PolicyRole } from '../auth/policy';
import { addDays, daysBetween } from '../follow-ups/calendar';
import type { OverviewFacts } from './overview-repository';
import { isOpen } from './overview-rules';

/*
 * Which overview a caller gets, decided here from their access (never by the client): each
 * persona leads with the section that is its job in the roadmap, and the sections the caller's
 * other roles add follow in one fixed order. Pure, so the rules can be tested without a server.
 */

export const overviewPersonas = ['coordinator', 'chair', 'trusted_person', 'action_owner', 'work_group', 'alderman', 'member'] as const;
export type OverviewPersona = (typeof overviewPersonas)[number];

export const overviewSections = [
  'phases',
  'college',
  'myParents',
  'myActions',
  'workGroups',
  'myDomains',
  'warnings',
  'overdue',
  'indicatorsOffTrack',
  'meetings',
  'statusByDomain',
] as const;
export type OverviewSection = (typeof overviewSections)[number];

/** The roles behind each persona, in the order a caller with several roles meets them. */
const personaRoles: Record<OverviewPersona, readonly PolicyRole[]> = {
  coordinator: ['coordinator', 'facilitator'],
  chair: ['chair'],
  trusted_person: ['trusted_person'],
  action_owner: ['action_owner'],
  work_group: ['work_group_chair', 'work_group_member'],
  alderman: ['alderman'],
  member: [],
};

/** What each persona's overview holds; the first section is the one it leads with. */
const personaSections: Record<OverviewPersona, readonly OverviewSection[]> = {
  coordinator: ['phases', 'warnings', 'overdue', 'meetings', 'statusByDomain'],
  chair: ['college', 'overdue', 'indicatorsOffTrack', 'meetings', 'statusByDomain', 'phases'],
  trusted_person: ['myParents', 'meetings'],
  action_owner: ['myActions', 'meetings'],
  work_group: ['workGroups', 'meetings'],
  alderman: ['myDomains', 'indicatorsOffTrack', 'meetings', 'phases'],
  member: ['phases', 'meetings', 'statusByDomain'],
};

/** After the leading sections, the rest come in this order whoever asks. */
const restOrder: readonly OverviewSection[] = ['warnings', 'overdue', 'indicatorsOffTrack', 'meetings', 'statusByDomain', 'phases'];

export function personasOf(access: TrajectoryAccess): OverviewPersona[] {
  const found = overviewPersonas.filter((p) => personaRoles[p].some((r) => access.roles.has(r)));
  // A work group's chair leads its board: the board comes before their own actions.
  if (access.roles.has('work_group_chair') && found.includes('action_owner')) {
    const rest: OverviewPersona[] = found.filter((p) => p !== 'work_group');
    rest.splice(rest.indexOf('action_owner'), 0, 'work_group');
    return rest;
  }
  return found.length ? found : ['member'];
}

export function sectionsOf(personas: readonly OverviewPersona[]): OverviewSection[] {
  const all = new Set(personas.flatMap((p) => personaSections[p]));
  const leads = [...new Set(personas.map((p) => personaSections[p][0]!))];
  return [...leads, ...restOrder.filter((s) => all.has(s) && !leads.includes(s))];
}

/**
 * Who is named as carrying too many actions: only the coordinator, whose job it is to spread
 * ownership. To everyone else the overview shows no such name (the phases keep the bare count).
 */
export function seesWorkload(access: TrajectoryAccess): boolean {
  return access.roles.has('coordinator');
}

/** The capabilities that change the plan; a caller whose roles hold none of them reads only. */
const planWrites: readonly Capability[] = ['trajectory.edit', 'plan.edit', 'domain.edit', 'action.report', 'meeting.manage'];
export function readsOnly(access: TrajectoryAccess): boolean {
  return access.closed || !planWrites.some((c) => grants[c].some((r) => access.roles.has(r)));
}

/** "Due soon": within this many days from today. */
export const DUE_SOON_DAYS = 14;
/** An indicator is off track when its progress lags the time gone by more than this share. */
export const OFF_TRACK_MARGIN = 0.15;
export const MAX_LISTED = 50;

export type Urgency = 'overdue' | 'due_soon' | 'later';

export function urgencyOf(dueDate: string | null, today: string): Urgency {
  if (dueDate !== null && dueDate < today) return 'overdue';
  if (dueDate !== null && dueDate <= addDays(today, DUE_SOON_DAYS)) return 'due_soon';
  return 'later';
}

const urgencyRank: Record<Urgency, number> = { overdue: 0, due_soon: 1, later: 2 };

/** The caller's own open actions, overdue first, then due soon, then the rest by due date. */
export function ownActions(facts: OverviewFacts, personId: string | null, today: string) {
  if (!personId) return [];
  const domainNames = new Map(facts.domains.map((d) => [d.id, d.name]));
  return facts.actions
    .filter((a) => a.ownerId === personId && isOpen(a.status))
    .map((a) => ({ id: a.id, title: a.title, status: a.status, dueDate: a.dueDate, domainId: a.domainId, domainName: domainNames.get(a.domainId) ?? '', urgency: urgencyOf(a.dueDate, today) }))
    .sort((x, y) => urgencyRank[x.urgency] - urgencyRank[y.urgency] || (x.dueDate ?? '9999').localeCompare(y.dueDate ?? '9999') || x.title.localeCompare(y.title))
    .slice(0, MAX_LISTED);
}

/**
 * Indicators whose latest measurement lags the path from baseline to target: the share of the
 * way covered is smaller than the share of the action's time gone by (less the margin), or the
 * value moved away from the target. Without baseline, target or a measurement nothing is judged.
 */
export function indicatorsOffTrack(facts: OverviewFacts, trajectory: { periodStart: string; periodEnd: string }, today: string) {
  const actions = new Map(facts.actions.map((a) => [a.id, a]));
  const domainNames = new Map(facts.domains.map((d) => [d.id, d.name]));
  const out = [];
  for (const i of facts.indicators) {
    const action = actions.get(i.actionId);
    if (!action || action.status === 'dropped') continue;
    if (i.baseline === null || i.target === null || i.latestValue === null || i.lastMeasuredOn === null) continue;
    const baseline = Number(i.baseline);
    const target = Number(i.target);
    if (target === baseline) continue;
    const progress = (i.latestValue - baseline) / (target - baseline);
    const start = action.startDate ?? trajectory.periodStart;
    const end = action.dueDate ?? trajectory.periodEnd;
    const span = Math.max(1, daysBetween(start, end));
    const elapsed = Math.min(1, Math.max(0, daysBetween(start, today) / span));
    if (progress < 0 || progress < elapsed - OFF_TRACK_MARGIN) {
      out.push({
        id: i.id,
        name: i.name,
        unit: i.unit,
        kind: i.kind,
        actionId: i.actionId,
        actionTitle: action.title,
        domainId: action.domainId,
        domainName: domainNames.get(action.domainId) ?? '',
        baseline,
        target,
        latest: { measuredOn: i.lastMeasuredOn, value: i.latestValue },
        progress: Math.round(progress * 1000) / 1000,
        expected: Math.round(elapsed * 1000) / 1000,
      });
    }
  }
  return out.sort((a, b) => a.progress - a.expected - (b.progress - b.expected)).slice(0, MAX_LISTED);
}
