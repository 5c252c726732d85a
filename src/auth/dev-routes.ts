import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Config } from '../config/config';
import type { Db } from '../db/database';
import { parseInput } from '../http/validation';
import { createTrajectoryService } from '../trajectories/trajectory-service';
import { listDevUsers } from './dev-repository';
import { signDevToken } from './token-verifier';

const tokenRequest = z
  .object({
    tenantId: z.string().min(1, 'must not be empty').max(100),
    userId: z.string().min(1, 'must not be empty').max(100),
    name: z.string().min(1, 'must not be empty').max(120),
  })
  .strict();

/** Dev mode only: sign in as any demo user without Entra. Never registered in production. */
export function registerDevRoutes(app: FastifyInstance, config: Config, db: Db): void {
  const trajectories = createTrajectoryService(db);
  app.post('/dev/token', async (request) => {
    const principal = parseInput(tokenRequest, request.body, 'body');
    return { token: await signDevToken(config, principal) };
  });
  app.get('/dev/users', async () => {
    const users = await listDevUsers(db);
    const out = [];
    for (const u of users) {
      const principal = { tenantId: u.tenantId, userId: u.entraObjectId, name: u.displayName };
      const mine = await trajectories.listMine(principal);
      out.push({
        tenantId: u.tenantId,
        tenantName: u.tenantName,
        userId: u.entraObjectId,
        name: u.displayName,
        roles: [...new Set(mine.flatMap((t) => t.roles))].sort(),
      });
    }
    return out;
  });
}
