import { z } from 'zod';
import { metadataSchema } from '../common/common-schemas.ts';
import { dimsSchema, MAX_ITEM_QTY, MAX_WEIGHT_G } from '../packaging/packaging-schemas.ts';

/** Request bodies of the pack-station routes (api-design.md section 3). */

export const MAX_PACK_FULFILLMENTS = 50;
export const MAX_PACKAGES_PER_PACK = 50;
export const MAX_ITEMS_PER_PACKAGE = 200;
export const MAX_SERIALS_PER_ITEM = 1_000;

const idSchema = z.string().min(1).max(100);
const serialSchema = z.string().min(1).max(100);

export const openPackSessionInput = z.strictObject({
  /** The worker packing; defaults to the worker of a worker key. */
  worker_id: idSchema.optional(),
  /** The pack-station PC or handheld used, as the caller names it. */
  device_id: idSchema.optional(),
  /**
   * Another worker's session still open at the station is closed first (the next packer at the bench
   * takes it over) instead of answering 409.
   */
  take_over: z.boolean().optional(),
});
export type OpenPackSessionInput = z.infer<typeof openPackSessionInput>;

export const packItemInput = z.strictObject({
  /** Needed only when the line reference alone is ambiguous among the fulfillments packed. */
  fulfillment_id: idSchema.optional(),
  /** The fulfillment line id (`fl_…`) or the order line id. */
  line_id: idSchema,
  qty: z.number().int().min(1).max(MAX_ITEM_QTY),
  serials: z.array(serialSchema).max(MAX_SERIALS_PER_ITEM).optional(),
});
export type PackItemInput = z.infer<typeof packItemInput>;

export const packPackageInput = z.strictObject({
  /** An open package of this station to add to; a new package when left out. */
  package_id: idSchema.optional(),
  /** Gross weight in whole grams. */
  weight: z.number().int().min(1).max(MAX_WEIGHT_G),
  dims: dimsSchema,
  packaging_profile_id: idSchema.optional(),
  items: z.array(packItemInput).min(1).max(MAX_ITEMS_PER_PACKAGE),
  metadata: metadataSchema.optional(),
});
export type PackPackageInput = z.infer<typeof packPackageInput>;

export const packInput = z.strictObject({
  fulfillment_ids: z.array(idSchema).min(1).max(MAX_PACK_FULFILLMENTS),
  packages: z.array(packPackageInput).min(1).max(MAX_PACKAGES_PER_PACK),
});
export type PackInput = z.infer<typeof packInput>;

export const sealPackageInput = z.strictObject({ package_id: idSchema });
export type SealPackageInput = z.infer<typeof sealPackageInput>;
