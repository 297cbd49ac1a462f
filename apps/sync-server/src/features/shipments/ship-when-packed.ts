import type { Tx } from '../../db/client.ts';
import type { Actor } from '../../platform/context.ts';
import { enqueueJob } from '../../platform/jobs/enqueue.ts';
import { findFulfillmentRow } from '../fulfillments/fulfillments.queries.ts';
import { DEFAULT_LABEL_FORMAT } from './shipment-labels.ts';
import { createShipment } from './shipments.commands.ts';

/**
 * The pack station's "print the label" step: when a fulfillment's last package is sealed and the
 * fulfillment knows where it goes (`ship_to`), its shipment is created (routing rules choose the
 * carrier) in the sealing transaction and the label is made by a job right after, so a handheld that
 * sealed offline finds the label once it has synced. Without `ship_to`, shipping is left to the API.
 */
export function shipWhenPacked(tx: Tx, actor: Actor, fulfillmentId: string): string | null {
  const fulfillment = findFulfillmentRow(tx, actor.tenantId, fulfillmentId);
  if (!fulfillment?.shipTo || fulfillment.status !== 'ready_to_ship') return null;
  const shipmentId = createShipment(tx, actor, { fulfillment_id: fulfillmentId }, undefined);
  enqueueJob(tx, actor, {
    type: 'shipments.generate_label',
    input: { shipment_id: shipmentId, label_format: DEFAULT_LABEL_FORMAT },
    total: 1,
  });
  return shipmentId;
}
