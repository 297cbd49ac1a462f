import type { Context } from 'hono';
import { z } from '@hono/zod-openapi';
import type { AppEnv } from './context.ts';
import { badRequest } from './problem.ts';

export const paginationQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ description: 'Page size, 1-200 (default 50).' }),
  cursor: z.string().max(200).optional().openapi({ description: 'Opaque cursor from `next_cursor`.' }),
};

/** Cursors are the last id of the previous page: ids are ULIDs, so pages never skip nor repeat. */
export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (typeof value === 'object' && value !== null && 'after' in value && typeof value.after === 'string') {
      if (/^[a-z]+_[0-9A-HJKMNP-TV-Z]{26}$/.test(value.after)) return value.after;
    }
  } catch {
    // falls through to the error below
  }
  throw badRequest('invalid_cursor', 'cursor is not one this API handed out');
}

const encodeCursor = (after: string) => Buffer.from(JSON.stringify({ after })).toString('base64url');

/** Builds the list envelope from `limit + 1` fetched rows and sets the `Link: rel="next"` header. */
export function page<T extends { id: string }>(c: Context<AppEnv>, rows: T[], limit: number) {
  const hasMore = rows.length > limit;
  const data = hasMore ? rows.slice(0, limit) : rows;
  const nextCursor = hasMore ? encodeCursor(data[data.length - 1]!.id) : null;
  if (nextCursor) {
    const url = new URL(c.req.url);
    url.searchParams.set('cursor', nextCursor);
    url.searchParams.set('limit', String(limit));
    c.header('Link', `<${url.pathname}${url.search}>; rel="next"`);
  }
  return { data, next_cursor: nextCursor };
}

/** The page a list query asks for, from its validated `limit` and `cursor`. */
export function pageRequestOf(query: { limit: number; cursor?: string | undefined }) {
  return { after: decodeCursor(query.cursor), limit: query.limit };
}
