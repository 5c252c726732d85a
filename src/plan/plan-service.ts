import { actionStatuses, adjustments } from '../shared/enums';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { assertRead, loadAccess, type TrajectoryAccess } from '../auth/access';
import {
  actionCan,
  actionCanOutput,
  domainCan,
  domainCanOutput,
  holdsAny,
  operationalObjectiveCan,
  operationalObjectiveCanOutput,
  strategicObjectiveCan,
  strategicObjectiveCanOutput,
  trajectoryCan,
  trajectoryCanOutput,
  type ActionCan,
} from '../auth/entity-rights';
import type { Principal } from '../auth/principal';
import type { Db } from '../db/database';
import { notFound } from '../shared/errors';
import { brusselsDate } from '../shared/time';
import { findTrajectory } from '../trajectories/trajectory-repository';
import { operationalObjectiveOutput } from '../objectives/objective-resources';
import { loadPlanActionDetailsJson, loadPlanDomainsJson, loadPlanIndicatorsJson, loadPlanPeopleJson, planDomainRevisions, type DomainRevision } from './plan-repository';

const indicatorNode = z.object({
  id: z.uuid(),
  actionId: z.uuid(),
  kind: z.string().describe('output | outcome'),
  name: z.string(),
  unit: z.string(),
  baseline: z.number().nullable(),
  target: z.number().nullable(),
  latestValue: z.number().nullable(),
  latestOn: z.string().nullable(),
  measurementCount: z.int(),
});
export const planIndicatorsOutput = z.object({
  indicators: z.array(indicatorNode).describe("every indicator of the plan's actions, with its latest measurement"),
});
const actionNode = z.object({
  id: z.uuid(),
  title: z.string(),
  status: z.enum(actionStatuses),
  ownerId: z.uuid().nullable(),
  dueDate: z.string().nullable(),
  version: z.int(),
  adjustment: z.enum(adjustments).nullable(),
  overdue: z.boolean(),
});
/** What the export adds to each action; the views read it with the action (GET /actions/{id}). */
interface ActionDetails {
  id: string;
  partners: string[];
  startDate: string | null;
  means: string;
  budget: number | null;
  sevenB: string[];
}
const operationalNode = operationalObjectiveOutput
  .pick({ id: true, title: true, description: true, smartSpecific: true, smartMeasurable: true, smartAgreed: true, smartRealistic: true, smartTimeBound: true, targetDate: true, position: true, adjustment: true })
  .extend({ actions: z.array(actionNode) });
const strategicNode = z.object({ id: z.uuid(), title: z.string(), description: z.string(), position: z.int(), adjustment: z.enum(adjustments).nullable(), operationalObjectives: z.array(operationalNode) });
const domainNode = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  approach: z.string(),
  state: z.string(),
  position: z.int(),
  strategicObjectives: z.array(strategicNode),
});

const domainRights = z.object({
  domain: domainCanOutput,
  strategicObjectives: strategicObjectiveCanOutput,
  operationalObjectives: operationalObjectiveCanOutput,
  actions: actionCanOutput,
});
const planCan = z
  .object({
    trajectory: trajectoryCanOutput,
    domains: z.record(z.uuid(), domainRights).describe('per domain: what the caller may do with it and with each objective and action in it; a domain where they hold no right is left out'),
    actions: z.record(z.uuid(), actionCanOutput).describe("actions whose rights differ from their domain's (an owner's own actions)"),
  })
  .describe('what the caller may do, said once per domain rather than per entity, which keeps a large plan small');

export const planOutput = z.object({
  trajectory: z.object({ id: z.uuid(), name: z.string(), municipality: z.string(), version: z.int() }),
  today: z.string(),
  people: z.array(z.object({ id: z.uuid(), displayName: z.string() })),
  domains: z.array(domainNode),
  can: planCan,
  readOnly: z.boolean().describe('the caller may read the plan but change nothing in it'),
});
export type PlanDocument = z.output<typeof planOutput>;

export type PlanIndicator = z.output<typeof indicatorNode>;
/** The plan as the Excel export reads it: each action with its indicators. */
export type PlanWithIndicators = Omit<PlanDocument, 'domains'> & {
  domains: (Omit<PlanDocument['domains'][number], 'strategicObjectives'> & {
    strategicObjectives: (Omit<PlanDocument['domains'][number]['strategicObjectives'][number], 'operationalObjectives'> & {
      operationalObjectives: (Omit<PlanDocument['domains'][number]['strategicObjectives'][number]['operationalObjectives'][number], 'actions'> & {
        actions: (PlanDocument['domains'][number]['strategicObjectives'][number]['operationalObjectives'][number]['actions'][number] &
          Omit<ActionDetails, 'id'> & { indicators: PlanIndicator[] })[];
      })[];
    })[];
  })[];
};

export interface PlanText {
  /** Built on first use: a reader whose ETag's bytes are cached never joins the 1 MB text again. */
  readonly json: string;
  etag: string;
}

