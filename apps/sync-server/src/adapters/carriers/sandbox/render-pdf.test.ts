import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  type PDFObject,
  type PDFPage,
  PDFRawStream,
  PDFRef,
} from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { SandboxCarrier } from './sandbox-carrier.ts';
import { type DecodedPng, readCode128 } from './testing/read-barcodes.ts';
import { labelRequest, NOW } from './testing/label-fixtures.ts';

/**
 * How the text is checked: pdf-lib writes page content streams Flate-compressed and shows text with
 * hex strings (`<534258...> Tj`, the font's WinAnsi codes), so the raw bytes never hold the tracking
 * number as ASCII. The test loads the PDF back with pdf-lib, inflates each page's content stream
 * with pdf-lib's own `decodePDFRawStream`, and decodes every `<hex> Tj` operand: the text a PDF reader
 * would extract, in drawing order.
 */
function pageText(doc: PDFDocument, page: PDFPage): string[] {
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  const shown: string[] = [];
  for (const ref of streams) {
    const stream = doc.context.lookup(ref);
    if (!(stream instanceof PDFRawStream)) continue;
    const operators = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
    for (const [, hex] of operators.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) {
      shown.push(Buffer.from(hex!, 'hex').toString('latin1'));
    }
  }
  return shown;
}

/** An image drawn without quiet zones (the page around it has them), given 40 white pixels each side. */
function rgbToImage(rgb: Uint8Array, width: number, height: number): DecodedPng {
  const pad = 40;
  const wide = width + 2 * pad;
  const luminance = new Uint8ClampedArray(wide * height).fill(255);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 3;
      luminance[y * wide + pad + x] = Math.round(0.299 * rgb[at]! + 0.587 * rgb[at + 1]! + 0.114 * rgb[at + 2]!);
    }
  }
  return { width: wide, height, luminance };
}

function rawStream(doc: PDFDocument, ref: PDFObject | undefined): PDFRawStream {
  const object = ref instanceof PDFRef ? doc.context.lookup(ref) : ref;
  if (!(object instanceof PDFRawStream)) throw new Error('expected a stream');
  return object;
}

async function pdfLabel(overrides: Parameters<typeof labelRequest>[0] = {}) {
  return new SandboxCarrier().createLabel(labelRequest({ format: 'pdf', ...overrides }), { now: NOW, sequence: 0 });
}

describe('PDF label', () => {
  it('is a PDF that parses back, one 4x6 in page (288 x 432 pt) per package', async () => {
    const result = await pdfLabel();
    expect(result.content_type).toBe('application/pdf');
    expect(result.pages).toBe(2);
    expect(Buffer.from(result.data.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(Buffer.from(result.data.subarray(-6)).toString('latin1')).toContain('%%EOF');
    const doc = await PDFDocument.load(result.data, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(2);
    for (const page of doc.getPages()) {
      expect(page.getWidth()).toBeCloseTo(288, 6);
      expect(page.getHeight()).toBeCloseTo(432, 6);
    }
  });

  it('shows the tracking number, SSCC and address on every page', async () => {
    const result = await pdfLabel();
    const doc = await PDFDocument.load(result.data);
    const [first, second] = doc.getPages().map((page) => pageText(doc, page));
    for (const text of [first!, second!]) {
      expect(text).toContain(result.tracking_number);
      expect(text).toContain('221B Baker Street ^XZ ~JA _x');
      expect(text).toContain('London, Greater London NW1 6XE');
      expect(text).toContain('Acme Fulfilment Ltd');
      expect(text).toContain('REF order_shipment_123');
    }
    expect(first).toContain('(00) 1 0614141234567890 8');
    expect(second).toContain('(00) 0 0614141000000001 2');
    // Helvetica (WinAnsi) has ë and ü but no Ł: that one letter is folded to L.
    expect(first).toContain('Zoë Lukasiewicz-Müller');
  });

  it('embeds both barcodes as images and names the tracking number in its metadata', async () => {
    const result = await pdfLabel();
    const doc = await PDFDocument.load(result.data, { updateMetadata: false });
    expect(doc.getTitle()).toBe(`Sandbox label ${result.tracking_number}`);
    expect(doc.getKeywords()).toBe(`${result.tracking_number} 106141412345678908 006141410000000012`);
    expect(doc.getCreationDate()?.toISOString()).toBe(NOW.toISOString());
    const imagesOn = (page: PDFPage) => {
      const xObjects = page.node.Resources()?.lookup(PDFName.of('XObject'), PDFDict);
      return (xObjects?.values() ?? []).map((ref) => rawStream(doc, ref));
    };
    const [first, second] = doc.getPages().map(imagesOn);
    // The tracking barcode (one image, shared) and the package's SSCC barcode on each page.
    expect(first).toHaveLength(2);
    expect(second).toHaveLength(2);
    expect(new Set([...first!, ...second!]).size).toBe(3);
    for (const image of [...first!, ...second!]) {
      expect(image.dict.get(PDFName.of('Subtype'))).toBe(PDFName.of('Image'));
      // Opaque black on white: no soft mask (transparency) for a printer to flatten.
      expect(image.dict.get(PDFName.of('SMask'))).toBeUndefined();
    }
  });

  it('has barcode images that a barcode reader reads back', async () => {
    const result = await pdfLabel();
    const doc = await PDFDocument.load(result.data);
    const xObjects = doc.getPages()[0]!.node.Resources()?.lookup(PDFName.of('XObject'), PDFDict);
    const read = (xObjects?.values() ?? []).map((ref) => {
      const image = rawStream(doc, ref);
      const width = image.dict.lookup(PDFName.of('Width'), PDFNumber).asNumber();
      const height = image.dict.lookup(PDFName.of('Height'), PDFNumber).asNumber();
      expect(image.dict.get(PDFName.of('ColorSpace'))).toBe(PDFName.of('DeviceRGB'));
      const rgb = decodePDFRawStream(image).decode();
      expect(rgb.length).toBe(width * height * 3);
      // One pixel per printer dot across: 145 modules x 4 dots (Code 128), 156 x 4 (GS1-128).
      expect([580, 624]).toContain(width);
      return readCode128(rgbToImage(rgb, width, height));
    });
    expect(read.sort()).toEqual([']C100106141412345678908', result.tracking_number].sort());
  });

  it('gives the same bytes for the same request and moment', async () => {
    const [a, b] = await Promise.all([pdfLabel(), pdfLabel()]);
    expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(true);
  });
});
