import { z } from 'zod';
import { metadataSchema, nameSchema, prefixedId } from '../common/common-schemas.ts';
import { keyTtlBounds } from './key-ttl.ts';

/** A device's own identifier, as printed on its label (e.g. `scanner_12`): the server does not make it. */
export const deviceIdPattern = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
export const deviceIdSchema = z
  .string()
  .regex(deviceIdPattern, 'must be 1-64 letters, digits or _ . : - and start with a letter or digit');

export const deviceTypes = ['handheld', 'printer', 'scale', 'pack_station_pc'] as const;
export type DeviceType = (typeof deviceTypes)[number];
export const deviceStatuses = ['active', 'revoked'] as const;

/**
 * Registration describes the device. Re-registering sets what is sent; an omitted optional field
 * keeps its value and `null` clears it (model, warehouse_id).
 */
export const registerDeviceInput = z.strictObject({
  type: z.enum(deviceTypes),
  name: nameSchema,
  model: z.string().trim().min(1).max(100).nullable().optional(),
  warehouse_id: prefixedId('wh').nullable().optional(),
  metadata: metadataSchema.optional(),
  /** Lifetime of the device key issued with the registration. */
  key_ttl_seconds: z.number().int().min(keyTtlBounds.device.min).max(keyTtlBounds.device.max).optional(),
});
export type RegisterDeviceInput = z.infer<typeof registerDeviceInput>;

export const revokeDeviceInput = z.strictObject({
  reason: z.string().trim().min(1).max(500).optional(),
  version: z.number().int().positive().optional(),
});
export type RevokeDeviceInput = z.infer<typeof revokeDeviceInput>;
