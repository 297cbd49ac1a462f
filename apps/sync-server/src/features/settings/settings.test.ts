import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { timelineEvents } from '../../db/schema/platform.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { createWarehouse } from '../warehouses/warehouse-test-fixtures.ts';
import { getTenantSettings } from './settings.queries.ts';

const url = '/v1/fulfillment/settings';

const defaults = {
  default_warehouse_id: null,
  allow_split_shipments: true,
  default_allocation_strategy: 'fifo',
  gs1_company_prefix: '0614141',
  sscc_extension_digit: 0,
  scan_prefixes: {},
  packaging: { default_profile_id: null, packing_efficiency: 0.85 },
  version: 0,
  updated_at: null,
  metadata: {},
};

describe('GET /settings', () => {
  it('answers the defaults, version 0, before anything is written', async () => {
    const t = await createTestApp();
    const res = await t.request('GET', url, { token: await t.token({ roles: ['supervisor'] }) });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('etag')).toBe('W/"0"');
    expect(res.body).toEqual(defaults);
    expect(getTenantSettings(t.db, 'acme')).toEqual(defaults);
  });

  it('is refused to a picker, and writing to a supervisor', async () => {
    const t = await createTestApp();
    const picker = await t.token({ roles: ['picker'] });
    expect((await t.request('GET', url, { token: picker })).status).toBe(403);
    expect((await t.request('PATCH', url, { token: picker, body: { allow_split_shipments: false } })).status).toBe(403);
    const supervisor = await t.token({ roles: ['supervisor'] });
    expect((await t.request('PATCH', url, { token: supervisor, body: { allow_split_shipments: false } })).status).toBe(
      403,
    );
    expect(getTenantSettings(t.db, 'acme').version).toBe(0);
  });
});

