import { isValidSscc } from '@fulfillment/domain/barcode/check-digit';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app.ts';
import { BASE, ok, pickWarehouse } from '../picklists/picklist-test-fixtures.ts';
import { download, labelledShipment } from '../shipments/shipment-test-fixtures.ts';

const SUPPLIER = {
  name: 'Acme Parts Returns',
  line1: '1 Dock Road',
  city: 'Leeds',
  postal_code: 'LS1 1AA',
  country: 'GB',
};

describe('vendor shipments and ASN', () => {
  it('ships goods back to a supplier on the shipment machinery, with the RMA on the label', async () => {
    const t = await createTestApp();
    const { warehouseId } = await pickWarehouse(t);
    const body = {
      vendor_id: 'sup_acme_parts',
      reason: 'return_to_vendor',
      rma_reference: 'RMA-88123',
      from_warehouse_id: warehouseId,
      to_address: SUPPLIER,
      lines: [{ sku: 'SKU-1', qty: 4, lot: 'L2026-01' }],
      packages: [
        { weight: 2500, dimensions: { l: 400, w: 300, h: 200 } },
        { weight: 900, dimensions: { l: 200, w: 200, h: 100 } },
      ],
    };
    const noReference = await t.request('POST', `${BASE}/vendor-shipments`, {
      body: { ...body, rma_reference: undefined },
    });
    expect(noReference.status).toBe(400);
    const created = ok(await t.request('POST', `${BASE}/vendor-shipments`, { body }), 201);
    expect(created).toMatchObject({
      kind: 'vendor',
      status: 'label_pending',
      fulfillment_id: null,
      reference: 'RMA-88123',
      vendor: { vendor_id: 'sup_acme_parts', rma_reference: 'RMA-88123', lines: body.lines },
    });
    expect(created.packages).toHaveLength(2);
    for (const p of created.packages) expect(isValidSscc(p.sscc)).toBe(true);
    expect(ok(await t.request('GET', `${BASE}/vendor-shipments/${created.id}`)).id).toBe(created.id);

    const label = ok(await t.request('POST', `${BASE}/shipments/${created.id}/generate-label`, { body: {} }));
    expect(label.pages).toBe(2);
    const listed = ok(await t.request('GET', `${BASE}/shipments?kind=vendor`));
    expect(listed.data.map((s: { id: string }) => s.id)).toEqual([created.id]);
  });

  it('answers 404 for an outbound shipment asked for as a vendor shipment', async () => {
    const t = await createTestApp();
    const s = await labelledShipment(t);
    expect((await t.request('GET', `${BASE}/vendor-shipments/${s.shipmentId}`)).status).toBe(404);
  });

  it('sends an ASN with every parcel’s SSCC; the reference is unique', async () => {
    const t = await createTestApp();
    const s = await labelledShipment(t);
    const body = { asn_reference: 'ASN-1', shipments: [s.shipmentId], expected_arrival: '2026-01-07T09:00:00Z' };
    const asn = ok(await t.request('POST', `${BASE}/asn`, { body }), 201);
    expect(asn).toMatchObject({ asn_reference: 'ASN-1', status: 'sent', shipments: [s.shipmentId] });
    const document = JSON.parse(new TextDecoder().decode((await download(t, asn.document_url)).bytes));
    expect(document.shipments[0]).toMatchObject({
      shipment_id: s.shipmentId,
      carrier_tracking_number: s.trackingNumber,
    });
    expect(isValidSscc(document.shipments[0].packages[0].sscc)).toBe(true);
    const again = await t.request('POST', `${BASE}/asn`, { body });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('asn_reference_taken');
  });
});
