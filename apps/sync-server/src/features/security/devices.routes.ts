import { OpenAPIHono } from '@hono/zod-openapi';
import { actorOf } from '../../platform/actor.ts';
import { checkPreconditions, setEtag } from '../../platform/concurrency.ts';
import type { AppEnv } from '../../platform/context.ts';
import { page, pageRequestOf } from '../../platform/pagination.ts';
import { notFound, ProblemError } from '../../platform/problem.ts';
import { defineRoute, jsonBody, jsonResponse } from '../../platform/route.ts';
import { pathParams } from '../../platform/schemas.ts';
import { registerDevice, revokeDevice } from './devices.commands.ts';
import { findDeviceRow, listDevices, toDeviceResource } from './devices.queries.ts';
import { signKeyToken } from './key-tokens.ts';
import { toKeyResource } from './keys.queries.ts';
import {
  Device,
  DeviceList,
  ListDevicesQuery,
  RegisterDeviceRequest,
  RegisterDeviceResponse,
  RegisterParams,
  RevokeDeviceRequest,
} from './security.schemas.ts';

const tags = ['Security'];
const Params = pathParams('deviceId');

export function deviceRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(
        {
          permission: 'devices:register',
          creates: true,
          errors: {
            409: 'Idempotency key in use',
            412: 'If-Match failed',
            422: 'Unknown or inactive warehouse; idempotency key reused',
          },
        },
        {
          method: 'post',
          path: '/devices/{deviceId}/register',
          tags,
          summary: 'Register a handheld, printer, scale or pack-station PC',
          description:
            "`deviceId` is the device's own id as printed on it. The first registration answers 201, a re-registration 200: it replaces the fields sent (null clears `model` or `warehouse_id`) and re-activates a revoked device. Every registration issues a fresh device key; its `token` is shown in this response only (and in an Idempotency-Key replay of it).",
          request: { params: RegisterParams, body: jsonBody(RegisterDeviceRequest) },
          responses: {
            201: jsonResponse(RegisterDeviceResponse, 'Registered'),
            200: jsonResponse(RegisterDeviceResponse, 'Registered again'),
          },
        },
      ),
      async (c) => {
        const { deviceId } = c.req.valid('param');
        const input = c.req.valid('json');
        const { db, tokens } = c.var.deps;
        const actor = actorOf(c);
        const result = db.transaction((tx) => {
          const current = findDeviceRow(tx, actor.tenantId, deviceId);
          if (current) checkPreconditions(c, current.version);
          else if (c.req.header('If-Match') !== undefined) {
            throw new ProblemError(
              412,
              'precondition_failed',
              `If-Match was sent but device ${deviceId} is not registered`,
            );
          }
          const { created, key } = registerDevice(tx, actor, deviceId, input);
          return { created, key, device: toDeviceResource(findDeviceRow(tx, actor.tenantId, deviceId)!) };
        });
        // Signed after commit: a transaction cannot await, and the token is derived from the stored key.
        const token = await signKeyToken(tokens, result.key);
        c.set('sensitiveResponse', true);
        const body = { device: result.device, key: { ...toKeyResource(result.key, actor.now), token } };
        setEtag(c, result.device.version);
        if (!result.created) return c.json(body, 200);
        c.header('Location', `/v1/fulfillment/devices/${encodeURIComponent(deviceId)}`);
        return c.json(body, 201);
      },
    )
    .openapi(
      defineRoute(
        { permission: 'devices:read' },
        {
          method: 'get',
          path: '/devices',
          tags,
          summary: 'List registered devices',
          description: 'Filter by `status`, `type`, `warehouse_id`. In registration order.',
          request: { query: ListDevicesQuery },
          responses: { 200: jsonResponse(DeviceList, 'A page of devices') },
        },
      ),
      (c) => {
        const q = c.req.valid('query');
        const rows = listDevices(
          c.var.deps.db,
          c.var.tenantId,
          { status: q.status, type: q.type, warehouseId: q.warehouse_id },
          pageRequestOf(q),
        );
        const { data, next_cursor } = page(c, rows, q.limit);
        return c.json({ data: data.map((r) => r.device), next_cursor }, 200);
      },
    )
    .openapi(
      defineRoute(
        { permission: 'devices:read' },
        {
          method: 'get',
          path: '/devices/{deviceId}',
          tags,
          summary: 'Get a device',
          request: { params: Params },
          responses: { 200: jsonResponse(Device, 'The device') },
        },
      ),
      (c) => {
        const { deviceId } = c.req.valid('param');
        const row = findDeviceRow(c.var.deps.db, c.var.tenantId, deviceId);
        if (!row) throw notFound('device', deviceId);
        setEtag(c, row.version);
        return c.json(toDeviceResource(row), 200);
      },
    )
    .openapi(
      defineRoute(
        {
          permission: 'devices:revoke',
          errors: { 409: 'Already revoked, or stale version', 412: 'If-Match failed' },
        },
        {
          method: 'post',
          path: '/devices/{deviceId}/revoke',
          tags,
          summary: 'Revoke a device and every key it holds',
          description:
            'Its device keys and the worker keys signed in on it stop working at once, and stay revoked if the device is registered again.',
          request: { params: Params, body: { ...jsonBody(RevokeDeviceRequest), required: false } },
          responses: { 200: jsonResponse(Device, 'Revoked') },
        },
      ),
      (c) => {
        const { deviceId } = c.req.valid('param');
        const input = c.req.valid('json') ?? {};
        const { db } = c.var.deps;
        const actor = actorOf(c);
        const device = db.transaction((tx) => {
          const row = findDeviceRow(tx, actor.tenantId, deviceId);
          if (!row) throw notFound('device', deviceId);
          checkPreconditions(c, row.version, input.version);
          revokeDevice(tx, actor, deviceId, input.reason ?? null);
          return toDeviceResource(findDeviceRow(tx, actor.tenantId, deviceId)!);
        });
        setEtag(c, device.version);
        return c.json(device, 200);
      },
    );
}
