/**
 * The GS1 mod-10 check digit (GS1 General Specifications 7.9.1), shared by every numeric GS1 key:
 * GTIN-8/12/13/14, SSCC, GLN, GSRN, GDTI, GRAI, ITIP. Weights 3 and 1 alternate from the digit
 * next to the check digit leftwards, so a key keeps its check digit when zeros are put in front of
 * it; that is why a GTIN-13 padded to fourteen digits stays valid.
 */

const DIGITS = /^[0-9]+$/;

/** The check digit for a run of digits that lacks one, or undefined when the text is not digits. */
export function computeGs1CheckDigit(body: string): number | undefined {
  if (!DIGITS.test(body)) return undefined;
  let sum = 0;
  let weight = 3;
  for (let i = body.length - 1; i >= 0; i--) {
    sum += (body.charCodeAt(i) - 48) * weight;
    weight = 4 - weight;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit is the check digit of the ones before it. */
export function hasValidGs1CheckDigit(digits: string): boolean {
  if (digits.length < 2) return false;
  const expected = computeGs1CheckDigit(digits.slice(0, -1));
  return expected !== undefined && digits.endsWith(String(expected));
}

/** Appends the check digit, for label generation and tests. Undefined when `body` is not digits. */
export function withGs1CheckDigit(body: string): string | undefined {
  const digit = computeGs1CheckDigit(body);
  return digit === undefined ? undefined : body + digit;
}

export const gtinLengths = [8, 12, 13, 14] as const;
export type GtinLength = (typeof gtinLengths)[number];

/** A GTIN-8, -12 (UPC-A), -13 (EAN-13) or -14 (ITF-14 / AI 01) with a correct check digit. */
export function isValidGtin(digits: string): boolean {
  return (gtinLengths as readonly number[]).includes(digits.length) && hasValidGs1CheckDigit(digits);
}

/**
 * The fourteen-digit form every GTIN is stored and compared in (left-padded with zeros), or
 * undefined when the text is not a valid GTIN of any length.
 */
export function toGtin14(digits: string): string | undefined {
  return isValidGtin(digits) ? digits.padStart(14, '0') : undefined;
}

export function isValidSscc(digits: string): boolean {
  return digits.length === 18 && hasValidGs1CheckDigit(digits);
}

export function isValidGln(digits: string): boolean {
  return digits.length === 13 && hasValidGs1CheckDigit(digits);
}
