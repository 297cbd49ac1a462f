import bwipjs from 'bwip-js/node';
import { buildSandboxTrackingNumber } from '@fulfillment/domain/shipment/tracking-number';
import { describe, expect, it } from 'vitest';
import { LABEL_HEIGHT_DOTS, LABEL_WIDTH_DOTS, layoutLabel } from './label-layout.ts';
import { escapeZplFieldData, renderZpl, zplCode128 } from './render-zpl.ts';
import { SandboxCarrier } from './sandbox-carrier.ts';
import { labelRequest, NOW } from './testing/label-fixtures.ts';

const bwipModules = (text: string): number => {
  const [symbol] = bwipjs.raw('code128', text, {});
  if (!symbol || !('sbs' in symbol)) throw new Error('no encodation');
  return symbol.sbs.reduce((sum, width) => sum + width, 0);
};

async function zplLabel(overrides: Parameters<typeof labelRequest>[0] = {}) {
  const result = await new SandboxCarrier().createLabel(labelRequest({ format: 'zpl', ...overrides }), {
    now: NOW,
    sequence: 0,
  });
  return { result, zpl: new TextDecoder('utf-8', { fatal: true }).decode(result.data) };
}

describe('ZPL label', () => {
  it('is one ^XA...^XZ format per package, 4x6 in at 203 dpi, UTF-8', async () => {
    const { result, zpl } = await zplLabel();
    expect(result.content_type).toBe('application/zpl');
    expect(result.pages).toBe(2);
    expect(zpl.startsWith('^XA')).toBe(true);
    expect(zpl.endsWith('^XZ')).toBe(true);
    expect(zpl.match(/\^XA/g)).toHaveLength(2);
    // The address says "^XZ": escaped, it cannot end a format early.
    expect(zpl.match(/\^XZ/g)).toHaveLength(2);
    const formats = zpl.split(/(?<=\^XZ)\n/);
    expect(formats).toHaveLength(2);
    for (const format of formats) {
      expect(format).toMatch(/^\^XA\n\^CI28\n/);
      expect(format).toContain(`^PW${LABEL_WIDTH_DOTS}`);
      expect(format).toContain(`^LL${LABEL_HEIGHT_DOTS}`);
      expect(format).toContain('^PW812');
      expect(format).toContain('^LL1218');
      expect(format.endsWith('^XZ')).toBe(true);
    }
  });

  it('carries the tracking number as Code 128 and as text, and each SSCC as GS1-128 with FNC1', async () => {
    const { result, zpl } = await zplLabel();
    const tracking = result.tracking_number;
    const [first, second] = zpl.split(/(?<=\^XZ)\n/) as [string, string];
    // Start B for the letters and one digit, then code C for the ten digits left.
    const barcodeData = `>:${tracking.slice(0, 4)}>5${tracking.slice(4)}`;
    for (const format of [first, second]) {
      expect(format).toMatch(new RegExp(`\\^BCN,140,N,N,N\\^FD${barcodeData}\\^FS`));
      expect(format).toContain(`^FD${tracking}^FS`);
    }
    expect(first).toContain('^BCN,240,N,N,N^FD>;>800106141412345678908^FS');
    expect(first).toContain('^FD(00) 1 0614141234567890 8^FS');
    expect(second).toContain('^BCN,240,N,N,N^FD>;>800006141410000000012^FS');
    expect(second).toContain('PKG 2 OF 2');
  });

  it('prints the address block as written, with command characters escaped', async () => {
    const { zpl } = await zplLabel();
    expect(zpl).toContain('^FH^FDZoë Łukasiewicz-Müller^FS');
    expect(zpl).toContain('^FH^FD221B Baker Street _5EXZ _7EJA _5Fx^FS');
    expect(zpl).toContain('^FH^FDLondon, Greater London NW1 6XE^FS');
    expect(zpl).toContain('^FH^FDAcme Fulfilment Ltd^FS');
    expect(zpl).toContain('^FH^FDREF order_5Fshipment_5F123^FS');
    expect(zpl).toContain('SHIP DATE 2025-08-29');
  });

  it('puts every field inside the label', async () => {
    const { zpl } = await zplLabel();
    for (const [, x, y] of zpl.matchAll(/\^F[OT](\d+),(\d+)/g)) {
      expect(Number(x)).toBeLessThan(LABEL_WIDTH_DOTS);
      expect(Number(y)).toBeLessThanOrEqual(LABEL_HEIGHT_DOTS);
    }
  });
});

describe('escapeZplFieldData', () => {
  it('hex-escapes ^, ~, _ and control characters, and leaves the rest', () => {
    expect(escapeZplFieldData('a^b~c_d\te\u007f')).toBe('a_5Eb_7Ec_5Fd_09e_7F');
    expect(escapeZplFieldData('Zoë 東京')).toBe('Zoë 東京');
    expect(escapeZplFieldData('a\u0085b')).toBe('a_C2_85b');
  });
});

describe('zplCode128', () => {
  it('uses subset C for long digit runs, as the ZPL guide shows', () => {
    expect(zplCode128('SBX12345678905')).toEqual({ fieldData: '>:SBX1>52345678905', symbols: 12 });
    expect(zplCode128('123456')).toEqual({ fieldData: '>;123456', symbols: 5 });
    expect(zplCode128('12345')).toEqual({ fieldData: '>:1>52345', symbols: 6 });
    expect(zplCode128('4668860C6')).toEqual({ fieldData: '>;466886>60C6', symbols: 9 });
    expect(zplCode128('AB12CD')).toEqual({ fieldData: '>:AB12CD', symbols: 8 });
    expect(zplCode128('A1234B')).toEqual({ fieldData: '>:A1234B', symbols: 8 });
    expect(zplCode128('A123456B')).toEqual({ fieldData: '>:A>5123456>6B', symbols: 9 });
    expect(() => zplCode128('a>b')).toThrow();
    expect(() => zplCode128('')).toThrow();
  });

  it('prints as wide as the bwip-js symbol the PNG and PDF draw, so the layout is the same', () => {
    // A fixed pseudo-random walk (no fast-check in this package): tracking numbers and A-Z/0-9 mixes.
    let seed = 20250829;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const samples: string[] = [];
    for (let i = 0; i < 300; i++) {
      samples.push(buildSandboxTrackingNumber(next(10_000_000_000))!);
      const length = 1 + next(24);
      let text = '';
      for (let j = 0; j < length; j++) text += next(3) === 0 ? 'ABCXYZ'[next(6)] : String(next(10));
      samples.push(text);
    }
    for (const value of samples) expect(11 * zplCode128(value).symbols + 13, value).toBe(bwipModules(value));
  });

  it('matches the layout width of the tracking barcode', () => {
    const layout = layoutLabel({
      trackingNumber: 'SBX12345678905',
      serviceName: 'express',
      from: labelRequest().from,
      to: labelRequest().to,
      package: labelRequest().packages[0]!,
      index: 1,
      count: 1,
      reference: 'r',
      shipmentId: 'sh_1',
      shipDate: '2025-08-29',
    });
    const zpl = renderZpl([layout]);
    expect(zpl).toContain('^FD>:SBX1>52345678905^FS');
    const barcode = layout.elements.find((e) => e.kind === 'barcode' && e.symbology === 'code128');
    expect(barcode).toMatchObject({ modules: 11 * 12 + 13, module: 4 });
  });
});
