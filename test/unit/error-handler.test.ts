import Fastify from 'fastify';
import { installErrorHandler } from '../../src/http/error-handler';

/*
 * A constraint error from PostgreSQL carries the failing row in its detail, every column of it:
 * the answer names the field and must not hand that row back.
 */
test.each([
  ['23514', 'action_status_check', 'body.status'],
  ['23502', undefined, 'body.title'],
])('a %s violation names the field and does not echo the failing row', async (code, constraint, path) => {
  const app = Fastify({ logger: false });
  installErrorHandler(app);
  app.get('/boom', () => {
    throw Object.assign(new Error('violates a rule'), {
      code,
      table: 'action',
      constraint,
      column: code === '23502' ? 'title' : undefined,
      detail: 'Failing row contains (tenant, +32 470 11 22 33, ouder@example.org)',
    });
  });
  const res = await app.inject({ method: 'GET', url: '/boom' });
  expect(res.statusCode).toBe(400);
  expect(res.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe(path);
  expect(res.body).not.toMatch(/Failing row|470 11 22 33|ouder@example/);
  await app.close();
});
