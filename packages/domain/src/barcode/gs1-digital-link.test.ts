import { describe, expect, it } from 'vitest';
import { lookupAi } from './gs1-application-identifiers.ts';
import {
  isAllowedQualifierPath,
  parseDigitalLink,
  percentEncodeDigitalLinkValue,
  planDigitalLink,
} from './gs1-digital-link.ts';

const parse = (uri: string) => parseDigitalLink(uri, 2025);

describe('GS1 Digital Link URIs', () => {
  it.each([
    {
      name: 'key, qualifiers and query on GS1 resolver',
      uri: 'https://id.gs1.org/01/09506000134352/10/ABC/21/XYZ?17=251231',
      value: { uriStem: 'https://id.gs1.org', gtin: '09506000134352', lot: 'ABC', serial: 'XYZ', expiry: '2025-12-31' },
    },
    {
      name: 'any domain, with a path of its own before the key',
      uri: 'https://brand.example/products/x/01/09506000134352',
      value: { uriStem: 'https://brand.example/products/x', gtin: '09506000134352' },
    },
    {
      name: 'http and upper-case scheme',
      uri: 'HTTP://example.com/00/106141411234567897',
      value: { sscc: '106141411234567897' },
    },
    {
      name: 'GTIN-13 without leading zero',
      uri: 'https://example.com/01/9780764544200',
      value: { gtin: '09780764544200' },
    },
    { name: 'GTIN-8', uri: 'https://example.com/01/02345680', value: { gtin: '00000002345680' } },
    {
      name: 'percent-encoded data',
      uri: 'https://example.com/01/09506000134352/10/A%2FB%2bC%25?400=PO%26X',
      value: { lot: 'A/B+C%', customerPo: 'PO&X' },
    },
    { name: 'a literal + stays a +', uri: 'https://example.com/01/09506000134352?10=A+B', value: { lot: 'A+B' } },
    {
      name: 'resolver parameters and fragment ignored',
      uri: 'https://example.com/01/09506000134352?linkType=gs1:pip&17=251200&context=x#top',
      value: { expiry: '2025-12-31', elements: [{ ai: '01' }, { ai: '17', dayOmitted: true }] },
    },
    { name: 'trailing slash', uri: 'https://example.com/01/09506000134352/', value: { gtin: '09506000134352' } },
    {
      name: 'deprecated convenience alphas',
      uri: 'https://example.com/gtin/09506000134352/lot/L1/ser/S1',
      value: { lot: 'L1', serial: 'S1' },
    },
    {
      name: 'a faux key in the stem; the rightmost key counts',
      uri: 'https://a/00/faux/00/106141411234567897',
      value: { uriStem: 'https://a/00/faux' },
    },
    {
      name: 'GLN with extension',
      uri: 'https://example.com/414/9506000134352/254/DOCK-4',
      value: { locationGln: '9506000134352' },
    },
    {
      name: 'ITIP with serial',
      uri: 'https://example.com/8006/095060001343520102/21/7',
      value: { itip: { piece: 1, total: 2 }, serial: '7' },
    },
    {
      name: 'weights as query attributes',
      uri: 'https://example.com/01/09506000134352?3103=000250&3302=001234',
      value: { netWeightKg: 0.25, grossWeightKg: 12.34 },
    },
  ])('reads $name', ({ uri, value }) => {
    expect(parse(uri)).toMatchObject({ ok: true, value: { form: 'digital_link', ...value } });
  });

  it.each([
    { name: 'a web page', uri: 'https://example.com/about/us', code: 'not_gs1' },
    { name: 'no path', uri: 'https://example.com', code: 'not_gs1' },
    { name: 'a blog date path', uri: 'https://blog.example/2024/05/01/my-post', code: 'not_gs1' },
    { name: 'not http', uri: 'ftp://example.com/01/09506000134352', code: 'not_gs1' },
    { name: 'bad check digit', uri: 'https://example.com/01/09506000134353', code: 'bad_check_digit' },
    {
      name: 'qualifiers out of order',
      uri: 'https://example.com/01/09506000134352/21/XYZ/10/ABC',
      code: 'malformed_uri',
    },
    {
      name: 'a qualifier the key does not take',
      uri: 'https://example.com/00/106141411234567897/10/ABC',
      code: 'malformed_uri',
    },
    { name: 'a broken percent-encoding', uri: 'https://example.com/01/09506000134352/10/AB%ZZ', code: 'malformed_uri' },
    { name: 'raw non-URI characters', uri: 'https://example.com/01/09506000134352/10/AB C', code: 'malformed_uri' },
    { name: 'no domain', uri: 'https:///01/09506000134352', code: 'malformed_uri' },
    { name: 'unknown AI in the query', uri: 'https://example.com/01/09506000134352?2399=1', code: 'unknown_ai' },
    { name: 'empty query value', uri: 'https://example.com/01/09506000134352?17=', code: 'bad_length' },
    { name: 'bad date in the query', uri: 'https://example.com/01/09506000134352?17=251301', code: 'bad_date' },
    { name: 'encoded non-ASCII data', uri: 'https://example.com/01/09506000134352/10/%C3%A9', code: 'bad_character' },
    { name: 'encoded NUL', uri: 'https://example.com/01/09506000134352/10/A%00', code: 'bad_character' },
    {
      name: 'query contradicting the path',
      uri: 'https://example.com/01/09506000134352/10/A?10=B',
      code: 'conflicting_ai',
    },
  ])('refuses $name', ({ uri, code }) => {
    const result = parse(uri);
    expect(result).toMatchObject({ ok: false, error: { code } });
    if (!result.ok && result.error.position !== undefined)
      expect(result.error.position).toBeLessThanOrEqual(uri.length);
  });

  it('checks qualifier order against every alternative the key allows', () => {
    const gtin = lookupAi('01')!;
    expect(isAllowedQualifierPath(gtin, [])).toBe(true);
    expect(isAllowedQualifierPath(gtin, ['22', '21'])).toBe(true);
    expect(isAllowedQualifierPath(gtin, ['235'])).toBe(true);
    expect(isAllowedQualifierPath(gtin, ['10', '235'])).toBe(false);
    expect(isAllowedQualifierPath(gtin, ['10', '10'])).toBe(false);
  });

  it('plans the path with the qualifier order that fits the most elements', () => {
    const plan = planDigitalLink([
      { ai: '17', raw: '251231' },
      { ai: '235', raw: 'T' },
      { ai: '01', raw: '09506000134352' },
    ]);
    expect(plan?.path.map((e) => e.ai)).toEqual(['01', '235']);
    expect(plan?.query.map((e) => e.ai)).toEqual(['17']);
    expect(planDigitalLink([{ ai: '10', raw: 'A' }])).toBeUndefined();
  });

  it('percent-encodes all but the unreserved characters', () => {
    expect(percentEncodeDigitalLinkValue(`AZaz09-._~!"%&'()*+,/:;<=>?`)).toBe(
      'AZaz09-._~%21%22%25%26%27%28%29%2A%2B%2C%2F%3A%3B%3C%3D%3E%3F',
    );
  });
});
