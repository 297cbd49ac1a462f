import {
  createWarehouseInput,
  updateWarehouseInput,
  warehouseCapabilitySchema,
  warehouseStatusSchema,
} from '@fulfillment/domain/warehouse/warehouse-schemas';
import { zoneTypes } from '@fulfillment/domain/warehouse/zone-schemas';
import { z } from '@hono/zod-openapi';
import { paginationQuery } from '../../platform/pagination.ts';
import { listOf, resourceBase } from '../../platform/schemas.ts';

export const CreateWarehouseRequest = createWarehouseInput.openapi('CreateWarehouseRequest', {
  example: {
    code: 'LON1',
    name: 'London Docklands',
    address: { line1: '1 Dock Road', city: 'London', postal_code: 'E16 2QU', country: 'GB' },
    timezone: 'Europe/London',
    serviceable_regions: ['GB', 'IE:D'],
    capabilities: ['picking', 'packing', 'returns'],
    capacity: { picks_per_hour: 1200, packs_per_hour: 400, max_open_fulfillments: 5000 },
    status: 'active',
    metadata: {},
    zones: [
      {
        code: 'PICK-A',
        name: 'Pick aisle A',
        type: 'pick',
        pick_sequence: 1,
        locations: [{ code: 'A-01-01-01' }, { code: 'A-01-01-02' }],
      },
      { code: 'PACK', name: 'Pack benches', type: 'pack' },
    ],
  },
});
export const UpdateWarehouseRequest = updateWarehouseInput.openapi('UpdateWarehouseRequest');

export const Warehouse = z
  .object({
    id: z.string().openapi({ example: 'wh_01JAAAAAAAAAAAAAAAAAAAAAAA' }),
    code: z.string(),
    name: z.string(),
    status: warehouseStatusSchema,
    address: z.object({
      line1: z.string(),
      line2: z.string().nullable(),
      city: z.string(),
      region: z.string().nullable(),
      postal_code: z.string(),
      country: z.string().openapi({ description: 'ISO 3166-1 alpha-2' }),
    }),
    timezone: z.string().openapi({ example: 'Europe/London' }),
    serviceable_regions: z.array(z.string()).openapi({ example: ['GB', 'IE:D'] }),
    capabilities: z.array(warehouseCapabilitySchema),
    capacity: z
      .object({
        picks_per_hour: z.number().int().nullable(),
        packs_per_hour: z.number().int().nullable(),
        max_open_fulfillments: z.number().int().nullable(),
      })
      .openapi({ description: 'Configured targets; null when not configured.' }),
    ...resourceBase,
  })
  .openapi('Warehouse');

export const WarehouseDetail = Warehouse.extend({
  zone_summary: z.object({
    zones: z.number().int(),
    locations: z.number().int().openapi({ description: 'Bin locations across all zones.' }),
    zones_by_type: z.record(z.enum(zoneTypes), z.number().int()),
  }),
}).openapi('WarehouseDetail');

export const WarehouseList = listOf(Warehouse, 'WarehouseList');

export const ListWarehousesQuery = z.strictObject({
  ...paginationQuery,
  status: warehouseStatusSchema.optional(),
  capability: warehouseCapabilitySchema
    .optional()
    .openapi({ description: 'Only warehouses that have this capability.' }),
  code: z.string().min(1).max(64).optional(),
});
