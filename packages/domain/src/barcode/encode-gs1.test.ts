import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DigitalLinkOptions, encodeBracketed, encodeDigitalLink, encodeElementString } from './encode-gs1.ts';
import type { Gs1ElementInput } from './gs1-element.ts';
import { GS, parseGs1 } from './parse-gs1.ts';
import { expectWellFormed, validDigitalLinkElements, validElementList } from './testing/gs1-arbitraries.ts';

const options = { referenceYear: 2025 };
const gtin = { ai: '01', raw: '09506000134352' };
const lot = { ai: '10', raw: 'ABC123' };
const expiry = { ai: '17', raw: '251231' };
const value = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
};
const pairs = (elements: readonly Gs1ElementInput[]) => elements.map(({ ai, raw }) => ({ ai, raw }));
const sorted = (elements: readonly Gs1ElementInput[]) =>
  pairs(elements).sort((a, b) => (a.ai + a.raw < b.ai + b.raw ? -1 : 1));

describe('encodeElementString', () => {
  it('puts FNC1 after variable-length and non-predefined fields only, never at the end', () => {
    expect(value(encodeElementString([gtin, lot, expiry]))).toBe(`0109506000134352` + `10ABC123${GS}` + `17251231`);
    expect(value(encodeElementString([gtin, expiry, lot]))).toBe(`0109506000134352` + `17251231` + `10ABC123`);
    // (422) has a fixed length, but not one predefined by its first two digits: FNC1 still follows.
    expect(value(encodeElementString([{ ai: '422', raw: '250' }, gtin]))).toBe(`422250${GS}0109506000134352`);
  });

  it('can imitate a scanner: symbology identifier and FNC1 stand-in', () => {
    expect(value(encodeElementString([gtin, lot, expiry], { symbologyIdentifier: ']d2', groupSeparator: '~' }))).toBe(
      ']d2010950600013435210ABC123~17251231',
    );
    expect(encodeElementString([gtin], { symbologyIdentifier: ']E0' })).toMatchObject({
      ok: false,
      error: { code: 'bad_options' },
    });
    expect(encodeElementString([gtin], { groupSeparator: 'A' })).toMatchObject({
      ok: false,
      error: { code: 'bad_options' },
    });
  });

  it('refuses to write what the parser would refuse to read', () => {
    expect(encodeElementString([])).toMatchObject({ ok: false, error: { code: 'empty' } });
    expect(encodeElementString([{ ai: '23', raw: '1' }])).toMatchObject({ ok: false, error: { code: 'unknown_ai' } });
    expect(encodeElementString([{ ai: '01', raw: '09506000134353' }])).toMatchObject({
      ok: false,
      error: { code: 'bad_check_digit' },
    });
    expect(encodeElementString([{ ai: '10', raw: 'A B' }])).toMatchObject({
      ok: false,
      error: { code: 'bad_character' },
    });
    expect(encodeElementString([{ ai: '17', raw: '251301' }])).toMatchObject({
      ok: false,
      error: { code: 'bad_date' },
    });
    expect(encodeElementString([expiry, { ai: '17', raw: '260101' }])).toMatchObject({
      ok: false,
      error: { code: 'conflicting_ai' },
    });
    expect(encodeElementString([{ ai: '10', raw: 'A'.repeat(21) }])).toMatchObject({
      ok: false,
      error: { code: 'bad_length' },
    });
    expect(encodeElementString(null as unknown as Gs1ElementInput[])).toMatchObject({
      ok: false,
      error: { code: 'empty' },
    });
    expect(encodeElementString([null as unknown as Gs1ElementInput])).toMatchObject({
      ok: false,
      error: { code: 'unknown_ai' },
    });
  });
});

describe('encodeBracketed', () => {
  it('writes the human-readable form and escapes "(" in data', () => {
    expect(value(encodeBracketed([gtin, lot, expiry]))).toBe('(01)09506000134352(10)ABC123(17)251231');
    expect(value(encodeBracketed([{ ai: '10', raw: 'A(10)B' }]))).toBe('(10)A\\(10)B');
  });
});

