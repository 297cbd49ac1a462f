import bwipjs from 'bwip-js/node';
import { formatSscc, ssccBracketed } from '@fulfillment/domain/shipment/sscc';
import type { Address, LabelPackage } from '../carrier.ts';

/**
 * Where everything sits on a sandbox 4x6 in label, in printer dots at 203 dpi (812 x 1218). The three
 * renderers draw this one layout, so a ZPL, PDF and PNG label of the same package match: ZPL writes
 * it as commands, the PNG rasterises it dot for dot, the PDF scales it by 72/203 to points.
 *
 * Top to bottom: carrier and service, FROM, SHIP TO, the tracking number as Code 128, the SSCC as
 * GS1-128 (FNC1 first, AI 00), and a footer with reference, package, weight, size and ship date.
 */

export const LABEL_DPI = 203;
export const LABEL_WIDTH_DOTS = 4 * LABEL_DPI; // 812
export const LABEL_HEIGHT_DOTS = 6 * LABEL_DPI; // 1218
const MARGIN = 24;
/** Average advance of a label font as a share of its height (OCR-B is 0.63, Helvetica ~0.55). */
const ADVANCE_RATIO = 0.63;
/** Quiet zone each side of a Code 128 symbol, in modules (ISO/IEC 15417: at least 10). */
export const QUIET_ZONE_MODULES = 10;

export type LabelText = {
  kind: 'text';
  x: number;
  /** Top of the text line; the baseline is at `y + baseline`. */
  y: number;
  /** Font size: the height of a character cell in dots. */
  size: number;
  baseline: number;
  text: string;
  bold: boolean;
};

/** A filled black rectangle: section rules. */
export type LabelBox = { kind: 'box'; x: number; y: number; width: number; height: number };

export type LabelBarcode = {
  kind: 'barcode';
  symbology: 'code128' | 'gs1-128';
  /** What a scanner reads back: the tracking number, or `00` + SSCC for GS1-128. */
  data: string;
  /** What bwip-js encodes: the tracking number, or `(00)` + SSCC. */
  bwipText: string;
  x: number;
  y: number;
  /** Narrow bar width in dots (the X dimension). */
  module: number;
  height: number;
  /** Bar and space widths in modules, starting with a bar: bwip-js's Code 128 encodation. */
  bars: number[];
  /** Width of the symbol in modules, quiet zones excluded. */
  modules: number;
};

export type LabelElement = LabelText | LabelBox | LabelBarcode;

export type LabelContent = {
  trackingNumber: string;
  /** Short service name, printed upper case beside the package count. */
  serviceName: string;
  from: Address;
  to: Address;
  package: LabelPackage;
  /** 1-based position of the package in the shipment, and how many there are. */
  index: number;
  count: number;
  reference: string;
  shipmentId: string;
  /** YYYY-MM-DD */
  shipDate: string;
};

export type LabelLayout = {
  width: number;
  height: number;
  elements: LabelElement[];
};

/** Where the two barcodes are, for tests that crop and decode them. */
export const TRACKING_BARCODE_BAND = { top: 626, height: 140 } as const;
export const SSCC_BARCODE_BAND = { top: 840, height: 240 } as const;

function barsOf(bcid: 'code128' | 'gs1-128', text: string): number[] {
  const [symbol] = bwipjs.raw(bcid, text, {});
  if (!symbol || !('sbs' in symbol)) throw new Error(`bwip-js gave no ${bcid} encodation for ${text}`);
  return symbol.sbs;
}

function barcode(
  symbology: LabelBarcode['symbology'],
  data: string,
  bwipText: string,
  y: number,
  height: number,
  preferredModule: number,
): LabelBarcode {
  const bars = barsOf(symbology, bwipText);
  const modules = bars.reduce((sum, width) => sum + width, 0);
  // The widest whole-dot X dimension that fits with its quiet zones, never more than asked for.
  let module = preferredModule;
  while (module > 1 && (modules + 2 * QUIET_ZONE_MODULES) * module > LABEL_WIDTH_DOTS) module--;
  const x = Math.floor((LABEL_WIDTH_DOTS - modules * module) / 2);
  return { kind: 'barcode', symbology, data, bwipText, x, y, module, height, bars, modules };
}

