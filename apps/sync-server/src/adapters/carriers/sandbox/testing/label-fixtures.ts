import type { LabelRequest } from '../../carrier.ts';

/** A two-package shipment with an address that tries every trap: non-ASCII, ZPL command characters. */
export const labelRequest = (overrides: Partial<LabelRequest> = {}): LabelRequest => ({
  shipment_id: 'sh_01J8ZQ3W5V6X7Y8Z9A0B1C2D3E',
  service_code: 'express',
  from: {
    name: 'Acme Fulfilment Ltd',
    company: 'Dock 4',
    line1: '1 Dock Road',
    city: 'London',
    postal_code: 'E16 2QU',
    country: 'GB',
    phone: '+44 20 7946 0000',
  },
  to: {
    name: 'Zoë Łukasiewicz-Müller',
    line1: '221B Baker Street ^XZ ~JA _x',
    line2: 'Flat 2',
    city: 'London',
    region: 'Greater London',
    postal_code: 'NW1 6XE',
    country: 'GB',
  },
  packages: [
    { package_id: 'pkg_1', sscc: '106141412345678908', weight_g: 1200, dimensions_mm: { l: 300, w: 200, h: 100 } },
    { package_id: 'pkg_2', sscc: '006141410000000012', weight_g: 800, dimensions_mm: { l: 200, w: 200, h: 100 } },
  ],
  reference: 'order_shipment_123',
  format: 'pdf',
  ...overrides,
});

/** Friday 29 August 2025, noon UTC: before the 17:00 cutoff, so labels ship the same day. */
export const NOW = new Date('2025-08-29T12:00:00.000Z');