describe('PATCH /settings', () => {
  it('merges what is sent, bumps the ETag and records the changes on the timeline', async () => {
    const t = await createTestApp();
    const warehouse = await createWarehouse(t);
    const res = await t.request('PATCH', url, {
      headers: { 'If-Match': 'W/"0"' },
      body: {
        default_warehouse_id: warehouse.id,
        allow_split_shipments: false,
        default_allocation_strategy: 'lot_expiry',
        gs1_company_prefix: '5012345678',
        sscc_extension_digit: 7,
        scan_prefixes: { location: ['LOC-'], tote: ['TOTE-', 'T-'] },
        packaging: { packing_efficiency: 0.7 },
        metadata: { site: 'uk' },
      },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('etag')).toBe('W/"1"');
    expect(res.body).toEqual({
      default_warehouse_id: warehouse.id,
      allow_split_shipments: false,
      default_allocation_strategy: 'lot_expiry',
      gs1_company_prefix: '5012345678',
      sscc_extension_digit: 7,
      scan_prefixes: { location: ['LOC-'], tote: ['TOTE-', 'T-'] },
      packaging: { default_profile_id: null, packing_efficiency: 0.7 },
      version: 1,
      updated_at: t.clock.now().toISOString(),
      metadata: { site: 'uk' },
    });

    const second = await t.request('PATCH', url, {
      body: { default_warehouse_id: null, packaging: { packing_efficiency: 0.9 }, version: 1 },
    });
    expect(second.status, second.text).toBe(200);
    expect(second.body).toMatchObject({
      default_warehouse_id: null,
      allow_split_shipments: false,
      scan_prefixes: { location: ['LOC-'], tote: ['TOTE-', 'T-'] },
      packaging: { default_profile_id: null, packing_efficiency: 0.9 },
      version: 2,
    });
    const read = await t.request('GET', url);
    expect(read.headers.get('etag')).toBe('W/"2"');
    expect(read.body).toEqual(second.body);
    expect(getTenantSettings(t.db, 'acme')).toEqual(second.body);

    const timeline = t.db.select().from(timelineEvents).where(eq(timelineEvents.subjectType, 'settings')).all();
    expect(timeline.map((e) => e.type)).toEqual(['settings.updated', 'settings.updated']);
    expect(timeline[1]!.data).toEqual({
      changes: {
        default_warehouse_id: { from: warehouse.id, to: null },
        packaging: {
          from: { default_profile_id: null, packing_efficiency: 0.7 },
          to: { default_profile_id: null, packing_efficiency: 0.9 },
        },
      },
    });

    const unchanged = await t.request('PATCH', url, { body: { allow_split_shipments: false } });
    expect(unchanged.body.version).toBe(2);
  });

  it('answers 412 to a stale If-Match and 409 to a stale version, changing nothing', async () => {
    const t = await createTestApp();
    expect((await t.request('PATCH', url, { body: { sscc_extension_digit: 1 } })).status).toBe(200);
    const stale = await t.request('PATCH', url, {
      headers: { 'If-Match': 'W/"0"' },
      body: { sscc_extension_digit: 2 },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('precondition_failed');
    const conflict = await t.request('PATCH', url, { body: { sscc_extension_digit: 2, version: 0 } });
    expect(conflict.status).toBe(409);
    expect(conflict.body.code).toBe('version_conflict');
    expect(getTenantSettings(t.db, 'acme')).toMatchObject({ sscc_extension_digit: 1, version: 1 });
  });

  it.each([
    ['gs1_company_prefix', { gs1_company_prefix: '06141A1' }],
    ['gs1_company_prefix', { gs1_company_prefix: '061414' }],
    ['gs1_company_prefix', { gs1_company_prefix: '06141412345' }],
    ['sscc_extension_digit', { sscc_extension_digit: 10 }],
    ['default_allocation_strategy', { default_allocation_strategy: 'random' }],
    ['packaging.packing_efficiency', { packaging: { packing_efficiency: 0.4 } }],
    ['packaging.surprise', { packaging: { surprise: 1 } }],
    ['scan_prefixes.Location', { scan_prefixes: { Location: ['LOC-'] } }],
    ['scan_prefixes.tote', { scan_prefixes: { tote: [] } }],
    ['surprise', { surprise: 1 }],
    ['(body)', { version: 1 }],
  ])('answers 400 naming %s', async (path, body) => {
    const t = await createTestApp();
    const res = await t.request('PATCH', url, { body });
    expect(res.status, res.text).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(getTenantSettings(t.db, 'acme').version).toBe(0);
  });

  it('answers 422 to a default warehouse that is unknown, inactive or another tenant’s', async () => {
    const t = await createTestApp();
    const inactive = await createWarehouse(t, { code: 'OFF', status: 'inactive' });
    const foreign = await createWarehouse(t, { code: 'G1' }, { token: await t.token({ tenants: ['globex'] }) });
    for (const [id, code] of [
      ['wh_01JAAAAAAAAAAAAAAAAAAAAAAA', 'warehouse_not_found'],
      [inactive.id, 'warehouse_inactive'],
      [foreign.id, 'warehouse_not_found'],
    ]) {
      const res = await t.request('PATCH', url, { body: { default_warehouse_id: id } });
      expect(res.status, res.text).toBe(422);
      expect(res.body).toMatchObject({ code, errors: [{ path: 'default_warehouse_id' }] });
    }
    const profile = await t.request('PATCH', url, {
      body: { packaging: { default_profile_id: 'pp_01JAAAAAAAAAAAAAAAAAAAAAAA' } },
    });
    expect(profile.status).toBe(422);
    expect(profile.body).toMatchObject({ code: 'packaging_profile_not_found' });
    expect(getTenantSettings(t.db, 'acme').version).toBe(0);
  });

  it('keeps each tenant to its own settings', async () => {
    const t = await createTestApp();
    const globex = await t.token({ tenants: ['globex'] });
    expect((await t.request('PATCH', url, { body: { gs1_company_prefix: '1234567' } })).status).toBe(200);
    const theirs = await t.request('GET', url, { token: globex });
    expect(theirs.body).toEqual(defaults);
    expect((await t.request('PATCH', url, { token: globex, body: { gs1_company_prefix: '7654321' } })).status).toBe(
      200,
    );
    expect(getTenantSettings(t.db, 'acme').gs1_company_prefix).toBe('1234567');
    expect(getTenantSettings(t.db, 'globex').gs1_company_prefix).toBe('7654321');
  });
});
