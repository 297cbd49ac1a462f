import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/context.ts';
import { page, pageRequestOf, paginationQuery } from '../../platform/pagination.ts';
import { defineRoute, jsonResponse } from '../../platform/route.ts';
import { listOf, pathParams } from '../../platform/schemas.ts';
import { requirePackStation } from './pack-stations.commands.ts';
import { listPackQueue } from './pack-queue.queries.ts';

const Dims = z.object({ l: z.number().int(), w: z.number().int(), h: z.number().int() });

const PackQueueLine = z.object({
  line_id: z.string().openapi({ example: 'fl_01JAAAAAAAAAAAAAAAAAAAAAAA' }),
  order_line_id: z.string(),
  sku: z.string(),
  picked_qty: z.number().int().openapi({ description: 'Units picked for the line, packed or not.' }),
  packed_qty: z.number().int().openapi({ description: 'Units already in packages (open or sealed).' }),
  qty: z.number().int().openapi({ description: 'Picked and not yet packed: what may still go in a package.' }),
  serials: z.array(z.string()).openapi({ description: 'Picked serials not yet packed; empty for a line without.' }),
  gtins: z.array(z.string()).openapi({ description: 'GTIN-14s that count as the SKU (`attributes.gtin(s)`).' }),
  dims_mm: Dims.nullable().openapi({ description: 'One unit, from `attributes.dims_mm`; null when not given.' }),
  weight_g: z.number().int().nullable().openapi({ description: 'One unit, from `attributes.weight_g`.' }),
});

const PackQueueEntry = z
  .object({
    fulfillment_id: z.string().openapi({ example: 'ful_01JAAAAAAAAAAAAAAAAAAAAAAA' }),
    order_id: z.string(),
    status: z.enum(['picked', 'packing']),
    warehouse_id: z.string(),
    picklist_id: z.string().nullable().openapi({ description: 'The picklist (tote) it was picked on.' }),
    package_ids: z.array(z.string()).openapi({ description: 'Packages already holding units of it.' }),
    lines: z.array(PackQueueLine),
  })
  .openapi('PackQueueEntry');

const PackQueueList = listOf(PackQueueEntry, 'PackQueueList');
const PackQueueQuery = z.strictObject({ ...paginationQuery });

/**
 * Extension to section 3: what waits at a pack station, for a handheld or pack-station PC to
 * prefetch while online and pack from offline. Mounted by pack-stations.routes.ts.
 */
export function packQueueRoutes() {
  return new OpenAPIHono<AppEnv>().openapi(
    defineRoute(
      { permission: 'packing:pack', errors: { 409: '`station_inactive`' } },
      {
        method: 'get',
        path: '/pack-stations/{stationId}/queue',
        tags: ['Pack stations'],
        summary: 'List the fulfillments waiting to be packed at a station',
        description: [
          "Extension to the original surface. The fulfillments of the station's warehouse that are `picked` or `packing`, oldest first, each line with what was picked and is not yet in a package (`qty`, `serials`): exactly what `POST /pack-stations/{stationId}/pack` would still accept. `package_ids` are the packages already holding units of the fulfillment, so a client can tell which of its own packages these numbers already count.",
          'Each line also carries what its `attributes` say about one unit for the scanner and for cartonization: `gtins` (from `gtin`/`gtins`), `dims_mm` ({l, w, h} in mm) and `weight_g`. Needs no open session.',
        ].join('\n\n'),
        request: { params: pathParams('stationId'), query: PackQueueQuery },
        responses: { 200: jsonResponse(PackQueueList, 'A page of fulfillments waiting to be packed') },
      },
    ),
    (c) => {
      const { stationId } = c.req.valid('param');
      const q = c.req.valid('query');
      const tenantId = c.var.tenantId;
      // One read transaction: the station and its queue as of one moment.
      const rows = c.var.deps.db.transaction((tx) => {
        const station = requirePackStation(tx, tenantId, stationId);
        return listPackQueue(tx, tenantId, station.warehouseId, pageRequestOf(q));
      });
      const { data, next_cursor } = page(c, rows, q.limit);
      return c.json({ data: data.map((r) => r.entry), next_cursor }, 200);
    },
  );
}
