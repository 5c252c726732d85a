import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { defineRoute, type Authenticate, type RouteRegistry, type RouteSpec } from './route';

/** What a slice needs to register its routes: one call per route, documented and validated alike. */
export interface ApiContext {
  route<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(spec: RouteSpec<P, Q, B, R>): void;
}

export function createApiContext(app: FastifyInstance, registry: RouteRegistry, authenticate: Authenticate): ApiContext {
  return {
    route: (spec) => defineRoute(app, registry, authenticate, spec),
  };
}
