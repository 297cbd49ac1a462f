import fc from 'fast-check';
import { expect } from 'vitest';
import { withGs1CheckDigit } from '../check-digit.ts';
import { type AiDefinition, gs1ApplicationIdentifiers } from '../gs1-application-identifiers.ts';
import { gs1ErrorCodes, type Gs1ElementInput } from '../gs1-element.ts';

/** Generators of valid GS1 data for the property tests, and the shape every answer must have. */

const CSET82 = `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`;

const digits = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength, maxLength });

const cset82 = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...CSET82), minLength, maxLength });

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A key of `length` digits ending in its check digit; `lead` fixes the first digits. */
const key = (length: number, lead = '') =>
  digits(length - 1 - lead.length, length - 1 - lead.length).map((d) => withGs1CheckDigit(lead + d)!);

/** Data that the AI's definition accepts (dates are 00-28 so any century makes them real). */
export function validRaw(def: AiDefinition): fc.Arbitrary<string> {
  switch (def.type) {
    case 'date':
      return fc
        .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 28 }))
        .map(([y, m, d]) => pad2(y) + pad2(m) + pad2(d));
    case 'decimal':
      return digits(6, 6);
    case 'numeric':
      if (def.rule === 'piece_of_total') {
        return fc
          .tuple(key(14), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 0, max: 98 }))
          .map(([gtin, total, p]) => gtin + pad2((p % total) + 1) + pad2(total));
      }
      if (def.checkDigitLength !== undefined) return key(def.checkDigitLength);
      return digits(def.minLength, def.maxLength);
    case 'alphanumeric': {
      const headLength = def.numericPrefixLength ?? 0;
      const head =
        def.checkDigitLength !== undefined
          ? key(def.checkDigitLength, def.rule === 'leading_zero' ? '0' : '')
          : digits(headLength, headLength);
      const tail = cset82(Math.max(def.minLength - headLength, 0), def.maxLength - headLength);
      return fc.tuple(head, tail).map(([h, t]) => h + t);
    }
  }
}

/** The AIs warehouse labels carry most, drawn more often so lists look like real labels. */
const common = ['00', '01', '02', '10', '11', '13', '15', '17', '21', '30', '37', '3103', '3302', '400', '414', '8006'];

export const validElement = (
  defs: readonly AiDefinition[] = gs1ApplicationIdentifiers,
): fc.Arbitrary<Gs1ElementInput> => {
  const frequent = defs.filter((d) => common.includes(d.ai));
  const pick =
    frequent.length > 0
      ? fc.oneof({ arbitrary: fc.constantFrom(...frequent), weight: 2 }, fc.constantFrom(...defs))
      : fc.constantFrom(...defs);
  return pick.chain((def) => validRaw(def).map((raw) => ({ ai: def.ai, raw })));
};

/** Elements that may share one message: a measure family (310n, ...) only once, each AI once. */
const family = (e: Gs1ElementInput) => (/^3[1-6][0-9][0-5]$/.test(e.ai) ? e.ai.slice(0, 3) : e.ai);

export const validElementList = (maxLength = 8): fc.Arbitrary<Gs1ElementInput[]> =>
  fc.uniqueArray(validElement(), { selector: family, minLength: 1, maxLength });

/** A list headed by a Digital Link primary key, as a Digital Link needs one. */
export const validDigitalLinkElements = (maxLength = 6): fc.Arbitrary<Gs1ElementInput[]> =>
  fc
    .tuple(validElement(gs1ApplicationIdentifiers.filter((d) => d.digitalLinkQualifiers)), validElementList(maxLength))
    .map(([primary, rest]) => [primary, ...rest.filter((e) => family(e) !== family(primary))]);

/** Whatever came in, the answer is one of the two documented shapes and points inside the input. */
export function expectWellFormed(
  input: string,
  result: { ok: true } | { ok: false; error: { code: string; message: string; position?: number } },
): void {
  if (result.ok) return;
  expect(gs1ErrorCodes).toContain(result.error.code);
  expect(result.error.code, result.error.message).not.toBe('internal');
  expect(result.error.message.length).toBeGreaterThan(0);
  if (result.error.position !== undefined) {
    expect(Number.isInteger(result.error.position)).toBe(true);
    expect(result.error.position).toBeGreaterThanOrEqual(0);
    expect(result.error.position).toBeLessThanOrEqual(input.length);
  }
}
