import { describe, expect, it } from 'vitest';
import { summariseGs1 } from './gs1-data.ts';
import type { Gs1Element } from './gs1-element.ts';

const text = (ai: string, raw: string): Gs1Element => ({ ai, title: ai, raw, type: 'alphanumeric', value: raw });
const weight = (ai: string, raw: string, value: number): Gs1Element => ({
  ai,
  title: ai,
  raw,
  type: 'decimal',
  value,
  decimals: Number(ai.at(-1)),
});

describe('summarising GS1 elements', () => {
  it('names the facts flows ask for, and keeps everything in elements', () => {
    const elements = [text('01', '09506000134352'), text('10', 'L1'), text('240', 'X'), text('37', '24')];
    expect(summariseGs1(elements, { form: 'bracketed' })).toEqual({
      ok: true,
      value: { form: 'bracketed', elements, gtin: '09506000134352', lot: 'L1', count: 24 },
    });
  });

  it('takes repeats that agree and refuses ones that do not', () => {
    expect(summariseGs1([text('240', 'X'), text('240', 'X')], { form: 'element_string' }).ok).toBe(true);
    expect(summariseGs1([text('240', 'X'), text('240', 'Y')], { form: 'element_string' }, [0, 9])).toMatchObject({
      ok: false,
      error: { code: 'conflicting_ai', ai: '240', position: 9 },
    });
    const same = [weight('3102', '000025', 0.25), weight('3103', '000250', 0.25)];
    expect(summariseGs1(same, { form: 'element_string' })).toMatchObject({ ok: true, value: { netWeightKg: 0.25 } });
    const differ = [weight('3102', '000025', 0.25), weight('3103', '000025', 0.025)];
    expect(summariseGs1(differ, { form: 'element_string' })).toMatchObject({
      ok: false,
      error: { code: 'conflicting_ai' },
    });
  });

  it('reads ITIP into its parts', () => {
    const itip: Gs1Element = {
      ai: '8006',
      title: 'ITIP',
      raw: '095060001343520204',
      type: 'numeric',
      value: '095060001343520204',
    };
    expect(summariseGs1([itip], { form: 'element_string' })).toMatchObject({
      ok: true,
      value: { itip: { gtin: '09506000134352', piece: 2, total: 4 } },
    });
  });
});
