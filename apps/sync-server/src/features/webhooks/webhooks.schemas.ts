import { metadataSchema } from '@fulfillment/domain/common/common-schemas';
import { z } from '@hono/zod-openapi';
import { paginationQuery } from '../../platform/pagination.ts';
import { listOf, resourceBase } from '../../platform/schemas.ts';

/** An event type (`shipment.shipped`), a family of them (`shipment.*`), or every event (`*`). */
export const eventPattern = z
  .string()
  .max(100)
  .regex(
    /^(\*|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*\.(\*|[a-z][a-z0-9_]*))$/,
    'an event type such as shipment.shipped, a family such as shipment.*, or *',
  );

const webhookUrl = z
  .url({ protocol: /^https?$/, error: 'an absolute http or https URL' })
  .max(2048)
  .openapi({ example: 'https://erp.example.com/hooks/fulfillment' });

export const CreateWebhookRequest = z
  .strictObject({
    url: webhookUrl,
    events: z.array(eventPattern).min(1).max(50),
    /** The signing secret; made for you (and shown once) when left out. */
    secret: z.string().min(16).max(200).optional(),
    description: z.string().max(500).optional(),
    metadata: metadataSchema.optional(),
  })
  .openapi('CreateWebhookRequest', {
    example: {
      url: 'https://erp.example.com/hooks/fulfillment',
      events: ['fulfillment.created', 'picklist.completed', 'shipment.*'],
    },
  });
export type CreateWebhookInput = z.infer<typeof CreateWebhookRequest>;

export const WebhookDelivery = z
  .object({
    id: z.string().openapi({ example: 'whd_01JAAAAAAAAAAAAAAAAAAAAAAA' }),
    event_id: z.string().openapi({ example: 'evt_01JAAAAAAAAAAAAAAAAAAAAAAA' }),
    event_type: z.string().openapi({ example: 'shipment.shipped' }),
    status: z.enum(['pending', 'delivered', 'failed', 'cancelled']),
    attempts: z.number().int(),
    next_attempt_at: z.string().nullable(),
    last_attempt_at: z.string().nullable(),
    last_status_code: z.number().int().nullable(),
    last_error: z.string().nullable(),
    delivered_at: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi('WebhookDelivery');

export const Webhook = z
  .object({
    id: z.string().openapi({ example: 'whk_01JAAAAAAAAAAAAAAAAAAAAAAA' }),
    url: z.string(),
    events: z.array(z.string()),
    description: z.string().nullable(),
    /** The latest deliveries first: the delivery log. */
    recent_deliveries: z.array(WebhookDelivery),
    ...resourceBase,
  })
  .openapi('Webhook');

export const CreatedWebhook = Webhook.extend({
  secret: z.string().openapi({ description: 'Shown once: sign-checking key of `Fulfillment-Signature`.' }),
}).openapi('CreatedWebhook');

export const WebhookList = listOf(Webhook, 'WebhookList');
export const ListWebhooksQuery = z.strictObject({ ...paginationQuery });

export const TestWebhookRequest = z
  .strictObject({ webhook_id: z.string().min(1).max(64) })
  .openapi('TestWebhookRequest', { example: { webhook_id: 'whk_01JAAAAAAAAAAAAAAAAAAAAAAA' } });

export const WebhookTestResult = z
  .object({
    webhook_id: z.string(),
    event_id: z.string(),
    delivered: z.boolean(),
    status_code: z.number().int().nullable(),
    error: z.string().nullable(),
    duration_ms: z.number(),
  })
  .openapi('WebhookTestResult');
