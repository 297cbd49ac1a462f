import {
  BinaryBitmap,
  Code128Reader,
  DecodeHintType,
  Exception,
  HybridBinarizer,
  RGBLuminanceSource,
} from '@zxing/library';
import { PNG } from 'pngjs';

/**
 * Reads barcodes out of a PNG the way a scanner app would, with @zxing/library in Node: pngjs
 * decodes the file to RGBA, the pixels become an 8-bit luminance buffer, and zxing binarises it
 * (HybridBinarizer) and reads Code 128 (Code128Reader: scans rows, middle first). `ASSUME_GS1` makes a leading FNC1 come back as the
 * symbology identifier `]C1`, so a GS1-128 symbol can be told from a plain Code 128.
 */

export type DecodedPng = { width: number; height: number; luminance: Uint8ClampedArray };

export function decodePng(bytes: Uint8Array): DecodedPng {
  const png = PNG.sync.read(Buffer.from(bytes));
  const luminance = new Uint8ClampedArray(png.width * png.height);
  for (let i = 0; i < luminance.length; i++) {
    const [r, g, b] = [png.data[i * 4]!, png.data[i * 4 + 1]!, png.data[i * 4 + 2]!];
    luminance[i] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
  }
  return { width: png.width, height: png.height, luminance };
}

/** The Code 128 text in rows [top, top + height) of the image, or undefined when none is found. */
export function readCode128(image: DecodedPng, top = 0, height = image.height): string | undefined {
  const rows = image.luminance.slice(top * image.width, (top + height) * image.width);
  const source = new RGBLuminanceSource(rows, image.width, height);
  // Code128Reader itself rather than MultiFormatReader, which logs every miss to the console.
  const reader = new Code128Reader();
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.ASSUME_GS1, true],
    [DecodeHintType.TRY_HARDER, true],
  ]);
  try {
    return reader.decode(new BinaryBitmap(new HybridBinarizer(source)), hints).getText();
  } catch (error) {
    // Not found, or a strip that cut a symbol so its checksum fails: nothing readable here.
    if (error instanceof Exception) return undefined;
    throw error;
  }
}

/** Every distinct Code 128 text found scanning the whole image in strips: no layout knowledge. */
export function readAllCode128(image: DecodedPng, strip = 48, step = 24): Set<string> {
  const found = new Set<string>();
  for (let top = 0; top + strip <= image.height; top += step) {
    const text = readCode128(image, top, strip);
    if (text !== undefined) found.add(text);
  }
  return found;
}
