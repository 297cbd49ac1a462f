import {
  createPackagingProfileInput,
  dimsSchema,
  packagingTypeSchema,
  suggestCartonInput,
  updatePackagingProfileInput,
} from '@fulfillment/domain/packaging/packaging-schemas';
import { z } from '@hono/zod-openapi';
import { paginationQuery } from '../../platform/pagination.ts';
import { listOf, resourceBase } from '../../platform/schemas.ts';

export const CreatePackagingProfileRequest = createPackagingProfileInput.openapi('CreatePackagingProfileRequest', {
  example: {
    code: 'BOX-S',
    name: 'Small shipper',
    type: 'box',
    inner_mm: { l: 300, w: 200, h: 150 },
    outer_mm: { l: 306, w: 206, h: 158 },
    tare_g: 180,
    max_weight_g: 10_000,
    metadata: { supplier: 'acme-corrugated' },
  },
});

export const UpdatePackagingProfileRequest = updatePackagingProfileInput.openapi('UpdatePackagingProfileRequest', {
  example: { max_weight_g: 12_000, active: false, version: 1 },
});

export const SuggestCartonRequest = suggestCartonInput.openapi('SuggestCartonRequest', {
  example: {
    items: [
      { sku: 'SKU-1', qty: 2, dims_mm: { l: 120, w: 80, h: 40 }, weight_g: 350 },
      { sku: 'SKU-2', qty: 1, dims_mm: { l: 250, w: 60, h: 60 }, weight_g: 900 },
    ],
  },
});

const Dims = dimsSchema.openapi('DimensionsMm', { description: 'Length, width and height in millimetres.' });

export const PackagingProfile = z
  .object({
    id: z.string().openapi({ example: 'pp_01JAAAAAAAAAAAAAAAAAAAAAAA' }),
    code: z.string().openapi({ example: 'BOX-S' }),
    name: z.string().nullable(),
    type: packagingTypeSchema,
    inner_mm: Dims,
    outer_mm: Dims.nullable(),
    tare_g: z.number().int().openapi({ description: 'Weight of the empty packaging.' }),
    max_weight_g: z.number().int().openapi({ description: 'Gross limit: items and tare together.' }),
    active: z.boolean(),
    ...resourceBase,
  })
  .openapi('PackagingProfile');

export const PackagingProfileList = listOf(PackagingProfile, 'PackagingProfileList');

export const ListPackagingProfilesQuery = z.strictObject({
  ...paginationQuery,
  active: z.enum(['true', 'false']).optional().openapi({ description: 'Only active (`true`) or inactive profiles.' }),
  type: packagingTypeSchema.optional(),
});

export const CartonSuggestion = z
  .discriminatedUnion('fits', [
    z.object({
      fits: z.literal(true),
      profile_id: z.string(),
      code: z.string(),
      fill_ratio: z
        .number()
        .openapi({ description: 'Item volume over the inner volume of the profile, 0-1, four decimals.' }),
      total_weight_g: z.number().int().openapi({ description: 'Items plus the tare of the profile.' }),
    }),
    z.object({
      fits: z.literal(false),
      reason: z.enum(['too_heavy', 'item_too_large', 'too_much_volume', 'no_profiles']),
      detail: z.string(),
    }),
  ])
  .openapi('CartonSuggestion', {
    example: {
      fits: true,
      profile_id: 'pp_01JAAAAAAAAAAAAAAAAAAAAAAA',
      code: 'BOX-S',
      fill_ratio: 0.3133,
      total_weight_g: 1780,
    },
  });
