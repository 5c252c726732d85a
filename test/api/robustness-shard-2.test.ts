import { fuzzShard } from '../support/route-fuzz';
import { createTestApp, type TestApp } from '../support/test-app';

/* The second third of the route fuzz (the others are in robustness.test.ts and robustness-shard-3.test.ts): jest runs the files side by side. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

test('no generated request to the second third of the operations answers 5xx; every 4xx is problem+json with a title', () => fuzzShard(t, 1), 120_000);
