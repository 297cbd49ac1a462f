import { createRoute, type RouteConfig, z } from '@hono/zod-openapi';
import { type Permission, rolesFor } from '@fulfillment/domain/security/permissions';
import type { MiddlewareHandler } from 'hono';
import { requireRoles } from './auth.ts';
import type { Principal } from './context.ts';
import { requireIdempotencyKey } from './idempotency.ts';
import { ProblemSchema } from './schemas.ts';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

const standardErrors = {
  400: problem('Malformed or invalid request'),
  401: problem('Missing, expired or invalid token'),
  403: problem('The role does not allow this'),
  404: problem('Not found, or owned by another tenant'),
};

export type Access = {
  /** What the route does, in the permissions table: its roles guard the route (any one suffices). */
  permission: Permission;
  /**
   * Lets a principal through for what it is rather than its roles (a handheld signing its worker in);
   * the handler must then check the request itself, since the guard sees neither body nor record.
   */
  admits?: (principal: Principal) => boolean;
  /** A POST that creates a resource: Idempotency-Key becomes required. */
  creates?: boolean;
  /** Extra documented failures besides 400/401/403/404. */
  errors?: Partial<Record<409 | 412 | 413 | 422 | 502 | 503 | 504, string>>;
};

/**
 * Every route is declared through here so that its roles, idempotency rule, error responses and
 * request schema are one definition: the same object guards the route and documents it.
 */
export function defineRoute<const R extends RouteConfig>(access: Access, config: R) {
  const roles = rolesFor(access.permission);
  const middleware: MiddlewareHandler[] = [requireRoles(roles, access.admits)];
  if (access.creates) middleware.push(requireIdempotencyKey);
  const extra = Object.fromEntries(Object.entries(access.errors ?? {}).map(([status, d]) => [status, problem(d)]));
  const isWrite = config.method !== 'get';
  const idempotencyHeader = {
    name: 'Idempotency-Key',
    in: 'header' as const,
    required: Boolean(access.creates),
    description: access.creates
      ? 'Required: a retry with the same key returns the first response instead of creating twice.'
      : 'Optional: a retry with the same key returns the first response.',
    schema: { type: 'string' as const, maxLength: 255 },
  };
  // Unknown query parameters are refused like unknown body fields, so a typo in a filter never
  // silently returns everything.
  const request = { ...config.request, query: config.request?.query ?? z.strictObject({}) };
  return createRoute({
    ...config,
    request,
    description: [config.description, `Permission \`${access.permission}\`: roles ${roles.join(', ')}.`]
      .filter(Boolean)
      .join('\n\n'),
    middleware,
    security: [{ bearerAuth: [] }],
    ...(isWrite ? { parameters: [idempotencyHeader] } : {}),
    responses: { ...config.responses, ...standardErrors, ...extra },
  } as R);
}

export const jsonBody = <T extends z.ZodType>(schema: T, description?: string) => ({
  required: true,
  ...(description ? { description } : {}),
  content: { 'application/json': { schema } },
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