/** Where the entities of one domain's subtree sit: what the rights are decided on. */
interface DomainPlaces {
  id: string;
  actions: { id: string; ownerId: string | null }[];
}

/** One domain's subtree as built for one revision and day. */
interface DomainText {
  revision: number;
  today: string;
  json: string;
  places: DomainPlaces;
}

/** The assembled tree of a trajectory: its domains' texts in plan order. */
interface CachedTree {
  /** The domains and their revisions in order, and the day: equal keys mean equal trees. */
  key: string;
  domains: string;
  places: DomainPlaces[];
  /** The caller-specific part by rights fingerprint: readers with the same rights share it. */
  rights: Map<string, { json: string; hash: string }>;
}

interface TrajectoryCache {
  domains: Map<string, DomainText>;
  tree?: CachedTree;
}

const RIGHTS_ENTRIES = 50;

type DomainTree = { id: string; strategicObjectives: { operationalObjectives: { actions: { id: string; ownerId: string | null }[] }[] }[] };

function placesOf(domainJson: string): DomainPlaces {
  const d = JSON.parse(domainJson) as DomainTree;
  return { id: d.id, actions: d.strategicObjectives.flatMap((s) => s.operationalObjectives.flatMap((o) => o.actions.map((a) => ({ id: a.id, ownerId: a.ownerId })))) };
}

/**
 * All that the rights below depend on: roles, the work groups' domains, the person (only where it
 * counts: an owner's own actions) and a closed period. Readers alike in these read the same bytes.
 */
function rightsFingerprint(access: TrajectoryAccess): string {
  const person = access.roles.has('action_owner') ? access.personId : null;
  return JSON.stringify([[...access.roles].sort(), [...access.workGroupDomains].sort(), person, access.closed]);
}

/**
 * The plan's per-caller part: `can` and `readOnly`, as JSON members to append to the shared tree.
 * Rights follow the domain (objectives' rights are decided on their domain alone), so they are said
 * once per domain; only actions whose rights differ from an unowned action of their domain (an
 * owner's own) are listed by id. A 2,500-action plan's rights then take a few hundred bytes.
 */
function rightsJson(access: TrajectoryAccess, places: DomainPlaces[]): string {
  const domains: Record<string, z.output<typeof domainRights>> = {};
  const actions: Record<string, ActionCan> = {};
  for (const d of places) {
    const place = { id: d.id, domainId: d.id };
    const rights = {
      domain: domainCan(access, place),
      strategicObjectives: strategicObjectiveCan(access, place),
      operationalObjectives: operationalObjectiveCan(access, place),
      actions: actionCan(access, { domainId: d.id, ownerId: null }),
    };
    if (Object.values(rights).some(holdsAny)) domains[d.id] = rights;
    const usual = JSON.stringify(rights.actions);
    for (const a of d.actions) {
      if (a.ownerId === null) continue;
      const own = actionCan(access, { domainId: d.id, ownerId: a.ownerId });
      if (JSON.stringify(own) !== usual) actions[a.id] = own;
    }
  }
  const trajectory = trajectoryCan(access);
  const readOnly = !trajectory.edit && !trajectory.addDomain && !Object.keys(domains).length && !Object.keys(actions).length;
  return `"can":${JSON.stringify({ trajectory, domains, actions })},"readOnly":${readOnly}`;
}

const CACHE_ENTRIES = 20;

