import type { Role } from '@fulfillment/domain/security/roles';
import { expect } from 'vitest';
import { picklists } from '../db/schema/picklists.ts';
import { enqueueJob } from '../platform/jobs/enqueue.ts';
import type { TestApp } from './test-app.ts';

/**
 * One valid request body per route that takes a body, keyed "METHOD /path" as in the OpenAPI
 * document. The bad-input sweep breaks them one field at a time, and sends them whole with another
 * tenant's token, so each must be valid for the fixtures below.
 */
const SWEEP_ADDRESS = { name: 'Sweep', line1: '1 Dock Road', city: 'Leeds', postal_code: 'LS1 1AA', country: 'GB' };

export const validBodies: Record<string, Record<string, unknown>> = {
  'POST /fulfillments': { order_id: 'ord_sweep', lines: [{ order_line_id: 'l1', sku: 'SKU-1', quantity: 1 }] },
  'PATCH /fulfillments/{fulfillmentId}': { requested_ship_date: '2026-02-01T09:00:00Z', metadata: { k: 'v' } },
  'POST /fulfillments/{fulfillmentId}/cancel': { reason: 'sweep' },
  'POST /allocations/request': { fulfillment_id: 'ful_01JAAAAAAAAAAAAAAAAAAAAAAA', strategy: 'fifo' },
  'POST /allocations/{allocationId}/confirm-pick': { picks: [{ line_id: 'l1', location_id: 'loc_x', qty: 1 }] },
  'POST /allocations/{allocationId}/release': { reason: 'sweep' },
  'POST /allocations/bulk': { fulfillment_ids: ['ful_01JAAAAAAAAAAAAAAAAAAAAAAA'], strategy: 'fifo' },
  'POST /warehouses': {
    code: 'SWEEP',
    name: 'Sweep',
    address: { line1: '1 Dock Road', city: 'London', postal_code: 'E16 2QU', country: 'GB' },
    timezone: 'Europe/London',
    serviceable_regions: ['GB'],
    capabilities: ['picking'],
    capacity: { picks_per_hour: 100 },
    metadata: { k: 'v' },
    zones: [{ code: 'SWEEP-Z0', name: 'Sweep zone', type: 'pick' }],
  },
  'PATCH /warehouses/{warehouseId}': { name: 'Sweep renamed', capabilities: ['packing'], metadata: { k: 'v' } },
  'POST /warehouses/{warehouseId}/zones': {
    code: 'SWEEP-Z',
    name: 'Sweep zone',
    type: 'pick',
    locations: [{ code: 'SW-01-01-01' }],
  },
  'POST /warehouses/{warehouseId}/locations': {
    locations: [{ zone_id: 'zone_01JAAAAAAAAAAAAAAAAAAAAAAA', code: 'SW-01-01-02' }],
  },
  'POST /warehouses/{warehouseId}/workers': {
    name: 'Sweep',
    badge_id: 'SWEEP-1',
    roles: ['picker'],
    skills: ['forklift'],
  },
  'POST /warehouses/{warehouseId}/workstation': {
    type: 'scale',
    code: 'SWEEP-S',
    name: 'Sweep scale',
    config: { max_weight_g: 30000, resolution_g: 5 },
  },
  'POST /devices/{deviceId}/register': { type: 'handheld', name: 'Sweep scanner' },
  'POST /devices/{deviceId}/revoke': { reason: 'sweep' },
  'POST /keys': { kind: 'integration', name: 'Sweep' },
  'POST /keys/{keyId}/revoke': { reason: 'sweep' },
  'POST /picklists': {
    warehouse_id: 'wh_01JAAAAAAAAAAAAAAAAAAAAAAA',
    fulfillment_ids: ['ful_01JAAAAAAAAAAAAAAAAAAAAAAA'],
    priority: 'high',
    picker_group: 'zoneA',
    metadata: { k: 'v' },
  },
  'POST /picklists/{picklistId}/assign': { worker_id: 'wkr_01JAAAAAAAAAAAAAAAAAAAAAAA', device_id: 'sweep_scanner' },
  'POST /picklists/{picklistId}/scan': {
    scans: [{ scan_id: 'S-SWEEP-1', location_id: 'loc_x', sku: 'SKU-1', qty: 1, timestamp: '2026-01-05T09:00:00Z' }],
  },
  'POST /picklists/{picklistId}/short': { task_id: 'task_01JAAAAAAAAAAAAAAAAAAAAAAA', qty_short: 1, reason: 'sweep' },
  'POST /picklists/{picklistId}/rebin': {
    items: [
      {
        task_id: 'task_01JAAAAAAAAAAAAAAAAAAAAAAA',
        qty: 1,
        to_location_id: 'loc_01JAAAAAAAAAAAAAAAAAAAAAAA',
        reason: 'sweep',
      },
    ],
  },
  'POST /picklists/{picklistId}/adjust': {
    adjustments: [{ task_id: 'task_01JAAAAAAAAAAAAAAAAAAAAAAA', qty_short: 1, reason: 'sweep' }],
  },
  'POST /serials/assign': { fulfillment_id: 'ful_01JAAAAAAAAAAAAAAAAAAAAAAA', line_id: 'l1', serials: ['SN-SWEEP-1'] },
  'POST /lot/consume': { fulfillment_id: 'ful_01JAAAAAAAAAAAAAAAAAAAAAAA', line_id: 'l1', lot: 'L-SWEEP', qty: 1 },
  'POST /packaging-profiles': {
    code: 'SWEEP-BOX',
    name: 'Sweep box',
    type: 'box',
    inner_mm: { l: 300, w: 200, h: 150 },
    outer_mm: { l: 306, w: 206, h: 158 },
    tare_g: 180,
    max_weight_g: 10000,
    active: true,
    metadata: { k: 'v' },
  },
  'PATCH /packaging-profiles/{profileId}': { name: 'Sweep box renamed', max_weight_g: 12000, metadata: { k: 'v' } },
  'POST /packaging-profiles/suggest': {
    items: [{ sku: 'SKU-1', qty: 1, dims_mm: { l: 100, w: 80, h: 40 }, weight_g: 300 }],
  },
  'PATCH /settings': {
    allow_split_shipments: false,
    default_allocation_strategy: 'lot_expiry',
    gs1_company_prefix: '0614142',
    sscc_extension_digit: 3,
    scan_prefixes: { location: ['LOC-'], tote: ['TOTE-'] },
    packaging: { packing_efficiency: 0.8 },
    metadata: { k: 'v' },
  },
  'POST /pack-stations/{stationId}/open-session': {
    worker_id: 'wkr_01JAAAAAAAAAAAAAAAAAAAAAAA',
    device_id: 'sweep-pack-pc',
    take_over: false,
  },
  'POST /pack-stations/{stationId}/pack': {
    fulfillment_ids: ['ful_01JAAAAAAAAAAAAAAAAAAAAAAA'],
    packages: [
      {
        weight: 1200,
        dims: { l: 300, w: 200, h: 150 },
        metadata: { k: 'v' },
        items: [{ line_id: 'l1', qty: 1, serials: ['SN-SWEEP-1'] }],
      },
    ],
  },
  'POST /pack-stations/{stationId}/seal': { package_id: 'pkg_01JAAAAAAAAAAAAAAAAAAAAAAA' },
  'POST /shipments': {
    fulfillment_id: 'ful_01JAAAAAAAAAAAAAAAAAAAAAAA',
    packages: [{ package_id: 'pkg_01JAAAAAAAAAAAAAAAAAAAAAAA', weight: 1200, dimensions: { l: 300, w: 200, h: 100 } }],
    to_address: SWEEP_ADDRESS,
    carrier_hint: 'sandbox',
    service_code: 'express',
    insurance: { value: 2000, currency: 'GBP' },
    reference: 'sweep',
    metadata: { k: 'v' },
  },
  'POST /shipments/bulk-generate-labels': { shipment_ids: ['sh_01JAAAAAAAAAAAAAAAAAAAAAAA'], label_format: 'pdf' },
  'POST /shipments/{shipmentId}/generate-label': { label_format: 'zpl' },
  'POST /shipments/{shipmentId}/schedule-pickup': { date: '2026-01-06', ready_time: '14:00', close_time: '18:00' },
  'POST /shipments/{shipmentId}/cancel': { reason: 'sweep', version: 1 },
  'POST /shipments/{shipmentId}/book': { dispatch_date: '2026-01-06' },
  'POST /shipments/{shipmentId}/track': { mode: 'poll' },
  'POST /vendor-shipments': {
    vendor_id: 'sup_sweep',
    reason: 'repair',
    rma_reference: 'RMA-SWEEP',
    from_warehouse_id: 'wh_01JAAAAAAAAAAAAAAAAAAAAAAA',
    to_address: SWEEP_ADDRESS,
    lines: [{ sku: 'SKU-1', qty: 1, serials: ['SN-SWEEP'] }],
    packages: [{ weight: 900, dimensions: { l: 200, w: 200, h: 100 } }],
    metadata: { k: 'v' },
  },
  'POST /manifests': {
    warehouse_id: 'wh_01JAAAAAAAAAAAAAAAAAAAAAAA',
    shipments: ['sh_01JAAAAAAAAAAAAAAAAAAAAAAA'],
    carrier_id: 'sandbox',
    dispatch_date: '2026-01-06',
    metadata: { k: 'v' },
  },
  'POST /asn': {
    asn_reference: 'ASN-SWEEP',
    shipments: ['sh_01JAAAAAAAAAAAAAAAAAAAAAAA'],
    expected_arrival: '2026-01-08T09:00:00Z',
    metadata: { k: 'v' },
  },
  'POST /routing-rules': {
    name: 'Sweep rule',
    priority: 10,
    conditions: { destination_countries: ['GB'], max_weight_g: 5000, skus: ['SKU-1'] },
    carrier: 'sandbox',
    service_code: 'express',
    active: true,
    metadata: { k: 'v' },
  },
  'POST /webhooks': {
    url: 'http://127.0.0.1:9/sweep',
    events: ['shipment.*'],
    secret: 'sweep-secret-sweep-secret',
    description: 'Sweep',
    metadata: { k: 'v' },
  },
  'POST /webhooks/test': { webhook_id: 'whk_01JAAAAAAAAAAAAAAAAAAAAAAA' },
  'POST /sync/push': {
    device_id: 'sweep_scanner',
    mutations: [
      {
        mutation_id: '01JD0000000000000000000001',
        seq: 1,
        name: 'pick.start',
        args: { picklist_id: 'pick_01JAAAAAAAAAAAAAAAAAAAAAAA' },
        created_at: '2026-01-05T09:00:00Z',
      },
    ],
  },
};

