import { describe, expect, it } from 'vitest';
import {
  type LabelBarcode,
  type LabelContent,
  LABEL_HEIGHT_DOTS,
  LABEL_WIDTH_DOTS,
  type LabelText,
  layoutLabel,
  QUIET_ZONE_MODULES,
  SSCC_BARCODE_BAND,
  TRACKING_BARCODE_BAND,
} from './label-layout.ts';
import { labelRequest } from './testing/label-fixtures.ts';

const long = (label: string) => `${label} ${'W'.repeat(200)}`;
const worstAddress = {
  name: long('Name'),
  company: long('Company'),
  line1: long('Line1'),
  line2: long('Line2'),
  city: long('City'),
  region: long('Region'),
  postal_code: 'SW1A 1AA',
  country: 'GB',
  phone: '+44 20 7946 0000',
};

const content = (overrides: Partial<LabelContent> = {}): LabelContent => ({
  trackingNumber: 'SBX12345678905',
  serviceName: 'standard',
  from: labelRequest().from,
  to: labelRequest().to,
  package: labelRequest().packages[0]!,
  index: 1,
  count: 1,
  reference: 'order_shipment_123',
  shipmentId: 'sh_01J8ZQ3W5V6X7Y8Z9A0B1C2D3E',
  shipDate: '2025-08-29',
  ...overrides,
});

/** Right edge of a text line if every character were as wide as an OCR-B one. */
const textRight = (t: LabelText) => t.x + t.text.length * t.size * 0.63;

describe('layoutLabel', () => {
  it.each([
    ['the fixture', content()],
    [
      'the longest addresses and reference',
      content({ from: worstAddress, to: worstAddress, reference: long('Ref'), index: 50, count: 50 }),
    ],
  ])('keeps everything on a 812 x 1218 dot label for %s', (_, input) => {
    const layout = layoutLabel(input);
    expect([layout.width, layout.height]).toEqual([LABEL_WIDTH_DOTS, LABEL_HEIGHT_DOTS]);
    const texts = layout.elements.filter((e): e is LabelText => e.kind === 'text');
    const barcodes = layout.elements.filter((e): e is LabelBarcode => e.kind === 'barcode');
    expect(barcodes).toHaveLength(2);
    for (const t of texts) {
      expect(t.x).toBeGreaterThanOrEqual(0);
      expect(textRight(t)).toBeLessThanOrEqual(LABEL_WIDTH_DOTS);
      expect(t.y + t.size).toBeLessThanOrEqual(LABEL_HEIGHT_DOTS);
      // No text inside a barcode's bars.
      for (const b of barcodes) {
        const overlaps = t.y < b.y + b.height && t.y + t.size > b.y;
        expect(overlaps, `${t.text} overlaps the ${b.symbology} barcode`).toBe(false);
      }
    }
    // Lines never overlap one another.
    const sorted = [...texts].sort((a, b) => a.y - b.y || a.x - b.x);
    for (let i = 1; i < sorted.length; i++) {
      const [a, b] = [sorted[i - 1]!, sorted[i]!];
      if (a.y === b.y) expect(textRight(a)).toBeLessThanOrEqual(b.x);
      else expect(a.y + a.size).toBeLessThanOrEqual(b.y);
    }
    for (const b of barcodes) {
      const quiet = QUIET_ZONE_MODULES * b.module;
      expect(b.x - quiet).toBeGreaterThanOrEqual(0);
      expect(b.x + b.modules * b.module + quiet).toBeLessThanOrEqual(LABEL_WIDTH_DOTS);
      expect(b.bars.reduce((sum, w) => sum + w, 0)).toBe(b.modules);
    }
  });

  it('places the barcodes in their bands at an X dimension of 4 dots (0.5 mm)', () => {
    const barcodes = layoutLabel(content()).elements.filter((e): e is LabelBarcode => e.kind === 'barcode');
    expect(barcodes).toMatchObject([
      {
        symbology: 'code128',
        y: TRACKING_BARCODE_BAND.top,
        height: TRACKING_BARCODE_BAND.height,
        module: 4,
        data: 'SBX12345678905',
        bwipText: 'SBX12345678905',
      },
      {
        symbology: 'gs1-128',
        y: SSCC_BARCODE_BAND.top,
        height: SSCC_BARCODE_BAND.height,
        module: 4,
        data: '00106141412345678908',
        bwipText: '(00)106141412345678908',
      },
    ]);
  });

  it('refuses a package without a valid SSCC', () => {
    const pkg = { ...labelRequest().packages[0]!, sscc: '106141412345678900' };
    expect(() => layoutLabel(content({ package: pkg }))).toThrow(/SSCC/);
  });
});
