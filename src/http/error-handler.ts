import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ActionConflict, etagOf } from '../actions/action-service';
import { AppError } from './problems';

interface PgError {
  code?: string;
  detail?: string;
  column?: string;
  constraint?: string;
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

function send(reply: FastifyReply, request: FastifyRequest, status: number, body: Record<string, unknown>): FastifyReply {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: `https://kansrijk.app/problems/${String(body.code)}`, status, instance: request.url.split('?')[0], ...body });
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
        case '23514':
        case '22007':
        case '22008':
        case '22003':
        case '22P02':
          return send(reply, request, 400, {
            code: 'validation_failed',
            title: 'Invalid request',
            detail: 'A value is out of range or inconsistent with another',
            errors: [{ path: pg.constraint ? `body (${pg.constraint})` : 'body', message: pg.detail ?? 'invalid value' }],
          });
      }
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
    send(reply, request, 404, { code: 'not_found', title: 'Not found', detail: `No route ${request.method} ${request.url.split('?')[0]}` }),
  );
}
