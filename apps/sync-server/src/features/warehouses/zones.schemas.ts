import {
  createLocationsInput,
  createZoneInput,
  locationTypeSchema,
  zoneTypeSchema,
} from '@fulfillment/domain/warehouse/zone-schemas';
import { z } from '@hono/zod-openapi';
import { paginationQuery } from '../../platform/pagination.ts';
import { listOf, resourceBase } from '../../platform/schemas.ts';

export const CreateZoneRequest = createZoneInput.openapi('CreateZoneRequest', {
  example: {
    code: 'PICK-B',
    name: 'Pick aisle B',
    type: 'pick',
    pick_sequence: 2,
    locations: [{ code: 'B-01-01-01' }],
  },
});
export const CreateLocationsRequest = createLocationsInput.openapi('CreateLocationsRequest', {
  example: {
    locations: [
      { zone_id: 'zone_01JAAAAAAAAAAAAAAAAAAAAAAA', code: 'A-01-02-03' },
      { zone_id: 'zone_01JAAAAAAAAAAAAAAAAAAAAAAA', code: 'A-01-02-04', barcode: 'LOC0001204', type: 'shelf' },
    ],
  },
});

export const Zone = z
  .object({
    id: z.string().openapi({ example: 'zone_01JAAAAAAAAAAAAAAAAAAAAAAA' }),
    warehouse_id: z.string(),
    code: z.string(),
    name: z.string(),
    type: zoneTypeSchema,
    pick_sequence: z.number().int().openapi({ description: 'Order in which pickers walk the zones; lower first.' }),
    location_count: z.number().int(),
    ...resourceBase,
  })
  .openapi('Zone');

export const Location = z
  .object({
    id: z.string().openapi({ example: 'loc_01JAAAAAAAAAAAAAAAAAAAAAAA' }),
    warehouse_id: z.string(),
    zone_id: z.string(),
    code: z.string().openapi({ example: 'A-01-02-03' }),
    barcode: z.string(),
    type: locationTypeSchema,
    aisle: z.string().nullable(),
    bay: z.string().nullable(),
    level: z.string().nullable(),
    position: z.string().nullable(),
    ...resourceBase,
  })
  .openapi('Location');

export const ZoneList = listOf(Zone, 'ZoneList');
export const LocationList = listOf(Location, 'LocationList');
export const CreateLocationsResponse = z.object({ locations: z.array(Location) }).openapi('CreateLocationsResponse');

export const ListZonesQuery = z.strictObject({ ...paginationQuery, type: zoneTypeSchema.optional() });
export const ListLocationsQuery = z.strictObject({
  ...paginationQuery,
  zone_id: z.string().min(1).max(64).optional(),
  code: z.string().min(1).max(64).optional(),
  barcode: z.string().min(1).max(64).optional(),
});
