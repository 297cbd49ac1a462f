import { sealedWave } from '../pack-stations/pack-test-fixtures.ts';
import { BASE, ok } from '../picklists/picklist-test-fixtures.ts';
import type { TestApp } from '../../testing/test-app.ts';

export const LONDON = {
  name: 'Ada Lovelace',
  line1: '12 St James Square',
  city: 'London',
  postal_code: 'SW1Y 4JH',
  country: 'GB',
};

/** Fetches a signed file link through the app, as a client would. */
export async function download(app: TestApp, url: string) {
  const { pathname, search } = new URL(url);
  const res = await app.app.request(pathname + search);
  return { status: res.status, type: res.headers.get('content-type'), bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** The sealed wave with f1 shipped to London and its PDF label made: a shipment with a tracking number. */
export async function labelledShipment(t: TestApp) {
  const w = await sealedWave(t);
  const shipment = ok(
    await t.request('POST', `${BASE}/shipments`, { body: { fulfillment_id: w.f1, to_address: LONDON } }),
    201,
  );
  const label = ok(await t.request('POST', `${BASE}/shipments/${shipment.id}/generate-label`, { body: {} }));
  return { ...w, shipmentId: shipment.id as string, trackingNumber: label.carrier_tracking_number as string };
}
