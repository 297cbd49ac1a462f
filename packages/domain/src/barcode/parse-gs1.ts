import { type AiDefinition, findAiAt, isCset82, lookupAi } from './gs1-application-identifiers.ts';
import { type Gs1Data, summariseGs1 } from './gs1-data.ts';
import { isValidReferenceYear, MAX_REFERENCE_YEAR, MIN_REFERENCE_YEAR } from './gs1-dates.ts';
import { looksLikeUrl, parseDigitalLink } from './gs1-digital-link.ts';
import { decodeField, type Gs1Element, type Gs1Error, type Gs1Result } from './gs1-element.ts';

/**
 * Reads GS1 data in every form scanners and people hand it over:
 *
 * - the element string a scanner transmits, FNC1 separators as GS (0x1D), optionally behind an AIM
 *   symbology identifier (]C1 GS1-128, ]e0 GS1 DataBar, ]d2 GS1 DataMatrix, ]Q3 GS1 QR, ]J1 GS1
 *   DotCode);
 * - the bracketed human-readable form, `(01)09506000134352(10)ABC123`;
 * - GS1 Digital Link URIs.
 *
 * Every scan of the product passes through here, on the handheld and on the server, so it returns
 * a result for any input whatsoever and never throws.
 */

export const GS = '\u001d';

/**
 * Beyond what any one symbol holds (a QR code tops out at 7,089 digits, a DataMatrix near 3,100
 * characters): longer text is not a scan, and is refused before any work is done on it.
 */
export const MAX_SCAN_LENGTH = 8192;

/** Symbology identifiers that announce GS1 data, i.e. FNC1 in first position. */
export const gs1SymbologyIdentifiers: readonly string[] = [']C1', ']e0', ']d2', ']Q3', ']J1'];

export type ParseGs1Options = {
  /** The year two-digit years are read around (GS1 century rule): the caller's current year. */
  referenceYear: number;
  /**
   * What this scanner sends for FNC1 when it cannot send GS, e.g. a keyboard-wedge scanner set
   * up to type "~" or "|" instead. GS itself is always understood as well. It may not contain a
   * character that AI data can hold, or fields could be cut short.
   */
  groupSeparator?: string;
};

/** An AIM symbology identifier: "]", a symbology letter, a modifier. */
export function readSymbologyIdentifier(text: string): string | undefined {
  if (text.length < 3 || text.charAt(0) !== ']') return undefined;
  const letter = text.charAt(1);
  const modifier = text.charAt(2);
  return /^[A-Za-z]$/.test(letter) && /^[0-9A-Za-z]$/.test(modifier) ? text.slice(0, 3) : undefined;
}

/** Drops line endings and tabs that keyboard-wedge scanners add as a suffix. Linear, unlike a regex. */
export function stripScanSuffix(text: string): string {
  let end = text.length;
  while (end > 0 && ['\r', '\n', '\t'].includes(text.charAt(end - 1))) end--;
  return text.slice(0, end);
}

export function checkParseOptions(options: unknown): string | undefined {
  if (typeof options !== 'object' || options === null) return 'options are required';
  const { referenceYear, groupSeparator } = options as Partial<ParseGs1Options>;
  if (!isValidReferenceYear(referenceYear)) {
    return `referenceYear must be a whole year ${MIN_REFERENCE_YEAR}-${MAX_REFERENCE_YEAR}`;
  }
  return groupSeparator === undefined ? undefined : checkGroupSeparator(groupSeparator);
}

/** A stand-in for FNC1 must never occur inside AI data, or it would cut fields short. */
export function checkGroupSeparator(separator: unknown): string | undefined {
  if (typeof separator !== 'string' || separator.length < 1 || separator.length > 8) {
    return 'groupSeparator must be 1-8 characters';
  }
  if ([...separator].some((c) => isCset82(c))) {
    return 'groupSeparator may not use characters that GS1 data can contain (letters, digits, most punctuation)';
  }
  return undefined;
}

