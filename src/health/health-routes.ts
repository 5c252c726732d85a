import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { RETRY_AFTER_SECONDS } from '../db/connection-errors';
import type { Db } from '../db/database';
import type { PostgresStatus } from '../db/embedded-postgres';

export interface HealthDeps {
  db: Db;
  /** The embedded cluster's supervisor; absent with an external database (DATABASE_URL, tests). */
  postgres?: (() => PostgresStatus) | undefined;
  /** How long the database may take to answer `select 1` before the check fails. */
  timeoutMs?: number;
}

async function databaseAnswers(db: Db, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      sql`select 1`.execute(db),
      new Promise((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error('database timeout')), timeoutMs);
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** GET /healthz for load balancers and App Service: 200 when the database answers, else 503. */
export function registerHealthRoutes(app: FastifyInstance, deps: HealthDeps): void {
  const timeoutMs = deps.timeoutMs ?? 2000;
  app.get('/healthz', async (_request, reply) => {
    const postgres = deps.postgres?.();
    const answers = postgres?.state === 'running' || !postgres ? await databaseAnswers(deps.db, timeoutMs) : false;
    const body = { status: answers ? 'ok' : 'unavailable', ...(postgres ? { postgres } : {}) };
    if (answers) return body;
    return reply
      .code(503)
      .header('retry-after', String(RETRY_AFTER_SECONDS))
      .send({ ...body, detail: postgres && postgres.state !== 'running' ? `the embedded database is ${postgres.state}` : 'the database does not answer' });
  });
}
