import { getPath } from 'hono/utils/url';

const scoped = /^\/v1\/([^/]+)\/fulfillment(?=\/|$)/;

/**
 * Routing sees /v1/{tenantId}/fulfillment/... as /v1/fulfillment/..., so each route is declared once;
 * the tenant itself is read from the original URL by the tenancy middleware.
 */
export function tenantFreePath(request: Request): string {
  const path = getPath(request);
  const match = scoped.exec(path);
  if (!match || match[1] === 'fulfillment') return path;
  return `/v1/fulfillment${path.slice(match[0].length)}`;
}
