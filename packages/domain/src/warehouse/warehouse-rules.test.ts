import { describe, expect, it } from 'vitest';
import { countryCodes, isCountryCode } from './country-codes.ts';
import { parseLocationCode } from './location-code.ts';
import { parseServiceableRegion } from './serviceable-regions.ts';
import { isTimeZone } from './timezone.ts';

describe('country codes', () => {
  it('holds exactly the 249 assigned ISO 3166-1 alpha-2 codes', () => {
    expect(countryCodes.size).toBe(249);
    expect(isCountryCode('GB')).toBe(true);
    expect(isCountryCode('US')).toBe(true);
  });

  it('refuses retired, reserved and lower-case codes', () => {
    for (const code of ['UK', 'EU', 'XK', 'SU', 'gb', 'GBR', '']) expect(isCountryCode(code)).toBe(false);
  });
});

describe('isTimeZone', () => {
  it('accepts IANA names, current and legacy', () => {
    for (const name of [
      'Europe/London',
      'UTC',
      'America/Argentina/Buenos_Aires',
      'Asia/Kolkata',
      'Asia/Calcutta',
      'Etc/GMT+5',
    ]) {
      expect(isTimeZone(name)).toBe(true);
    }
  });

  it('refuses unknown zones, offsets and junk', () => {
    for (const name of [
      'Mars/Olympus_Mons',
      '+01:00',
      'GMT+01:00',
      '',
      'Europe/London ',
      '../etc/passwd',
      'A'.repeat(65),
    ]) {
      expect(isTimeZone(name)).toBe(false);
    }
  });
});

describe('parseServiceableRegion', () => {
  it('reads a whole country or a country with a postcode prefix', () => {
    expect(parseServiceableRegion('GB')).toEqual({ country: 'GB', postcodePrefix: undefined });
    expect(parseServiceableRegion('GB:SW1')).toEqual({ country: 'GB', postcodePrefix: 'SW1' });
    expect(parseServiceableRegion('US:941')).toEqual({ country: 'US', postcodePrefix: '941' });
    expect(parseServiceableRegion('NL:1011 A')).toEqual({ country: 'NL', postcodePrefix: '1011 A' });
  });

  it('refuses unknown countries, lower case, empty or overlong prefixes', () => {
    for (const value of ['UK', 'gb', 'GB:', 'GB:sw1', 'GB: SW1', 'GB:SW1AAAAAAAA', 'GB-SW1', 'GBR']) {
      expect(parseServiceableRegion(value)).toBeUndefined();
    }
  });
});

describe('parseLocationCode', () => {
  it('splits aisle-bay-level-position codes', () => {
    expect(parseLocationCode('A-01-02-03')).toEqual({ aisle: 'A', bay: '01', level: '02', position: '03' });
    expect(parseLocationCode('12-004-1-2')).toEqual({ aisle: '12', bay: '004', level: '1', position: '2' });
  });

  it('leaves other schemes alone', () => {
    for (const code of ['A-01-02', 'A-01-02-03-04', 'DOCK1', 'A-1B-02-03', 'A_01_02_03']) {
      expect(parseLocationCode(code)).toBeUndefined();
    }
  });
});
