import { describe, expect, it } from 'vitest';
import { twoBinPicklist } from '../../../testing/picklist-fixtures.ts';
import { describeRejection } from './rejection-messages.ts';
import { checkLocation, guideTask } from './pick-guide.ts';
import { scanOptionsAt } from './scan-options.ts';

const options = scanOptionsAt(new Date('2026-01-05T09:00:00.000Z'), 'UTC');

describe('guided pick', () => {
  it('walks the pick path, and stays at the bin the picker stands at while it has work', () => {
    const state = twoBinPicklist();
    expect(guideTask(state)?.task_id).toBe('task_1');
    expect(guideTask(state, 'LOC-A-01-02-1')?.task_id).toBe('task_2');
    expect(guideTask(state, 'loc_2')?.task_id).toBe('task_2');
  });

  it('judges a bin scan with validateScan: a bin with nothing to pick is the wrong bin', () => {
    const state = twoBinPicklist();
    expect(checkLocation(state, 'LOC-A-01-02-1', options)).toBeNull();
    expect(checkLocation(state, 'LOC-B-09-09-9', options)).toMatchObject({ code: 'wrong_location' });
    expect(checkLocation(twoBinPicklist({ status: 'completed' }), 'LOC-A-01-01-1', options)).toMatchObject({
      code: 'picklist_not_active',
    });
  });

  it('says where to go in plain words', () => {
    const task = guideTask(twoBinPicklist({ tasks: [twoBinPicklist().tasks[1]!] }));
    expect(describeRejection('wrong_location', task).title).toBe('Wrong bin — go to A-01-02-1');
    expect(describeRejection('wrong_item', task).title).toBe('Wrong item — take SKU-CAP');
    expect(describeRejection('over_pick', task).title).toBe('Too many — only 1 needed');
  });
});
