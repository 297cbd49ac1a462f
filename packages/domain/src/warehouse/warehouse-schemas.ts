import { z } from 'zod';
import { codeSchema, metadataSchema, nameSchema } from '../common/common-schemas.ts';
import { distinctArray } from './distinct.ts';
import { countryCodeSchema, MAX_SERVICEABLE_REGIONS, serviceableRegionSchema } from './serviceable-regions.ts';
import { isTimeZone } from './timezone.ts';
import { createZoneInput } from './zone-schemas.ts';

export const warehouseStatuses = ['active', 'inactive'] as const;
export type WarehouseStatus = (typeof warehouseStatuses)[number];
export const warehouseStatusSchema = z.enum(warehouseStatuses);

/** What a site can do: routing and scheduling pick warehouses by these. */
export const warehouseCapabilities = [
  'picking',
  'packing',
  'receiving',
  'returns',
  'cross_dock',
  'cold_chain',
  'frozen',
  'hazmat',
  'oversize',
  'kitting',
  'gift_wrap',
  'value_added_services',
  'same_day',
  'bonded',
  'serial_tracking',
  'lot_tracking',
] as const;
export type WarehouseCapability = (typeof warehouseCapabilities)[number];
export const warehouseCapabilitySchema = z.enum(warehouseCapabilities);

export const MAX_ZONES_PER_REQUEST = 100;
/** The same ceiling as the bulk location route: one request never writes more bins than that. */
export const MAX_LOCATIONS_PER_REQUEST = 500;

export const addressSchema = z.strictObject({
  line1: z.string().trim().min(1).max(200),
  line2: z.string().trim().min(1).max(200).optional(),
  city: z.string().trim().min(1).max(100),
  region: z.string().trim().min(1).max(100).optional(),
  postal_code: z.string().trim().min(1).max(16),
  country: countryCodeSchema,
});

export const timezoneSchema = z
  .string()
  .max(64)
  .refine(isTimeZone, 'must be an IANA time zone name, e.g. Europe/London');

const rate = z.number().int().min(0).max(1_000_000);
export const capacitySchema = z.strictObject({
  picks_per_hour: rate.optional(),
  packs_per_hour: rate.optional(),
  max_open_fulfillments: rate.optional(),
});

/** In a PATCH a target set to null is removed (no longer configured). */
export const capacityPatchSchema = z.strictObject({
  picks_per_hour: rate.nullable().optional(),
  packs_per_hour: rate.nullable().optional(),
  max_open_fulfillments: rate.nullable().optional(),
});

const serviceableRegions = distinctArray(serviceableRegionSchema, MAX_SERVICEABLE_REGIONS);
const capabilities = distinctArray(warehouseCapabilitySchema, warehouseCapabilities.length);

export const createWarehouseInput = z
  .strictObject({
    code: codeSchema,
    name: nameSchema,
    address: addressSchema,
    timezone: timezoneSchema,
    serviceable_regions: serviceableRegions.optional(),
    capabilities: capabilities.optional(),
    capacity: capacitySchema.optional(),
    /** Configuration, not a workflow state: an inactive warehouse takes no new fulfillments. */
    status: warehouseStatusSchema.optional(),
    metadata: metadataSchema.optional(),
    zones: distinctArray(createZoneInput, MAX_ZONES_PER_REQUEST, 'code').optional(),
  })
  .superRefine((input, ctx) => {
    const zones = input.zones ?? [];
    const total = zones.reduce((n, zone) => n + (zone.locations?.length ?? 0), 0);
    if (total > MAX_LOCATIONS_PER_REQUEST) {
      ctx.addIssue({
        code: 'custom',
        path: ['zones'],
        message: `may hold at most ${MAX_LOCATIONS_PER_REQUEST} locations in all; add more with POST /warehouses/{id}/locations`,
      });
    }
    // Each zone's own list is checked for repeats already; bin codes and barcodes must also differ across zones.
    const zoneOf = { code: new Map<string, number>(), barcode: new Map<string, number>() };
    zones.forEach((zone, zi) => {
      zone.locations?.forEach((location, li) => {
        for (const [field, value] of [
          ['code', location.code],
          ['barcode', location.barcode ?? location.code],
        ] as const) {
          const first = zoneOf[field].get(value);
          if (first !== undefined && first !== zi) {
            ctx.addIssue({
              code: 'custom',
              path: ['zones', zi, 'locations', li, field],
              message: `repeats ${field} ${value} of zones[${first}]`,
            });
          } else zoneOf[field].set(value, zi);
        }
      });
    });
  });
export type CreateWarehouseInput = z.infer<typeof createWarehouseInput>;

export const updateWarehouseInput = z
  .strictObject({
    code: codeSchema.optional(),
    name: nameSchema.optional(),
    /** Replaces the whole address: an address is only meaningful as a unit. */
    address: addressSchema.optional(),
    timezone: timezoneSchema.optional(),
    serviceable_regions: serviceableRegions.optional(),
    capabilities: capabilities.optional(),
    capacity: capacityPatchSchema.optional(),
    status: warehouseStatusSchema.optional(),
    /** Merged into the existing metadata; a key set to null is removed. */
    metadata: metadataSchema.optional(),
    version: z.number().int().positive().optional(),
  })
  .refine((p) => Object.keys(p).some((k) => k !== 'version'), {
    // An unknown field already explains the failure; "send at least one" would only add noise.
    when: (payload) => payload.issues.length === 0,
    message:
      'send at least one of code, name, address, timezone, serviceable_regions, capabilities, capacity, status, metadata',
  });
export type UpdateWarehouseInput = z.infer<typeof updateWarehouseInput>;
