import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { timelineEvents } from '../../db/schema/platform.ts';
import { createTestApp } from '../../testing/test-app.ts';
import {
  base,
  createWarehouse,
  createWorkstation,
  createZone,
  printerBody,
  registerWorker,
  scaleBody,
} from './warehouse-test-fixtures.ts';
import { findWorkerByBadge, findWorkerRow } from './worker-lookup.ts';
import { findWorkstationRow } from './workstation-lookup.ts';

describe('workers', () => {
  it('registers a worker with badge, roles and skills, and records it', async () => {
    const t = await createTestApp();
    const wh = await createWarehouse(t);
    const res = await t.request('POST', `${base}/warehouses/${wh.id}/workers`, {
      body: {
        name: 'Ada Lovelace',
        badge_id: 'BADGE-42',
        email: 'ada@example.com',
        roles: ['picker', 'packer'],
        skills: ['forklift'],
      },
      token: await t.token({ roles: ['supervisor'], subject: 'usr_sup' }),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      warehouse_id: wh.id,
      badge_id: 'BADGE-42',
      email: 'ada@example.com',
      roles: ['picker', 'packer'],
      skills: ['forklift'],
      status: 'active',
      version: 1,
      metadata: {},
    });
    expect(res.body.id).toMatch(/^wkr_[0-9A-Z]{26}$/);
    const entry = t.db.select().from(timelineEvents).where(eq(timelineEvents.subjectId, res.body.id)).get()!;
    expect(entry).toMatchObject({ type: 'worker.registered', subjectType: 'worker', actorId: 'usr_sup' });
  });

  it('refuses a badge held by any live worker of the tenant, not one of another tenant', async () => {
    const t = await createTestApp();
    const one = await createWarehouse(t, { code: 'ONE' });
    const two = await createWarehouse(t, { code: 'TWO' });
    await registerWorker(t, one.id, { badge_id: 'B-1' });
    const dup = await t.request('POST', `${base}/warehouses/${two.id}/workers`, {
      body: { name: 'Bob', badge_id: 'B-1', roles: ['packer'] },
    });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'badge_taken', errors: [{ path: 'badge_id' }] });
    const other = await t.token({ tenants: ['globex'] });
    const theirs = await createWarehouse(t, {}, { token: other });
    await registerWorker(t, theirs.id, { badge_id: 'B-1' }, { token: other });
  });

  it.each([
    ['roles[0]', { roles: ['admin'] }],
    ['roles', { roles: [] }],
    ['roles[1]', { roles: ['picker', 'picker'] }],
    ['email', { email: 'not-an-email' }],
    ['skills[0]', { skills: ['x'.repeat(65)] }],
    ['badge_id', { badge_id: 'has space' }],
    ['tenant_id', { tenant_id: 'acme' }],
  ])('answers 400 naming %s', async (path, overrides) => {
    const t = await createTestApp();
    const wh = await createWarehouse(t);
    const res = await t.request('POST', `${base}/warehouses/${wh.id}/workers`, {
      body: { name: 'A', badge_id: 'B-1', roles: ['picker'], ...overrides },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('is registered by admins and supervisors only; lists page by page for every role', async () => {
    const t = await createTestApp();
    const wh = await createWarehouse(t);
    for (const role of ['picker', 'packer', 'qc_agent', 'integration'] as const) {
      const res = await t.request('POST', `${base}/warehouses/${wh.id}/workers`, {
        body: { name: 'A', badge_id: `B-${role}`, roles: ['picker'] },
        token: await t.token({ roles: [role] }),
      });
      expect(res.status).toBe(403);
    }
    for (const badge of ['B-1', 'B-2', 'B-3'])
      await registerWorker(t, wh.id, { badge_id: badge, status: badge === 'B-3' ? 'inactive' : 'active' });
    const picker = await t.token({ roles: ['picker'] });
    const first = await t.request('GET', `${base}/warehouses/${wh.id}/workers?limit=2`, { token: picker });
    expect(first.body.data.map((w: { badge_id: string }) => w.badge_id)).toEqual(['B-1', 'B-2']);
    expect(first.headers.get('link')).toMatch(/rel="next"/);
    const rest = await t.request('GET', `${base}/warehouses/${wh.id}/workers?cursor=${first.body.next_cursor}`, {
      token: picker,
    });
    expect(rest.body).toMatchObject({ data: [{ badge_id: 'B-3', status: 'inactive' }], next_cursor: null });
    const inactive = await t.request('GET', `${base}/warehouses/${wh.id}/workers?status=inactive`);
    expect(inactive.body.data).toHaveLength(1);
    const other = await t.token({ tenants: ['globex'] });
    expect((await t.request('GET', `${base}/warehouses/${wh.id}/workers`, { token: other })).status).toBe(404);
    expect(
      (
        await t.request('POST', `${base}/warehouses/${wh.id}/workers`, {
          body: { name: 'A', badge_id: 'X', roles: ['picker'] },
          token: other,
        })
      ).status,
    ).toBe(404);
  });
});

describe('workstations', () => {
  it('creates scales, printers and a pack station that uses them', async () => {
    const t = await createTestApp();
    const wh = await createWarehouse(t);
    const zone = await createZone(t, wh.id, { code: 'PACK', name: 'Pack', type: 'pack' });
    const supervisor = await t.token({ roles: ['supervisor'] });
    const scale = await createWorkstation(t, wh.id, scaleBody, { token: supervisor });
    const printer = await createWorkstation(t, wh.id, printerBody);
    expect(scale).toMatchObject({
      id: expect.stringMatching(/^stn_/),
      type: 'scale',
      status: 'active',
      config: scaleBody.config,
    });
    const station = await createWorkstation(t, wh.id, {
      type: 'pack_station',
      code: 'PS-1',
      name: 'Pack station 1',
      zone_id: zone.id,
      config: { printer_ids: [printer.id], scale_id: scale.id },
    });
    expect(station).toMatchObject({
      type: 'pack_station',
      zone_id: zone.id,
      config: { printer_ids: [printer.id], scale_id: scale.id },
    });
    const entry = t.db.select().from(timelineEvents).where(eq(timelineEvents.subjectId, station.id)).get()!;
    expect(entry).toMatchObject({ type: 'workstation.created', subjectType: 'workstation' });

    const list = await t.request('GET', `${base}/warehouses/${wh.id}/workstations?limit=2`, {
      token: await t.token({ roles: ['packer'] }),
    });
    expect(list.body.data.map((s: { code: string }) => s.code)).toEqual(['SCALE-1', 'PRN-1']);
    expect(list.headers.get('link')).toMatch(/rel="next"/);
    const packStations = await t.request('GET', `${base}/warehouses/${wh.id}/workstations?type=pack_station`);
    expect(packStations.body.data.map((s: { id: string }) => s.id)).toEqual([station.id]);
  });

  it('refuses a code used in the warehouse (409) and unknown zones or references (422)', async () => {
    const t = await createTestApp();
    const wh = await createWarehouse(t);
    const other = await createWarehouse(t, { code: 'TWO' });
    const scale = await createWorkstation(t, wh.id, scaleBody);
    const foreignPrinter = await createWorkstation(t, other.id, printerBody);
    const foreignZone = await createZone(t, other.id, { code: 'Z', name: 'Z', type: 'pack' });

    const dup = await t.request('POST', `${base}/warehouses/${wh.id}/workstation`, { body: scaleBody });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('workstation_code_taken');
    await createWorkstation(t, other.id, scaleBody);

    const zone = await t.request('POST', `${base}/warehouses/${wh.id}/workstation`, {
      body: { ...printerBody, zone_id: foreignZone.id },
    });
    expect(zone.status).toBe(422);
    expect(zone.body).toMatchObject({ code: 'zone_not_found', errors: [{ path: 'zone_id' }] });

    const refs = await t.request('POST', `${base}/warehouses/${wh.id}/workstation`, {
      body: { type: 'pack_station', code: 'PS', name: 'PS', config: { printer_ids: [scale.id, foreignPrinter.id] } },
    });
    expect(refs.status).toBe(422);
    expect(refs.body).toMatchObject({
      code: 'workstation_reference_invalid',
      errors: [{ path: 'config.printer_ids[0]' }, { path: 'config.printer_ids[1]' }],
    });
  });

  it.each([
    ['config.dpi', { ...printerBody, config: { dpi: 600, language: 'zpl' } }],
    ['config.colour', { ...printerBody, config: { dpi: 203, language: 'zpl', colour: true } }],
    ['config.resolution_g', { ...scaleBody, config: { max_weight_g: 10, resolution_g: 20 } }],
    ['config', { ...scaleBody, config: undefined }],
    ['type', { ...scaleBody, type: 'forklift' }],
    ['config.scale_id', { type: 'pack_station', code: 'P', name: 'P', config: { scale_id: 'scale-1' } }],
  ])('answers 400 naming %s', async (path, body) => {
    const t = await createTestApp();
    const wh = await createWarehouse(t);
    const res = await t.request('POST', `${base}/warehouses/${wh.id}/workstation`, { body });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('is created by admins and supervisors only', async () => {
    const t = await createTestApp();
    const wh = await createWarehouse(t);
    const res = await t.request('POST', `${base}/warehouses/${wh.id}/workstation`, {
      body: scaleBody,
      token: await t.token({ roles: ['packer'] }),
    });
    expect(res.status).toBe(403);
  });
});

describe('lookups for other features', () => {
  it('find workers by id and badge and workstations by id, per tenant, until the warehouse is deleted', async () => {
    const t = await createTestApp();
    const wh = await createWarehouse(t);
    const worker = await registerWorker(t, wh.id, { badge_id: 'B-1', status: 'inactive' });
    const station = await createWorkstation(t, wh.id, scaleBody);
    expect(findWorkerRow(t.db, 'acme', worker.id)).toMatchObject({ id: worker.id, status: 'inactive' });
    expect(findWorkerByBadge(t.db, 'acme', 'B-1')?.id).toBe(worker.id);
    expect(findWorkstationRow(t.db, 'acme', station.id)?.type).toBe('scale');
    expect(findWorkerRow(t.db, 'globex', worker.id)).toBeUndefined();
    expect(findWorkerByBadge(t.db, 'globex', 'B-1')).toBeUndefined();
    expect(findWorkstationRow(t.db, 'globex', station.id)).toBeUndefined();

    expect((await t.request('DELETE', `${base}/warehouses/${wh.id}`)).status).toBe(204);
    expect(findWorkerRow(t.db, 'acme', worker.id)).toBeUndefined();
    expect(findWorkerByBadge(t.db, 'acme', 'B-1')).toBeUndefined();
    expect(findWorkstationRow(t.db, 'acme', station.id)).toBeUndefined();
  });
});
