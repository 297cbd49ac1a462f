import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Hono } from 'hono';
import type { AppEnv } from './context.ts';

const apiPaths = /^\/(v1|health|docs)(\/|$)/;

/**
 * Serves the built scanner PWA from the same origin as the API. The service worker and the HTML must
 * never be cached by HTTP caches (the SW decides what is cached); hashed assets can be cached forever.
 */
export function mountPwa(app: Hono<AppEnv>, pwaDir: string): void {
  const indexFile = join(pwaDir, 'index.html');
  if (!existsSync(indexFile)) return;
  const root = relative(process.cwd(), pwaDir) || '.';
  app.use(
    '*',
    async (c, next) => {
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
      if (apiPaths.test(c.req.path)) return next();
      await next();
      const path = c.req.path;
      if (path.startsWith('/assets/')) c.header('Cache-Control', 'public, max-age=31536000, immutable');
      else c.header('Cache-Control', 'no-cache');
    },
    serveStatic({ root }),
  );
  // Client-side routes (/pick/123) get the app shell.
  app.get('*', (c, next) => {
    if (apiPaths.test(c.req.path) || /\.[a-z0-9]+$/i.test(c.req.path)) return next();
    c.header('Cache-Control', 'no-cache');
    return c.html(readFileSync(indexFile, 'utf8'));
  });
}
