import type { PickTask } from '@fulfillment/domain/picklist/picklist-model';
import { remainingOf } from '@fulfillment/domain/picklist/validate-scan';

export type RejectionText = { title: string; detail: string };

/**
 * What the picker reads on a red screen: what is wrong and what to do, in a few plain words. The
 * domain's own message (precise, for the log) goes underneath.
 */
export function describeRejection(code: string, task: PickTask | undefined, message = ''): RejectionText {
  const bin = task?.location_code ?? '';
  const sku = task?.sku ?? '';
  const left = task ? remainingOf(task) : undefined;
  const title = ((): string => {
    switch (code) {
      case 'wrong_location':
        return task ? `Wrong bin — go to ${bin}` : 'Wrong bin';
      case 'wrong_item':
        return task ? `Wrong item — take ${sku}` : 'Wrong item';
      case 'over_pick':
        return left === undefined ? 'Too many picked — put the extra back' : `Too many — only ${left} needed`;
      case 'lot_mismatch':
        return task?.lot ? `Wrong lot — take lot ${task.lot}` : 'Wrong lot';
      case 'expired_lot':
        return 'Expired — do not pick. Take another unit';
      case 'duplicate_serial':
        return 'Serial already picked — scan another unit';
      case 'serial_required':
        return 'Scan the serial number label';
      case 'unreadable_barcode':
        return 'Barcode not readable — scan again or type it';
      case 'invalid_qty':
        return 'Quantity not allowed — check the number';
      case 'picklist_not_active':
        return 'This picklist is closed — go back to the list';
      case 'seq_reused':
        return 'Sent twice by mistake — not counted';
      case 'task_not_open':
        return 'Nothing left to pick here';
      case 'reason_required':
        return 'Choose a reason';
      case 'invalid_mutation':
      case 'validation_failed':
        return 'The server could not read this — tell a supervisor';
      default:
        return 'Not accepted — tell a supervisor';
    }
  })();
  return { title, detail: message };
}
