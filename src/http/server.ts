import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { constants as zlibConstants } from 'node:zlib';
import { registerActionRoutes } from '../actions/action-routes';
import { createActionService, type ActionService } from '../actions/action-service';
import { registerAuditRoutes } from '../audit/audit-routes';
import { registerContextRoutes } from '../context-indicators/context-routes';
import { registerLegalPages } from '../legal/legal-pages';
import { registerDevRoutes } from '../auth/dev-routes';
import type { Principal } from '../auth/principal';
import { createTokenVerifier } from '../auth/token-verifier';
import type { Config } from '../config/config';
import type { Db } from '../db/database';
import type { PostgresStatus } from '../db/embedded-postgres';
import { domainResource } from '../domains/domain-resource';
import { registerActionBulkRoutes } from '../actions/action-bulk-routes';
import { registerDeleteImpactRoutes } from '../plan/delete-impact';
import { registerFocusGroupRoutes } from '../focus-groups/focus-group-routes';
import { registerHealthRoutes } from '../health/health-routes';
import { indicatorResource, measurementResource } from '../indicators/indicator-resources';
import { initiativeResource } from '../initiatives/initiative-resource';
import { registerInitiativeRoutes } from '../initiatives/initiative-routes';
import { registerOutboxRoutes } from '../mail/outbox-routes';
import { registerMeasurementPlanRoutes } from '../measurement-plans/measurement-plan-routes';
import { registerMeetingRoutes } from '../meetings/meeting-routes';
import { registerMeetingDocumentRoutes } from '../meetings/meeting-document-routes';
import { createMeetingDelivery, type MeetingDelivery } from '../meetings/meeting-delivery';
import { meetingTransports, type MeetingTransports } from '../meetings/meeting-transports';
import { registerChannelRoutes } from '../channels/channel-routes';
import { createChannelService } from '../channels/channel-service';
import { createMeetingEvents, createMeetingService, type MeetingEvents, type MeetingService } from '../meetings/meeting-service';
import { operationalObjectiveResource, strategicObjectiveResource } from '../objectives/objective-resources';
import { registerOverviewRoutes } from '../overview/overview-routes';
import { registerPhaseRoutes } from '../phases/phase-routes';
import { registerPeopleRoutes } from '../people/people-routes';
import { peopleDirectory } from '../people/people-directory';
import { registerPeopleSetupRoutes } from '../people/people-setup-routes';
import { registerPeriodRoutes } from '../periods/period-routes';
import { registerPlanRoutes } from '../plan/plan-routes';
import { registerQuestionnaireForm } from '../questionnaires/questionnaire-form';
import { registerQuestionnaireRoutes } from '../questionnaires/questionnaire-routes';
import { createQuestionnaireService } from '../questionnaires/questionnaire-service';
import { registerResourceRoutes } from '../shared/resource-routes';
import { registerReportRoutes } from '../reports/report-routes';
import { createReportEvents, createReportService, type ReportEvents, type ReportService } from '../reports/report-service';
import { registerSignalVerdictRoutes } from '../signal-verdicts/signal-verdict-routes';
import { registerSteeringRoutes } from '../steering-sessions/steering-routes';
import { createTenantRegistry } from '../tenants/tenant-registry';
import { registerTenantAdminRoutes } from '../tenants/tenant-admin-routes';
import { registerTrajectoryRoutes } from '../trajectories/trajectory-routes';
import { createApiContext } from './api-context';
import { frameworkErrorHandler, installErrorHandler } from './error-handler';
import { installRequestLog, loggerOptions, oneLinePerRequest } from './logging';
import { forbidden, unauthorized } from '../shared/errors';
import { installRequestLimits, MAX_PARAM_LENGTH } from './request-limits';
import { installRateLimit } from './rate-limit';
import { installSecurityHeaders } from './security-headers';
import { openApiDocument, RouteRegistry } from './route';

export interface ServerDeps {
  config: Config;
  db: Db;
  /** Where the built tab app lives (vite's outDir). */
  tabsDir?: string;
  logger?: boolean;
  /** The embedded cluster's supervisor, shown in /healthz; absent with an external database. */
  postgresStatus?: () => PostgresStatus;
  /**
   * Parts mounted beside the API by the composition root (src/main.ts): the bot. The server
   * itself knows nothing of bot/, so the imports keep pointing one way.
   */
  plugins?: readonly ServerPlugin[];
  /** Tests pass their own (a Graph stand-in, a temporary outbox); otherwise chosen from the configuration. */
  meetingTransports?: MeetingTransports;
}

/** What a plugin may use: the server's settings, database and shared services. */
export interface PluginContext {
  config: Config;
  db: Db;
  services: AppServices;
}

export type ServerPlugin = (app: FastifyInstance, context: PluginContext) => void | Promise<void>;

export interface AppServices {
  actions: ActionService;
  meetings: MeetingService;
  /** Plugins and the composition root hang the meetings' side effects here. */
  meetingEvents: MeetingEvents;
  meetingDelivery: MeetingDelivery;
  /** Reports to the college (src/reports/); the bot's cards listen to `reportEvents`. */
  reports: ReportService;
  reportEvents: ReportEvents;
  authenticate: (authorization: string | undefined) => Promise<Principal>;
  tenants: ReturnType<typeof createTenantRegistry>;
}

export interface BuiltServer {
  app: FastifyInstance;
  services: AppServices;
}

/**
 * Fastify treats a bare number as "trust nothing" (it cannot tell a proxy from a client), so a
 * hop count becomes a function: the nearest `hops` addresses are proxies. That is right only
 * where nothing but the proxies can reach the server, as on App Service.
 */
