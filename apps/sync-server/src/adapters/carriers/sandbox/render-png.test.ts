import { parseGs1 } from '@fulfillment/domain/barcode/parse-gs1';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { LABEL_HEIGHT_DOTS, LABEL_WIDTH_DOTS, SSCC_BARCODE_BAND, TRACKING_BARCODE_BAND } from './label-layout.ts';
import { SandboxCarrier } from './sandbox-carrier.ts';
import { labelRequest, NOW } from './testing/label-fixtures.ts';
import { decodePng, readAllCode128, readCode128 } from './testing/read-barcodes.ts';

async function pngLabel(overrides: Parameters<typeof labelRequest>[0] = {}) {
  return new SandboxCarrier().createLabel(labelRequest({ format: 'png', ...overrides }), { now: NOW, sequence: 0 });
}

describe('PNG label', () => {
  it('decodes as an 812 x 1218 greyscale image per package, marked 203 dpi', async () => {
    const single = await pngLabel({ packages: labelRequest().packages.slice(0, 1) });
    expect(single.content_type).toBe('image/png');
    expect(single.pages).toBe(1);
    const png = PNG.sync.read(Buffer.from(single.data));
    expect([png.width, png.height]).toEqual([LABEL_WIDTH_DOTS, LABEL_HEIGHT_DOTS]);
    expect([png.width, png.height]).toEqual([812, 1218]);
    expect(png.colorType).toBe(0);
    // pHYs right after IHDR: 7992 pixels per metre = 203 dpi.
    const bytes = Buffer.from(single.data);
    expect(bytes.subarray(37, 41).toString('latin1')).toBe('pHYs');
    expect(bytes.readUInt32BE(41)).toBe(7992);
    expect(bytes[49]).toBe(1);

    const two = await pngLabel();
    expect(two.pages).toBe(2);
    const stacked = PNG.sync.read(Buffer.from(two.data));
    expect([stacked.width, stacked.height]).toEqual([812, 2 * 1218]);
  });

  it('has a Code 128 tracking barcode that a barcode reader reads back to the tracking number', async () => {
    const result = await pngLabel({ packages: labelRequest().packages.slice(0, 1) });
    const image = decodePng(result.data);
    expect(readCode128(image, TRACKING_BARCODE_BAND.top, TRACKING_BARCODE_BAND.height)).toBe(result.tracking_number);
    // The whole label, no crop: the reader finds the tracking number without being told where.
    expect(readCode128(image)).toBe(result.tracking_number);
    // Control: with the bars painted over, the same band reads as nothing, so the reader is not fooled.
    const { top, height } = TRACKING_BARCODE_BAND;
    image.luminance.fill(255, top * image.width, (top + height) * image.width);
    expect(readCode128(image, top, height)).toBeUndefined();
  });

  it('has a GS1-128 SSCC barcode: FNC1 first (]C1), AI 00, which the GS1 parser accepts', async () => {
    const result = await pngLabel({ packages: labelRequest().packages.slice(0, 1) });
    const read = readCode128(decodePng(result.data), SSCC_BARCODE_BAND.top, SSCC_BARCODE_BAND.height);
    expect(read).toBe(']C100106141412345678908');
    expect(parseGs1(read!, { referenceYear: 2025 })).toMatchObject({
      ok: true,
      value: { symbology: ']C1', sscc: '106141412345678908' },
    });
  });

  it('shows each package its own SSCC and the same tracking number, scanning the whole image', async () => {
    const result = await pngLabel();
    const found = readAllCode128(decodePng(result.data));
    expect([...found].sort()).toEqual(
      [result.tracking_number, ']C100106141412345678908', ']C100006141410000000012'].sort(),
    );
  });

  it('draws text: the address block is ink, not blank paper', async () => {
    const result = await pngLabel({ packages: labelRequest().packages.slice(0, 1) });
    const image = decodePng(result.data);
    const darkIn = (top: number, bottom: number) => {
      let dark = 0;
      for (let i = top * image.width; i < bottom * image.width; i++) if (image.luminance[i]! < 128) dark++;
      return dark;
    };
    // SHIP TO block (between the rules at 306 and 590) and the FROM block hold text...
    expect(darkIn(320, 580)).toBeGreaterThan(5_000);
    expect(darkIn(130, 300)).toBeGreaterThan(2_000);
    // ...and the margin below the footer is white.
    expect(darkIn(1210, 1218)).toBe(0);
  });

  it('gives the same bytes for the same request and moment', async () => {
    const [a, b] = await Promise.all([pngLabel(), pngLabel()]);
    expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(true);
  });
});
