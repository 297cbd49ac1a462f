import { rolesFor } from '@fulfillment/domain/security/permissions';
import { OpenAPIHono } from '@hono/zod-openapi';
import { actorOf } from '../../platform/actor.ts';
import { checkPreconditions, setEtag } from '../../platform/concurrency.ts';
import type { AppEnv } from '../../platform/context.ts';
import { page, pageRequestOf } from '../../platform/pagination.ts';
import { notFound } from '../../platform/problem.ts';
import { defineRoute, jsonBody, jsonResponse } from '../../platform/route.ts';
import { pathParams } from '../../platform/schemas.ts';
import { signKeyToken } from './key-tokens.ts';
import { createKey, revokeKey } from './keys.commands.ts';
import { findKeyRow, listKeys, toKeyResource } from './keys.queries.ts';
import { assertMayCreateKey, assertMayRevokeKey } from './security-guards.ts';
import { ApiKey, CreateKeyRequest, IssuedKey, KeyList, ListKeysQuery, RevokeKeyRequest } from './security.schemas.ts';

const tags = ['Security'];
const Params = pathParams('keyId');
const creators = rolesFor('keys:create');
const revokers = rolesFor('keys:revoke');

export function keyRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(
        { permission: 'keys:read' },
        {
          method: 'get',
          path: '/keys',
          tags,
          summary: 'List keys (never their tokens)',
          description: 'Filter by `kind`, `device_id`, `worker_id`, `active`. Oldest first.',
          request: { query: ListKeysQuery },
          responses: { 200: jsonResponse(KeyList, 'A page of keys') },
        },
      ),
      (c) => {
        const q = c.req.valid('query');
        const rows = listKeys(
          c.var.deps.db,
          c.var.tenantId,
          { kind: q.kind, deviceId: q.device_id, workerId: q.worker_id, active: q.active },
          pageRequestOf(q),
          c.var.deps.clock.now(),
        );
        return c.json(page(c, rows, q.limit), 200);
      },
    )
    .openapi(
      defineRoute(
        {
          permission: 'keys:create',
          admits: (p) => p.kind === 'device',
          creates: true,
          errors: {
            409: 'Idempotency key in use',
            422: 'Device not registered or revoked; worker unknown or inactive; idempotency key reused',
          },
        },
        {
          method: 'post',
          path: '/keys',
          tags,
          summary: 'Create a short-lived device, worker or integration key',
          description: [
            'The `token` is in this response only (and in an Idempotency-Key replay of it). Lifetimes: worker up to 12 h (default 8 h), device up to 7 days (default 24 h), integration up to 90 days (default 30 days).',
            'A worker key names the handheld (`device_id`) and the worker (`worker_id`, or the scanned `badge_id`) and carries the worker’s roles; the timeline records both.',
            'A device key may also call this, to create a worker key for its own device (that is how a worker signs in on a handheld) and to renew itself: a new device key for its own device, asked for before the old one expires, so a handheld in daily use never needs a supervisor again. Revoking the device ends every key it holds.',
          ].join('\n\n'),
          request: { body: jsonBody(CreateKeyRequest) },
          responses: { 201: jsonResponse(IssuedKey, 'Created') },
        },
      ),
      async (c) => {
        const input = c.req.valid('json');
        assertMayCreateKey(c.var.principal, creators, input);
        const actor = actorOf(c);
        const key = c.var.deps.db.transaction((tx) => createKey(tx, actor, input));
        const token = await signKeyToken(c.var.deps.tokens, key);
        c.set('sensitiveResponse', true);
        c.header('Location', `/v1/fulfillment/keys/${key.id}`);
        setEtag(c, key.version);
        return c.json({ ...toKeyResource(key, actor.now), token }, 201);
      },
    )
    .openapi(
      defineRoute(
        { permission: 'keys:read' },
        {
          method: 'get',
          path: '/keys/{keyId}',
          tags,
          summary: 'Get a key (never its token)',
          request: { params: Params },
          responses: { 200: jsonResponse(ApiKey, 'The key') },
        },
      ),
      (c) => {
        const { keyId } = c.req.valid('param');
        const row = findKeyRow(c.var.deps.db, c.var.tenantId, keyId);
        if (!row) throw notFound('key', keyId);
        setEtag(c, row.version);
        return c.json(toKeyResource(row, c.var.deps.clock.now()), 200);
      },
    )
    .openapi(
      defineRoute(
        {
          permission: 'keys:revoke',
          admits: (p) => p.kind === 'worker',
          errors: { 409: 'Already revoked, or stale version', 412: 'If-Match failed' },
        },
        {
          method: 'post',
          path: '/keys/{keyId}/revoke',
          tags,
          summary: 'Revoke a key',
          description: 'Its token is refused from the next request on. A worker may revoke their own keys (sign out).',
          request: { params: Params, body: { ...jsonBody(RevokeKeyRequest), required: false } },
          responses: { 200: jsonResponse(ApiKey, 'Revoked') },
        },
      ),
      (c) => {
        const { keyId } = c.req.valid('param');
        const input = c.req.valid('json') ?? {};
        const actor = actorOf(c);
        const key = c.var.deps.db.transaction((tx) => {
          const row = findKeyRow(tx, actor.tenantId, keyId);
          if (!row) throw notFound('key', keyId);
          assertMayRevokeKey(c.var.principal, revokers, row);
          checkPreconditions(c, row.version, input.version);
          revokeKey(tx, actor, row, input.reason ?? null, 'revoked');
          return findKeyRow(tx, actor.tenantId, keyId)!;
        });
        setEtag(c, key.version);
        return c.json(toKeyResource(key, actor.now), 200);
      },
    );
}
