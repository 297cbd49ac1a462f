import { z } from 'zod';
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

const kindName = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'must be a lower-case name such as location or tote');
const prefix = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[\x21-\x7e]+$/, 'must be visible ASCII without spaces');

export const MAX_PREFIX_KINDS = 20;

export const classifyScanOptionsSchema = z
  .strictObject({
    /** The current year, for the GS1 century rule; the caller owns the clock. */
    referenceYear: z.number().int().min(MIN_REFERENCE_YEAR).max(MAX_REFERENCE_YEAR),
    /** What the scanner types for FNC1 when it cannot send GS (keyboard-wedge set-ups). */
    groupSeparator: z
      .string()
      .min(1)
      .max(8)
      .refine((s) => ![...s].some((c) => isCset82(c)), 'may not use characters that GS1 data can contain')
      .optional(),
    /** Label prefixes by kind, e.g. { location: ['LOC-'], tote: ['TOTE-', 'T-'] }. */
    prefixes: z
      .record(kindName, z.array(prefix).min(1).max(20))
      .refine((p) => Object.keys(p).length <= MAX_PREFIX_KINDS, `at most ${MAX_PREFIX_KINDS} kinds`)
      .optional(),
    /** Match prefixes regardless of case: keyboard-wedge scanners type with Caps Lock too. */
    prefixIgnoreCase: z.boolean().optional(),
  })
  .superRefine((options, ctx) => {
    const seen = new Map<string, string>();
    for (const [kind, list] of Object.entries(options.prefixes ?? {})) {
      for (const p of list) {
        const key = options.prefixIgnoreCase ? p.toUpperCase() : p;
        const other = seen.get(key);
        if (other !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['prefixes', kind],
            message: `prefix ${p} is also listed for ${other}`,
          });
        }
        seen.set(key, kind);
      }
    }
  });

/** Typed by hand rather than inferred so literal kinds (`as const`) flow through to the result. */
export type ClassifyScanOptions<K extends string = string> = {
  referenceYear: number;
  groupSeparator?: string;
  prefixes?: Partial<Record<K, readonly string[]>>;
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
  const checked = classifyScanOptionsSchema.safeParse(options);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return fail('bad_options', `${issue?.path.join('.') || 'options'}: ${issue?.message ?? 'invalid'}`);
  }
  const text = stripScanSuffix(raw);
  if (text.length === 0) return fail('empty', 'nothing was scanned');
  if (text.length > MAX_SCAN_LENGTH) return fail('too_long', `a scan is at most ${MAX_SCAN_LENGTH} characters`);

  const symbology = readSymbologyIdentifier(text);
  const offset = symbology ? 3 : 0;
  const body = text.slice(offset);
  if (body.length === 0) return fail('empty', `only the symbology identifier ${symbology} was scanned`);
  const common: Common = symbology ? { text: body, symbology } : { text: body };
  const parseOptions: ParseGs1Options = { referenceYear: options.referenceYear };
  if (options.groupSeparator !== undefined) parseOptions.groupSeparator = options.groupSeparator;
  const asGs1 = (result: ReturnType<typeof parseGs1>): ScanResult<K> =>
    result.ok ? { ok: true, value: { ...common, kind: 'gs1', data: result.value } } : result;

  // 1. The scanner read FNC1 in first position: this is GS1 data, good or bad.
  if (symbology && gs1SymbologyIdentifiers.includes(symbology)) return asGs1(parseGs1(text, parseOptions));

  const digits = ALL_DIGITS.test(body);
  const gtinLength = digits && [8, 12, 13, 14].includes(body.length);

  // 2. EAN-13 / UPC-A / EAN-8: the symbology carries exactly a GTIN.
  if ((symbology === ']E0' || symbology === ']E4') && gtinLength) {
    if (isValidGtin(body))
      return { ok: true, value: { ...common, kind: 'gtin', gtin: body.padStart(14, '0'), format: gtinFormat(body) } };
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
      value: { ...common, kind: 'prefixed', type: prefixed.type, prefix: body.slice(0, prefixed.prefix.length), code },
    };
  }

  // 4. Digital Link and the bracketed form say they are GS1 by their shape.
  if (looksLikeUrl(body)) {
    const result = parseGs1(text, parseOptions);
    if (!result.ok && result.error.code === 'not_gs1') return { ok: true, value: { ...common, kind: 'free' } };
    return asGs1(result);
  }
  // "(" + a known AI: someone typed or printed GS1. "(555) 123-4567" is a phone number.
  const bracketed = BRACKETED_START.exec(body);
  if (bracketed && lookupAi(bracketed[1]!)) return asGs1(parseGs1(text, parseOptions));

  // 5. Bare keys, as on ITF-14 cases and SSCC pallet labels printed without an AI.
  if (gtinLength && isValidGtin(body)) {
    return { ok: true, value: { ...common, kind: 'gtin', gtin: body.padStart(14, '0'), format: gtinFormat(body) } };
  }
  if (digits && isValidSscc(body)) return { ok: true, value: { ...common, kind: 'sscc', sscc: body } };

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

  return { ok: true, value: { ...common, kind: 'free' } };
}
