/**
 * Imported first by every entry point (main.ts, the test setup). @hono/zod-openapi teaches zod its
 * `.openapi()` method, and zod 4 hands methods to each schema as it is built: a schema of
 * @fulfillment/domain built before this import would lack `.openapi()`, and naming it for the
 * OpenAPI document would fail.
 */
import '@hono/zod-openapi';
