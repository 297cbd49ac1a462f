import { isValidGtin, isValidSscc } from './check-digit.ts';
import { isCset82, lookupAi } from './gs1-application-identifiers.ts';
import type { Gs1Data } from './gs1-data.ts';
import { MAX_REFERENCE_YEAR, MIN_REFERENCE_YEAR } from './gs1-dates.ts';
import { looksLikeUrl } from './gs1-digital-link.ts';
import type { Gs1Error } from './gs1-element.ts';
import {
  GS,
  gs1SymbologyIdentifiers,
  MAX_SCAN_LENGTH,
  type ParseGs1Options,
  parseGs1,
  parseGs1ElementString,
  readSymbologyIdentifier,
  stripScanSuffix,
} from './parse-gs1.ts';

/**
 * What a scan is, before any flow decides what to do with it: GS1 data, a bare GTIN or SSCC, one
 * of the warehouse's own labels (bins, totes, badges, ... told apart by configured prefixes), or
 * free text. The same function runs on the handheld, to react at once, and on the server, which
 * trusts nothing the handheld concluded.
 *
 * Precedence, from most to least certain:
 * 1. a GS1 symbology identifier (]C1 ]e0 ]d2 ]Q3 ]J1): GS1, whatever the data looks like;
 * 2. an EAN/UPC symbology identifier (]E0 ]E4): a GTIN, whose check digit must hold;
 * 3. a configured prefix, longest first: the warehouse's own label;
 * 4. a URL with a GS1 key in its path (Digital Link), or text starting "(AI)" with a known AI;
 * 5. 8/12/13/14 digits with a valid check digit: a GTIN; 18: an SSCC;
 * 6. an element string without symbology identifier (scanner set not to send one): text that holds
 *    FNC1, or starts with a valid SSCC/GTIN after (00)/(01)/(02);
 * 7. anything else is free text.
 * Where the scan says it is GS1 (steps 1, 2, 4, and 6 with GS or a valid key) a defect is an error
 * the worker should see; where GS1 was only a guess, failing the guess makes it free text.
 */

/** A label kind's name: lower case, as `location` or `tote`. */
export const PREFIX_KIND_NAME = /^[a-z][a-z0-9_]{0,31}$/;
export const PREFIX_KIND_NAME_MESSAGE = 'must be a lower-case name such as location or tote';
/** A label prefix: visible ASCII, no spaces. */
export const PREFIX_TEXT = /^[\x21-\x7e]+$/;
export const PREFIX_TEXT_MESSAGE = 'must be visible ASCII without spaces';
export const MAX_PREFIX_LENGTH = 32;
export const MAX_PREFIXES_PER_KIND = 20;
export const MAX_PREFIX_KINDS = 20;
export const MAX_GROUP_SEPARATOR_LENGTH = 8;
export const GROUP_SEPARATOR_MESSAGE = 'may not use characters that GS1 data can contain';
export const MAX_PREFIX_KINDS_MESSAGE = `at most ${MAX_PREFIX_KINDS} kinds`;
export const duplicatePrefixMessage = (prefix: string, otherKind: string) =>
  `prefix ${prefix} is also listed for ${otherKind}`;

/** Where the options are wrong (dotted, `options` for the whole) and how. */
export type ClassifyScanOptionsProblem = { path: string; message: string };

const OPTION_KEYS = new Set(['referenceYear', 'groupSeparator', 'prefixes', 'prefixIgnoreCase']);

