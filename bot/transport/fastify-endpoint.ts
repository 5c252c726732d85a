import type { FastifyInstance } from 'fastify';
import type { BotTransport } from './bot-framework';
import type { BotLogic } from './conversation-reference';

/**
 * POST /api/messages: hands Fastify's already-parsed request to the Bot Framework adapter and
 * sends back whatever it answered (202/200, an invoke body, or 401 for a bad token).
 */
export function registerMessagesEndpoint(app: FastifyInstance, transport: BotTransport, logic: BotLogic, path = '/api/messages'): void {
  app.post(path, async (request, reply) => {
    const answer = await transport.process({ method: request.method, headers: request.headers, body: request.body }, logic);
    reply.code(answer.status);
    if (answer.body === undefined || answer.body === null) return reply.send();
    if (typeof answer.body === 'string') return reply.type('text/plain; charset=utf-8').send(answer.body);
    return reply.send(answer.body);
  });
}
