import {
  deviceIdSchema,
  deviceStatuses,
  deviceTypes,
  registerDeviceInput,
  revokeDeviceInput,
} from '@fulfillment/domain/security/device-schemas';
import { createKeyInput, keyKinds, revokeKeyInput } from '@fulfillment/domain/security/key-schemas';
import { roles } from '@fulfillment/domain/security/roles';
import { z } from '@hono/zod-openapi';
import { paginationQuery } from '../../platform/pagination.ts';
import { listOf, resourceBase } from '../../platform/schemas.ts';

export const RegisterDeviceRequest = registerDeviceInput.openapi('RegisterDeviceRequest', {
  example: {
    type: 'handheld',
    name: 'Scanner 12',
    model: 'Zebra TC52',
    warehouse_id: 'wh_01JAAAAAAAAAAAAAAAAAAAAAAA',
    metadata: {},
  },
});
export const RevokeDeviceRequest = revokeDeviceInput.openapi('RevokeDeviceRequest');
export const CreateKeyRequest = createKeyInput.openapi('CreateKeyRequest', {
  example: { kind: 'worker', device_id: 'scanner_12', badge_id: 'B-1001' },
});
export const RevokeKeyRequest = revokeKeyInput.openapi('RevokeKeyRequest');

/** Register names the device by its own printed id: a malformed one is bad input (400), not "not found". */
export const RegisterParams = z.object({
  deviceId: deviceIdSchema.openapi({ param: { name: 'deviceId', in: 'path' }, example: 'scanner_12' }),
});

export const Device = z
  .object({
    id: z.string().openapi({ example: 'scanner_12', description: "The device's own id, as printed on it." }),
    type: z.enum(deviceTypes),
    name: z.string(),
    model: z.string().nullable(),
    warehouse_id: z.string().nullable(),
    status: z.enum(deviceStatuses),
    registered_at: z.string().openapi({ description: 'The latest (re-)registration.' }),
    revoked_at: z.string().nullable(),
    ...resourceBase,
  })
  .openapi('Device');

export const ApiKey = z
  .object({
    id: z.string().openapi({ example: 'key_01JAAAAAAAAAAAAAAAAAAAAAAA', description: "Also the token's `jti`." }),
    kind: z.enum(keyKinds),
    name: z.string().nullable(),
    device_id: z.string().nullable(),
    worker_id: z.string().nullable(),
    roles: z
      .array(z.string())
      .openapi({ description: 'Roles the token carries: the worker’s, `integration`, or none for a device key.' }),
    status: z.enum(['active', 'revoked', 'expired']),
    expires_at: z.string(),
    revoked_at: z.string().nullable(),
    revoke_reason: z.string().nullable(),
    created_by: z.string(),
    ...resourceBase,
  })
  .openapi('ApiKey');

export const IssuedKey = ApiKey.extend({
  token: z.string().openapi({
    description:
      'The bearer token. Shown in this response (and an Idempotency-Key replay of it) only: the key record does not keep it, and GET never shows it.',
  }),
}).openapi('IssuedKey');

export const RegisterDeviceResponse = z
  .object({
    device: Device,
    key: IssuedKey.openapi({ description: 'A fresh device key for the device to authenticate with.' }),
  })
  .openapi('RegisterDeviceResponse');

export const DeviceList = listOf(Device, 'DeviceList');
export const KeyList = listOf(ApiKey, 'KeyList');

const booleanQuery = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .openapi({ type: 'string', enum: ['true', 'false'] });

export const ListDevicesQuery = z.strictObject({
  ...paginationQuery,
  status: z.enum(deviceStatuses).optional(),
  type: z.enum(deviceTypes).optional(),
  warehouse_id: z.string().min(1).max(64).optional(),
});

export const ListKeysQuery = z.strictObject({
  ...paginationQuery,
  kind: z.enum(keyKinds).optional(),
  device_id: z.string().min(1).max(64).optional(),
  worker_id: z.string().min(1).max(64).optional(),
  active: booleanQuery
    .optional()
    .openapi({ description: '`true`: neither revoked nor expired; `false`: revoked or expired.' }),
});

export const RoleList = z
  .object({
    data: z.array(
      z.object({
        name: z.enum(roles),
        description: z.string(),
        warehouse_role: z.boolean().openapi({ description: 'Held by warehouse workers (and carried by their keys).' }),
        permissions: z.array(
          z.object({ name: z.string().openapi({ example: 'fulfillments:read' }), description: z.string() }),
        ),
      }),
    ),
    next_cursor: z.null(),
  })
  .openapi('RoleList');
