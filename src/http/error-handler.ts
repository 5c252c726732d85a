import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ActionConflict, etagOf } from '../actions/action-service';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../db/connection-errors';
import { AppError, withCode, type FieldProblem } from '../shared/errors';

interface PgError {
  code?: string;
  detail?: string;
  column?: string;
  constraint?: string;
  table?: string;
  message?: string;
}

function camel(column: string): string {
  return column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/** Key (tenant_id, owner_id)=(…) → ownerId: the last column is the one the client sent. */
function fieldOf(pg: PgError): string {
  const match = /Key \(([^)]+)\)/.exec(pg.detail ?? '');
  const columns = match?.[1]?.split(',').map((c) => c.trim()) ?? [];
  const column = columns.filter((c) => c !== 'tenant_id').pop() ?? pg.column ?? pg.constraint ?? 'body';
  return `body.${camel(column)}`;
}

/**
 * The field a data error is about, when PostgreSQL says: the column (not-null), or a check
 * constraint named after its column (`action_status_check`). Bad values of types (22xxx) do not
 * name their column; those point at the body as a whole.
 */
function dataFieldOf(pg: PgError): FieldProblem {
  // A check or not-null violation's detail is "Failing row contains (…)": the whole row, fields
  // the caller may not see included. Only a data exception's own message is passed on.
  const message = pg.code === '23514' ? 'is not allowed by a rule of this item' : pg.code === '23502' ? 'is required' : (pg.message ?? 'invalid value');
  const known = pg.constraint ? orderChecks[pg.constraint] : undefined;
  if (known) return known;
  if (pg.column) return { path: `body.${camel(pg.column)}`, message };
  const table = pg.table ?? '';
  const match = table && pg.constraint ? new RegExp(`^${table}_(.+)_check$`).exec(pg.constraint) : null;
  return { path: match?.[1] ? `body.${camel(match[1])}` : 'body', message };
}

/**
 * Checks over two columns (PostgreSQL names them `<table>_check`): a change to one side only
 * (a PATCH of startsAt past the stored endsAt) is caught here, on the field the API validates.
 */
const orderChecks: Record<string, FieldProblem> = {
  meeting_check: { path: 'body.endsAt', message: 'must be after startsAt' },
  trajectory_check: { path: 'body.periodEnd', message: 'must not be before periodStart' },
};

function send(reply: FastifyReply, request: FastifyRequest, status: number, body: Record<string, unknown>): FastifyReply {
  // Every field problem carries its code, also those made here from a database or parser error.
  if (Array.isArray(body.errors)) body.errors = (body.errors as FieldProblem[]).map(withCode);
  return reply
    .code(status)
    .type('application/problem+json')
    // Capped: a URL too long to serve (414) is not echoed back whole.
    .send({ type: `https://kansrijk.app/problems/${String(body.code)}`, status, instance: (request.url.split('?')[0] ?? '').slice(0, 1024), ...body });
}

/**
 * Fastify's `frameworkErrors`: what fails before routing (a broken percent-escape, a path
 * parameter over maxParamLength) skips the error handler and would answer plain JSON.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return send(reply, request, 414, { code: 'uri_too_long', title: 'URI too long', detail: 'A part of the URL is longer than the server accepts' });
  }
  if (error.code === 'FST_ERR_BAD_URL') {
    return send(reply, request, 400, {
      code: 'validation_failed',
      title: 'Invalid request',
      detail: 'The URL is not validly percent-encoded UTF-8',
      errors: [{ path: 'params', message: 'is not a valid URL component' }],
    });
  }
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  return send(reply, request, status, { code: (error.code ?? 'bad_request').toLowerCase(), title: 'Bad request', detail: error.message });
}

/** Every failure becomes an RFC 9457 problem; only a real bug may answer 500. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | ActionConflict | PgError, request, reply) => {
    if (error instanceof ActionConflict) {
      reply.header('etag', etagOf(error.current));
      return send(reply, request, 412, {
        code: 'precondition_failed',
        title: 'Precondition failed',
        detail: 'The action was changed by someone else since you read it; nothing was saved. Its current state is included.',
        current: error.current,
      });
    }
    if (error instanceof AppError) {
      if (error.status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return send(reply, request, error.status, {
        code: error.code,
        title: error.title,
        detail: error.message,
        ...(error.errors ? { errors: error.errors } : {}),
      });
    }
    const pg = error as PgError;
    if (typeof pg.code === 'string' && /^[0-9A-Z]{5}$/.test(pg.code)) {
      switch (pg.code) {
        case '23503':
          return send(reply, request, 400, {
            code: 'validation_failed',
            title: 'Invalid request',
            detail: 'A referenced item does not exist',
            errors: [{ path: fieldOf(pg), message: 'refers to something that does not exist' }],
          });
        case '23505':
          return send(reply, request, 409, {
            code: 'conflict',
            title: 'Conflict',
            detail: 'An item with these values exists already',
            errors: [{ path: fieldOf(pg), message: 'is already taken' }],
          });
      }
      // Class 22 (data exception: out of range, bad syntax, NUL, too long), a check or not-null
      // violation, or a value too large for an index: the input, not the server, is at fault.
      if (pg.code.startsWith('22') || pg.code === '23514' || pg.code === '23502' || pg.code === '54000') {
        return send(reply, request, 400, {
          code: 'validation_failed',
          title: 'Invalid request',
          detail: 'A value is out of range or inconsistent with another',
          errors: [dataFieldOf(pg)],
        });
      }
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return send(reply, request, 503, {
        code: 'database_unavailable',
        title: 'Service unavailable',
        detail: 'The database cannot be reached right now; try again in a few seconds.',
      });
    }
    const fastifyError = error as FastifyError;
    if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      const isJson = fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fastifyError.name === 'SyntaxError';
      return send(reply, request, fastifyError.statusCode, {
        code: isJson ? 'invalid_json' : (fastifyError.code ?? 'bad_request').toLowerCase(),
        title: 'Bad request',
        detail: fastifyError.message,
        ...(isJson ? { errors: [{ path: 'body', message: 'is not valid JSON' }] } : {}),
      });
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, request, 500, { code: 'internal', title: 'Internal error', detail: 'Something went wrong on our side; it has been logged.' });
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, request, 404, { code: 'not_found', title: 'Not found', detail: `No route ${request.method} ${(request.url.split('?')[0] ?? '').slice(0, 1024)}` }),
  );
}
