import { fuzzShard } from '../support/route-fuzz';
import { createTestApp, type TestApp } from '../support/test-app';

/* The last third of the route fuzz (the others are in robustness.test.ts and robustness-shard-2.test.ts). */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

test('no generated request to the last third of the operations answers 5xx; every 4xx is problem+json with a title', () => fuzzShard(t, 2), 120_000);
