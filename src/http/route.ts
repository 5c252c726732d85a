import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Principal } from '../auth/principal';
import { parseInput } from './validation';
import { problemCodes } from '../shared/errors';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A JSON body that is already text (built by the database): sent as is, not re-serialised. */
export class RawJson {
  constructor(readonly text: string) {}
}

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  principal: Principal;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType> {
  method: Method;
  url: string;
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Documents the success body; the handler's return type is checked against it. */
  response?: R;
  /** Status of a successful answer (default 200; 204 sends no body). */
  status?: number;
  /** Extra documented problem statuses besides 400/401/404. */
  problems?: number[];
  /** Request headers worth documenting, e.g. If-Match. */
  headers?: Record<string, string>;
  handler: (ctx: RouteContext<z.output<P>, z.output<Q>, z.output<B>>) => Promise<z.input<R> | RawJson | undefined>;
}

interface OpenApiOperation {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  status: number;
  problems: number[];
  headers: Record<string, string>;
  auth: boolean;
}

/** Collects every route so that the OpenAPI document is generated from the same zod schemas. */
export class RouteRegistry {
  readonly operations: OpenApiOperation[] = [];
}

const empty = z.object({});

export type Authenticate = (request: FastifyRequest) => Promise<Principal>;

export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  app: FastifyInstance,
  registry: RouteRegistry,
  authenticate: Authenticate,
  spec: RouteSpec<P, Q, B, R>,
): void {
  registry.operations.push({
    method: spec.method,
    path: spec.url.replace(/:(\w+)/g, '{$1}'),
    summary: spec.summary,
    tag: spec.tag,
    ...(spec.params ? { params: spec.params } : {}),
    ...(spec.query ? { query: spec.query } : {}),
    ...(spec.body ? { body: spec.body } : {}),
    ...(spec.response ? { response: spec.response } : {}),
    status: spec.status ?? 200,
    problems: spec.problems ?? [],
    headers: spec.headers ?? {},
    auth: true,
  });
  app.route({
    method: spec.method,
    url: spec.url,
    handler: async (request, reply) => {
      const principal = await authenticate(request);
      const params = parseInput(spec.params ?? empty, request.params ?? {}, 'params');
      const query = parseInput(spec.query ?? empty, request.query ?? {}, 'query');
      const body = spec.body ? parseInput(spec.body, request.body, 'body') : undefined;
      const result = await spec.handler({
        params: params as z.output<P>,
        query: query as z.output<Q>,
        body: body as z.output<B>,
        principal,
        request,
        reply,
      });
      // The handler answered itself (e.g. 304 Not Modified).
      if (reply.sent) return reply;
      const status = spec.status ?? 200;
      reply.code(status);
      if (result instanceof RawJson) return reply.type('application/json; charset=utf-8').send(result.text);
      if (status === 204) return reply.send();
      return reply.send(result);
    },
  });
}

const problemSchema = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          path: { type: 'string' },
          message: { type: 'string', description: 'for developers, in English' },
          code: { type: 'string', enum: [...problemCodes], description: 'what is wrong, for clients to say in the user\'s language' },
          params: { type: 'object', additionalProperties: { type: ['string', 'number'] } },
        },
        required: ['path', 'message', 'code'],
      },
    },
  },
  required: ['type', 'title', 'status'],
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  delete out.$schema;
  return out;
}

function parameters(schema: z.ZodType | undefined, location: 'path' | 'query'): unknown[] {
  if (!schema) return [];
  const js = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: location,
    required: location === 'path' || (js.required ?? []).includes(name),
    schema: s,
  }));
}

const statusText: Record<number, string> = {
  400: 'Invalid request: every bad field is listed with its path and reason',
  401: 'Missing or invalid bearer token',
  403: 'Not allowed for this user',
  404: 'Unknown id, or one of another tenant',
  409: 'Conflicts with existing data',
  412: 'If-Match does not match the current ETag; nothing was changed',
  413: 'The file or the request body is too large',
  428: 'If-Match is required',
};

export function openApiDocument(registry: RouteRegistry, extra: Record<string, unknown>): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of registry.operations) {
    const responses: Record<string, unknown> = {};
    responses[String(op.status)] =
      op.status === 204
        ? { description: 'Done' }
        : { description: 'Success', content: { 'application/json': { schema: op.response ? jsonSchema(op.response, 'output') : {} } } };
    for (const code of [400, 401, 404, ...op.problems]) {
      responses[String(code)] = {
        description: statusText[code] ?? 'Problem',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      };
    }
    const headerParams = Object.entries(op.headers).map(([name, description]) => ({ name, in: 'header', required: false, description, schema: { type: 'string' } }));
    paths[op.path] ??= {};
    paths[op.path]![op.method.toLowerCase()] = {
      summary: op.summary,
      tags: [op.tag],
      parameters: [...parameters(op.params, 'path'), ...parameters(op.query, 'query'), ...headerParams],
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body, 'input') } } } } : {}),
      responses,
      ...(op.auth ? { security: [{ bearer: [] }] } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Kansrijk API', version: '1.0.0', description: 'Action plans, work groups and follow-up of a local policy against child poverty.' },
    ...extra,
    paths,
    components: {
      schemas: { Problem: problemSchema },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Teams SSO access token (Entra ID v2) with scope access_as_user' } },
    },
  };
}
