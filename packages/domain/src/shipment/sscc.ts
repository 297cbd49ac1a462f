import { computeGs1CheckDigit, isValidSscc } from '../barcode/check-digit.ts';
import { encodeBracketed, encodeElementString, type ElementStringOptions } from '../barcode/encode-gs1.ts';
import type { Gs1Error, Gs1Result } from '../barcode/gs1-element.ts';

/**
 * The Serial Shipping Container Code (GS1 General Specifications 2.2.1, AI 00): the number a sealed
 * package carries for life. Eighteen digits: an extension digit the company uses as it likes, its GS1
 * Company Prefix, a serial reference it allocates, and the GS1 mod-10 check digit. The prefix and the
 * serial reference share sixteen digits, so the longer the prefix, the fewer serials it leaves.
 */

export const SSCC_LENGTH = 18;
/** Digits shared by the company prefix and the serial reference. */
const PREFIX_AND_SERIAL_DIGITS = 16;
/**
 * The prefix lengths accepted from settings. GS1 issues prefixes of 4-12 digits, but the ones used
 * for SSCCs on this service are 7-10 digits (7 leaves nine serial digits, 10 leaves six).
 */
export const MIN_COMPANY_PREFIX_LENGTH = 7;
export const MAX_COMPANY_PREFIX_LENGTH = 10;

export type SsccInput = {
  /** 0-9, chosen by the company (often to tell packaging levels or sites apart). */
  extensionDigit: number;
  /** The GS1 Company Prefix, 7-10 digits, from settings. */
  companyPrefix: string;
  /**
   * The company's own serial, as a non-negative integer or a string of digits; left-padded with
   * zeros to `16 - companyPrefix.length` digits and refused when it does not fit.
   */
  serialReference: number | string;
};

const DIGITS = /^[0-9]+$/;

const fail = (code: Gs1Error['code'], message: string): { ok: false; error: Gs1Error } => ({
  ok: false,
  error: { code, message, ai: '00' },
});

/** How many serial-reference digits a company prefix of this length leaves. */
export function serialReferenceLength(companyPrefixLength: number): number {
  return PREFIX_AND_SERIAL_DIGITS - companyPrefixLength;
}

/** The 18-digit SSCC with its check digit, or why the parts cannot make one. */
export function buildSscc(input: SsccInput): Gs1Result<string> {
  const { extensionDigit, companyPrefix, serialReference } = input ?? ({} as SsccInput);
  if (!Number.isInteger(extensionDigit) || extensionDigit < 0 || extensionDigit > 9) {
    return fail('bad_value', 'the extension digit must be a single digit 0-9');
  }
  if (typeof companyPrefix !== 'string' || !DIGITS.test(companyPrefix)) {
    return fail('bad_character', 'the GS1 company prefix must be digits only');
  }
  if (companyPrefix.length < MIN_COMPANY_PREFIX_LENGTH || companyPrefix.length > MAX_COMPANY_PREFIX_LENGTH) {
    return fail(
      'bad_length',
      `the GS1 company prefix must have ${MIN_COMPANY_PREFIX_LENGTH}-${MAX_COMPANY_PREFIX_LENGTH} digits, not ${companyPrefix.length}`,
    );
  }
  const width = serialReferenceLength(companyPrefix.length);
  let serial: string;
  if (typeof serialReference === 'number') {
    if (!Number.isSafeInteger(serialReference) || serialReference < 0) {
      return fail('bad_value', 'the serial reference must be a non-negative whole number');
    }
    serial = String(serialReference);
  } else if (typeof serialReference === 'string' && DIGITS.test(serialReference)) {
    serial = serialReference;
  } else {
    return fail('bad_character', 'the serial reference must be digits only');
  }
  if (serial.length > width) {
    return fail(
      'bad_length',
      `a ${companyPrefix.length}-digit company prefix leaves ${width} digits for the serial reference; ${serial} needs ${serial.length}`,
    );
  }
  const body = `${extensionDigit}${companyPrefix}${serial.padStart(width, '0')}`;
  const check = computeGs1CheckDigit(body);
  if (check === undefined) return fail('internal', 'the SSCC body is not digits');
  return { ok: true, value: body + check };
}

export type FormatSsccOptions = {
  /** Splits prefix from serial reference, as on a GS1 logistic label; unknown, they stay together. */
  companyPrefixLength?: number;
};

/**
 * The human-readable line under the barcode: `(00) 0 0614141 123456789 0` with the prefix length
 * known, `(00) 0 0614141123456789 0` without. Undefined when the text is not a valid SSCC.
 */
export function formatSscc(sscc: string, options: FormatSsccOptions = {}): string | undefined {
  if (typeof sscc !== 'string' || !isValidSscc(sscc)) return undefined;
  const extension = sscc.slice(0, 1);
  const middle = sscc.slice(1, 17);
  const check = sscc.slice(17);
  const prefixLength = options?.companyPrefixLength;
  if (
    prefixLength !== undefined &&
    Number.isInteger(prefixLength) &&
    prefixLength >= MIN_COMPANY_PREFIX_LENGTH &&
    prefixLength <= MAX_COMPANY_PREFIX_LENGTH
  ) {
    return `(00) ${extension} ${middle.slice(0, prefixLength)} ${middle.slice(prefixLength)} ${check}`;
  }
  return `(00) ${extension} ${middle} ${check}`;
}

/**
 * The element string a GS1-128 symbol carries and a scanner transmits: `00` + SSCC (FNC1 first in the
 * symbol is the printer's business, e.g. ZPL `>;>8`). Options as for `encodeElementString`; the
 * encoder refuses anything that is not eighteen digits with a valid check digit (`bad_length`,
 * `bad_character`, `bad_check_digit`).
 */
export function ssccElementString(sscc: string, options: ElementStringOptions = {}): Gs1Result<string> {
  return encodeElementString([{ ai: '00', raw: sscc }], options);
}

/** `(00)106141412345678908`: the bracketed form barcode generators (bwip-js `gs1-128`) take. */
export function ssccBracketed(sscc: string): Gs1Result<string> {
  return encodeBracketed([{ ai: '00', raw: sscc }]);
}
