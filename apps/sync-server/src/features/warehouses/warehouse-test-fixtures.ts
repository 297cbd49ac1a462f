import { expect } from 'vitest';
import type { TestApp } from '../../testing/test-app.ts';

/** Request bodies and set-up steps shared by the warehouse tests. Not a test file itself. */

export const base = '/v1/fulfillment';

export const address = { line1: '1 Dock Road', city: 'London', postal_code: 'E16 2QU', country: 'GB' };

export const warehouseBody = (overrides: Record<string, unknown> = {}) => ({
  code: 'LON1',
  name: 'London Docklands',
  address,
  timezone: 'Europe/London',
  ...overrides,
});

type Options = { token?: string };

async function created(res: Awaited<ReturnType<TestApp['request']>>) {
  expect(res.status, res.text).toBe(201);
  return res.body;
}

export async function createWarehouse(t: TestApp, overrides: Record<string, unknown> = {}, o: Options = {}) {
  return created(await t.request('POST', `${base}/warehouses`, { body: warehouseBody(overrides), ...o }));
}

export async function createZone(t: TestApp, warehouseId: string, body: Record<string, unknown>, o: Options = {}) {
  return created(await t.request('POST', `${base}/warehouses/${warehouseId}/zones`, { body, ...o }));
}

export async function registerWorker(t: TestApp, warehouseId: string, body: Record<string, unknown>, o: Options = {}) {
  return created(
    await t.request('POST', `${base}/warehouses/${warehouseId}/workers`, {
      body: { name: 'Ada', roles: ['picker'], ...body },
      ...o,
    }),
  );
}

export async function createWorkstation(
  t: TestApp,
  warehouseId: string,
  body: Record<string, unknown>,
  o: Options = {},
) {
  return created(await t.request('POST', `${base}/warehouses/${warehouseId}/workstation`, { body, ...o }));
}

export async function createFulfillment(t: TestApp, warehouseId: string, orderId = 'ord_1') {
  const body = {
    order_id: orderId,
    warehouse_id: warehouseId,
    lines: [{ order_line_id: 'l1', sku: 'SKU-1', quantity: 1 }],
  };
  return (await created(await t.request('POST', `${base}/fulfillments`, { body }))).fulfillment_id as string;
}

export const scaleBody = {
  type: 'scale',
  code: 'SCALE-1',
  name: 'Bench scale',
  config: { max_weight_g: 30_000, resolution_g: 5 },
};
export const printerBody = {
  type: 'label_printer',
  code: 'PRN-1',
  name: 'Label printer',
  config: { dpi: 203, language: 'zpl' },
};
