import type { Hono, NotFoundHandler } from 'hono';
import type { AppEnv } from './context.ts';
import { problemResponse } from './errors.ts';
import { ProblemError } from './problem.ts';

/**
 * Unknown paths answer 404 and known paths with the wrong method 405 (with Allow), both as problem+json.
 * The route table is read lazily, once all routes are registered.
 */
export function notFoundHandler(app: Hono<AppEnv>): NotFoundHandler<AppEnv> {
  let table: { pattern: RegExp; method: string }[] | undefined;
  const routes = () =>
    (table ??= app.routes
      .filter((r) => r.method !== 'ALL' && !r.path.includes('*'))
      .map((r) => ({
        method: r.method,
        pattern: new RegExp(`^${r.path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z_]+/g, '[^/]+')}/?$`),
      })));

  return (c) => {
    const path = c.req.path;
    const allowed = [
      ...new Set(
        routes()
          .filter((r) => r.pattern.test(path))
          .map((r) => r.method),
      ),
    ];
    if (allowed.length > 0) {
      return problemResponse(
        c,
        new ProblemError(
          405,
          'method_not_allowed',
          `${c.req.method} is not supported here; use ${allowed.join(', ')}`,
          {
            headers: { Allow: allowed.join(', ') },
          },
        ),
      );
    }
    return problemResponse(c, new ProblemError(404, 'route_not_found', `no route ${c.req.method} ${path}`));
  };
}
