import { describe, expect, it } from 'vitest';
import {
  findAiAt,
  firstNonCset82,
  gs1ApplicationIdentifiers,
  isCset82,
  lookupAi,
  predefinedLengthPrefixes,
  requiresSeparator,
} from './gs1-application-identifiers.ts';

describe('the AI table', () => {
  it('holds the AIs the warehouse flows rely on', () => {
    const wanted = ['00', '01', '02', '10', '11', '13', '15', '17', '21', '30', '37', '400', '414', '8006'];
    for (const n of [0, 1, 2, 3, 4, 5]) wanted.push(`310${n}`, `330${n}`);
    for (const ai of wanted) expect(lookupAi(ai), ai).toBeDefined();
  });

  it('describes fields the way the GS1 General Specifications do', () => {
    expect(lookupAi('00')).toMatchObject({
      title: 'SSCC',
      type: 'numeric',
      minLength: 18,
      maxLength: 18,
      checkDigitLength: 18,
    });
    expect(lookupAi('01')).toMatchObject({ title: 'GTIN', minLength: 14, maxLength: 14, checkDigitLength: 14 });
    expect(lookupAi('10')).toMatchObject({ type: 'alphanumeric', minLength: 1, maxLength: 20 });
    expect(lookupAi('17')).toMatchObject({ type: 'date', minLength: 6, maxLength: 6 });
    expect(lookupAi('30')).toMatchObject({ type: 'numeric', minLength: 1, maxLength: 8 });
    expect(lookupAi('3103')).toMatchObject({ type: 'decimal', decimals: 3, maxLength: 6, title: 'NET WEIGHT (kg)' });
    expect(lookupAi('3305')).toMatchObject({ type: 'decimal', decimals: 5, title: 'GROSS WEIGHT (kg)' });
    expect(lookupAi('400')).toMatchObject({ type: 'alphanumeric', maxLength: 30 });
    expect(lookupAi('414')).toMatchObject({ minLength: 13, maxLength: 13, checkDigitLength: 13 });
    expect(lookupAi('8006')).toMatchObject({
      minLength: 18,
      maxLength: 18,
      checkDigitLength: 14,
      rule: 'piece_of_total',
    });
    expect(lookupAi('3106')).toBeUndefined(); // n runs 0-5 only
  });

  it('lists each AI once, and no AI is the start of another (so reading one is unambiguous)', () => {
    const ais = gs1ApplicationIdentifiers.map((d) => d.ai);
    expect(new Set(ais).size).toBe(ais.length);
    for (const a of ais) {
      expect(a).toMatch(/^[0-9]{2,4}$/);
      for (const b of ais) if (a !== b) expect(b.startsWith(a), `${a} is a prefix of ${b}`).toBe(false);
    }
  });

  it('agrees with the predefined-length table wherever an AI falls under it', () => {
    for (const def of gs1ApplicationIdentifiers) {
      const total = predefinedLengthPrefixes[def.ai.slice(0, 2)];
      if (total === undefined) continue;
      expect(def.minLength, def.ai).toBe(def.maxLength);
      expect(def.ai.length + def.maxLength, def.ai).toBe(total);
    }
  });

  it('has sound lengths for every field', () => {
    for (const def of gs1ApplicationIdentifiers) {
      expect(def.minLength, def.ai).toBeGreaterThanOrEqual(1);
      expect(def.maxLength, def.ai).toBeGreaterThanOrEqual(def.minLength);
      expect(def.ai.length + def.maxLength, def.ai).toBeLessThanOrEqual(94); // fits one GS1 element
      if (def.checkDigitLength !== undefined) expect(def.checkDigitLength).toBeLessThanOrEqual(def.minLength);
      if (def.type === 'decimal') expect(def.decimals).toBe(Number(def.ai.at(-1)));
    }
  });

  it('asks for FNC1 only after elements whose length the AI does not fix', () => {
    for (const ai of ['00', '01', '02', '11', '13', '15', '17', '20', '3103', '3302', '410', '414']) {
      expect(requiresSeparator(ai), ai).toBe(false);
    }
    for (const ai of ['10', '21', '30', '37', '400', '422', '8006', '90']) expect(requiresSeparator(ai), ai).toBe(true);
  });

  it('finds the AI at a position, whatever its length', () => {
    const data = '0109506000134352' + '3103000250' + '400PO-1' + '8006095060001343520102';
    expect(findAiAt(data, 0)?.ai).toBe('01');
    expect(findAiAt(data, 16)?.ai).toBe('3103');
    expect(findAiAt(data, 26)?.ai).toBe('400');
    expect(findAiAt(data, 33)?.ai).toBe('8006');
    expect(findAiAt('2399', 0)).toBeUndefined();
    expect(findAiAt('31', 0)).toBeUndefined(); // cut short
    expect(findAiAt('x1', 0)).toBeUndefined();
  });

  it('knows the CSET 82 characters AI data may hold', () => {
    expect(isCset82(`!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`)).toBe(true);
    for (const c of [' ', '#', '$', '@', '[', '\\', ']', '^', '`', '{', '|', '}', '~', '\u001d', 'é', '\u0000']) {
      expect(isCset82(c), JSON.stringify(c)).toBe(false);
    }
    expect(firstNonCset82('AB C')).toBe(2);
    expect(firstNonCset82('ABC')).toBe(-1);
  });
});
