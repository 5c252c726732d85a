import { adjustments } from '../shared/enums';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { assertRead, loadAccess } from '../auth/access';
import type { Principal } from '../auth/principal';
import type { Db } from '../db/database';
import { notFound } from '../http/problems';
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

export const planOutput = z.object({
  trajectory: z.object({ id: z.uuid(), name: z.string(), municipality: z.string(), version: z.int() }),
  today: z.string(),
  people: z.array(z.object({ id: z.uuid(), displayName: z.string() })),
  domains: z.array(domainNode),
});
export type PlanDocument = z.output<typeof planOutput>;

export interface PlanText {
  json: string;
  etag: string;
}

interface CachedTree {
  revision: number;
  today: string;
  domains: string;
}

const CACHE_ENTRIES = 20;

export function createPlanService(db: Db) {
  /*
   * Building a large tree costs PostgreSQL tens of milliseconds, while plans are read far
   * more often than written. Triggers on the plan tables note every write (migration 0004),
   * so the trajectory's plan revision tells whether a cached tree is still current. The check
   * runs against the database on every request, so instances behind a load balancer never
   * serve stale data.
   */
  const cache = new Map<string, CachedTree>();
  const building = new Map<string, Promise<string>>();

  async function domainsJson(tenantId: string, trajectoryId: string, today: string): Promise<{ domains: string; revision: number }> {
    const key = `${tenantId}/${trajectoryId}`;
    const revision = await planRevision(db, tenantId, trajectoryId);
    const hit = cache.get(key);
    if (hit && hit.revision === revision && hit.today === today) {
      cache.delete(key);
      cache.set(key, hit);
      return { domains: hit.domains, revision };
    }
    // Readers who miss the same revision at once share one build instead of each running it.
    const flightKey = `${key}/${revision}/${today}`;
    let flight = building.get(flightKey);
    if (!flight) {
      // Read the revision before the tree: the tree is then at least as new as its label.
      flight = loadPlanDomainsJson(db, tenantId, trajectoryId, today).finally(() => building.delete(flightKey));
      building.set(flightKey, flight);
    }
    const domains = await flight;
    cache.set(key, { revision, today, domains });
    if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
    return { domains, revision };
  }

  async function planText(principal: Principal, trajectoryId: string): Promise<PlanText> {
    const [trajectory, access] = await Promise.all([findTrajectory(db, principal.tenantId, trajectoryId), loadAccess(db, principal, trajectoryId)]);
    if (!trajectory) throw notFound(`trajectory ${trajectoryId}`);
    assertRead(access);
    const today = brusselsDate();
    const [{ domains, revision }, people] = await Promise.all([
      domainsJson(principal.tenantId, trajectoryId, today),
      loadPlanPeopleJson(db, principal.tenantId, trajectoryId),
    ]);
    const head = JSON.stringify({
      trajectory: { id: trajectory.id, name: trajectory.name, municipality: trajectory.municipality, version: trajectory.version },
      today,
    });
    const json = `${head.slice(0, -1)},"people":${people},"domains":${domains}}`;
    // The tree is fixed by (revision, day); hashing only the small rest keeps this cheap.
    const etag = `W/"${revision}-${today}-${createHash('sha1').update(head).update(people).digest('base64url').slice(0, 16)}"`;
    return { json, etag };
  }

  return {
    planText,
    async plan(principal: Principal, trajectoryId: string): Promise<PlanDocument> {
      return JSON.parse((await planText(principal, trajectoryId)).json) as PlanDocument;
    },
  };
}
