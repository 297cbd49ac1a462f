import { expect } from 'vitest';
import type { TestApp } from './test-app.ts';

/**
 * One valid request body per route that takes a body, keyed "METHOD /path" as in the OpenAPI
 * document. The bad-input sweep breaks them one field at a time, and sends them whole with another
 * tenant's token, so each must be valid for the fixtures below.
 */
export const validBodies: Record<string, Record<string, unknown>> = {
  'POST /fulfillments': { order_id: 'ord_sweep', lines: [{ order_line_id: 'l1', sku: 'SKU-1', quantity: 1 }] },
  'PATCH /fulfillments/{fulfillmentId}': { requested_ship_date: '2026-02-01T09:00:00Z', metadata: { k: 'v' } },
  'POST /fulfillments/{fulfillmentId}/cancel': { reason: 'sweep' },
};

/** Creates one record of each kind in tenant acme and returns the id for each path parameter name. */
export async function buildFixtures(t: TestApp): Promise<Record<string, string>> {
  const ok = async (method: string, path: string, body: unknown) => {
    const res = await t.request(method, `/v1/fulfillment${path}`, { body });
    expect(res.status, `${method} ${path}: ${res.text}`).toBeLessThan(300);
    return res.body;
  };
  const fulfillment = await ok('POST', '/fulfillments', validBodies['POST /fulfillments']);
  return { fulfillmentId: fulfillment.fulfillment_id };
}
