import { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import pinoPretty from 'pino-pretty';
import type { Config } from '../config/config';

/** The fields of a request line that the readable format folds into its message. */
const REQUEST_FIELDS = ['method', 'url', 'statusCode', 'responseTime'] as const;

/**
 * Fastify's logger for the configured format. `pretty` writes one coloured line per event on the
 * main thread (no transport worker, so nothing is lost at process.exit); `json` is pino's own.
 */
export function loggerOptions(
  config: Pick<Config, 'logLevel' | 'logFormat'>,
  destination?: NodeJS.WritableStream,
): NonNullable<Exclude<FastifyServerOptions['logger'], boolean>> {
  if (config.logFormat === 'json') return { level: config.logLevel, ...(destination ? { stream: destination } : {}) };
  const stream = pinoPretty({
    sync: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: ['pid', 'hostname', 'reqId', ...REQUEST_FIELDS].join(','),
    singleLine: true,
    ...(destination ? { destination, colorize: false } : {}),
  });
  return { level: config.logLevel, stream };
}

/** Turns off Fastify's two lines per request (incoming, completed): installRequestLog writes one. */
export const oneLinePerRequest = (): LogController => new LogController({ disableRequestLogging: true });

/**
 * The path as logged: a questionnaire's one-time link carries its secret in the path (/q/<token>),
 * and whoever reads the logs must not be able to answer in a parent's place.
 */
export function loggedUrl(url: string): string {
  return url.replace(/^\/q\/[^/?#]+/, '/q/[token]');
}

/**
 * One line per request, written when the answer has gone: method, path, status and time. It
 * replaces Fastify's two lines (incoming, completed) so that a terminal stays readable.
 */
export function installRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    const responseTime = Math.round(reply.elapsedTime * 10) / 10;
    const url = loggedUrl(request.url);
    const fields = { method: request.method, url, statusCode: reply.statusCode, responseTime };
    const message = `${request.method} ${url} ${reply.statusCode} ${responseTime} ms`;
    if (reply.statusCode >= 500) request.log.error(fields, message);
    else request.log.info(fields, message);
  });
}
