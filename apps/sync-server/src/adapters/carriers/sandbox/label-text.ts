/**
 * Label fonts cover few characters: bwip-js's OCR-B (the PNG) has printable ASCII only, the PDF's
 * standard Helvetica has WinAnsi. A name like "Łódź" must still print as something a courier can
 * read, so characters a font lacks are folded to their letters (ó -> o, ß -> ss) and what has no
 * such letter becomes "?". ZPL needs none of this: it is sent as UTF-8 (^CI28).
 */

const LETTERS: Record<string, string> = {
  ß: 'ss',
  ẞ: 'SS',
  Æ: 'AE',
  æ: 'ae',
  Œ: 'OE',
  œ: 'oe',
  Ø: 'O',
  ø: 'o',
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ð: 'D',
  ð: 'd',
  Þ: 'TH',
  þ: 'th',
  ı: 'i',
  '\u2018': "'",
  '\u2019': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u00A0': ' ',
};

const MARKS = /\p{M}/gu;
const CONTROL = /[\p{Cc}\p{Zl}\p{Zp}]/u;

/** `text` with every character that `has` refuses folded or replaced; whitespace runs become one space. */
export function foldText(text: string, has: (codePoint: number) => boolean): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    const codePoint = char.codePointAt(0) ?? 0x3f;
    if (CONTROL.test(char) || /\s/u.test(char)) {
      out += ' ';
    } else if (has(codePoint)) {
      out += char;
    } else {
      const folded = LETTERS[char] ?? char.normalize('NFD').replace(MARKS, '');
      const usable = folded !== '' && [...folded].every((c) => has(c.codePointAt(0) ?? 0));
      out += usable ? folded : '?';
    }
  }
  return out.replace(/ {2,}/g, ' ').trim();
}

/** Printable ASCII: what bwip-js's OCR-B draws. */
export const isPrintableAscii = (codePoint: number): boolean => codePoint >= 0x20 && codePoint <= 0x7e;