/** Cut to what fits between `x` and the right margin: carriers print 35-character address lines too. */
function fit(text: string, size: number, x: number): string {
  const max = Math.floor((LABEL_WIDTH_DOTS - MARGIN - x) / (size * ADVANCE_RATIO));
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : clean.slice(0, max).trimEnd();
}

type TextOptions = { bold?: boolean; gap?: number; x?: number };

class Cursor {
  readonly elements: LabelElement[] = [];
  constructor(public y: number) {}

  /** A line of text at the cursor, which then moves down by the size and the gap. */
  text(text: string, size: number, options: TextOptions = {}): void {
    this.beside(text, size, options);
    this.y += size + (options.gap ?? 4);
  }

  /** Text on the current line that leaves the cursor where it is: for columns. */
  beside(text: string, size: number, options: TextOptions = {}): void {
    const x = options.x ?? MARGIN;
    const line = fit(text, size, x);
    if (line === '') return;
    this.elements.push({
      kind: 'text',
      x,
      y: this.y,
      size,
      baseline: Math.round(size * 0.75),
      text: line,
      bold: options.bold ?? false,
    });
  }

  rule(at: number): void {
    this.elements.push({ kind: 'box', x: MARGIN / 2, y: at, width: LABEL_WIDTH_DOTS - MARGIN, height: 4 });
    this.y = at + 12;
  }
}

function addressLines(address: Address): string[] {
  const place = [address.city, address.region].filter((part) => part && part.trim() !== '').join(', ');
  return [
    address.company ?? '',
    address.line1,
    address.line2 ?? '',
    `${place} ${address.postal_code}`,
    address.phone ? `${address.country} TEL ${address.phone}` : address.country,
  ].filter((line) => line.trim() !== '');
}

function kilograms(grams: number): string {
  return (grams / 1000).toFixed(2);
}

export function layoutLabel(content: LabelContent): LabelLayout {
  const { package: pkg } = content;
  const cursor = new Cursor(24);

  cursor.text('SANDBOX', 48, { bold: true, gap: 8 });
  cursor.beside(`PKG ${content.index} OF ${content.count}`, 28, { bold: true, x: 560 });
  cursor.text(content.serviceName.toUpperCase(), 28, { bold: true });
  cursor.rule(118);

  cursor.text('FROM', 20, { bold: true });
  cursor.text(content.from.name, 22);
  for (const line of addressLines(content.from).slice(0, 5)) cursor.text(line, 22, { gap: 3 });
  cursor.rule(306);

  cursor.text('SHIP TO', 20, { bold: true });
  cursor.text(content.to.name, 40, { bold: true, gap: 6 });
  for (const line of addressLines(content.to).slice(0, 5)) cursor.text(line, 32, { gap: 5 });
  cursor.rule(590);

  cursor.text('TRACKING #', 20, { bold: true });
  const tracking = barcode(
    'code128',
    content.trackingNumber,
    content.trackingNumber,
    TRACKING_BARCODE_BAND.top,
    TRACKING_BARCODE_BAND.height,
    4,
  );
  cursor.y = tracking.y + tracking.height + 6;
  cursor.text(content.trackingNumber, 30, { bold: true, x: tracking.x });
  cursor.rule(806);

  cursor.text('SSCC', 20, { bold: true });
  const bracketed = ssccBracketed(pkg.sscc);
  if (!bracketed.ok) throw new Error(`not an SSCC: ${bracketed.error.message}`);
  const sscc = barcode('gs1-128', `00${pkg.sscc}`, bracketed.value, SSCC_BARCODE_BAND.top, SSCC_BARCODE_BAND.height, 4);
  cursor.y = sscc.y + sscc.height + 6;
  cursor.text(formatSscc(pkg.sscc) ?? pkg.sscc, 28, { bold: true, x: sscc.x });
  cursor.rule(1120);

  const { l, w, h } = pkg.dimensions_mm;
  cursor.text(`REF ${content.reference}`, 22);
  cursor.beside(`${l}x${w}x${h} MM`, 22, { x: 260 });
  cursor.text(`${kilograms(pkg.weight_g)} KG`, 22);
  cursor.beside(content.shipmentId, 22, { x: 360 });
  cursor.text(`SHIP DATE ${content.shipDate}`, 22);

  return {
    width: LABEL_WIDTH_DOTS,
    height: LABEL_HEIGHT_DOTS,
    elements: [...cursor.elements, tracking, sscc],
  };
}
