import type { Context } from 'hono';
import type { AppEnv } from './context.ts';
import { conflict, ProblemError } from './problem.ts';

export const etagOf = (version: number) => `W/"${version}"`;

export function setEtag(c: Context<AppEnv>, version: number): void {
  c.header('ETag', etagOf(version));
}

/**
 * Optimistic concurrency for writes: If-Match must name the current version (412 otherwise), and a
 * `version` in the body must equal it (409 otherwise).
 */
export function checkPreconditions(c: Context<AppEnv>, current: number, bodyVersion?: number): void {
  const ifMatch = c.req.header('If-Match');
  if (ifMatch !== undefined && ifMatch.trim() !== '*') {
    const tags = ifMatch.split(',').map((t) => t.trim().replace(/^W\//, ''));
    if (!tags.includes(`"${current}"`)) {
      throw new ProblemError(412, 'precondition_failed', `If-Match does not match the current version ${current}`);
    }
  }
  if (bodyVersion !== undefined && bodyVersion !== current) {
    throw conflict('version_conflict', `version ${bodyVersion} is stale: the current version is ${current}`);
  }
}
