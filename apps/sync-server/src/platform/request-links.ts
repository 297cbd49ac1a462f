import type { Context } from 'hono';
import type { AppEnv } from './context.ts';
import { fileLinker, type FileLinker } from './signed-urls.ts';

/** Signed file links for this response, on PUBLIC_URL or else the origin the request came in by. */
export function fileLinkerOf(c: Context<AppEnv>): FileLinker {
  const { config, clock } = c.var.deps;
  return fileLinker(config.blobUrlSecret, config.publicUrl ?? new URL(c.req.url).origin, clock.now());
}