/**
 * Routes whose guard does not admit the sweep's admin token: the roles of the token the sweep sends
 * instead, so that its bad input reaches validation (sync is for handheld roles only).
 */
export const sweepRoles: Record<string, Role[]> = {
  'POST /sync/push': ['picker'],
  'GET /sync/pull': ['picker'],
};

/**
 * Routes that do not answer 404 to another tenant's ids because the id in the path is not ours to
 * hide: a device id is the device's own serial, so another tenant registering it registers its own.
 */
export const notTenantScopedIds = new Set(['POST /devices/{deviceId}/register']);

/** Creates one record of each kind in tenant acme and returns the id for each path parameter name. */
export async function buildFixtures(t: TestApp): Promise<Record<string, string>> {
  const ok = async (method: string, path: string, body: unknown) => {
    const res = await t.request(method, `/v1/fulfillment${path}`, { body });
    expect(res.status, `${method} ${path}: ${res.text}`).toBeLessThan(300);
    return res.body;
  };
  const fulfillment = await ok('POST', '/fulfillments', validBodies['POST /fulfillments']);
  const warehouse = await ok('POST', '/warehouses', validBodies['POST /warehouses']);
  const allocation = await ok('POST', '/allocations/request', { fulfillment_id: fulfillment.fulfillment_id });
  const device = await ok('POST', '/devices/sweep_scanner/register', validBodies['POST /devices/{deviceId}/register']);
  const key = await ok('POST', '/keys', validBodies['POST /keys']);
  const profile = await ok('POST', '/packaging-profiles', validBodies['POST /packaging-profiles']);
  const station = await ok('POST', `/warehouses/${warehouse.id}/workstation`, {
    type: 'pack_station',
    code: 'SWEEP-P',
    name: 'Sweep pack station',
  });
  const vendorShipment = await ok('POST', '/vendor-shipments', {
    ...validBodies['POST /vendor-shipments'],
    from_warehouse_id: warehouse.id,
  });
  await ok('POST', `/shipments/${vendorShipment.id}/generate-label`, { label_format: 'pdf' });
  const booking = await ok('POST', `/shipments/${vendorShipment.id}/book`, {});
  const webhook = await ok('POST', '/webhooks', validBodies['POST /webhooks']);
  // No route enqueues a bare job: the sweep's job is queued directly, as a bulk route would.
  const actor = { tenantId: 'acme', type: 'user', id: 'usr_test', deviceId: null, workerId: null } as const;
  const job = t.db.transaction((tx) =>
    enqueueJob(tx, { ...actor, requestId: 'req_sweep', now: t.clock.now() }, { type: 'sweep.noop', input: {} }),
  );
  // A picklist needs stocked bins to be made through the API; an empty draft is enough to be addressed.
  const at = t.clock.now().toISOString();
  const picklistId = 'pick_01JSWEEPAAAAAAAAAAAAAAAAAA';
  t.db
    .insert(picklists)
    .values({
      id: picklistId,
      tenantId: 'acme',
      warehouseId: warehouse.id,
      status: 'draft',
      priority: 'normal',
      inventoryStatus: 'not_due',
      createdAt: at,
      updatedAt: at,
    })
    .run();
  return {
    picklistId,
    fulfillmentId: fulfillment.fulfillment_id,
    warehouseId: warehouse.id,
    deviceId: device.device.id,
    keyId: key.id,
    jobId: job.id,
    allocationId: allocation.id,
    profileId: profile.id,
    stationId: station.id,
    shipmentId: vendorShipment.id,
    vendorShipmentId: vendorShipment.id,
    manifestId: booking.manifest_id,
    webhookId: webhook.id,
  };
}
