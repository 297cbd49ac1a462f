import { isValidSandboxTrackingNumber } from '@fulfillment/domain/shipment/tracking-number';
import { eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { beforeEach, describe, expect, it } from 'vitest';
import { packages } from '../../db/schema/packing.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { sealedWave } from '../pack-stations/pack-test-fixtures.ts';
import { BASE, fulfillmentOf, ok } from '../picklists/picklist-test-fixtures.ts';
import { download, LONDON } from './shipment-test-fixtures.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});

const post = (path: string, body: unknown = {}) => t.request('POST', `${BASE}${path}`, { body });
const get = (path: string) => t.request('GET', `${BASE}${path}`);

describe('shipments', () => {
  it('ships a packed fulfillment: label in pdf then zpl with one tracking number, on the fulfillment', async () => {
    const w = await sealedWave(t);
    const noAddress = await post('/shipments', { fulfillment_id: w.f1 });
    expect(noAddress.status).toBe(422);
    expect(noAddress.body.code).toBe('address_required');

    const created = ok(await post('/shipments', { fulfillment_id: w.f1, to_address: LONDON }), 201);
    expect(created).toMatchObject({
      status: 'label_pending',
      kind: 'outbound',
      fulfillment_id: w.f1,
      carrier: 'sandbox',
      carrier_service: 'standard',
      carrier_source: 'default',
      label_url: null,
      packages: [{ package_id: w.p1, weight: 1200 }],
      to_address: LONDON,
    });
    expect(created.from_address.country).toBe('GB');
    const again = await post('/shipments', {
      fulfillment_id: w.f1,
      to_address: LONDON,
      packages: [{ package_id: w.p1 }],
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('package_already_shipped');

    const pdf = ok(await post(`/shipments/${created.id}/generate-label`, {}));
    expect(pdf).toMatchObject({ shipment_id: created.id, status: 'label_generated', label_format: 'pdf', pages: 1 });
    expect(isValidSandboxTrackingNumber(pdf.carrier_tracking_number)).toBe(true);
    const file = await download(t, pdf.label_url);
    expect(file.status).toBe(200);
    const doc = await PDFDocument.load(file.bytes);
    expect(doc.getPage(0).getSize()).toEqual({ width: 288, height: 432 });

    const zpl = ok(await post(`/shipments/${created.id}/generate-label`, { label_format: 'zpl' }));
    expect(zpl.carrier_tracking_number).toBe(pdf.carrier_tracking_number);
    const text = new TextDecoder().decode((await download(t, zpl.label_url)).bytes);
    expect(text.startsWith('^XA')).toBe(true);
    expect(text.trimEnd().endsWith('^XZ')).toBe(true);
    expect(text).toContain(pdf.carrier_tracking_number);

    expect(ok(await get(`/shipments/${created.id}/label?format=pdf`)).label_format).toBe('pdf');
    const png = await get(`/shipments/${created.id}/label?format=png`);
    expect(png.status).toBe(409);
    expect(png.body.code).toBe('label_not_generated');

    const shipment = ok(await get(`/shipments/${created.id}`));
    expect(shipment).toMatchObject({ status: 'label_generated', label_format: 'zpl', label_formats: ['pdf', 'zpl'] });
    const fulfillment = await fulfillmentOf(t, w.f1);
    expect(fulfillment.shipments).toEqual([created.id]);
    expect(fulfillment.packages).toMatchObject([{ package_id: w.p1, status: 'sealed', weight: 1200 }]);
    const pkg = t.db.select().from(packages).where(eq(packages.id, w.p1)).get()!;
    expect(pkg.labelStatus).toBe('generated');
    const listed = ok(await get(`/shipments?package_id=${w.p1}`));
    expect(listed.data.map((s: { id: string }) => s.id)).toEqual([created.id]);
    expect(ok(await get('/shipments?status=label_pending')).data).toEqual([]);
  });

  it('refuses packages that are open, of another fulfillment, or changed since sealing', async () => {
    const w = await sealedWave(t);
    const other = await post('/shipments', {
      fulfillment_id: w.f1,
      to_address: LONDON,
      packages: [{ package_id: w.p2 }],
    });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('package_not_in_fulfillment');
    const heavier = await post('/shipments', {
      fulfillment_id: w.f1,
      to_address: LONDON,
      packages: [{ package_id: w.p1, weight: 1300 }],
    });
    expect(heavier.status).toBe(422);
    expect(heavier.body.code).toBe('package_mismatch');
    const unknownCarrier = await post('/shipments', { fulfillment_id: w.f1, to_address: LONDON, carrier_hint: 'dhl' });
    expect(unknownCarrier.status).toBe(422);
    expect(unknownCarrier.body.code).toBe('unknown_carrier');
    expect(ok(await get(`/shipments?fulfillment_id=${w.f1}`)).data).toEqual([]);
  });

  it('routes by the first matching rule, by priority', async () => {
    const w = await sealedWave(t);
    const bad = await post('/routing-rules', { name: 'x', priority: 1, carrier: 'nope', service_code: 'express' });
    expect(bad.status).toBe(422);
    ok(
      await post('/routing-rules', {
        name: 'Ireland economy',
        priority: 1,
        conditions: { destination_countries: ['IE'] },
        carrier: 'sandbox',
        service_code: 'economy',
      }),
      201,
    );
    const light = ok(
      await post('/routing-rules', {
        name: 'Light parcels express',
        priority: 5,
        conditions: { max_weight_g: 2000, postal_code_prefixes: ['sw1'] },
        carrier: 'sandbox',
        service_code: 'express',
      }),
      201,
    );
    ok(
      await post('/routing-rules', { name: 'Catch-all', priority: 100, carrier: 'sandbox', service_code: 'standard' }),
      201,
    );
    expect(ok(await get('/routing-rules')).data).toHaveLength(3);
    const shipment = ok(await post('/shipments', { fulfillment_id: w.f1, to_address: LONDON }), 201);
    expect(shipment).toMatchObject({ carrier_service: 'express', carrier_source: `routing_rule:${light.id}` });
  });

  it('books onto the day’s draft manifest, submits it, and then refuses to cancel', async () => {
    const w = await sealedWave(t);
    const s = ok(await post('/shipments', { fulfillment_id: w.f1, to_address: LONDON }), 201);
    const early = await post(`/shipments/${s.id}/book`);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('label_required');
    const label = ok(await post(`/shipments/${s.id}/generate-label`));
    const booked = ok(await post(`/shipments/${s.id}/book`));
    expect(booked).toMatchObject({ shipment_id: s.id, status: 'booked' });
    expect(ok(await post(`/shipments/${s.id}/book`)).manifest_id).toBe(booked.manifest_id);

    const manifest = ok(await get(`/manifests/${booked.manifest_id}`));
    expect(manifest).toMatchObject({
      status: 'draft',
      carrier_id: 'sandbox',
      dispatch_date: '2026-01-05',
      shipments: [s.id],
      package_count: 1,
      total_weight_g: 1200,
    });
    const csv = new TextDecoder().decode((await download(t, manifest.manifest_csv_url)).bytes);
    expect(csv).toContain(label.carrier_tracking_number);
    const pdf = await PDFDocument.load((await download(t, manifest.manifest_file_url)).bytes);
    expect(pdf.getTitle()).toBe(`Manifest ${booked.manifest_id}`);

    const pickup = ok(
      await post(`/shipments/${s.id}/schedule-pickup`, {
        date: '2026-01-05',
        ready_time: '15:00',
        close_time: '17:30',
      }),
    );
    expect(pickup.pickup).toMatchObject({ date: '2026-01-05', window: { from: '15:00', to: '17:30' } });
    const weekend = await post(`/shipments/${s.id}/schedule-pickup`, {
      date: '2026-01-10',
      ready_time: '09:00',
      close_time: '12:00',
    });
    expect(weekend.status).toBe(422);

    const submitted = ok(await post(`/manifests/${booked.manifest_id}/submit`));
    expect(submitted).toMatchObject({ status: 'accepted' });
    expect(submitted.carrier_manifest_id).toMatch(/^SBXM\d{8}$/);
    expect((await post(`/manifests/${booked.manifest_id}/submit`)).status).toBe(409);
    const cancel = await post(`/shipments/${s.id}/cancel`, {});
    expect(cancel.status).toBe(409);
    expect(cancel.body.code).toBe('already_manifested');
  });

  it('creates a manifest for a batch and lists every problem at once', async () => {
    const w = await sealedWave(t);
    const s = ok(await post('/shipments', { fulfillment_id: w.f1, to_address: LONDON }), 201);
    const body = { warehouse_id: w.warehouseId, shipments: [s.id], carrier_id: 'sandbox', dispatch_date: '2026-01-06' };
    const refused = await post('/manifests', body);
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].message).toContain('label_pending');
    ok(await post(`/shipments/${s.id}/generate-label`));
    const past = await post('/manifests', { ...body, dispatch_date: '2026-01-04' });
    expect(past.body.code).toBe('dispatch_date_past');
    const manifest = ok(await post('/manifests', body), 201);
    expect(manifest).toMatchObject({ status: 'draft', shipments: [s.id], dispatch_date: '2026-01-06' });
    expect(ok(await get(`/shipments/${s.id}`))).toMatchObject({ status: 'booked', manifest_id: manifest.id });
    const twice = await post('/manifests', body);
    expect(twice.body.errors[0].message).toContain(`already on manifest ${manifest.id}`);
  });

  it('cancels a labelled shipment, frees its packages for a new one, and drops it from the draft manifest', async () => {
    const w = await sealedWave(t);
    const s = ok(await post('/shipments', { fulfillment_id: w.f1, to_address: LONDON }), 201);
    ok(await post(`/shipments/${s.id}/generate-label`));
    const { manifest_id } = ok(await post(`/shipments/${s.id}/book`));
    const cancelled = ok(await post(`/shipments/${s.id}/cancel`, { reason: 'customer moved' }));
    expect(cancelled).toMatchObject({ status: 'cancelled', cancel_reason: 'customer moved', manifest_id: null });
    expect((await post(`/shipments/${s.id}/cancel`, {})).status).toBe(409);
    expect(ok(await get(`/manifests/${manifest_id}`)).shipments).toEqual([]);
    expect((await post(`/manifests/${manifest_id}/submit`)).body.code).toBe('manifest_empty');
    const next = ok(await post('/shipments', { fulfillment_id: w.f1, to_address: LONDON }), 201);
    expect(next.packages[0].package_id).toBe(w.p1);
    expect((await fulfillmentOf(t, w.f1)).shipments).toEqual([s.id, next.id]);
  });

  it('labels shipments in bulk as a job, reporting the ones that cannot be labelled', async () => {
    const w = await sealedWave(t);
    const s = ok(await post('/shipments', { fulfillment_id: w.f1, to_address: LONDON }), 201);
    const unknown = await post('/shipments/bulk-generate-labels', { shipment_ids: ['sh_01JAAAAAAAAAAAAAAAAAAAAAAA'] });
    expect(unknown.status).toBe(422);
    const accepted = ok(
      await post('/shipments/bulk-generate-labels', { shipment_ids: [s.id], label_format: 'png' }),
      202,
    );
    await t.runJobs();
    const job = ok(await get(`/jobs/${accepted.job_id}`));
    expect(job).toMatchObject({ status: 'succeeded' });
    expect(job.progress).toMatchObject({ processed: 1, succeeded: 1, failed: 0 });
    const labelled = ok(await get(`/shipments/${s.id}`));
    expect(labelled).toMatchObject({ status: 'label_generated', label_format: 'png' });
    const png = await download(t, labelled.label_url);
    expect(png.type).toBe('image/png');
  });

  it('labels a fulfillment by itself when its last package is sealed and it has a ship_to', async () => {
    const w = await sealedWave(t);
    // f2 still has its vitamins to pack: give it an address, then pack and seal the rest.
    ok(await t.request('PATCH', `${BASE}/fulfillments/${w.f2}`, { body: { ship_to: LONDON } }));
    const at = (action: string, body: unknown) =>
      t.request('POST', `${BASE}/pack-stations/${w.stationId}/${action}`, { body, token: w.packer.token });
    const packed = ok(
      await at('pack', {
        fulfillment_ids: [w.f2],
        packages: [{ weight: 400, dims: { l: 100, w: 100, h: 100 }, items: [{ line_id: 'line_2', qty: 2 }] }],
      }),
      201,
    );
    ok(await at('seal', { package_id: packed.package_ids[0] }));
    const [shipment] = ok(await get(`/shipments?fulfillment_id=${w.f2}`)).data;
    expect(shipment).toMatchObject({ status: 'label_pending', carrier_source: 'default', to_address: LONDON });
    expect(shipment.packages.map((p: { package_id: string }) => p.package_id)).toEqual([w.p2, packed.package_ids[0]]);
    await t.runJobs();
    const labelled = ok(await get(`/shipments?package_id=${w.p2}`)).data[0];
    expect(labelled).toMatchObject({ status: 'label_generated', label_format: 'pdf' });
    const doc = await PDFDocument.load((await download(t, labelled.label_url)).bytes);
    expect(doc.getPageCount()).toBe(2);
  });
});
