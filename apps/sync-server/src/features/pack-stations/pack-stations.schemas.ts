import { openPackSessionInput, packInput, sealPackageInput } from '@fulfillment/domain/packing/packing-schemas';
import { z } from '@hono/zod-openapi';
import { resourceBase } from '../../platform/schemas.ts';

export const OpenPackSessionRequest = openPackSessionInput.openapi('OpenPackSessionRequest', {
  example: { worker_id: 'wkr_01JAAAAAAAAAAAAAAAAAAAAAAA', device_id: 'pack-pc-1' },
});

export const PackRequest = packInput.openapi('PackRequest', {
  example: {
    fulfillment_ids: ['ful_01JAAAAAAAAAAAAAAAAAAAAAAA'],
    packages: [
      {
        weight: 1250,
        dims: { l: 300, w: 200, h: 150 },
        items: [{ line_id: 'fl_01JAAAAAAAAAAAAAAAAAAAAAAA', qty: 1, serials: ['SN-1'] }],
      },
    ],
  },
});

export const SealPackageRequest = sealPackageInput.openapi('SealPackageRequest', {
  example: { package_id: 'pkg_01JAAAAAAAAAAAAAAAAAAAAAAA' },
});

export const PackSession = z
  .object({
    session_id: z.string(),
    station_id: z.string(),
    warehouse_id: z.string(),
    worker_id: z.string(),
    device_id: z.string().nullable(),
    status: z.enum(['open', 'closed']),
    opened_at: z.string(),
    closed_at: z.string().nullable(),
  })
  .openapi('PackSession');

const Dims = z.object({ l: z.number().int(), w: z.number().int(), h: z.number().int() });

export const Package = z
  .object({
    id: z.string(),
    station_id: z.string(),
    session_id: z.string(),
    warehouse_id: z.string(),
    fulfillment_ids: z.array(z.string()),
    weight_g: z.number().int(),
    dims_mm: Dims,
    packaging_profile_id: z.string().nullable(),
    status: z.enum(['open', 'sealed']),
    sscc: z.string().nullable(),
    label_status: z.enum(['pending', 'generated']).nullable(),
    sealed_at: z.string().nullable(),
    items: z.array(
      z.object({
        fulfillment_id: z.string(),
        line_id: z.string(),
        sku: z.string(),
        qty: z.number().int(),
        serials: z.array(z.string()),
      }),
    ),
    ...resourceBase,
  })
  .openapi('Package');

const FulfillmentStatusOf = z.object({ fulfillment_id: z.string(), status: z.string() });

export const PackResult = z
  .object({
    station_id: z.string(),
    session_id: z.string(),
    package_ids: z.array(z.string()),
    packages: z.array(Package),
    fulfillments: z.array(FulfillmentStatusOf),
  })
  .openapi('PackResult');

export const SealResult = z
  .object({ package: Package, fulfillments: z.array(FulfillmentStatusOf) })
  .openapi('SealResult');
