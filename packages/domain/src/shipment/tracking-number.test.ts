import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildSandboxTrackingNumber,
  isValidSandboxTrackingNumber,
  MAX_SANDBOX_TRACKING_SERIAL,
  SANDBOX_TRACKING_NUMBER_LENGTH,
  sandboxTrackingSerial,
} from './tracking-number.ts';

const serial = fc.integer({ min: 0, max: MAX_SANDBOX_TRACKING_SERIAL });
const build = (n: number | string): string => {
  const tracking = buildSandboxTrackingNumber(n);
  if (tracking === undefined) throw new Error(`no tracking number for ${n}`);
  return tracking;
};

describe('sandbox tracking numbers', () => {
  it('are SBX + ten serial digits + the GS1 mod-10 check digit', () => {
    expect(build(1)).toBe('SBX00000000017');
    expect(build('1')).toBe('SBX00000000017');
    expect(build(0)).toBe('SBX00000000000');
    // 1234567890: weights 3,1,3,... from the right give 3*(0+8+6+4+2) + (9+7+5+3+1) = 85 -> 5.
    expect(build(1_234_567_890)).toBe('SBX12345678905');
    expect(build(MAX_SANDBOX_TRACKING_SERIAL)).toHaveLength(SANDBOX_TRACKING_NUMBER_LENGTH);
    expect(sandboxTrackingSerial('SBX12345678905')).toBe('1234567890');
  });

  it('refuse serials that do not fit', () => {
    for (const bad of [-1, 1.5, MAX_SANDBOX_TRACKING_SERIAL + 1, Number.NaN, '', '12345678901', '12a', ' 1']) {
      expect(buildSandboxTrackingNumber(bad)).toBeUndefined();
    }
  });

  it('refuse anything but the exact shape', () => {
    for (const bad of [
      'SBX12345678904', // wrong check digit
      'sbx12345678905', // lower case
      'SBX1234567890', // check digit missing
      'SBX123456789055',
      ' SBX12345678905',
      'SBX12345678905\n',
      'SBY12345678905',
      'SBX1234567890x',
      '',
    ]) {
      expect(isValidSandboxTrackingNumber(bad)).toBe(false);
      expect(sandboxTrackingSerial(bad)).toBeUndefined();
    }
    expect(isValidSandboxTrackingNumber(undefined as unknown as string)).toBe(false);
  });

  it('generated ones validate and give back their serial', () => {
    fc.assert(
      fc.property(serial, (n) => {
        const tracking = build(n);
        expect(tracking).toMatch(/^SBX[0-9]{11}$/);
        expect(isValidSandboxTrackingNumber(tracking)).toBe(true);
        expect(Number(sandboxTrackingSerial(tracking))).toBe(n);
      }),
    );
  });

  it('any single-digit change fails', () => {
    const change = fc.record({
      n: serial,
      position: fc.integer({ min: 3, max: SANDBOX_TRACKING_NUMBER_LENGTH - 1 }),
      shift: fc.integer({ min: 1, max: 9 }),
    });
    fc.assert(
      fc.property(change, ({ n, position, shift }) => {
        const tracking = build(n);
        const digit = (Number(tracking[position]) + shift) % 10;
        const changed = tracking.slice(0, position) + digit + tracking.slice(position + 1);
        expect(changed).not.toBe(tracking);
        expect(isValidSandboxTrackingNumber(changed)).toBe(false);
      }),
    );
  });

  it('every single-digit change of one number fails, exhaustively', () => {
    const tracking = build(9_876_543_210);
    for (let position = 3; position < tracking.length; position++) {
      for (let digit = 0; digit <= 9; digit++) {
        if (String(digit) === tracking[position]) continue;
        const changed = tracking.slice(0, position) + digit + tracking.slice(position + 1);
        expect(isValidSandboxTrackingNumber(changed)).toBe(false);
      }
    }
  });
});