function trustProxyOption(trust: Config['trustProxy']): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return trust > 0 ? (_address, hop) => hop < trust : false;
  return trust === false ? false : [...trust];
}

export async function buildServer(deps: ServerDeps): Promise<BuiltServer> {
  const { config, db } = deps;
  const app = Fastify({
    logger: deps.logger === false ? false : loggerOptions(config),
    logController: oneLinePerRequest(),
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: frameworkErrorHandler,
    // Only the configured hops: trusting any X-Forwarded-For would let a client pick its own
    // request.ip, in the logs and in the per-IP rate limit.
    trustProxy: trustProxyOption(config.trustProxy),
  });
  installErrorHandler(app);
  if (deps.logger !== false) installRequestLog(app);
  // Before every route and hook: the headers and the limit apply to all that follows.
  await installSecurityHeaders(app);
  installRequestLimits(app);
  installRateLimit(app, config.rateLimit);
  // Every answer of 1 KB or more is compressed when the client asks; the plan brings its own
  // cached bytes (plan-routes.ts). Brotli at a middle quality: per-request cost stays low.
  await app.register(fastifyCompress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } },
  });

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

  registerHealthRoutes(app, { db, postgres: deps.postgresStatus });

  registerTrajectoryRoutes(api, db);
  registerPlanRoutes(api, db);
  registerPhaseRoutes(api, db);
  registerPeopleRoutes(api, db);
  registerResourceRoutes(api, db, domainResource);
  registerResourceRoutes(api, db, strategicObjectiveResource);
  registerResourceRoutes(api, db, operationalObjectiveResource);
  registerActionRoutes(api, actions);
  registerActionBulkRoutes(api, db);
  registerDeleteImpactRoutes(api, db);
  registerResourceRoutes(api, db, indicatorResource);
  registerResourceRoutes(api, db, measurementResource);
  registerMeasurementPlanRoutes(api, db);
  registerSignalVerdictRoutes(api, db);
  registerResourceRoutes(api, db, initiativeResource);
  registerInitiativeRoutes(api, db);
  const meetingEvents = createMeetingEvents((error, event) => app.log.error({ err: error, event }, 'a meeting side effect failed'));
  const meetings = createMeetingService(db, { actions, events: meetingEvents });
  registerMeetingRoutes(api, meetings);
  const transports = deps.meetingTransports ?? meetingTransports(config, db);
  const meetingDelivery = createMeetingDelivery({
    db,
    mail: transports.mail,
    calendar: transports.calendar,
    // Delegated rights need a real Entra token: dev sign-in tokens are not exchangeable.
    calendarAsUser: config.auth.mode === 'entra' ? transports.calendarAsUser : undefined,
    graph: transports.graph,
    fallbackOrganiser: transports.fallbackOrganiser,
    log: (message, error) => app.log.error({ err: error }, message),
  });
  meetingEvents.on(meetingDelivery.listener);
  const reportEvents = createReportEvents((error, event) => app.log.error({ err: error, event }, 'a report side effect failed'));
  const reports = createReportService(db, { mail: transports.mail, events: reportEvents, log: (message, error) => app.log.error({ err: error }, message) });
  registerReportRoutes(api, reports);
  // The overview's role blocks read meetings and reports through their services.
  registerOverviewRoutes(api, db, { meetings, reports });
  registerMeetingDocumentRoutes(api, db, meetings, meetingDelivery);
  registerChannelRoutes(api, createChannelService(db));
  const questionnaires = createQuestionnaireService(db, { publicUrl: config.publicUrl });
  registerQuestionnaireRoutes(api, questionnaires);
  registerQuestionnaireForm(app, questionnaires);
  registerSteeringRoutes(api, db);
  registerFocusGroupRoutes(api, db);
  registerContextRoutes(api, db);
  registerPeriodRoutes(api, db);
  registerAuditRoutes(api, db);
  registerOutboxRoutes(api, db, config.outboxDir);
  registerPeopleSetupRoutes(api, db, { mail: transports.mail, directory: peopleDirectory(config), log: (message, error) => app.log.error({ err: error }, message) });
  registerTenantAdminRoutes(api, db);
  const services: AppServices = { actions, meetings, meetingEvents, meetingDelivery, reports, reportEvents, authenticate, tenants };
  for (const plugin of deps.plugins ?? []) await plugin(app, { config, db, services });

  let openApi: Record<string, unknown> | undefined;
  app.get('/api/openapi.json', async () => {
    openApi ??= openApiDocument(registry, { servers: [{ url: config.publicUrl ?? '/' }] });
    return openApi;
  });

  registerLegalPages(app);
  if (config.auth.mode === 'dev') registerDevRoutes(app, config, db);

  const tabsDir = deps.tabsDir ?? path.resolve(__dirname, '../../tabs');
  if (existsSync(path.join(tabsDir, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: tabsDir,
      prefix: '/tabs/',
      // Built assets are content-hashed: a new build has new names, so they never go stale.
      // The pages that name them (index.html) are checked on every load.
      cacheControl: false,
      preCompressed: true,
      setHeaders: (res, filePath) => {
        res.setHeader('cache-control', /[\\/]assets[\\/]/.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
      // The build emits neither, but an old or hand-made dist/ might: a source map or Vite's
      // manifest hands out the source and the file layout, so both answer 404 like any dotfile.
      dotfiles: 'ignore',
      allowedPath: (pathname) => !/\.map$/i.test(pathname) && !pathname.split('/').some((segment) => segment.startsWith('.')),
    });
    app.get('/', (_request, reply) => reply.redirect('/tabs/index.html'));
  }

  return { app, services };
}
