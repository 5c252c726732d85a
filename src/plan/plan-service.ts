import { adjustments } from '../shared/enums';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { assertRead, loadAccess, type TrajectoryAccess } from '../auth/access';
import {
  actionCan,
  actionCanOutput,
  domainCan,
  domainCanOutput,
  holdsAny,
  indicatorCan,
  indicatorCanOutput,
  operationalObjectiveCan,
  operationalObjectiveCanOutput,
  strategicObjectiveCan,
  strategicObjectiveCanOutput,
  trajectoryCan,
  trajectoryCanOutput,
} from '../auth/entity-rights';
import type { Principal } from '../auth/principal';
import type { Db } from '../db/database';
import { notFound } from '../shared/errors';
import { brusselsDate } from '../shared/time';
import { findTrajectory } from '../trajectories/trajectory-repository';
import { operationalObjectiveOutput } from '../objectives/objective-resources';
import { loadPlanDomainsJson, loadPlanPeopleJson, planRevision } from './plan-repository';

const indicatorNode = z.object({
  id: z.uuid(),
  kind: z.string().describe('output | outcome'),
  name: z.string(),
  unit: z.string(),
  baseline: z.number().nullable(),
  target: z.number().nullable(),
  latestValue: z.number().nullable(),
  latestOn: z.string().nullable(),
  measurementCount: z.int(),
});
const actionNode = z.object({
  id: z.uuid(),
  title: z.string(),
  status: z.string(),
  ownerId: z.uuid().nullable(),
  partners: z.array(z.string()),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  means: z.string(),
  budget: z.number().nullable(),
  sevenB: z.array(z.string()),
  version: z.int(),
  adjustment: z.enum(adjustments).nullable(),
  overdue: z.boolean(),
  indicators: z.array(indicatorNode),
});
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

const planCan = z
  .object({
    trajectory: trajectoryCanOutput,
    domains: z.record(z.uuid(), domainCanOutput),
    strategicObjectives: z.record(z.uuid(), strategicObjectiveCanOutput),
    operationalObjectives: z.record(z.uuid(), operationalObjectiveCanOutput),
    actions: z.record(z.uuid(), actionCanOutput),
    indicators: z.record(z.uuid(), indicatorCanOutput),
  })
  .describe('what the caller may do, by entity id; an entity where they hold no right is left out');

export const planOutput = z.object({
  trajectory: z.object({ id: z.uuid(), name: z.string(), municipality: z.string(), version: z.int() }),
  today: z.string(),
  people: z.array(z.object({ id: z.uuid(), displayName: z.string() })),
  domains: z.array(domainNode),
  can: planCan,
  readOnly: z.boolean().describe('the caller may read the plan but change nothing in it'),
});
export type PlanDocument = z.output<typeof planOutput>;

export interface PlanText {
  json: string;
  etag: string;
}

/** Where each entity of the tree sits, read once per cached tree: what the rights are decided on. */
interface Places {
  domains: string[];
  objectives: { id: string; domainId: string; level: 'strategic' | 'operational' }[];
  actions: { id: string; domainId: string; ownerId: string | null; indicators: string[] }[];
}

interface CachedTree {
  revision: number;
  today: string;
  domains: string;
  places: Places;
  /** The caller-specific part by rights fingerprint: readers with the same rights share it. */
  rights: Map<string, { json: string; hash: string }>;
}

const RIGHTS_ENTRIES = 50;

type TreeText = { id: string; strategicObjectives: { id: string; operationalObjectives: { id: string; actions: { id: string; ownerId: string | null; indicators: { id: string }[] }[] }[] }[] }[];

function placesOf(domainsJson: string): Places {
  const places: Places = { domains: [], objectives: [], actions: [] };
  for (const d of JSON.parse(domainsJson) as TreeText) {
    places.domains.push(d.id);
    for (const s of d.strategicObjectives) {
      places.objectives.push({ id: s.id, domainId: d.id, level: 'strategic' });
      for (const o of s.operationalObjectives) {
        places.objectives.push({ id: o.id, domainId: d.id, level: 'operational' });
        for (const a of o.actions) places.actions.push({ id: a.id, domainId: d.id, ownerId: a.ownerId, indicators: a.indicators.map((i) => i.id) });
      }
    }
  }
  return places;
}

/**
 * All that the rights below depend on: roles, the work groups' domains, the person (only where it
 * counts: an owner's own actions) and a closed period. Readers alike in these read the same bytes.
 */
