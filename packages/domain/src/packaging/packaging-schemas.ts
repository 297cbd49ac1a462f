import { z } from 'zod';
import { codeSchema, metadataSchema, nameSchema, skuSchema } from '../common/common-schemas.ts';

export const packagingTypes = ['box', 'envelope', 'pallet', 'bag'] as const;
export type PackagingType = (typeof packagingTypes)[number];
export const packagingTypeSchema = z.enum(packagingTypes);

/** Ten metres covers any pallet footprint; a dimension is a whole number of millimetres. */
export const MAX_DIMENSION_MM = 10_000;
/** Two tonnes covers a loaded pallet. */
export const MAX_WEIGHT_G = 2_000_000;
export const MAX_SUGGEST_ITEMS = 500;
export const MAX_ITEM_QTY = 10_000;

const mm = z.number().int().min(1).max(MAX_DIMENSION_MM);
export const dimsSchema = z.strictObject({ l: mm, w: mm, h: mm });
export type DimsInput = z.infer<typeof dimsSchema>;

const grams = z.number().int().min(0).max(MAX_WEIGHT_G);

type Dims = { l: number; w: number; h: number };

/** Rules between fields of a profile, shared by create and by the merged result of a PATCH. */
export function profileProblems(p: {
  inner_mm: Dims;
  outer_mm?: Dims | null | undefined;
  tare_g: number;
  max_weight_g: number;
}): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (p.tare_g >= p.max_weight_g) {
    problems.push({ path: 'max_weight_g', message: `must exceed tare_g (${p.tare_g}): it is the gross weight limit` });
  }
  const outer = p.outer_mm;
  if (outer) {
    for (const axis of ['l', 'w', 'h'] as const) {
      if (outer[axis] < p.inner_mm[axis]) {
        problems.push({ path: `outer_mm.${axis}`, message: `must be at least inner_mm.${axis} (${p.inner_mm[axis]})` });
      }
    }
  }
  return problems;
}

export const createPackagingProfileInput = z
  .strictObject({
    code: codeSchema,
    name: nameSchema.optional(),
    type: packagingTypeSchema,
    /** What the items go into: the dimensions cartonization uses. */
    inner_mm: dimsSchema,
    /** What the carrier measures; optional, at least the inner dimensions on every axis. */
    outer_mm: dimsSchema.optional(),
    tare_g: grams,
    /** Gross limit: items and the empty packaging together. */
    max_weight_g: grams.min(1),
    /** Inactive profiles are kept but never suggested. Default true. */
    active: z.boolean().optional(),
    metadata: metadataSchema.optional(),
  })
  .superRefine((input, ctx) => {
    for (const p of profileProblems(input))
      ctx.addIssue({ code: 'custom', path: p.path.split('.'), message: p.message });
  });
export type CreatePackagingProfileInput = z.infer<typeof createPackagingProfileInput>;

export const updatePackagingProfileInput = z
  .strictObject({
    code: codeSchema.optional(),
    /** null clears the name. */
    name: nameSchema.nullable().optional(),
    type: packagingTypeSchema.optional(),
    inner_mm: dimsSchema.optional(),
    /** null clears the outer dimensions. */
    outer_mm: dimsSchema.nullable().optional(),
    tare_g: grams.optional(),
    max_weight_g: grams.min(1).optional(),
    active: z.boolean().optional(),
    /** Merged into the existing metadata; a key set to null is removed. */
    metadata: metadataSchema.optional(),
    version: z.number().int().positive().optional(),
  })
  .refine((p) => Object.keys(p).some((k) => k !== 'version'), {
    when: (payload) => payload.issues.length === 0,
    message: 'send at least one of code, name, type, inner_mm, outer_mm, tare_g, max_weight_g, active, metadata',
  });
export type UpdatePackagingProfileInput = z.infer<typeof updatePackagingProfileInput>;

export const cartonItemSchema = z.strictObject({
  sku: skuSchema,
  qty: z.number().int().min(1).max(MAX_ITEM_QTY),
  dims_mm: dimsSchema,
  weight_g: grams,
});

export const suggestCartonInput = z.strictObject({
  items: z.array(cartonItemSchema).min(1).max(MAX_SUGGEST_ITEMS),
});
export type SuggestCartonInput = z.infer<typeof suggestCartonInput>;
