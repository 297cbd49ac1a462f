import { z } from 'zod';
import { codeSchema, metadataSchema, nameSchema, prefixedId } from '../common/common-schemas.ts';
import { distinctArray } from './distinct.ts';

export const zoneTypes = ['pick', 'pack', 'receiving', 'staging', 'returns', 'storage', 'shipping'] as const;
export type ZoneType = (typeof zoneTypes)[number];
export const zoneTypeSchema = z.enum(zoneTypes);

export const locationTypes = ['bin', 'shelf', 'pallet', 'floor', 'staging', 'tote_wall'] as const;
export type LocationType = (typeof locationTypes)[number];
export const locationTypeSchema = z.enum(locationTypes);

export const MAX_LOCATIONS_PER_BATCH = 500;

/** What a scanner reads off the bin label: visible ASCII, as long as a Code 128 label stays scannable. */
export const locationBarcodeSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\x21-\x7e]+$/, 'must be visible ASCII without spaces');

const part = z
  .string()
  .min(1)
  .max(16)
  .regex(/^[A-Za-z0-9]+$/, 'may hold letters and digits only');

const locationFields = {
  code: codeSchema,
  /** Defaults to the code, which is what most bin labels print. */
  barcode: locationBarcodeSchema.optional(),
  type: locationTypeSchema.optional(),
  aisle: part.optional(),
  bay: part.optional(),
  level: part.optional(),
  position: part.optional(),
  metadata: metadataSchema.optional(),
};

/** A location created inside a new zone: the zone is implied. */
export const zoneLocationInput = z.strictObject(locationFields);
export type ZoneLocationInput = z.infer<typeof zoneLocationInput>;

export const locationInput = z.strictObject({ ...locationFields, zone_id: prefixedId('zone') });
export type LocationInput = z.infer<typeof locationInput>;

/**
 * Codes repeat per warehouse and barcodes per tenant: a repeat inside one request is the client's
 * mistake (400) and is caught here, before the database is asked about clashes with existing bins (409).
 */
function distinctLocations<T extends ZoneLocationInput>(item: z.ZodType<T>) {
  return distinctArray(item, MAX_LOCATIONS_PER_BATCH, 'code').superRefine((locations, ctx) => {
    const seen = new Set<string>();
    locations.forEach((l, i) => {
      const barcode = l.barcode ?? l.code;
      if (seen.has(barcode))
        ctx.addIssue({ code: 'custom', path: [i, 'barcode'], message: `repeats barcode ${barcode}` });
      seen.add(barcode);
    });
  });
}

export const createZoneInput = z.strictObject({
  code: codeSchema,
  name: nameSchema,
  type: zoneTypeSchema,
  /** Order in which pickers walk the zones; lower first. */
  pick_sequence: z.number().int().min(0).max(1_000_000).optional(),
  locations: distinctLocations(zoneLocationInput).optional(),
  metadata: metadataSchema.optional(),
});
export type CreateZoneInput = z.infer<typeof createZoneInput>;

export const createLocationsInput = z.strictObject({
  locations: distinctLocations(locationInput).min(1),
});
export type CreateLocationsInput = z.infer<typeof createLocationsInput>;
