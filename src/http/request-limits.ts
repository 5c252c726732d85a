import type { FastifyInstance } from 'fastify';
import { AppError } from '../shared/errors';

/**
 * Longer URLs are refused with 414 before routing. Node's own header limit (16 KiB) would
 * otherwise cut the connection without an answer, and nothing we serve needs more.
 */
export const MAX_URL_LENGTH = 8 * 1024;

/**
 * For Fastify's `maxParamLength`: as long as a URL may be, so that a long id reaches its route
 * and is refused as `params.id` (400) instead of matching no route (404).
 */
export const MAX_PARAM_LENGTH = MAX_URL_LENGTH;

export function installRequestLimits(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (request.url.length > MAX_URL_LENGTH) {
      throw new AppError(414, 'uri_too_long', 'URI too long', `The URL has ${request.url.length} characters; at most ${MAX_URL_LENGTH} are accepted`);
    }
  });
}