const fail = (
  code: Gs1Error['code'],
  message: string,
  extra: Partial<Gs1Error> = {},
): { ok: false; error: Gs1Error } => ({
  ok: false,
  error: { code, message, ...extra },
});

function guarded(run: () => Gs1Result<Gs1Data>): Gs1Result<Gs1Data> {
  try {
    return run();
  } catch (error) {
    return fail('internal', `the GS1 parser failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function parseGs1(input: string, options: ParseGs1Options): Gs1Result<Gs1Data> {
  return guarded(() => parse(input, options));
}

/**
 * Reads `body` as an element string whatever came before it: for the classifier, which has
 * already taken the symbology identifier off (`offset` is its length) and decided to try GS1 on
 * data the symbology did not announce as GS1, e.g. a "GS1-128" printed without FNC1.
 */
export function parseGs1ElementString(
  body: string,
  options: ParseGs1Options,
  at: { symbology?: string; offset?: number } = {},
): Gs1Result<Gs1Data> {
  return guarded(() => {
    const optionsProblem = checkParseOptions(options);
    if (optionsProblem) return fail('bad_options', optionsProblem);
    if (typeof body !== 'string' || body.length === 0) return fail('empty', 'nothing was scanned');
    if (body.length > MAX_SCAN_LENGTH) return fail('too_long', `a scan is at most ${MAX_SCAN_LENGTH} characters`);
    return parseElementString(body, { symbology: at.symbology, offset: at.offset ?? 0, options });
  });
}

function parse(input: unknown, options: ParseGs1Options): Gs1Result<Gs1Data> {
  if (typeof input !== 'string') return fail('empty', 'the scan is not text');
  if (input.length > MAX_SCAN_LENGTH * 2) return fail('too_long', `a scan is at most ${MAX_SCAN_LENGTH} characters`);
  const optionsProblem = checkParseOptions(options);
  if (optionsProblem) return fail('bad_options', optionsProblem);
  const text = stripScanSuffix(input);
  if (text.length === 0) return fail('empty', 'nothing was scanned');
  if (text.length > MAX_SCAN_LENGTH) return fail('too_long', `a scan is at most ${MAX_SCAN_LENGTH} characters`);

  const symbology = readSymbologyIdentifier(text);
  const offset = symbology ? 3 : 0;
  const body = text.slice(offset);
  if (body.length === 0) return fail('empty', `only the symbology identifier ${symbology} was scanned`);
  const context = { symbology, offset, options };

  if (symbology && gs1SymbologyIdentifiers.includes(symbology)) return parseElementString(body, context);
  if (looksLikeUrl(body)) return parseDigitalLink(body, options.referenceYear, { symbology, offset });
  if (body.startsWith('(')) return parseBracketed(body, context);
  if (symbology)
    return fail('not_gs1', `${symbology} is not a GS1 symbology and the data is neither bracketed nor a Digital Link`);
  return parseElementString(body, context);
}

type Context = { symbology: string | undefined; offset: number; options: ParseGs1Options };

function decodeAt(
  def: AiDefinition,
  raw: string,
  at: number,
  context: Context,
): { ok: true; element: Gs1Element } | { ok: false; error: Gs1Error } {
  const decoded = decodeField(def, raw, context.options.referenceYear);
  if (decoded.ok) return decoded;
  const { code, message, offset } = decoded.problem;
  return { ok: false, error: { code, message, position: context.offset + at + (offset ?? 0), ai: def.ai } };
}

function unknownAi(text: string, at: number, context: Context): { ok: false; error: Gs1Error } {
  const position = context.offset + at;
  const char = text.charAt(at);
  if (!/[0-9]/.test(char))
    return fail('bad_character', `expected an AI at ${position}, found ${JSON.stringify(char)}`, { position });
  const digits = /^[0-9]{1,4}/.exec(text.slice(at))?.[0] ?? char;
  if (at + digits.length === text.length && digits.length < 4) {
    return fail('unknown_ai', `the data ends in the middle of an AI ("${digits}")`, { position });
  }
  return fail('unknown_ai', `no known AI starts with "${digits}" at ${position}`, { position });
}

function parseElementString(text: string, context: Context): Gs1Result<Gs1Data> {
  const custom = context.options.groupSeparator;
  const separatorAt = (i: number): number => {
    if (text.charCodeAt(i) === 0x1d) return 1;
    return custom !== undefined && custom !== GS && text.startsWith(custom, i) ? custom.length : 0;
  };
  const nextSeparator = (from: number, limit: number): number => {
    let i = from;
    while (i < limit && separatorAt(i) === 0) i++;
    return i;
  };

  const elements: Gs1Element[] = [];
  const positions: number[] = [];
  let i = 0;
  while (i < text.length) {
    // A leading FNC1 (some scanners send it), one after a fixed-length field, or a doubled one.
    const separator = separatorAt(i);
    if (separator > 0) {
      i += separator;
      continue;
    }
    const def = findAiAt(text, i);
    if (!def) return unknownAi(text, i, context);
    const start = i + def.ai.length;
    let end: number;
    if (def.minLength === def.maxLength) {
      end = start + def.minLength;
      const cut = nextSeparator(start, Math.min(end, text.length));
      if (cut < end) {
        return fail(
          'bad_length',
          `(${def.ai}) ${def.title} takes exactly ${def.minLength} characters, got ${cut - start}`,
          {
            position: context.offset + start,
            ai: def.ai,
          },
        );
      }
    } else {
      end = nextSeparator(start, text.length);
      if (end - start > def.maxLength) {
        return fail(
          'bad_length',
          `(${def.ai}) ${def.title} takes at most ${def.maxLength} characters, got ${end - start}: is an FNC1 separator missing?`,
          { position: context.offset + start, ai: def.ai },
        );
      }
    }
    const decoded = decodeAt(def, text.slice(start, end), start, context);
    if (!decoded.ok) return decoded;
    elements.push(decoded.element);
    positions.push(context.offset + i);
    i = end;
  }
  if (elements.length === 0) return fail('empty', 'only FNC1 separators were scanned');
  return summariseGs1(elements, { form: 'element_string', symbology: context.symbology }, positions);
}

/** "(", two to four digits, ")": where a bracketed element begins. */
const BRACKETED_AI = /^\(([0-9]{2,4})\)/;

/**
 * The bracketed form. A "(" inside data is written "\(" (as the GS1 Syntax Engine does); an
 * unescaped "(" that does not open an AI is taken as data, which is what a person typing meant.
 * Spaces around fields are dropped: AI data can never hold whitespace, and printed HRI has them.
 */
function parseBracketed(text: string, context: Context): Gs1Result<Gs1Data> {
  const elements: Gs1Element[] = [];
  const positions: number[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text.charAt(i))) {
      i++;
      continue;
    }
    const match = BRACKETED_AI.exec(text.slice(i, i + 6));
    if (!match) {
      return fail('bad_character', `expected "(AI)" at ${context.offset + i}`, { position: context.offset + i });
    }
    const ai = match[1]!;
    const def = lookupAi(ai);
    if (!def) return fail('unknown_ai', `unknown AI (${ai})`, { position: context.offset + i + 1 });
    let j = i + match[0].length;
    let raw = '';
    while (j < text.length) {
      const char = text.charAt(j);
      if (char === '\\' && text.charAt(j + 1) === '(') {
        raw += '(';
        j += 2;
        continue;
      }
      if (char === '(' && BRACKETED_AI.test(text.slice(j, j + 6))) break;
      raw += char;
      j++;
    }
    const leading = raw.length - raw.trimStart().length;
    const decoded = decodeAt(def, raw.trim(), i + match[0].length + leading, context);
    if (!decoded.ok) return decoded;
    elements.push(decoded.element);
    positions.push(context.offset + i);
    i = j;
  }
  if (elements.length === 0) return fail('empty', 'no elements in the bracketed data');
  return summariseGs1(elements, { form: 'bracketed', symbology: context.symbology }, positions);
}
