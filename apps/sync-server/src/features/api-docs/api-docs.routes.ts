import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AppEnv } from '../../platform/context.ts';
import { allocationEventsRoute } from '../allocations/allocation-events.routes.ts';
import { carrierWebhookRoute } from '../shipments/carrier-webhook.routes.ts';
import { filesRoute } from '../files/files.routes.ts';
import { healthRoute } from '../health/health.routes.ts';

const openApiRoute = createRoute({
  method: 'get',
  path: '/openapi.json',
  tags: ['API description'],
  summary: 'This OpenAPI 3.1 document',
  description: 'No authentication. Generated from the same zod schemas that validate requests.',
  responses: {
    200: { description: 'OpenAPI 3.1', content: { 'application/json': { schema: z.object({}).passthrough() } } },
  },
});

const apiDescription = `The Order Fulfillment Service: fulfillments, warehouses, devices and keys, and (as they are built) picking, packing and shipping.

**Authentication.** Every route except \`/health\`, \`/openapi.json\` and the signed file URLs (\`/v1/files/...\`, the signature is the credential) needs \`Authorization: Bearer <JWT>\` (HS256; \`iss\`, \`aud\`, \`exp\` checked). Run \`npm run token -- --tenant acme --role admin\` for a token.

**Tenancy.** The tenant comes from the token. Every route is also served as \`/v1/{tenantId}/fulfillment/...\`; that path, or \`X-Tenant-ID\`, can narrow a multi-tenant token to one tenant and never widen it. Another tenant's records answer 404.

**Writes.** POSTs that create require \`Idempotency-Key\`; other writes accept it. The first 2xx/409/422 answer is kept for 24 h and replayed with \`Idempotent-Replayed: true\`; the same key with another body answers 422, and while the first request still runs, 409. Single resources carry \`ETag: W/"<version>"\`: a write with a stale \`If-Match\` answers 412, a stale body \`version\` 409.

**Inputs are strict.** Unknown fields and server-owned fields (\`id\`, \`status\`, \`tenant_id\`, \`created_at\`, \`updated_at\`) are refused with 400, as are oversized strings, arrays and bodies (413 above 1 MiB).

**Errors** are \`application/problem+json\` (RFC 9457) with a stable \`code\` and the \`request_id\` (also in \`X-Request-Id\`).

**Lists** take \`limit\` (1-200, default 50) and \`cursor\`, answer \`{ data, next_cursor }\` and a \`Link: rel="next"\` header, ordered by creation.`;

/** The API's own description: the OpenAPI document of the routes built so far, and a browsable reference. */
export function apiDocsRoutes(api: OpenAPIHono<AppEnv>) {
  api.openAPIRegistry.registerPath(healthRoute);
  api.openAPIRegistry.registerPath(openApiRoute);
  api.openAPIRegistry.registerPath(allocationEventsRoute);
  api.openAPIRegistry.registerPath(carrierWebhookRoute);
  api.openAPIRegistry.registerPath(filesRoute);
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  let document: unknown;
  const build = () =>
    (document ??= api.getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 'Order Fulfillment Service', version: '1.0.0', description: apiDescription },
      servers: [
        { url: '/v1/fulfillment', description: 'Tenant from the token (or X-Tenant-ID)' },
        {
          url: '/v1/{tenantId}/fulfillment',
          description: 'Tenant-scoped',
          variables: { tenantId: { default: 'acme' } },
        },
      ],
    }));

  const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const asset = (file: string) => readFileSync(join(swaggerDir, file));

  return new OpenAPIHono<AppEnv>()
    .get('/v1/fulfillment/openapi.json', (c) => c.json(build() as object))
    .get('/docs', (c) =>
      c.html(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Order Fulfillment API reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/docs/swagger-ui.css"></head>
<body><div id="reference"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>`),
    )
    .get('/docs/init.js', (c) =>
      c.body(
        `window.ui = SwaggerUIBundle({ url: '/v1/fulfillment/openapi.json', dom_id: '#reference', deepLinking: true, persistAuthorization: true });`,
        200,
        { 'Content-Type': 'text/javascript; charset=utf-8' },
      ),
    )
    .get('/docs/swagger-ui.css', (c) =>
      c.body(asset('swagger-ui.css'), 200, {
        'Content-Type': 'text/css; charset=utf-8',
        'Cache-Control': 'public, max-age=86400',
      }),
    )
    .get('/docs/swagger-ui-bundle.js', (c) =>
      c.body(asset('swagger-ui-bundle.js'), 200, {
        'Content-Type': 'text/javascript; charset=utf-8',
        'Cache-Control': 'public, max-age=86400',
      }),
    );
}
