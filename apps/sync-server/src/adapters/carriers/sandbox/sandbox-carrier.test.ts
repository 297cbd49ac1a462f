import { isValidSandboxTrackingNumber } from '@fulfillment/domain/shipment/tracking-number';
import { describe, expect, it } from 'vitest';
import { type CarrierConnector, CarrierError, type LabelFormat, type PickupRequest } from '../carrier.ts';
import { createSandboxCarrier, sandboxShipDate, sandboxTrackingNumberFor } from './sandbox-carrier.ts';
import { labelRequest, NOW } from './testing/label-fixtures.ts';

const carrier: CarrierConnector = createSandboxCarrier();
const request = labelRequest();
const rateRequest = { from: request.from, to: request.to, packages: request.packages };

async function refusal(promise: Promise<unknown>): Promise<{ code: string; retryable: boolean }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CarrierError) return { code: error.code, retryable: error.retryable };
    throw error;
  }
  throw new Error('expected a CarrierError');
}

describe('sandbox tracking numbers', () => {
  it('come from the shipment id and sequence only: a retry gets the same, a relabel a new one', () => {
    const first = sandboxTrackingNumberFor('sh_1', 0);
    expect(isValidSandboxTrackingNumber(first)).toBe(true);
    expect(sandboxTrackingNumberFor('sh_1', 0)).toBe(first);
    expect(sandboxTrackingNumberFor('sh_1', 1)).not.toBe(first);
    expect(sandboxTrackingNumberFor('sh_2', 0)).not.toBe(first);
    const many = new Set(Array.from({ length: 2000 }, (_, sequence) => sandboxTrackingNumberFor('sh_1', sequence)));
    expect(many.size).toBe(2000);
    for (const tracking of many) expect(isValidSandboxTrackingNumber(tracking)).toBe(true);
  });

  it('are the same in every format, and do not depend on the clock', async () => {
    const numbers = await Promise.all(
      (['pdf', 'zpl', 'png'] as LabelFormat[]).map(async (format, i) => {
        const now = new Date(NOW.getTime() + i * 86_400_000);
        return (await carrier.createLabel({ ...request, format }, { now, sequence: 3 })).tracking_number;
      }),
    );
    expect(new Set(numbers)).toEqual(new Set([sandboxTrackingNumberFor(request.shipment_id, 3)]));
  });
});

describe('sandbox rates', () => {
  it('quotes every service: base + rate per started kg of billable weight, per package', async () => {
    // 1200 g in 300x200x100 mm (1200 g volumetric) -> 2 kg; 800 g in 200x200x100 mm -> 1 kg.
    expect(await carrier.rates(rateRequest, { now: NOW })).toEqual([
      {
        service_code: 'economy',
        service_name: 'Sandbox Economy',
        price: { value: 395 + 2 * 55 + 395 + 55, currency: 'GBP' },
        billable_weight_g: 2000,
        transit_business_days: 5,
        estimated_delivery_date: '2025-09-05',
      },
      {
        service_code: 'standard',
        service_name: 'Sandbox Standard',
        price: { value: 495 + 2 * 85 + 495 + 85, currency: 'GBP' },
        billable_weight_g: 2000,
        transit_business_days: 3,
        estimated_delivery_date: '2025-09-03',
      },
      {
        service_code: 'express',
        service_name: 'Sandbox Express',
        price: { value: 995 + 2 * 150 + 995 + 150, currency: 'GBP' },
        billable_weight_g: 2000,
        transit_business_days: 1,
        estimated_delivery_date: '2025-09-01', // Friday + 1 business day = Monday
      },
    ]);
  });

  it('charges volumetric weight when the box is big and light', async () => {
    const [quote] = await carrier.rates(
      {
        ...rateRequest,
        service_code: 'standard',
        packages: [{ weight_g: 500, dimensions_mm: { l: 600, w: 400, h: 400 } }],
      },
      { now: NOW },
    );
    // 600*400*400 mm3 / 5000 = 19 200 g -> 20 started kg.
    expect(quote).toMatchObject({ billable_weight_g: 19_200, price: { value: 495 + 20 * 85 } });
  });

  it('adds days and a surcharge across borders, and counts from the next weekday after the cutoff', async () => {
    const abroad = { ...rateRequest, to: { ...request.to, country: 'FR' }, service_code: 'express' };
    expect(await carrier.rates(abroad, { now: NOW })).toMatchObject([
      { price: { value: 2440 + 1500 }, transit_business_days: 3, estimated_delivery_date: '2025-09-03' },
    ]);
    const fridayEvening = new Date('2025-08-29T17:00:00Z');
    expect(sandboxShipDate(fridayEvening)).toBe('2025-09-01');
    expect(sandboxShipDate(new Date('2025-08-30T09:00:00Z'))).toBe('2025-09-01');
    expect(sandboxShipDate(NOW)).toBe('2025-08-29');
    expect(await carrier.rates({ ...rateRequest, service_code: 'express' }, { now: fridayEvening })).toMatchObject([
      { estimated_delivery_date: '2025-09-02' },
    ]);
  });

  it('refuses unknown services and parcels it cannot carry', async () => {
    expect(await refusal(carrier.rates({ ...rateRequest, service_code: 'overnight' }, { now: NOW }))).toEqual({
      code: 'unsupported_service',
      retryable: false,
    });
    const heavy = { weight_g: 30_001, dimensions_mm: { l: 10, w: 10, h: 10 } };
    expect((await refusal(carrier.rates({ ...rateRequest, packages: [heavy] }, { now: NOW }))).code).toBe(
      'invalid_request',
    );
    expect((await refusal(carrier.rates({ ...rateRequest, packages: [] }, { now: NOW }))).code).toBe('invalid_request');
    expect((await refusal(carrier.rates(rateRequest, { now: new Date('nope') }))).code).toBe('invalid_request');
  });
});

