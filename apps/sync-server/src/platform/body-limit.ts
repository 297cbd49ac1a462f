import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './context.ts';
import { ProblemError } from './problem.ts';

/** BODY_LIMIT_BYTES for every route that reads a body, the signed callbacks outside the API included: 413 beyond it. */
export const limitBody: MiddlewareHandler<AppEnv> = (c, next) => {
  const maxSize = c.var.deps.config.bodyLimitBytes;
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new ProblemError(413, 'payload_too_large', `the body may be at most ${maxSize} bytes`);
    },
  })(c, next);
};
