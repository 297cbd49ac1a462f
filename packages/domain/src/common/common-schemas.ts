import { z } from 'zod';

/** Building blocks shared by every request schema, on the handheld and on the server alike. */

const METADATA_MAX_BYTES = 8 * 1024;
const METADATA_MAX_KEYS = 50;

/** Free JSON for the client's own use, bounded so nobody can park megabytes on a record. */
export const metadataSchema = z
  .record(z.string().min(1).max(40), z.unknown())
  .refine((m) => Object.keys(m).length <= METADATA_MAX_KEYS, {
    message: `may hold at most ${METADATA_MAX_KEYS} keys`,
  })
  .refine((m) => new TextEncoder().encode(JSON.stringify(m)).length <= METADATA_MAX_BYTES, {
    message: `may be at most ${METADATA_MAX_BYTES} bytes of JSON`,
  });

/** Like metadata, but where `null` values mean "remove this key" (PATCH semantics). */
export const metadataPatchSchema = metadataSchema;

export const prefixedId = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`), `must be a ${prefix}_ id`);

/** Ids that belong to other services (orders, order lines): opaque, kept as given, but bounded. */
export const externalId = z.string().min(1).max(128);

export const skuSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\x21-\x7e]+$/, 'must be visible ASCII without spaces');

export const codeSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:/-]*$/, 'may hold letters, digits and _ . : / - only');

export const nameSchema = z.string().trim().min(1).max(200);

export const timestampSchema = z.iso.datetime({ offset: true });
