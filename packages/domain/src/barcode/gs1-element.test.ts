import { describe, expect, it } from 'vitest';
import { withGs1CheckDigit } from './check-digit.ts';
import { lookupAi } from './gs1-application-identifiers.ts';
import { checkField, checkFieldShape, decodeField } from './gs1-element.ts';

const def = (ai: string) => lookupAi(ai)!;

describe('checking one AI field', () => {
  it('separates shape (could it be this AI?) from content (is it right?)', () => {
    expect(checkFieldShape(def('01'), '09506000134353')).toBeUndefined();
    expect(checkField(def('01'), '09506000134353')).toMatchObject({ code: 'bad_check_digit', offset: 13 });
    expect(checkFieldShape(def('01'), '0950600013435')).toMatchObject({ code: 'bad_length' });
  });

  it('handles fields with a numeric head and text tail', () => {
    const gdti = withGs1CheckDigit('950600013435')!;
    expect(checkField(def('253'), gdti)).toBeUndefined();
    expect(checkField(def('253'), `${gdti}DOC-1`)).toBeUndefined();
    expect(checkField(def('421'), '528 1234AB')).toMatchObject({ code: 'bad_character', offset: 3 });
    expect(checkField(def('421'), '5281234AB')).toBeUndefined();
    expect(checkField(def('421'), 'NL1234AB')).toMatchObject({ code: 'bad_character', offset: 0 });
    expect(checkField(def('7040'), '1A2B')).toBeUndefined();
  });

  it('applies the per-AI rules', () => {
    const grai = withGs1CheckDigit('0950600013435')!;
    expect(checkField(def('8003'), `${grai}PALLET-7`)).toBeUndefined();
    expect(checkField(def('8003'), withGs1CheckDigit('1950600013435')!)).toMatchObject({ code: 'bad_value' });
    expect(checkField(def('8006'), '095060001343520202')).toBeUndefined();
    expect(checkField(def('8006'), '095060001343520002')).toMatchObject({ code: 'bad_value' });
  });

  it('decodes each data type', () => {
    expect(decodeField(def('10'), 'ABC', 2025)).toMatchObject({
      ok: true,
      element: { type: 'alphanumeric', value: 'ABC' },
    });
    expect(decodeField(def('3204'), '012345', 2025)).toMatchObject({
      ok: true,
      element: { type: 'decimal', value: 1.2345, decimals: 4, title: 'NET WEIGHT (lb)' },
    });
    expect(decodeField(def('15'), '260300', 2025)).toMatchObject({
      ok: true,
      element: { type: 'date', value: '2026-03-31', dayOmitted: true },
    });
    expect(decodeField(def('11'), '000229', 2080)).toMatchObject({ ok: false, problem: { code: 'bad_date' } });
  });
});
