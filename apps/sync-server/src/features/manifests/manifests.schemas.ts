import { createAsnInput, createManifestInput } from '@fulfillment/domain/shipment/shipment-schemas';
import { z } from '@hono/zod-openapi';
import { resourceBase } from '../../platform/schemas.ts';

export const CreateManifestRequest = createManifestInput.openapi('CreateManifestRequest', {
  example: {
    warehouse_id: 'wh_01JAAAAAAAAAAAAAAAAAAAAAAA',
    shipments: ['sh_01JAAAAAAAAAAAAAAAAAAAAAAA'],
    carrier_id: 'sandbox',
    dispatch_date: '2026-01-06',
  },
});

export const CreateAsnRequest = createAsnInput.openapi('CreateAsnRequest', {
  example: {
    asn_reference: 'ASN-2026-0001',
    shipments: ['sh_01JAAAAAAAAAAAAAAAAAAAAAAA'],
    expected_arrival: '2026-01-08T09:00:00Z',
  },
});

export const Manifest = z
  .object({
    id: z.string().openapi({ example: 'man_01JAAAAAAAAAAAAAAAAAAAAAAA' }),
    warehouse_id: z.string(),
    carrier_id: z.string().openapi({ example: 'sandbox' }),
    dispatch_date: z.string().openapi({ example: '2026-01-06' }),
    status: z.enum(['draft', 'submitted', 'accepted', 'rejected']),
    shipments: z.array(z.string()),
    shipment_count: z.number().int(),
    package_count: z.number().int(),
    total_weight_g: z.number().int(),
    manifest_file_url: z.string().nullable().openapi({ description: 'Signed link to the manifest PDF' }),
    manifest_csv_url: z.string().nullable().openapi({ description: 'Signed link to the same manifest as CSV' }),
    file_urls_expire_at: z.string().nullable(),
    carrier_manifest_id: z.string().nullable(),
    carrier_document_url: z.string().nullable().openapi({ description: 'What the carrier answered (accepted only)' }),
    submitted_at: z.string().nullable(),
    resolved_at: z.string().nullable(),
    rejection_reason: z.string().nullable(),
    ...resourceBase,
  })
  .openapi('Manifest');

export const Asn = z
  .object({
    id: z.string().openapi({ example: 'asn_01JAAAAAAAAAAAAAAAAAAAAAAA' }),
    asn_reference: z.string(),
    status: z.literal('sent'),
    shipments: z.array(z.string()),
    expected_arrival: z.string(),
    destination_warehouse_id: z.string().nullable(),
    document_url: z.string().openapi({ description: 'Signed link to the ASN document (JSON, every parcel’s SSCC)' }),
    ...resourceBase,
  })
  .openapi('Asn');
