import { describe, expect, it } from 'vitest';
import type { OutboxRow } from '../../../db/db-types.ts';
import { twoBinPicklist } from '../../../testing/picklist-fixtures.ts';
import { interpretPickResult } from './interpret-pick-result.ts';
import { picklistFromServer } from './picklist-from-server.ts';

describe('picklistFromServer', () => {
  it('reads the state the server publishes, with what the list screen shows', () => {
    const state = twoBinPicklist();
    const read = picklistFromServer({
      ...state,
      version: 3,
      warehouse_id: 'wh_1',
      assigned_worker_id: 'wkr_1',
      timezone: 'Europe/London',
    });
    expect(read?.state).toEqual(state);
    expect(read?.display).toMatchObject({
      warehouse_id: 'wh_1',
      assigned_worker_id: 'wkr_1',
      timezone: 'Europe/London',
    });
  });

  it('accepts `id` for the picklist id and drops what it cannot read', () => {
    const { picklist_id, ...rest } = twoBinPicklist();
    expect(picklistFromServer({ ...rest, id: picklist_id })?.state.picklist_id).toBe(picklist_id);
    expect(picklistFromServer({ ...rest, id: picklist_id, tasks: [{ location_code: 'A' }] })).toBeUndefined();
    expect(picklistFromServer(null)).toBeUndefined();
  });
});

describe('interpretPickResult', () => {
  const row = { name: 'pick.scan' } as OutboxRow;
  it('finds a scan the server refused inside an applied pick.scan', () => {
    const result = {
      mutation_id: 'm',
      seq: 1,
      status: 'applied' as const,
      result: { results: [{ scan_id: 's', status: 'rejected', verdict: 'rejected', code: 'over_pick', message: 'x' }] },
    };
    expect(interpretPickResult(row, result)).toEqual({ code: 'over_pick', message: 'x' });
    expect(
      interpretPickResult(row, { ...result, result: [{ scan_id: 's', status: 'accepted', verdict: 'accepted' }] }),
    ).toBeUndefined();
  });
});
