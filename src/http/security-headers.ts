import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The hosts Microsoft documents as the frames a Teams tab must allow (Teams, Microsoft 365 app,
 * Outlook, and *.cloud.microsoft that they are all moving to):
 * https://learn.microsoft.com/en-us/microsoftteams/platform/tabs/how-to/tab-requirements
 */
export const teamsFrameAncestors = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
] as const;

/**
 * The built tab app: every script, style sheet, font and API call comes from this server
 * (teams-js is bundled). Inline styles are allowed because Fluent UI's Griffel inserts its rules
 * into <style> elements at run time, and index.html carries the pre-load style.
 */
export const tabsContentSecurityPolicy = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'self'", ...teamsFrameAncestors],
};

/** Everything else is JSON or a plain legal page: nothing to run, nothing to frame. */
const defaultContentSecurityPolicy = {
  'default-src': ["'none'"],
  'style-src': ["'unsafe-inline'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The public answer form of a one-time questionnaire link (/q/...): nothing to run and nothing
 * to frame, like the default, but its one form posts back to this server.
 */
export const publicFormHelmet: FastifyHelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: { ...defaultContentSecurityPolicy, 'form-action': ["'self'"] } },
  frameguard: { action: 'deny' },
};

const defaults: FastifyHelmetOptions = {
  global: true,
  contentSecurityPolicy: { useDefaults: false, directives: defaultContentSecurityPolicy },
  frameguard: { action: 'deny' },
};

const tabs: FastifyHelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: tabsContentSecurityPolicy },
  // X-Frame-Options can name one origin at most; frame-ancestors above is what browsers apply.
  frameguard: false,
  // Teams' sign-in and deep-link helpers may open windows that talk back to the tab.
  crossOriginOpenerPolicy: { policy: 'same-origin-allow-popups' },
};

/**
 * Helmet on every response (X-Content-Type-Options: nosniff included), with the tab routes under
 * /tabs/ getting the policy that lets Teams frame them. Must be installed before any route and
 * before other onRequest hooks, so that early answers (429, 404) carry the headers too.
 */
export async function installSecurityHeaders(app: FastifyInstance, tabsPrefix = '/tabs/'): Promise<void> {
  // Runs before helmet's own onRoute hook, which turns the route's `helmet` option into its config.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(tabsPrefix) && route.helmet === undefined) route.helmet = tabs;
  });
  await app.register(helmet, defaults);
  // Helmet sets its headers in onRequest; an answer sent before its hook ran still must not be sniffed.
  app.addHook('onSend', async (_request, reply) => {
    if (!reply.hasHeader('x-content-type-options')) reply.header('x-content-type-options', 'nosniff');
  });
}
