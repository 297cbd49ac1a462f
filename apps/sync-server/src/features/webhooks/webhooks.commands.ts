import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { webhookDeliveries, webhooks } from '../../db/schema/webhooks.ts';
import type { Actor } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { notFound } from '../../platform/problem.ts';
import type { SecretBox } from '../../platform/secret-box.ts';
import { publishEvent } from '../../platform/timeline.ts';
import type { CreateWebhookInput } from './webhooks.schemas.ts';
import { findWebhookRow } from './webhooks.queries.ts';

/** Subscribes a URL; returns its id and the signing secret (the caller's, or a new one), shown once. */
export function createWebhook(
  tx: Tx,
  actor: Actor,
  secretBox: SecretBox,
  input: CreateWebhookInput,
): { id: string; secret: string } {
  const id = newId('whk');
  const secret = input.secret ?? `whsec_${randomBytes(32).toString('base64url')}`;
  const now = actor.now.toISOString();
  tx.insert(webhooks)
    .values({
      id,
      tenantId: actor.tenantId,
      url: input.url,
      events: [...new Set(input.events)],
      description: input.description ?? null,
      secretSealed: secretBox.seal(secret),
      metadata: input.metadata ?? {},
      createdAt: now,
      updatedAt: now,
    })
    .run();
  publishEvent(tx, actor, {
    type: 'webhook.created',
    subjectType: 'webhook',
    subjectId: id,
    payload: { webhook_id: id, url: input.url, events: input.events },
  });
  return { id, secret };
}

/** Unsubscribes: nothing more is sent to it, and what was still waiting to go is cancelled. */
export function deleteWebhook(tx: Tx, actor: Actor, id: string): void {
  if (!findWebhookRow(tx, actor.tenantId, id)) throw notFound('webhook', id);
  const now = actor.now.toISOString();
  tx.update(webhooks).set({ deletedAt: now, updatedAt: now }).where(eq(webhooks.id, id)).run();
  tx.update(webhookDeliveries)
    .set({ status: 'cancelled', nextAttemptAt: null })
    .where(and(eq(webhookDeliveries.webhookId, id), eq(webhookDeliveries.status, 'pending')))
    .run();
  publishEvent(tx, actor, {
    type: 'webhook.deleted',
    subjectType: 'webhook',
    subjectId: id,
    payload: { webhook_id: id },
  });
}
