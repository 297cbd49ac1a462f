import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  comparePickPath,
  groupByLocation,
  naturalCompare,
  type PickPathPosition,
  sortByPickPath,
} from './pick-path.ts';
import { pickTask } from './testing/picklist-fixtures.ts';

const at = (o: Partial<PickPathPosition>): PickPathPosition => ({
  zone_sequence: 1,
  aisle: null,
  bay: null,
  level: null,
  position: null,
  location_code: 'X',
  sku: 'SKU',
  ...o,
});

describe('naturalCompare', () => {
  it.each([
    ['2', '10'],
    ['A-2', 'A-10'],
    ['a1', 'A2'],
    ['A9', 'B1'],
    ['1', 'A'],
    ['LON1-A-01-02-1', 'LON1-A-01-10-1'],
    ['bin', 'bin1'],
    ['02', '2'],
    ['A', 'a'],
  ])('%s before %s', (a, b) => {
    expect(naturalCompare(a, b)).toBeLessThan(0);
    expect(naturalCompare(b, a)).toBeGreaterThan(0);
  });

  const text = fc.string({ unit: fc.constantFrom(...'0129aAbB-_ '), maxLength: 8 });

  it('is a total order: only equal strings tie, antisymmetric, transitive (property)', () => {
    fc.assert(
      fc.property(text, text, text, (a, b, c) => {
        expect(naturalCompare(a, b) === 0).toBe(a === b);
        expect(Math.sign(naturalCompare(a, b)) + Math.sign(naturalCompare(b, a))).toBe(0);
        if (naturalCompare(a, b) <= 0 && naturalCompare(b, c) <= 0) expect(naturalCompare(a, c)).toBeLessThanOrEqual(0);
      }),
    );
  });
});

describe('pick path', () => {
  it('walks zones by pick sequence, then aisle, bay, level, position naturally, then code and SKU', () => {
    const stops = {
      zone2: at({ zone_sequence: 2, aisle: '1' }),
      aisle10: at({ aisle: '10' }),
      aisle2: at({ aisle: '2' }),
      aisle2bay3: at({ aisle: '2', bay: '3' }),
      aisle2bay3level1: at({ aisle: '2', bay: '3', level: '1' }),
      aisle2bay3level1pos2: at({ aisle: '2', bay: '3', level: '1', position: '2' }),
      aisle2bay3level1pos10: at({ aisle: '2', bay: '3', level: '1', position: '10' }),
      unknownAisle: at({ location_code: 'A' }),
      unknownAisleB: at({ location_code: 'B' }),
      unknownAisleBsku2: at({ location_code: 'B', sku: 'SKU2' }),
      noZone: at({ zone_sequence: null, aisle: '1' }),
    };
    const expected = [
      stops.aisle2bay3level1pos2,
      stops.aisle2bay3level1pos10,
      stops.aisle2bay3level1,
      stops.aisle2bay3,
      stops.aisle2,
      stops.aisle10,
      stops.unknownAisle,
      stops.unknownAisleB,
      stops.unknownAisleBsku2,
      stops.zone2,
      stops.noZone,
    ];
    expect(sortByPickPath([...expected].reverse(), (s) => s)).toEqual(expected);
  });

  it('gives the same order whatever the input order (property)', () => {
    const position = fc.record({
      zone_sequence: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
      aisle: fc.option(fc.constantFrom('1', '2', '10', 'A'), { nil: null }),
      bay: fc.option(fc.constantFrom('01', '2', '3'), { nil: null }),
      level: fc.option(fc.constantFrom('1', '2'), { nil: null }),
      position: fc.option(fc.constantFrom('1', '2'), { nil: null }),
      location_code: fc.constantFrom('A-1', 'A-2', 'A-10', 'B-1'),
      sku: fc.constantFrom('SKU-1', 'SKU-2'),
    });
    const items = fc.uniqueArray(fc.record({ id: fc.uuid(), at: position }), { selector: (i) => i.id, maxLength: 12 });
    fc.assert(
      fc.property(items, fc.func(fc.integer()), (list, shuffleKey) => {
        const shuffled = [...list].sort((a, b) => shuffleKey(a.id) - shuffleKey(b.id));
        const order = (xs: typeof list) =>
          sortByPickPath(
            xs,
            (i) => i.at,
            (i) => i.id,
          ).map((i) => i.id);
        expect(order(shuffled)).toEqual(order(list));
        const sorted = sortByPickPath(
          list,
          (i) => i.at,
          (i) => i.id,
        );
        for (let i = 1; i < sorted.length; i++)
          expect(comparePickPath(sorted[i - 1]!.at, sorted[i]!.at)).toBeLessThanOrEqual(0);
      }),
    );
  });
});

describe('groupByLocation', () => {
  it('groups tasks by bin in sequence order', () => {
    const tasks = [
      pickTask({ task_id: 'task_3', sequence: 3, location_id: 'loc_B' }),
      pickTask({ task_id: 'task_1', sequence: 1, location_id: 'loc_A' }),
      pickTask({ task_id: 'task_2', sequence: 2, location_id: 'loc_A', sku: 'SKU-CAP' }),
    ];
    const stops = groupByLocation(tasks);
    expect(stops.map((s) => [s.location_id, s.sequence, s.items.map((i) => i.task_id)])).toEqual([
      ['loc_A', 1, ['task_1', 'task_2']],
      ['loc_B', 3, ['task_3']],
    ]);
  });
});