function rightsFingerprint(access: TrajectoryAccess): string {
  const person = access.roles.has('action_owner') ? access.personId : null;
  return JSON.stringify([[...access.roles].sort(), [...access.workGroupDomains].sort(), person, access.closed]);
}

/** The plan's per-caller part: `can` and `readOnly`, as JSON members to append to the shared tree. */
function rightsJson(access: TrajectoryAccess, places: Places): string {
  const keep = <T extends object>(entries: [string, T][]) => Object.fromEntries(entries.filter(([, rights]) => holdsAny(rights)));
  const can = {
    trajectory: trajectoryCan(access),
    domains: keep(places.domains.map((id) => [id, domainCan(access, { id })])),
    strategicObjectives: keep(places.objectives.filter((o) => o.level === 'strategic').map((o) => [o.id, strategicObjectiveCan(access, o)])),
    operationalObjectives: keep(places.objectives.filter((o) => o.level === 'operational').map((o) => [o.id, operationalObjectiveCan(access, o)])),
    actions: keep(places.actions.map((a) => [a.id, actionCan(access, a)])),
    indicators: keep(places.actions.flatMap((a) => a.indicators.map((id): [string, ReturnType<typeof indicatorCan>] => [id, indicatorCan(access, a)]))),
  };
  const readOnly =
    !can.trajectory.edit && !can.trajectory.addDomain && [can.domains, can.strategicObjectives, can.operationalObjectives, can.actions, can.indicators].every((m) => !Object.keys(m).length);
  return `"can":${JSON.stringify(can)},"readOnly":${readOnly}`;
}

const CACHE_ENTRIES = 20;

export function createPlanService(db: Db) {
  /*
   * Building a large tree costs PostgreSQL tens of milliseconds, while plans are read far
   * more often than written. A deferred trigger moves the trajectory's plan revision as each
   * plan write commits (migration 0018), so the revision tells whether a cached tree is current. The check
   * runs against the database on every request, so instances behind a load balancer never
   * serve stale data.
   */
  const cache = new Map<string, CachedTree>();
  const building = new Map<string, Promise<CachedTree>>();

  async function domainsJson(tenantId: string, trajectoryId: string, today: string): Promise<CachedTree> {
    const key = `${tenantId}/${trajectoryId}`;
    const revision = await planRevision(db, tenantId, trajectoryId);
    const hit = cache.get(key);
    if (hit && hit.revision === revision && hit.today === today) {
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    // Readers who miss the same revision at once share one build (query, places, rights cache).
    const flightKey = `${key}/${revision}/${today}`;
    let flight = building.get(flightKey);
    if (!flight) {
      // Read the revision before the tree: the tree is then at least as new as its label.
      flight = loadPlanDomainsJson(db, tenantId, trajectoryId, today)
        .then((domains): CachedTree => {
          const tree: CachedTree = { revision, today, domains, places: placesOf(domains), rights: new Map() };
          cache.set(key, tree);
          if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
          return tree;
        })
        .finally(() => building.delete(flightKey));
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

  async function planText(principal: Principal, trajectoryId: string): Promise<PlanText> {
    const [trajectory, access] = await Promise.all([findTrajectory(db, principal.tenantId, trajectoryId), loadAccess(db, principal, trajectoryId)]);
    if (!trajectory) throw notFound(`trajectory ${trajectoryId}`);
    assertRead(access);
    const today = brusselsDate();
    const [tree, people] = await Promise.all([
      domainsJson(principal.tenantId, trajectoryId, today),
      loadPlanPeopleJson(db, principal.tenantId, trajectoryId),
    ]);
    const { domains, revision } = tree;
    const rights = rightsOf(tree, access);
    const head = JSON.stringify({
      trajectory: { id: trajectory.id, name: trajectory.name, municipality: trajectory.municipality, version: trajectory.version },
      today,
    });
    const json = `${head.slice(0, -1)},"people":${people},"domains":${domains},${rights.json}}`;
    // The tree is fixed by (revision, day), the caller's part by its hash; hashing only the small rest keeps this cheap.
    const etag = `W/"${revision}-${today}-${createHash('sha1').update(head).update(people).digest('base64url').slice(0, 16)}-${rights.hash}"`;
    return { json, etag };
  }

  return {
    planText,
    async plan(principal: Principal, trajectoryId: string): Promise<PlanDocument> {
      return JSON.parse((await planText(principal, trajectoryId)).json) as PlanDocument;
    },
  };
}