describe('sandbox labels', () => {
  it('refuse what cannot be printed truthfully', async () => {
    const ctx = { now: NOW, sequence: 0 };
    const [pkg] = request.packages;
    const cases: Array<[Parameters<CarrierConnector['createLabel']>[0], string]> = [
      [{ ...request, packages: [{ ...pkg!, sscc: '106141412345678900' }] }, 'invalid_request'],
      [{ ...request, packages: [pkg!, { ...pkg!, package_id: 'pkg_x' }] }, 'invalid_request'],
      [{ ...request, packages: [] }, 'invalid_request'],
      [{ ...request, format: 'gif' as LabelFormat }, 'invalid_request'],
      [{ ...request, to: { ...request.to, country: 'gb' } }, 'invalid_request'],
      [{ ...request, from: { ...request.from, line1: ' ' } }, 'invalid_request'],
      [{ ...request, packages: [{ ...pkg!, dimensions_mm: { l: 0, w: 1, h: 1 } }] }, 'invalid_request'],
      [{ ...request, shipment_id: '' }, 'invalid_request'],
      [{ ...request, service_code: 'teleport' }, 'unsupported_service'],
    ];
    for (const [bad, code] of cases) expect((await refusal(carrier.createLabel(bad, ctx))).code).toBe(code);
    expect((await refusal(carrier.createLabel(request, { now: NOW, sequence: -1 }))).code).toBe('invalid_request');
  });
});

describe('sandbox cancel', () => {
  it('voids any well-formed sandbox tracking number at the time passed in', async () => {
    const tracking = sandboxTrackingNumberFor('sh_1', 0);
    expect(await carrier.cancel({ shipment_id: 'sh_1', tracking_number: tracking }, { now: NOW })).toEqual({
      tracking_number: tracking,
      status: 'cancelled',
      cancelled_at: '2025-08-29T12:00:00.000Z',
    });
  });

  it('does not know other numbers', async () => {
    const broken = sandboxTrackingNumberFor('sh_1', 0).replace(/.$/, (d) => String((Number(d) + 1) % 10));
    expect(await refusal(carrier.cancel({ shipment_id: 'sh_1', tracking_number: broken }, { now: NOW }))).toEqual({
      code: 'not_found',
      retryable: false,
    });
    expect((await refusal(carrier.cancel({ shipment_id: 'sh_1', tracking_number: '1Z999' }, { now: NOW }))).code).toBe(
      'not_found',
    );
  });
});

