import { z } from 'zod';
import { metadataSchema, nameSchema, prefixedId } from '../common/common-schemas.ts';
import { deviceIdSchema } from './device-schemas.ts';
import { type KeyKind, keyTtlBounds } from './key-ttl.ts';

export { type KeyKind, keyKinds, keyTtlBounds } from './key-ttl.ts';

const ttl = (kind: KeyKind) =>
  z
    .number()
    .int()
    .min(keyTtlBounds[kind].min, `must be at least ${keyTtlBounds[kind].min} seconds`)
    .max(keyTtlBounds[kind].max, `must be at most ${keyTtlBounds[kind].max} seconds for a ${kind} key`)
    .optional();

export const badgeIdSchema = z.string().trim().min(1).max(64);

const deviceKeyInput = z.strictObject({
  kind: z.literal('device'),
  device_id: deviceIdSchema,
  name: nameSchema.optional(),
  ttl_seconds: ttl('device'),
  metadata: metadataSchema.optional(),
});

/** A worker signs in on a handheld: the key names both, and the timeline records both. */
const workerKeyInput = z
  .strictObject({
    kind: z.literal('worker'),
    device_id: deviceIdSchema,
    worker_id: prefixedId('wkr').optional(),
    badge_id: badgeIdSchema.optional(),
    name: nameSchema.optional(),
    ttl_seconds: ttl('worker'),
    metadata: metadataSchema.optional(),
  })
  .refine((k) => (k.worker_id === undefined) !== (k.badge_id === undefined), {
    message: 'send exactly one of worker_id, badge_id',
    path: ['worker_id'],
  });

const integrationKeyInput = z.strictObject({
  kind: z.literal('integration'),
  name: nameSchema,
  ttl_seconds: ttl('integration'),
  metadata: metadataSchema.optional(),
});

export const createKeyInput = z.discriminatedUnion('kind', [deviceKeyInput, workerKeyInput, integrationKeyInput]);
export type CreateKeyInput = z.infer<typeof createKeyInput>;

export const revokeKeyInput = z.strictObject({
  reason: z.string().trim().min(1).max(500).optional(),
  version: z.number().int().positive().optional(),
});
export type RevokeKeyInput = z.infer<typeof revokeKeyInput>;
