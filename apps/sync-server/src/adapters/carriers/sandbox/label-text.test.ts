import { describe, expect, it } from 'vitest';
import { foldText, isPrintableAscii } from './label-text.ts';

const latin1 = (codePoint: number) => isPrintableAscii(codePoint) || (codePoint >= 0xa0 && codePoint <= 0xff);

describe('foldText', () => {
  it('keeps what the font has', () => {
    expect(foldText('221B Baker Street ^~_', isPrintableAscii)).toBe('221B Baker Street ^~_');
    expect(foldText('Zoë Müller', latin1)).toBe('Zoë Müller');
  });

  it('folds letters the font lacks to ones it has', () => {
    expect(foldText('Zoë Łukasiewicz-Müller', isPrintableAscii)).toBe('Zoe Lukasiewicz-Muller');
    expect(foldText('Łódź', latin1)).toBe('Łódź'.replace('Ł', 'L').replace('ź', 'z'));
    expect(foldText('Straße', isPrintableAscii)).toBe('Strasse');
    expect(foldText('Ærøskøbing', isPrintableAscii)).toBe('AEroskobing');
    expect(foldText('O’Brien – “Dock”', isPrintableAscii)).toBe('O\'Brien - "Dock"');
  });

  it('marks what cannot be folded and flattens whitespace and control characters', () => {
    expect(foldText('東京 1-2', isPrintableAscii)).toBe('?? 1-2');
    expect(foldText('a\tb\n\nc\u0000d  e', isPrintableAscii)).toBe('a b c d e');
    expect(foldText('  x  ', isPrintableAscii)).toBe('x');
  });
});