describe('sandbox pickups', () => {
  const pickup: PickupRequest = {
    address: request.from,
    date: '2025-09-01',
    ready_time: '13:00',
    close_time: '17:30',
    tracking_numbers: [sandboxTrackingNumberFor('sh_1', 0), sandboxTrackingNumberFor('sh_2', 0)],
    package_count: 3,
  };

  it('books a weekday window and confirms it with a stable number', async () => {
    const booked = await carrier.schedulePickup(pickup, { now: NOW });
    expect(booked).toEqual({
      confirmation_number: expect.stringMatching(/^PU[0-9]{8}$/),
      date: '2025-09-01',
      window: { from: '13:00', to: '17:30' },
    });
    const again = await carrier.schedulePickup(
      { ...pickup, tracking_numbers: [...pickup.tracking_numbers].reverse() },
      { now: new Date('2025-08-31T08:00:00Z') },
    );
    expect(again.confirmation_number).toBe(booked.confirmation_number);
    const other = await carrier.schedulePickup({ ...pickup, date: '2025-09-02' }, { now: NOW });
    expect(other.confirmation_number).not.toBe(booked.confirmation_number);
    // Today is fine too.
    expect((await carrier.schedulePickup({ ...pickup, date: '2025-08-29' }, { now: NOW })).date).toBe('2025-08-29');
  });

  it('refuses weekends, the past, short or malformed windows, and unknown parcels', async () => {
    const cases: Array<[Partial<PickupRequest>, string]> = [
      [{ date: '2025-08-30' }, 'invalid_request'], // Saturday
      [{ date: '2025-08-28' }, 'invalid_request'], // yesterday
      [{ date: '2025-02-30' }, 'invalid_request'],
      [{ ready_time: '17:00' }, 'invalid_request'],
      [{ close_time: '25:00' }, 'invalid_request'],
      [{ package_count: 0 }, 'invalid_request'],
      [{ tracking_numbers: [] }, 'invalid_request'],
      [{ tracking_numbers: ['SBX00000000010'] }, 'not_found'],
    ];
    for (const [change, code] of cases) {
      expect(
        (await refusal(carrier.schedulePickup({ ...pickup, ...change }, { now: NOW }))).code,
        JSON.stringify(change),
      ).toBe(code);
    }
  });
});

describe('sandbox manifests', () => {
  const shipments = [
    { shipment_id: 'sh_1', tracking_number: sandboxTrackingNumberFor('sh_1', 0), package_count: 2, weight_g: 2000 },
    { shipment_id: 'sh_2,b', tracking_number: sandboxTrackingNumberFor('sh_2', 1), package_count: 1, weight_g: 750 },
  ];

  it('accepts the day’s shipments and returns them as CSV', async () => {
    const result = await carrier.manifest(
      { manifest_id: 'man_01', dispatch_date: '2025-08-29', shipments },
      { now: NOW },
    );
    expect(result).toMatchObject({
      carrier_manifest_id: expect.stringMatching(/^SBXM[0-9]{8}$/),
      status: 'accepted',
      shipment_count: 2,
      content_type: 'text/csv',
    });
    expect(new TextDecoder().decode(result.data)).toBe(
      'manifest_id,dispatch_date,shipment_id,tracking_number,package_count,weight_g\r\n' +
        `man_01,2025-08-29,sh_1,${shipments[0]!.tracking_number},2,2000\r\n` +
        `man_01,2025-08-29,"sh_2,b",${shipments[1]!.tracking_number},1,750\r\n`,
    );
    const again = await carrier.manifest(
      { manifest_id: 'man_01', dispatch_date: '2025-08-29', shipments },
      { now: NOW },
    );
    expect(again.carrier_manifest_id).toBe(result.carrier_manifest_id);
  });

  it('refuses empty, duplicated, past or unknown entries', async () => {
    const base = { manifest_id: 'man_01', dispatch_date: '2025-08-29', shipments };
    const cases: Array<[Partial<typeof base>, string]> = [
      [{ shipments: [] }, 'invalid_request'],
      [{ shipments: [shipments[0]!, shipments[0]!] }, 'invalid_request'],
      [{ dispatch_date: '2025-08-28' }, 'invalid_request'],
      [{ manifest_id: '' }, 'invalid_request'],
      [{ shipments: [{ ...shipments[0]!, tracking_number: 'SBX1' }] }, 'not_found'],
    ];
    for (const [change, code] of cases) {
      expect((await refusal(carrier.manifest({ ...base, ...change }, { now: NOW }))).code).toBe(code);
    }
  });
});

describe('CarrierError', () => {
  it('is retryable only when the carrier was unavailable, unless told otherwise', () => {
    expect(new CarrierError('unavailable', 'down').retryable).toBe(true);
    expect(new CarrierError('invalid_request', 'bad').retryable).toBe(false);
    expect(new CarrierError('not_found', 'x', true).retryable).toBe(true);
    expect(new CarrierError('unavailable', 'down').name).toBe('CarrierError');
  });
});
