import { computeGs1CheckDigit } from './check-digit.ts';
import { type AiDefinition, firstNonCset82 } from './gs1-application-identifiers.ts';
import { isPlausibleGs1Date, parseGs1Date } from './gs1-dates.ts';

/**
 * One AI element, checked and decoded. Shared by the three parsers (element string, bracketed,
 * Digital Link) and the encoders, so a value is judged by the same rules however it arrived.
 */

export const gs1ErrorCodes = [
  /** Nothing was scanned (or only line endings). */
  'empty',
  /** Longer than any barcode carries; refused before any work is done. */
  'too_long',
  /** The text is not GS1 data at all (e.g. a URL without a GS1 key, an EAN symbology identifier). */
  'not_gs1',
  /** Digits where an AI should be that name no AI in the table. */
  'unknown_ai',
  /** A field too short (truncated) or too long (often a missing FNC1 separator). */
  'bad_length',
  /** A character the field does not allow: a letter in a numeric field, a space, non-ASCII. */
  'bad_character',
  'bad_check_digit',
  /** A date that does not exist: month 13, 30 February. */
  'bad_date',
  /** Well-formed but meaningless: ITIP piece 3 of 2, a GRAI not starting with 0. */
  'bad_value',
  /** The same AI, or two AIs meaning the same thing (3102 and 3103), with different values. */
  'conflicting_ai',
  'malformed_uri',
  /** Encoding a Digital Link needs a primary key (GTIN, SSCC, GLN, ...) among the elements. */
  'no_primary_key',
  'bad_options',
  /** A configured prefix with nothing after it, e.g. a bare "LOC-". */
  'missing_code',
  /** A bug in here; tests make sure nothing reaches it. */
  'internal',
] as const;

export type Gs1ErrorCode = (typeof gs1ErrorCodes)[number];

export type Gs1Error = {
  code: Gs1ErrorCode;
  message: string;
  /** Index into the text as given (UTF-16 units), where it can be pinned down. */
  position?: number;
  /** The AI the problem belongs to, when there is one. */
  ai?: string;
};

export type Gs1Result<T> = { ok: true; value: T } | { ok: false; error: Gs1Error };

type ElementBase = {
  ai: string;
  /** The GS1 data title ("GTIN", "BATCH/LOT", ...). */
  title: string;
  /** The data exactly as carried, without the AI: what an encoder needs to write it back. */
  raw: string;
};

export type Gs1Element =
  | (ElementBase & { type: 'numeric' | 'alphanumeric'; value: string })
  /** `value` is the ISO date; `dayOmitted` when DD was 00 and the date is the month's last day. */
  | (ElementBase & { type: 'date'; value: string; dayOmitted: boolean })
  /** `value` is the number with the implied decimal point applied: "000250" in 3103 is 0.25. */
  | (ElementBase & { type: 'decimal'; value: number; decimals: number });

/** What an encoder needs, and what every parsed element also is. */
export type Gs1ElementInput = { ai: string; raw: string };

/** A problem inside a data field; `offset` is relative to the start of the data. */
export type FieldProblem = { code: Gs1ErrorCode; message: string; offset?: number };

const DIGITS = /^[0-9]*$/;

function firstNonDigit(value: string): number {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return i;
  }
  return -1;
}

/** Length and character set: enough to tell whether a value could belong to the AI at all. */
export function checkFieldShape(def: AiDefinition, raw: string): FieldProblem | undefined {
  const label = `(${def.ai}) ${def.title}`;
  if (raw.length < def.minLength || raw.length > def.maxLength) {
    const wanted =
      def.minLength === def.maxLength
        ? `exactly ${def.minLength}`
        : def.minLength === 1
          ? `at most ${def.maxLength}`
          : `${def.minLength} to ${def.maxLength}`;
    return { code: 'bad_length', message: `${label} takes ${wanted} characters, got ${raw.length}` };
  }
  const numericPart = def.type === 'alphanumeric' ? (def.numericPrefixLength ?? 0) : raw.length;
  const badDigit = firstNonDigit(raw.slice(0, numericPart));
  if (badDigit >= 0) {
    return { code: 'bad_character', message: `${label} must be digits here`, offset: badDigit };
  }
  if (def.type === 'alphanumeric') {
    const bad = firstNonCset82(raw.slice(numericPart));
    if (bad >= 0) {
      const char = JSON.stringify(raw.charAt(numericPart + bad));
      return { code: 'bad_character', message: `${label} may not contain ${char}`, offset: numericPart + bad };
    }
  }
  return undefined;
}

/** Everything that needs no calendar: shape, check digit, date shape, per-AI rules. */
export function checkField(def: AiDefinition, raw: string): FieldProblem | undefined {
  const shape = checkFieldShape(def, raw);
  if (shape) return shape;
  const label = `(${def.ai}) ${def.title}`;
  if (def.checkDigitLength !== undefined) {
    const key = raw.slice(0, def.checkDigitLength);
    const expected = computeGs1CheckDigit(key.slice(0, -1));
    if (expected === undefined || !DIGITS.test(key) || key.at(-1) !== String(expected)) {
      return {
        code: 'bad_check_digit',
        message: `${label} check digit should be ${expected ?? '?'}, not ${key.at(-1) ?? '?'}`,
        offset: def.checkDigitLength - 1,
      };
    }
  }
  if (def.type === 'date' && !isPlausibleGs1Date(raw)) {
    return { code: 'bad_date', message: `${label} ${raw} is not a date (YYMMDD)` };
  }
  if (def.rule === 'piece_of_total') {
    const piece = Number(raw.slice(14, 16));
    const total = Number(raw.slice(16, 18));
    if (piece < 1 || total < 1 || piece > total) {
      return { code: 'bad_value', message: `${label} piece ${piece} of ${total} is not possible`, offset: 14 };
    }
  }
  if (def.rule === 'leading_zero' && !raw.startsWith('0')) {
    return { code: 'bad_value', message: `${label} must start with 0`, offset: 0 };
  }
  return undefined;
}

/** Checks a field and turns it into a typed element; dates resolve their century on `referenceYear`. */
export function decodeField(
  def: AiDefinition,
  raw: string,
  referenceYear: number,
): { ok: true; element: Gs1Element } | { ok: false; problem: FieldProblem } {
  const problem = checkField(def, raw);
  if (problem) return { ok: false, problem };
  const base = { ai: def.ai, title: def.title, raw };
  switch (def.type) {
    case 'numeric':
    case 'alphanumeric':
      return { ok: true, element: { ...base, type: def.type, value: raw } };
    case 'decimal': {
      const decimals = def.decimals ?? 0;
      // Integer divided by a power of ten: IEEE division rounds once, to the double nearest the decimal.
      return { ok: true, element: { ...base, type: 'decimal', value: Number(raw) / 10 ** decimals, decimals } };
    }
    case 'date': {
      const parsed = parseGs1Date(raw, referenceYear);
      if (!parsed.ok) {
        return { ok: false, problem: { code: 'bad_date', message: `(${def.ai}) ${def.title}: ${parsed.message}` } };
      }
      return {
        ok: true,
        element: { ...base, type: 'date', value: parsed.value.iso, dayOmitted: parsed.value.dayOmitted },
      };
    }
  }
}
