import type { PickTask, PicklistState } from '@fulfillment/domain/picklist/picklist-model';
import type { PicklistDisplay } from '../../../db/db-types.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

/**
 * A picklist as the server sends it (a pull change's `data`, or GET /picklists/{id}) made into the
 * state validateScan judges plus what the screens show. Lenient about the envelope (`id` or
 * `picklist_id`, the state inline or under `state`), strict about tasks: a picklist whose tasks
 * cannot be read is dropped rather than half-cached.
 */
export function picklistFromServer(data: unknown): { state: PicklistState; display: PicklistDisplay } | undefined {
  if (!isObject(data)) return undefined;
  const body = isObject(data.state) ? { ...data, ...data.state } : data;
  const id = text(body.picklist_id) ?? text(body.id);
  const status = text(body.status);
  if (!id || !status || !Array.isArray(body.tasks)) return undefined;
  const tasks = body.tasks.filter(isTask);
  if (tasks.length !== body.tasks.length) return undefined;
  return {
    state: {
      picklist_id: id,
      status: status as PicklistState['status'],
      tasks,
      picked_serials: strings(body.picked_serials),
      judged_scan_ids: strings(body.judged_scan_ids),
    },
    display: {
      name: text(body.name) ?? text(body.code),
      warehouse_id: text(body.warehouse_id),
      assigned_worker_id: text(body.assigned_worker_id),
      priority: text(body.priority),
      timezone: text(body.timezone),
    },
  };
}

function isTask(v: unknown): v is PickTask {
  if (!isObject(v)) return false;
  return (
    typeof v.task_id === 'string' &&
    typeof v.location_id === 'string' &&
    typeof v.location_code === 'string' &&
    typeof v.location_barcode === 'string' &&
    typeof v.sku === 'string' &&
    typeof v.qty_required === 'number' &&
    typeof v.qty_picked === 'number' &&
    typeof v.qty_short === 'number' &&
    typeof v.status === 'string' &&
    typeof v.sequence === 'number' &&
    Array.isArray(v.gtins)
  );
}
