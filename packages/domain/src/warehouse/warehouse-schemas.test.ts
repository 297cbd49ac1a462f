import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createWarehouseInput, updateWarehouseInput } from './warehouse-schemas.ts';
import { registerWorkerInput } from './worker-schemas.ts';
import { createWorkstationInput } from './workstation-schemas.ts';
import { createLocationsInput } from './zone-schemas.ts';

const address = { line1: '1 Dock Road', city: 'London', postal_code: 'E16 2QU', country: 'GB' };
const warehouse = { code: 'LON1', name: 'London', address, timezone: 'Europe/London' };

/** The paths zod reports, in the dotted form the API puts in `errors`. */
function failingPaths(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => i.path.join('.'));
}

describe('createWarehouseInput', () => {
  it('accepts a minimal warehouse', () => {
    expect(createWarehouseInput.parse(warehouse)).toEqual(warehouse);
  });

  it('points at each offending field', () => {
    expect(failingPaths(createWarehouseInput, { ...warehouse, timezone: 'Mars/Base' })).toEqual(['timezone']);
    expect(failingPaths(createWarehouseInput, { ...warehouse, address: { ...address, country: 'UK' } })).toEqual([
      'address.country',
    ]);
    expect(failingPaths(createWarehouseInput, { ...warehouse, serviceable_regions: ['GB', 'GB'] })).toEqual([
      'serviceable_regions.1',
    ]);
    expect(failingPaths(createWarehouseInput, { ...warehouse, capabilities: ['teleport'] })).toEqual([
      'capabilities.0',
    ]);
    expect(failingPaths(createWarehouseInput, { ...warehouse, capacity: { picks_per_hour: -1 } })).toEqual([
      'capacity.picks_per_hour',
    ]);
  });

  it('refuses unknown and server-owned fields', () => {
    const issues = createWarehouseInput.safeParse({ ...warehouse, id: 'wh_x', tenant_id: 't' }).error!.issues;
    expect(issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['id', 'tenant_id'] });
  });

  it('bounds the locations created with the zones of a new warehouse', () => {
    const locations = (prefix: string) => Array.from({ length: 300 }, (_, i) => ({ code: `${prefix}-${i}` }));
    const zones = [
      { code: 'A', name: 'A', type: 'pick', locations: locations('A') },
      { code: 'B', name: 'B', type: 'pick', locations: locations('B') },
    ];
    expect(failingPaths(createWarehouseInput, { ...warehouse, zones })).toEqual(['zones']);
  });

  it('refuses a bin code or barcode used in two zones of a new warehouse', () => {
    const zones = [
      { code: 'A', name: 'A', type: 'pick', locations: [{ code: 'A-01-01-01' }] },
      {
        code: 'B',
        name: 'B',
        type: 'pick',
        locations: [
          { code: 'B-01-01-01', barcode: 'A-01-01-01' },
          { code: 'A-01-01-01', barcode: 'X' },
        ],
      },
    ];
    expect(failingPaths(createWarehouseInput, { ...warehouse, zones })).toEqual([
      'zones.1.locations.0.barcode',
      'zones.1.locations.1.code',
    ]);
  });
});

describe('updateWarehouseInput', () => {
  it('needs at least one change besides the version', () => {
    expect(updateWarehouseInput.safeParse({ version: 2 }).success).toBe(false);
    expect(updateWarehouseInput.safeParse({ capacity: { picks_per_hour: null } }).success).toBe(true);
  });
});

describe('createLocationsInput', () => {
  const zone_id = 'zone_01JAAAAAAAAAAAAAAAAAAAAAAA';

  it('refuses a barcode repeated inside the batch, even when it is only defaulted from a code', () => {
    const locations = [
      { zone_id, code: 'A-01-01-01' },
      { zone_id, code: 'A-01-01-02', barcode: 'A-01-01-01' },
    ];
    expect(failingPaths(createLocationsInput, { locations })).toEqual(['locations.1.barcode']);
  });

  it('refuses more than 500 locations', () => {
    const locations = Array.from({ length: 501 }, (_, i) => ({ zone_id, code: `B-${i}` }));
    expect(failingPaths(createLocationsInput, { locations })).toEqual(['locations']);
  });
});

describe('registerWorkerInput', () => {
  it('allows floor roles only, each once', () => {
    const worker = { name: 'Ada', badge_id: 'B-1' };
    expect(registerWorkerInput.safeParse({ ...worker, roles: ['picker', 'packer'] }).success).toBe(true);
    expect(failingPaths(registerWorkerInput, { ...worker, roles: ['admin'] })).toEqual(['roles.0']);
    expect(failingPaths(registerWorkerInput, { ...worker, roles: ['picker', 'picker'] })).toEqual(['roles.1']);
    expect(failingPaths(registerWorkerInput, { ...worker, roles: [] })).toEqual(['roles']);
  });
});

describe('createWorkstationInput', () => {
  it('checks the config against the type', () => {
    const base = { code: 'S1', name: 'Scale 1' };
    expect(
      createWorkstationInput.safeParse({ ...base, type: 'scale', config: { max_weight_g: 30000, resolution_g: 5 } })
        .success,
    ).toBe(true);
    expect(
      failingPaths(createWorkstationInput, { ...base, type: 'scale', config: { dpi: 203, language: 'zpl' } }),
    ).toContain('config');
    expect(
      failingPaths(createWorkstationInput, { ...base, type: 'printer', config: { dpi: 600, language: 'zpl' } }),
    ).toEqual(['config.dpi']);
    expect(
      failingPaths(createWorkstationInput, { ...base, type: 'scale', config: { max_weight_g: 10, resolution_g: 20 } }),
    ).toEqual(['config.resolution_g']);
  });
});
