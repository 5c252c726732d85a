import type { FastifyInstance } from 'fastify';
import { AppError, invalid, unauthorized } from '../../src/shared/errors';
import { unsafeInput } from '../../src/http/validation';
import type { BotTransport } from './bot-framework';
import type { BotLogic } from './conversation-reference';

/**
 * What botbuilder would otherwise refuse with a bare 400 (or throw on, which would be a 500),
 * and text the database cannot store (a NUL in a card input, a user name with a lone surrogate).
 */
function checkActivity(body: unknown): void {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalid([{ path: 'body', message: 'must be a Bot Framework activity (a JSON object)' }]);
  const type = (body as { type?: unknown }).type;
  if (typeof type !== 'string' || !type) throw invalid([{ path: 'body.type', message: 'must be the activity type, e.g. "message"' }]);
  // Deeper than API input: an activity may carry a card (containers in columns in containers).
  const unsafe = unsafeInput(body, 'body', 64);
  if (unsafe.length) throw invalid(unsafe);
}

/** botbuilder answers failures with a status and at most a text; API clients get problem+json like everywhere else. */
function problemOf(status: number, text: string | undefined): AppError {
  if (status === 401) return unauthorized(text || 'The Bot Framework token is missing or invalid');
  if (status < 500) return new AppError(status, 'bad_request', 'Bad request', text || 'The activity was refused');
  if (status === 503) return new AppError(503, 'database_unavailable', 'Service unavailable', 'The database cannot be reached right now; try again in a few seconds.');
  // The cause is in the log (onTurnError); the text may hold internals.
  return new AppError(status, 'internal', 'Internal error', 'Something went wrong on our side; it has been logged.');
}

/**
 * POST /api/messages: hands Fastify's already-parsed request to the Bot Framework adapter and
 * sends back whatever it answered (202/200, an invoke body), or a problem for a refusal.
 */
export function registerMessagesEndpoint(app: FastifyInstance, transport: BotTransport, logic: BotLogic, path = '/api/messages'): void {
  app.post(path, async (request, reply) => {
    checkActivity(request.body);
    const answer = await transport.process({ method: request.method, headers: request.headers, body: request.body }, logic);
    const noBody = answer.body === undefined || answer.body === null;
    if (answer.status >= 400 && (noBody || typeof answer.body === 'string')) {
      throw problemOf(answer.status, typeof answer.body === 'string' ? answer.body : undefined);
    }
    reply.code(answer.status);
    if (noBody) return reply.send();
    if (typeof answer.body === 'string') return reply.type('text/plain; charset=utf-8').send(answer.body);
    return reply.send(answer.body);
  });
}
