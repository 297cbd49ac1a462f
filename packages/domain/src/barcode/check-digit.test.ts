import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeGs1CheckDigit,
  hasValidGs1CheckDigit,
  isValidGln,
  isValidGtin,
  isValidSscc,
  toGtin14,
  withGs1CheckDigit,
} from './check-digit.ts';

describe('GS1 mod-10 check digit', () => {
  it.each([
    ['GTIN-8', '02345680'],
    ['GTIN-12 (UPC-A)', '416000336108'],
    ['GTIN-13 (EAN-13)', '2112233789657'],
    ['GTIN-13 (ISBN)', '9780764544200'],
    ['GTIN-14', '09506000134352'],
    ['GTIN-14 (ITF-14)', '24012345678905'],
    ['SSCC-18', '106141411234567897'],
  ])('accepts a valid %s', (_, digits) => {
    expect(hasValidGs1CheckDigit(digits)).toBe(true);
    expect(computeGs1CheckDigit(digits.slice(0, -1))).toBe(Number(digits.at(-1)));
  });

  it.each(['02345689', '416000336107', '2112233789658', '24012345678909', '106141411234567890'])(
    'refuses %s, whose last digit is wrong',
    (digits) => expect(hasValidGs1CheckDigit(digits)).toBe(false),
  );

  it('says nothing about text that is not digits', () => {
    expect(computeGs1CheckDigit('12a4')).toBeUndefined();
    expect(computeGs1CheckDigit('')).toBeUndefined();
    expect(hasValidGs1CheckDigit('')).toBe(false);
    expect(hasValidGs1CheckDigit('7')).toBe(false);
    expect(hasValidGs1CheckDigit('0950600013435x')).toBe(false);
    expect(withGs1CheckDigit('x')).toBeUndefined();
  });

  it('tells the keys apart by length', () => {
    expect(isValidGtin('9780764544200')).toBe(true);
    expect(isValidGtin('106141411234567897')).toBe(false);
    expect(isValidSscc('106141411234567897')).toBe(true);
    expect(isValidSscc('9780764544200')).toBe(false);
    expect(isValidGln(withGs1CheckDigit('950600013435')!)).toBe(true);
    expect(isValidGln('09506000134352')).toBe(false);
  });

  it('normalises every GTIN to fourteen digits', () => {
    expect(toGtin14('02345680')).toBe('00000002345680');
    expect(toGtin14('416000336108')).toBe('00416000336108');
    expect(toGtin14('9780764544200')).toBe('09780764544200');
    expect(toGtin14('09506000134352')).toBe('09506000134352');
    expect(toGtin14('9780764544201')).toBeUndefined();
    expect(toGtin14('12345')).toBeUndefined();
  });

  it('catches every single-digit error, and survives zero padding', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 20 }),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (body, at, delta) => {
          const key = withGs1CheckDigit(body)!;
          expect(hasValidGs1CheckDigit(key)).toBe(true);
          expect(hasValidGs1CheckDigit(`000${key}`)).toBe(true);
          const i = at % key.length;
          const changed = key.slice(0, i) + ((Number(key[i]) + delta) % 10) + key.slice(i + 1);
          expect(hasValidGs1CheckDigit(changed)).toBe(false);
        },
      ),
    );
  });
});
