import { fuzzShard } from '../support/route-fuzz';
import { createTestApp, type TestApp } from '../support/test-app';

/* The second half of the route fuzz (the first is in robustness.test.ts): jest runs the two files side by side. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

test('no generated request to the second half of the operations answers 5xx; every 4xx is problem+json with a title', () => fuzzShard(t, 1), 120_000);
