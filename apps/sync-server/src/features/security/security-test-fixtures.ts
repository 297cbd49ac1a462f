import { expect } from 'vitest';
import { warehouses, workers } from '../../db/schema/warehouses.ts';
import type { TestApp } from '../../testing/test-app.ts';

/**
 * Prerequisites for security tests, written straight to the tables: these tests are about devices
 * and keys, not about how warehouses and workers get created.
 */
export const BASE = '/v1/fulfillment';
export const WAREHOUSE_ID = 'wh_01JAAAAAAAAAAAAAAAAAAAAAAA';
const at = '2026-01-01T00:00:00.000Z';

export function addWarehouse(t: TestApp, o: { id?: string; tenantId?: string; status?: 'active' | 'inactive' } = {}) {
  t.db
    .insert(warehouses)
    .values({
      id: o.id ?? WAREHOUSE_ID,
      tenantId: o.tenantId ?? 'acme',
      code: 'LON1',
      name: 'London',
      status: o.status ?? 'active',
      address: { line1: '1 Dock Rd', city: 'London', postal_code: 'E1 1AA', country: 'GB' },
      timezone: 'Europe/London',
      serviceableRegions: ['GB'],
      capabilities: [],
      capacity: {},
      createdAt: at,
      updatedAt: at,
    })
    .run();
}

let workerSeq = 0;
export function addWorker(
  t: TestApp,
  o: {
    badgeId?: string;
    roles?: ('picker' | 'packer' | 'supervisor' | 'qc_agent')[];
    status?: 'active' | 'inactive';
    tenantId?: string;
  } = {},
) {
  const id = `wkr_01JBBBBBBBBBBBBBBBBBBBBB${String(++workerSeq % 100).padStart(2, '0')}`;
  t.db
    .insert(workers)
    .values({
      id,
      tenantId: o.tenantId ?? 'acme',
      warehouseId: WAREHOUSE_ID,
      name: 'Ada Picker',
      badgeId: o.badgeId ?? `B-${workerSeq}`,
      roles: o.roles ?? ['picker'],
      skills: [],
      status: o.status ?? 'active',
      createdAt: at,
      updatedAt: at,
    })
    .run();
  return id;
}

/** Registers a handheld as an admin and returns its device key's token. */
export async function registerHandheld(t: TestApp, deviceId = 'scanner_12', token?: string) {
  const res = await t.request('POST', `${BASE}/devices/${deviceId}/register`, {
    body: { type: 'handheld', name: `Handheld ${deviceId}` },
    ...(token ? { token } : {}),
  });
  expect(res.status, res.text).toBeLessThan(300);
  return { deviceKey: res.body.key.token as string, keyId: res.body.key.id as string, body: res.body };
}

/** A worker signs in on the handheld by scanning a badge: the device key creates the worker key. */
export async function signIn(t: TestApp, deviceKey: string, badgeId: string, deviceId = 'scanner_12') {
  const res = await t.request('POST', `${BASE}/keys`, {
    token: deviceKey,
    body: { kind: 'worker', device_id: deviceId, badge_id: badgeId },
  });
  expect(res.status, res.text).toBe(201);
  return { token: res.body.token as string, keyId: res.body.id as string, body: res.body };
}

export function expectProblem(res: Awaited<ReturnType<TestApp['request']>>, status: number, code?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  if (code) expect(res.body.code).toBe(code);
}
