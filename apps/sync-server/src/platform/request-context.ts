import { createMiddleware } from 'hono/factory';
import type { AppEnv, Deps } from './context.ts';
import { newId } from './ids.ts';

const clientRequestId = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * First middleware: gives every request its id (or keeps a sane one the client sent), makes the
 * dependencies reachable, and writes one structured log line when the response leaves.
 */
export function requestContext(deps: Deps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const offered = c.req.header('X-Request-Id');
    const requestId = offered && clientRequestId.test(offered) ? offered : newId('req');
    c.set('requestId', requestId);
    c.set('deps', deps);
    const started = performance.now();
    // Set before the response exists, so that `c.json` (and the error handler) build it in: set after,
    // hono rebuilds a finished response as a full WHATWG Response, and @hono/node-server then streams
    // its body instead of writing it at once (about 0.4 ms a push). A handler's own Response (a stored
    // idempotent replay) does not carry this request's id: it is set on that one afterwards.
    c.header('X-Request-Id', requestId);
    await next();
    if (c.res.headers.get('X-Request-Id') !== requestId) c.header('X-Request-Id', requestId);
    const status = c.res.status;
    const line = {
      request_id: requestId,
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      status,
      duration_ms: Math.round((performance.now() - started) * 10) / 10,
      tenant_id: c.get('tenantId'),
      principal: c.get('principal')?.subject,
    };
    if (status >= 500) deps.logger.error(line, 'request failed');
    else deps.logger.info(line, 'request');
  });
}
