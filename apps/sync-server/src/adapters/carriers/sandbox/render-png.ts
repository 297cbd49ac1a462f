import { crc32 } from 'node:zlib';
import bwipjs from 'bwip-js/node';
import { PNG } from 'pngjs';
import type { LabelBarcode, LabelLayout, LabelText } from './label-layout.ts';
import { foldText, isPrintableAscii } from './label-text.ts';

/**
 * The whole label as one 8-bit greyscale PNG at 203 dpi: 812 x 1218 pixels per label, labels stacked
 * top to bottom when there are several packages. One pixel is one printer dot, so it prints 1:1 on a
 * 203 dpi printer (the file says so in a pHYs chunk).
 *
 * What is drawn, with no canvas library: the section rules; every text line of the layout (address
 * blocks, service, reference, ship date, the human-readable tracking number and SSCC) in bwip-js's
 * OCR-B glyphs, which cover printable ASCII only (other characters are folded, see label-text.ts);
 * and both barcodes from bwip-js's encodation (bar/space widths), each module exactly `module` pixels
 * wide: the Code 128 tracking number and the GS1-128 SSCC.
 */

const WHITE = 255;
const BLACK = 0;
/** 203 dots per inch in pixels per metre, for the pHYs chunk. */
const PIXELS_PER_METRE = Math.round(203 / 0.0254);

class Greyscale {
  readonly pixels: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.pixels = new Uint8Array(width * height).fill(WHITE);
  }

  fill(x: number, y: number, width: number, height: number): void {
    const x0 = Math.max(0, x);
    const x1 = Math.min(this.width, x + width);
    for (let row = Math.max(0, y); row < Math.min(this.height, y + height); row++) {
      this.pixels.fill(BLACK, row * this.width + x0, row * this.width + x1);
    }
  }

  /** Darkens by `coverage` (0-255), as antialiased glyph edges need. */
  ink(x: number, y: number, coverage: number): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height || coverage === 0) return;
    const at = y * this.width + x;
    this.pixels[at] = Math.round((this.pixels[at]! * (255 - coverage)) / 255);
  }
}

const OCR_B = bwipjs.FontLib.lookup('OCR-B');

function drawText(image: Greyscale, element: LabelText, top: number): void {
  const text = foldText(element.text, isPrintableAscii);
  // Bold is drawn twice, one dot apart: OCR-B has no bold face.
  const strokes = element.bold ? [0, 1] : [0];
  const baseline = top + element.y + element.baseline;
  for (const offset of strokes) {
    let pen = element.x + offset;
    for (const char of text) {
      const glyph = bwipjs.FontLib.getglyph(OCR_B, char.charCodeAt(0), element.size, element.size);
      for (let row = 0; row < glyph.height; row++) {
        for (let column = 0; column < glyph.width; column++) {
          const coverage = glyph.bytes[glyph.offset + row * glyph.width + column] ?? 0;
          image.ink(pen + glyph.left + column, baseline - glyph.top + row, coverage);
        }
      }
      pen += glyph.advance;
    }
  }
}

function drawBarcode(image: Greyscale, element: LabelBarcode, top: number): void {
  let x = element.x;
  element.bars.forEach((widthInModules, index) => {
    const width = widthInModules * element.module;
    if (index % 2 === 0) image.fill(x, top + element.y, width, element.height);
    x += width;
  });
}

/** Adds a pHYs chunk after IHDR: 203 dpi, so viewers and print dialogs know the real size. */
function withResolution(png: Uint8Array): Uint8Array {
  const ihdrEnd = 8 + 4 + 4 + 13 + 4; // signature, then IHDR length, type, data, CRC
  const chunk = new Uint8Array(4 + 4 + 9 + 4);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, 9);
  chunk.set(new TextEncoder().encode('pHYs'), 4);
  view.setUint32(8, PIXELS_PER_METRE);
  view.setUint32(12, PIXELS_PER_METRE);
  chunk[16] = 1; // unit: metre
  view.setUint32(17, crc32(chunk.subarray(4, 17)));
  const out = new Uint8Array(png.length + chunk.length);
  out.set(png.subarray(0, ihdrEnd), 0);
  out.set(chunk, ihdrEnd);
  out.set(png.subarray(ihdrEnd), ihdrEnd + chunk.length);
  return out;
}

export function renderPng(layouts: readonly LabelLayout[]): Uint8Array {
  if (layouts.length === 0) throw new Error('no labels to render');
  const width = layouts[0]!.width;
  const height = layouts.reduce((sum, layout) => sum + layout.height, 0);
  const image = new Greyscale(width, height);
  let top = 0;
  for (const layout of layouts) {
    for (const element of layout.elements) {
      if (element.kind === 'box') image.fill(element.x, top + element.y, element.width, element.height);
      else if (element.kind === 'text') drawText(image, element, top);
      else drawBarcode(image, element, top);
    }
    top += layout.height;
  }
  // Sized after construction: given a size, pngjs would first allocate an RGBA buffer we do not need.
  const png = new PNG();
  png.width = width;
  png.height = height;
  png.data = Buffer.from(image.pixels.buffer, image.pixels.byteOffset, image.pixels.byteLength);
  const encoded = PNG.sync.write(png, { colorType: 0, inputColorType: 0, bitDepth: 8 });
  return withResolution(new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.byteLength));
}