export function createPlanService(db: Db) {
  /*
   * Building a large tree costs PostgreSQL tens of milliseconds, while plans are read far more
   * often than written. Each domain's subtree is cached under the domain's revision, which a
   * deferred trigger moves as each write to that domain commits (migration 0019): a write
   * rebuilds only its own domain, and the others' texts are reused as they are. The revisions
   * are read from the database on every request, so instances behind a load balancer never
   * serve stale data.
   */
  const cache = new Map<string, TrajectoryCache>();
  const building = new Map<string, Promise<CachedTree>>();

  async function build(entry: TrajectoryCache, tenantId: string, trajectoryId: string, today: string, order: DomainRevision[], key: string): Promise<CachedTree> {
    const stale = order.filter((d) => {
      const hit = entry.domains.get(d.id);
      return !hit || hit.revision !== d.revision || hit.today !== today;
    });
    // The revisions were read before the subtrees: each subtree is then at least as new as its label.
    const fresh = await loadPlanDomainsJson(db, tenantId, trajectoryId, today, stale.map((d) => d.id));
    for (const d of stale) {
      const json = fresh.get(d.id);
      // A domain deleted since the revisions were read is left out; the next read no longer lists it.
      if (json === undefined) continue;
      // A slower build of an older revision never replaces what a newer one left.
      const held = entry.domains.get(d.id);
      if (held && held.today === today && held.revision > d.revision) continue;
      entry.domains.set(d.id, { revision: d.revision, today, json, places: placesOf(json) });
    }
    const present = order.map((d) => entry.domains.get(d.id)).filter((d): d is DomainText => d !== undefined);
    const listed = new Set(order.map((d) => d.id));
    for (const id of entry.domains.keys()) if (!listed.has(id)) entry.domains.delete(id);
    const tree: CachedTree = { key, domains: `[${present.map((d) => d.json).join(',')}]`, places: present.map((d) => d.places), rights: new Map() };
    entry.tree = tree;
    return tree;
  }

  async function currentTree(tenantId: string, trajectoryId: string, today: string): Promise<CachedTree> {
    const cacheKey = `${tenantId}/${trajectoryId}`;
    const order = await planDomainRevisions(db, tenantId, trajectoryId);
    const key = `${today}|${order.map((d) => `${d.id}:${d.revision}`).join(',')}`;
    let entry = cache.get(cacheKey);
    if (entry) cache.delete(cacheKey);
    entry ??= { domains: new Map() };
    cache.set(cacheKey, entry);
    if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
    if (entry.tree?.key === key) return entry.tree;
    // Readers who miss the same tree at once share one build (query, places, rights cache).
    const flightKey = `${cacheKey}|${key}`;
    let flight = building.get(flightKey);
    if (!flight) {
      flight = build(entry, tenantId, trajectoryId, today, order, key).finally(() => building.delete(flightKey));
      building.set(flightKey, flight);
    }
    return flight;
  }

  function rightsOf(tree: CachedTree, access: TrajectoryAccess): { json: string; hash: string } {
    const fingerprint = rightsFingerprint(access);
    const hit = tree.rights.get(fingerprint);
    if (hit) return hit;
    const json = rightsJson(access, tree.places);
    // The ETag names the rights' text itself: readers whose rights come out alike share one ETag and its bytes.
    const made = { json, hash: createHash('sha1').update(json).digest('base64url').slice(0, 12) };
    tree.rights.set(fingerprint, made);
    if (tree.rights.size > RIGHTS_ENTRIES) tree.rights.delete(tree.rights.keys().next().value as string);
    return made;
  }

  async function readable(principal: Principal, trajectoryId: string) {
    const [trajectory, access] = await Promise.all([findTrajectory(db, principal.tenantId, trajectoryId), loadAccess(db, principal, trajectoryId)]);
    if (!trajectory) throw notFound(`trajectory ${trajectoryId}`);
    assertRead(access);
    return { trajectory, access };
  }

  async function planText(principal: Principal, trajectoryId: string): Promise<PlanText> {
    const { trajectory, access } = await readable(principal, trajectoryId);
    const today = brusselsDate();
    const [tree, people] = await Promise.all([currentTree(principal.tenantId, trajectoryId, today), loadPlanPeopleJson(db, principal.tenantId, trajectoryId)]);
    const rights = rightsOf(tree, access);
    const head = JSON.stringify({
      trajectory: { id: trajectory.id, name: trajectory.name, municipality: trajectory.municipality, version: trajectory.version },
      today,
    });
    // The tree is named by its key, the caller's part by its hash; hashing only the small rest keeps this cheap.
    const etag = `W/"${createHash('sha1').update(tree.key).update(head).update(people).digest('base64url').slice(0, 20)}-${rights.hash}"`;
    let json: string | undefined;
    return {
      etag,
      get json() {
        json ??= `${head.slice(0, -1)},"people":${people},"domains":${tree.domains},${rights.json}}`;
        return json;
      },
    };
  }

  async function indicatorsText(principal: Principal, trajectoryId: string, domainId?: string): Promise<string> {
    await readable(principal, trajectoryId);
    return `{"indicators":${await loadPlanIndicatorsJson(db, principal.tenantId, trajectoryId, domainId)}}`;
  }

  return {
    planText,
    indicatorsText,
    /** The plan with each action's details and indicators, for the export. */
    async plan(principal: Principal, trajectoryId: string): Promise<PlanWithIndicators> {
      const [text, indicators, detailText] = await Promise.all([
        planText(principal, trajectoryId),
        indicatorsText(principal, trajectoryId),
        loadPlanActionDetailsJson(db, principal.tenantId, trajectoryId),
      ]);
      const plan = JSON.parse(text.json) as PlanDocument;
      const details = new Map((JSON.parse(detailText) as ActionDetails[]).map((d) => [d.id, d]));
      const none = { partners: [], startDate: null, means: '', budget: null, sevenB: [] };
      const byAction = new Map<string, PlanIndicator[]>();
      for (const i of (JSON.parse(indicators) as z.output<typeof planIndicatorsOutput>).indicators) byAction.set(i.actionId, [...(byAction.get(i.actionId) ?? []), i]);
      return {
        ...plan,
        domains: plan.domains.map((d) => ({
          ...d,
          strategicObjectives: d.strategicObjectives.map((s) => ({
            ...s,
            operationalObjectives: s.operationalObjectives.map((o) => ({
              ...o,
              // An action made between the two reads has no details yet: it shows with empty ones.
              actions: o.actions.map((a) => ({ ...a, ...none, ...details.get(a.id), id: a.id, indicators: byAction.get(a.id) ?? [] })),
            })),
          })),
        })),
      };
    },
  };
}