describe('encodeDigitalLink', () => {
  it('puts the key and its qualifiers in the path, in GS1 order, and the rest in the query', () => {
    expect(value(encodeDigitalLink([expiry, { ai: '21', raw: 'XYZ' }, lot, gtin]))).toBe(
      'https://id.gs1.org/01/09506000134352/10/ABC123/21/XYZ?17=251231',
    );
    expect(
      value(
        encodeDigitalLink([
          { ai: '00', raw: '106141411234567897' },
          { ai: '3302', raw: '001234' },
        ]),
      ),
    ).toBe('https://id.gs1.org/00/106141411234567897?3302=001234');
  });

  it('uses the brand stem and percent-encodes data', () => {
    expect(value(encodeDigitalLink([gtin, { ai: '10', raw: 'A/B+C%' }], { stem: 'https://brand.example/p/' }))).toBe(
      'https://brand.example/p/01/09506000134352/10/A%2FB%2BC%25',
    );
    expect(encodeDigitalLink([gtin], { stem: 'ftp://x' })).toMatchObject({ ok: false, error: { code: 'bad_options' } });
    expect(encodeDigitalLink([gtin], { stem: 'https://x/?q' })).toMatchObject({
      ok: false,
      error: { code: 'bad_options' },
    });
    expect(encodeDigitalLink([gtin], { stem: 'https://bränd.example' })).toMatchObject({
      ok: false,
      error: { code: 'bad_options' },
    });
    expect(encodeDigitalLink([gtin], null as unknown as DigitalLinkOptions)).toMatchObject({ ok: true });
  });

  it('needs a primary key', () => {
    expect(encodeDigitalLink([lot, expiry])).toMatchObject({ ok: false, error: { code: 'no_primary_key' } });
  });
});

describe('round trips: encode then parse gives the elements back', () => {
  it('as an element string, with GS or a wedge stand-in, with or without symbology identifier', () => {
    fc.assert(
      fc.property(
        validElementList(),
        fc.constantFrom(undefined, ']C1', ']d2', ']Q3', ']e0'),
        fc.constantFrom(undefined, '~', '\u00e8'),
        (elements, symbologyIdentifier, groupSeparator) => {
          const encoded = value(encodeElementString(elements, { symbologyIdentifier, groupSeparator }));
          const parsed = value(parseGs1(encoded, { ...options, groupSeparator }));
          expect(pairs(parsed.elements)).toEqual(pairs(elements));
          expect(parsed.form).toBe('element_string');
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('as the bracketed form', () => {
    fc.assert(
      fc.property(validElementList(), (elements) => {
        const parsed = value(parseGs1(value(encodeBracketed(elements)), options));
        expect(pairs(parsed.elements)).toEqual(pairs(elements));
        expect(parsed.form).toBe('bracketed');
      }),
      { numRuns: 1000 },
    );
  });

  it('as a Digital Link, on any stem', () => {
    fc.assert(
      fc.property(
        validDigitalLinkElements(),
        fc.constantFrom('https://id.gs1.org', 'http://example.com/', 'HTTPS://brand.example/products/shop'),
        (elements, stem) => {
          const uri = value(encodeDigitalLink(elements, { stem }));
          const parsed = value(parseGs1(uri, options));
          expect(sorted(parsed.elements)).toEqual(sorted(elements));
          expect(parsed.form).toBe('digital_link');
          expect(parsed.uriStem).toBe(stem.replace(/\/$/, ''));
          // The same link written again is the same link.
          expect(value(encodeDigitalLink(parsed.elements, { stem: parsed.uriStem }))).toBe(uri);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('and a damaged encoding is refused cleanly, never with a throw', () => {
    const encodings = validElementList().chain((elements) =>
      fc.constantFrom(
        value(encodeElementString(elements, { symbologyIdentifier: ']C1' })),
        value(encodeBracketed(elements)),
        encodeDigitalLink(elements).ok ? value(encodeDigitalLink(elements)) : value(encodeBracketed(elements)),
      ),
    );
    const edit = fc.tuple(
      fc.nat(),
      fc.constantFrom('delete', 'insert', 'replace'),
      fc.constantFrom('0', '9', 'A', GS, '(', ')', '/', '%', '?', '&', '=', ' ', 'é'),
    );
    fc.assert(
      fc.property(encodings, fc.array(edit, { minLength: 1, maxLength: 3 }), (encoded, edits) => {
        let damaged = encoded;
        for (const [at, kind, char] of edits) {
          const i = at % (damaged.length + 1);
          damaged =
            damaged.slice(0, i) + (kind === 'delete' ? '' : char) + damaged.slice(kind === 'insert' ? i : i + 1);
        }
        expectWellFormed(damaged, parseGs1(damaged, options));
      }),
      { numRuns: 3000 },
    );
  });
});
