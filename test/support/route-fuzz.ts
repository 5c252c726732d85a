import { fuzzContext, fuzzOperations, openApiOf, operationsOf, shardOf } from './openapi-fuzz';
import type { TestApp } from './test-app';

/** The route fuzz is split over this many test files, so that jest runs them side by side. */
export const ROUTE_SHARDS = 3;
/** Requests per operation: with ~145 operations, some 22,000 requests over the three shards. */
export const RUNS_PER_OPERATION = 150;

/** Fuzzes one shard of the OpenAPI document's operations and checks that each of them was. */
export async function fuzzShard(t: TestApp, shard: number): Promise<void> {
  const doc = await openApiOf(t);
  const all = operationsOf(doc);
  const mine = shardOf(all, shard, ROUTE_SHARDS);
  // Every operation lands in exactly one shard, whatever the document holds.
  const shards = Array.from({ length: ROUTE_SHARDS }, (_v, i) => shardOf(all, i, ROUTE_SHARDS).map((op) => op.key));
  expect(shards.flat().sort()).toEqual(all.map((op) => op.key).sort());
  expect(mine.length).toBeGreaterThan(10);

  const ctx = await fuzzContext(t);
  const started = Date.now();
  const result = await fuzzOperations(t, mine, ctx, RUNS_PER_OPERATION);
  console.log(`route fuzz, shard ${shard + 1}/${ROUTE_SHARDS}: ${result.requests} requests over ${mine.length} operations in ${Date.now() - started} ms\n${[...result.outcomes].sort().map(([k, n]) => `${k}: ${n}`).join(', ')}`);
  expect([...result.perOperation.keys()].sort()).toEqual(mine.map((op) => op.key).sort());
  for (const count of result.perOperation.values()) expect(count).toBeGreaterThanOrEqual(RUNS_PER_OPERATION);
}
