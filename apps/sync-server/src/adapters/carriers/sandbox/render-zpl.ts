import type { LabelBarcode, LabelLayout } from './label-layout.ts';

/**
 * ZPL II for a 203 dpi thermal printer (ZPL II Programming Guide): one `^XA`...`^XZ` format per label.
 * - `^CI28`: field data is UTF-8, so names print as written (within what the printer font has).
 * - `^PW812` / `^LL1218`: 4 x 6 in at 203 dpi; `^LH0,0` puts the origin at the top-left corner.
 * - Text is `^FT` (baseline origin) + scalable font `^A0`, with `^FH` so `^`, `~` and `_` in an address
 *   go as hex escapes instead of starting a command.
 * - Code 128 is `^BC` with explicit subset invocation (guide, Table 6): `>:` start B, `>5` code C,
 *   `>6` back to B, `>;` start C, `>8` FNC1. The SSCC is `>;>800` + 18 digits: start C, FNC1, AI 00,
 *   which makes it GS1-128. Interpretation lines are off (`^BC...,N`) and printed as our own text,
 *   so the SSCC reads `(00) ...` as GS1 asks.
 */

const CARET_TILDE_UNDERSCORE_CONTROL = /[\^~_\p{Cc}]/gu;
const utf8 = new TextEncoder();

/**
 * Field data for `^FH^FD`: command characters and controls as `_XX` hex escapes. The escapes are
 * bytes, and under `^CI28` bytes are UTF-8, so a C1 control (U+0080-U+009F) goes as its two bytes.
 */
export function escapeZplFieldData(text: string): string {
  return text.replace(CARET_TILDE_UNDERSCORE_CONTROL, (char) =>
    [...utf8.encode(char)].map((byte) => `_${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}

export type Code128Program = {
  /** The `^FD` content with invocation codes. */
  fieldData: string;
  /** Symbol characters from start to check character, for width checks: modules = 11 * n + 13. */
  symbols: number;
};

const ZPL_CODE128_TEXT = /^[0-9A-Za-z .\-/+]*$/;

/**
 * Code 128 invocation for text of letters, digits and a little punctuation: subset B, switching to
 * subset C for digit runs of four or more (six or more inside the text), an odd digit kept in B.
 * The same choices a minimal encoder makes, so the printed symbol is as wide as bwip-js's.
 */
export function zplCode128(text: string): Code128Program {
  if (text.length === 0 || !ZPL_CODE128_TEXT.test(text)) {
    throw new Error(`ZPL Code 128 data must be letters, digits, space or . - / +: ${JSON.stringify(text)}`);
  }
  const digitRun = (from: number): number => {
    let end = from;
    while (end < text.length && text[end]! >= '0' && text[end]! <= '9') end++;
    return end - from;
  };
  let out = '';
  let symbols = 2; // start and check characters
  let subset: 'B' | 'C' | undefined;
  let i = 0;
  while (i < text.length) {
    const run = digitRun(i);
    const atStart = i === 0;
    const toEnd = i + run === text.length;
    const worthC = run >= 4 && (atStart || toEnd || run >= 6);
    if (worthC) {
      if (run % 2 === 1 && toEnd) {
        // An odd run that ends the text: its first digit goes in B, before the switch. An odd run with
        // text after it leaves its last digit for B instead, where the text goes on anyway.
        if (subset !== 'B') {
          out += subset === undefined ? '>:' : '>6';
          if (subset !== undefined) symbols++;
          subset = 'B';
        }
        out += text[i];
        symbols++;
        i++;
      }
      out += subset === undefined ? '>;' : '>5';
      if (subset !== undefined) symbols++;
      subset = 'C';
      const pairs = Math.floor(run / 2);
      out += text.slice(i, i + pairs * 2);
      symbols += pairs;
      i += pairs * 2;
    } else {
      if (subset !== 'B') {
        out += subset === undefined ? '>:' : '>6';
        if (subset !== undefined) symbols++;
        subset = 'B';
      }
      const chunk = run > 0 ? run : 1;
      out += text.slice(i, i + chunk);
      symbols += chunk;
      i += chunk;
    }
  }
  return { fieldData: out, symbols };
}

function barcodeCommand(barcode: LabelBarcode): string {
  const fieldData =
    barcode.symbology === 'gs1-128'
      ? // start C, FNC1, then AI 00 and the SSCC as digit pairs (data is "00" + 18 digits).
        `>;>8${barcode.data}`
      : zplCode128(barcode.data).fieldData;
  return (
    `^FO${barcode.x},${barcode.y}^BY${barcode.module},3,${barcode.height}` +
    `^BCN,${barcode.height},N,N,N^FD${fieldData}^FS`
  );
}

function renderOne(layout: LabelLayout): string {
  const lines = ['^XA', '^CI28', `^PW${layout.width}`, `^LL${layout.height}`, '^LH0,0', '^PON'];
  for (const element of layout.elements) {
    switch (element.kind) {
      case 'box':
        lines.push(
          `^FO${element.x},${element.y}^GB${element.width},${element.height},${Math.min(element.width, element.height)}^FS`,
        );
        break;
      case 'text':
        lines.push(
          `^FT${element.x},${element.y + element.baseline}^A0N,${element.size},${element.size}` +
            `^FH^FD${escapeZplFieldData(element.text)}^FS`,
        );
        break;
      case 'barcode':
        lines.push(barcodeCommand(element));
        break;
    }
  }
  lines.push('^PQ1', '^XZ');
  return lines.join('\n');
}

/** One ZPL document, a format per label, as the UTF-8 text a printer is sent. */
export function renderZpl(layouts: readonly LabelLayout[]): string {
  return layouts.map(renderOne).join('\n');
}