const isObject = (value: unknown): value is Record<PropertyKey, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An object literal (or one without prototype, or from another realm): not an array, Map, Date, ... */
function isPlainObject(value: unknown): value is Record<PropertyKey, unknown> {
  if (!isObject(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
}

function textProblem(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return `must be text, not ${described(value)}`;
  if (value.length === 0) return 'must not be empty';
  if (value.length > max) return `must be at most ${max} characters`;
  return undefined;
}

function described(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Checks classifier options as they may come from storage or settings, by hand rather than with a
 * schema so the handheld's first download holds no validation library (the server's zod schema,
 * `classifyScanOptionsSchema` in classify-scan-schemas.ts, accepts exactly the same options). Answers
 * the first problem, in the order the options are declared, or undefined when the options hold.
 */
export function checkClassifyScanOptions(options: unknown): ClassifyScanOptionsProblem | undefined {
  const problem = (path: string, message: string): ClassifyScanOptionsProblem => ({ path, message });
  if (!isObject(options)) return problem('options', `must be an object, not ${described(options)}`);

  const year = options['referenceYear'];
  if (typeof year !== 'number' || !Number.isFinite(year))
    return problem('referenceYear', `must be a number, not ${described(year)}`);
  if (!Number.isInteger(year) || year < MIN_REFERENCE_YEAR || year > MAX_REFERENCE_YEAR)
    return problem('referenceYear', `must be a whole year from ${MIN_REFERENCE_YEAR} to ${MAX_REFERENCE_YEAR}`);

  const separator = options['groupSeparator'];
  if (separator !== undefined) {
    const wrong = textProblem(separator, MAX_GROUP_SEPARATOR_LENGTH);
    if (wrong) return problem('groupSeparator', wrong);
    if ([...(separator as string)].some((c) => isCset82(c))) return problem('groupSeparator', GROUP_SEPARATOR_MESSAGE);
  }

  const prefixes = options['prefixes'];
  if (prefixes !== undefined) {
    if (!isPlainObject(prefixes))
      return problem('prefixes', `must be an object of prefix lists by kind, not ${described(prefixes)}`);
    let kinds = 0;
    // As zod reads a record, except that an own "__proto__" key (JSON.parse makes one) is refused as a
    // kind name here where zod skips it, leaving it for matchPrefix to find.
    for (const kind of Reflect.ownKeys(prefixes)) {
      if (!Object.prototype.propertyIsEnumerable.call(prefixes, kind)) continue;
      const path = `prefixes.${String(kind)}`;
      if (typeof kind !== 'string' || !PREFIX_KIND_NAME.test(kind)) return problem(path, PREFIX_KIND_NAME_MESSAGE);
      const list = prefixes[kind];
      if (!Array.isArray(list)) return problem(path, `must be a list of prefixes, not ${described(list)}`);
      for (let i = 0; i < list.length; i++) {
        const item: unknown = list[i];
        const wrong = textProblem(item, MAX_PREFIX_LENGTH);
        if (wrong) return problem(`${path}.${i}`, wrong);
        if (!PREFIX_TEXT.test(item as string)) return problem(`${path}.${i}`, PREFIX_TEXT_MESSAGE);
      }
      if (list.length === 0) return problem(path, 'must list at least one prefix');
      if (list.length > MAX_PREFIXES_PER_KIND)
        return problem(path, `must list at most ${MAX_PREFIXES_PER_KIND} prefixes`);
      kinds++;
    }
    if (kinds > MAX_PREFIX_KINDS) return problem('prefixes', MAX_PREFIX_KINDS_MESSAGE);
  }

  const ignoreCase = options['prefixIgnoreCase'];
  if (ignoreCase !== undefined && typeof ignoreCase !== 'boolean')
    return problem('prefixIgnoreCase', `must be true or false, not ${described(ignoreCase)}`);

  const unknown: string[] = [];
  for (const key in options) if (!OPTION_KEYS.has(key)) unknown.push(key);
  if (unknown.length > 0)
    return problem('options', `unknown ${unknown.length === 1 ? 'option' : 'options'} ${unknown.join(', ')}`);

  const seen = new Map<string, string>();
  for (const [kind, list] of Object.entries((prefixes ?? {}) as Record<string, string[]>)) {
    for (const p of list) {
      const key = ignoreCase === true ? p.toUpperCase() : p;
      const other = seen.get(key);
      if (other !== undefined) return problem(`prefixes.${kind}`, duplicatePrefixMessage(p, other));
      seen.set(key, kind);
    }
  }
  return undefined;
}

/** Typed by hand rather than inferred so literal kinds (`as const`) flow through to the result. */
export type ClassifyScanOptions<K extends string = string> = {
  /** The current year, for the GS1 century rule; the caller owns the clock. */
  referenceYear: number;
  /** What the scanner types for FNC1 when it cannot send GS (keyboard-wedge set-ups). */
  groupSeparator?: string;
  /** Label prefixes by kind, e.g. { location: ['LOC-'], tote: ['TOTE-', 'T-'] }. */
  prefixes?: Partial<Record<K, readonly string[]>>;
  /** Match prefixes regardless of case: keyboard-wedge scanners type with Caps Lock too. */
  prefixIgnoreCase?: boolean;
};

type Common = {
  /** The scanned text without scanner suffix (CR/LF/Tab) and symbology identifier. */
  text: string;
  /** The AIM symbology identifier, when the scanner sent one. */
  symbology?: string;
};

export type ScanClassification<K extends string = string> =
  | (Common & { kind: 'gs1'; data: Gs1Data })
  | (Common & { kind: 'gtin'; gtin: string; format: 'GTIN-8' | 'GTIN-12' | 'GTIN-13' | 'GTIN-14' })
  | (Common & { kind: 'sscc'; sscc: string })
  /** One of the configured label kinds; `code` is what follows the prefix. */
  | (Common & { kind: 'prefixed'; type: K; prefix: string; code: string })
  | (Common & { kind: 'free' });

export type ScanError = Gs1Error;
export type ScanResult<K extends string = string> =
  { ok: true; value: ScanClassification<K> } | { ok: false; error: ScanError };

const ALL_DIGITS = /^[0-9]+$/;
const BRACKETED_START = /^\(([0-9]{2,4})\)/;

const fail = (
  code: ScanError['code'],
  message: string,
  extra: Partial<ScanError> = {},
): { ok: false; error: ScanError } => ({
  ok: false,
  error: { code, message, ...extra },
});

export function classifyScan<K extends string = string>(raw: string, options: ClassifyScanOptions<K>): ScanResult<K> {
  try {
    return classify(raw, options);
  } catch (error) {
    return fail('internal', `the scan classifier failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function gtinFormat(digits: string): 'GTIN-8' | 'GTIN-12' | 'GTIN-13' | 'GTIN-14' {
  return `GTIN-${digits.length}` as 'GTIN-8' | 'GTIN-12' | 'GTIN-13' | 'GTIN-14';
}

/** (00) + a valid SSCC, or (01)/(02) + a valid GTIN-14: as sure a sign of GS1 as bare digits give. */
function startsWithGs1Key(body: string): boolean {
  const ai = body.slice(0, 2);
  if (ai === '00') return isValidSscc(body.slice(2, 20));
  if (ai === '01' || ai === '02') return isValidGtin(body.slice(2, 16)) && body.slice(2, 16).length === 14;
  return false;
}

function matchPrefix<K extends string>(
  body: string,
  options: ClassifyScanOptions<K>,
): { type: K; prefix: string } | undefined {
  const candidates: { type: K; prefix: string }[] = [];
  for (const [type, list] of Object.entries(options.prefixes ?? {}) as [K, readonly string[] | undefined][]) {
    for (const p of list ?? []) candidates.push({ type, prefix: p });
  }
  candidates.sort((a, b) => b.prefix.length - a.prefix.length);
  const fold = (s: string) => (options.prefixIgnoreCase ? s.toUpperCase() : s);
  const head = (length: number) => fold(body.slice(0, length));
  return candidates.find((c) => head(c.prefix.length) === fold(c.prefix));
}

function classify<K extends string>(raw: unknown, options: ClassifyScanOptions<K>): ScanResult<K> {
  if (typeof raw !== 'string') return fail('empty', 'the scan is not text');
  if (raw.length > MAX_SCAN_LENGTH * 2) return fail('too_long', `a scan is at most ${MAX_SCAN_LENGTH} characters`);
  const problem = checkClassifyScanOptions(options);
  if (problem) return fail('bad_options', `${problem.path}: ${problem.message}`);
  const text = stripScanSuffix(raw);
  if (text.length === 0) return fail('empty', 'nothing was scanned');
  if (text.length > MAX_SCAN_LENGTH) return fail('too_long', `a scan is at most ${MAX_SCAN_LENGTH} characters`);

  const symbology = readSymbologyIdentifier(text);
  const offset = symbology ? 3 : 0;
  const body = text.slice(offset);
  if (body.length === 0) return fail('empty', `only the symbology identifier ${symbology} was scanned`);
  const common: Common = symbology ? { text: body, symbology } : { text: body };
  // Spread last in each value below: `{ ...common, kind }` is V8's slow path (see validate-scan.ts).
  const parseOptions: ParseGs1Options = { referenceYear: options.referenceYear };
  if (options.groupSeparator !== undefined) parseOptions.groupSeparator = options.groupSeparator;
  const asGs1 = (result: ReturnType<typeof parseGs1>): ScanResult<K> =>
    result.ok ? { ok: true, value: { kind: 'gs1', data: result.value, ...common } } : result;

  // 1. The scanner read FNC1 in first position: this is GS1 data, good or bad.
  if (symbology && gs1SymbologyIdentifiers.includes(symbology)) return asGs1(parseGs1(text, parseOptions));

  const digits = ALL_DIGITS.test(body);
  const gtinLength = digits && [8, 12, 13, 14].includes(body.length);

  // 2. EAN-13 / UPC-A / EAN-8: the symbology carries exactly a GTIN.
  if ((symbology === ']E0' || symbology === ']E4') && gtinLength) {
    if (isValidGtin(body))
      return { ok: true, value: { kind: 'gtin', gtin: body.padStart(14, '0'), format: gtinFormat(body), ...common } };
    return fail('bad_check_digit', `${body} is not a valid GTIN: its check digit does not match`, {
      position: offset + body.length - 1,
    });
  }

  // 3. The warehouse's own labels.
  const prefixed = matchPrefix(body, options);
  if (prefixed) {
    const code = body.slice(prefixed.prefix.length);
    if (code.length === 0)
      return fail('missing_code', `${prefixed.prefix} with nothing after it`, { position: offset });
    return {
      ok: true,
      value: { kind: 'prefixed', type: prefixed.type, prefix: body.slice(0, prefixed.prefix.length), code, ...common },
    };
  }

  // 4. Digital Link and the bracketed form say they are GS1 by their shape.
  if (looksLikeUrl(body)) {
    const result = parseGs1(text, parseOptions);
    if (!result.ok && result.error.code === 'not_gs1') return { ok: true, value: { kind: 'free', ...common } };
    return asGs1(result);
  }
  // "(" + a known AI: someone typed or printed GS1. "(555) 123-4567" is a phone number.
  const bracketed = BRACKETED_START.exec(body);
  if (bracketed && lookupAi(bracketed[1]!)) return asGs1(parseGs1(text, parseOptions));

  // 5. Bare keys, as on ITF-14 cases and SSCC pallet labels printed without an AI.
  if (gtinLength && isValidGtin(body)) {
    return { ok: true, value: { kind: 'gtin', gtin: body.padStart(14, '0'), format: gtinFormat(body), ...common } };
  }
  if (digits && isValidSscc(body)) return { ok: true, value: { kind: 'sscc', sscc: body, ...common } };

  // 6. An element string from a scanner that does not send symbology identifiers, or a GS1-128
  //    printed without FNC1 (scanners report it as plain Code 128, ]C0).
  const custom = options.groupSeparator;
  const hasSeparator = body.includes(GS) || (custom !== undefined && body.includes(custom));
  const keyFirst = startsWithGs1Key(body);
  if (hasSeparator || keyFirst) {
    const result = parseGs1ElementString(body, parseOptions, symbology ? { symbology, offset } : {});
    if (result.ok) return asGs1(result);
    const certain = symbology === undefined && (keyFirst || body.includes(GS));
    if (certain) return result;
  }

  return { ok: true, value: { kind: 'free', ...common } };
}
