import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { registerActionRoutes } from '../actions/action-routes';
import { createActionService, type ActionService } from '../actions/action-service';
import { registerBot } from '../../bot/register-bot';
import { registerAuditRoutes } from '../audit/audit-routes';
import { registerLegalPages } from '../legal/legal-pages';
import { registerDevRoutes } from '../auth/dev-routes';
import type { Principal } from '../auth/principal';
import { createTokenVerifier } from '../auth/token-verifier';
import type { Config } from '../config/config';
import type { Db } from '../db/database';
import { domainResource } from '../domains/domain-resource';
import { indicatorResource, measurementResource } from '../indicators/indicator-resources';
import { initiativeResource } from '../initiatives/initiative-resource';
import { meetingResource } from '../meetings/meeting-resource';
import { operationalObjectiveResource, strategicObjectiveResource } from '../objectives/objective-resources';
import { registerOverviewRoutes } from '../overview/overview-routes';
import { registerPeopleRoutes } from '../people/people-routes';
import { registerPlanRoutes } from '../plan/plan-routes';
import { registerResourceRoutes } from '../shared/resource-routes';
import { createTenantRegistry } from '../tenants/tenant-registry';
import { registerTrajectoryRoutes } from '../trajectories/trajectory-routes';
import { createApiContext } from './api-context';
import { installErrorHandler } from './error-handler';
import { forbidden, unauthorized } from './problems';
import { openApiDocument, RouteRegistry } from './route';

export interface ServerDeps {
  config: Config;
  db: Db;
  /** Where the built tab app lives (vite's outDir). */
  tabsDir?: string;
  logger?: boolean;
}

export interface AppServices {
  actions: ActionService;
  authenticate: (authorization: string | undefined) => Promise<Principal>;
  tenants: ReturnType<typeof createTenantRegistry>;
}

export interface BuiltServer {
  app: FastifyInstance;
  services: AppServices;
}

export async function buildServer(deps: ServerDeps): Promise<BuiltServer> {
  const { config, db } = deps;
  const app = Fastify({
    logger: deps.logger === false ? false : { level: config.logLevel },
    bodyLimit: 1024 * 1024,
    trustProxy: true,
  });
  installErrorHandler(app);

  const verifier = createTokenVerifier(config);
  const tenants = createTenantRegistry(db);
  const authenticate = async (authorization: string | undefined): Promise<Principal> => {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match?.[1]) throw unauthorized('Send a bearer token: Authorization: Bearer <token>');
    const principal = await verifier.verify(match[1]);
    if (!(await tenants.isRegistered(principal.tenantId))) {
      throw forbidden(`Tenant ${principal.tenantId} is not registered in Kansrijk; ask your IT administrator`);
    }
    return principal;
  };
  const registry = new RouteRegistry();
  const api = createApiContext(app, registry, (request) => authenticate(request.headers.authorization));
  const actions = createActionService(db);

  app.get('/healthz', async (_request, reply) => {
    try {
      await Promise.race([
        sql`select 1`.execute(db),
        new Promise((_resolve, reject) => setTimeout(() => reject(new Error('database timeout')), 2000)),
      ]);
      return { status: 'ok' };
    } catch {
      return reply.code(503).send({ status: 'unavailable', detail: 'the database does not answer' });
    }
  });

  registerTrajectoryRoutes(api, db);
  registerPlanRoutes(api, db);
  registerOverviewRoutes(api, db);
  registerPeopleRoutes(api, db);
  registerResourceRoutes(api, db, domainResource);
  registerResourceRoutes(api, db, strategicObjectiveResource);
  registerResourceRoutes(api, db, operationalObjectiveResource);
  registerActionRoutes(api, actions);
  registerResourceRoutes(api, db, indicatorResource);
  registerResourceRoutes(api, db, measurementResource);
  registerResourceRoutes(api, db, initiativeResource);
  registerResourceRoutes(api, db, meetingResource);
  registerAuditRoutes(api, db);
  registerBot(app, { config, db, actions, tenants });

  let openApi: Record<string, unknown> | undefined;
  app.get('/api/openapi.json', async () => {
    openApi ??= openApiDocument(registry, { servers: [{ url: config.publicUrl ?? '/' }] });
    return openApi;
  });

  registerLegalPages(app);
  if (config.auth.mode === 'dev') registerDevRoutes(app, config, db);

  const tabsDir = deps.tabsDir ?? path.resolve(__dirname, '../../tabs');
  if (existsSync(path.join(tabsDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: tabsDir, prefix: '/tabs/', maxAge: '1h', immutable: false });
    app.get('/', (_request, reply) => reply.redirect('/tabs/index.html'));
  }

  return { app, services: { actions, authenticate, tenants } };
}
