import type { Db } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Deps } from '../../platform/context.ts';
import type { SecretBox } from '../../platform/secret-box.ts';
import { claimDue, fanOut, recordAttempt } from './webhook-deliveries.ts';
import { SEND_TIMEOUT_MS, sendWebhook } from './webhook-send.ts';

export type WebhookDispatcher = {
  /** One round: hand out the outbox's new events, then attempt what is due. How much it did. */
  runOnce(): Promise<{ events: number; attempts: number }>;
  start(): void;
  stop(): Promise<void>;
};

/**
 * Delivers the event outbox to the webhooks (CONVENTIONS.md: Events): signed, an event id to dedupe
 * on, retries with exponential backoff, every attempt in the delivery log. Events reach the outbox
 * in the transaction of their change, so a webhook is only ever told of what committed; it may be
 * told twice (a process killed between the receiver's 2xx and our record of it), hence the id.
 */
export function createWebhookDispatcher(options: {
  db: Db;
  clock: Clock;
  logger: Deps['logger'];
  secretBox: SecretBox;
  pollMs?: number;
  timeoutMs?: number;
}): WebhookDispatcher {
  const { db, clock, secretBox } = options;
  const pollMs = options.pollMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? SEND_TIMEOUT_MS;
  const logger = options.logger.child({ component: 'webhooks' });
  let running: Promise<void> | undefined;
  let stopping = false;
  let wake: (() => void) | undefined;

  async function runOnce() {
    const events = fanOut(db, clock.now());
    // Leased a little longer than an attempt may take: a crashed attempt is retried after it.
    const due = claimDue(db, clock.now(), timeoutMs + 30_000);
    await Promise.all(
      due.map(async ({ delivery, url, secretSealed, event }) => {
        const attempt = delivery.attempts + 1;
        const outcome = await sendWebhook(
          { url, secret: secretBox.open(secretSealed) },
          event,
          attempt,
          clock.now(),
          timeoutMs,
        );
        recordAttempt(db, delivery, outcome, clock.now());
        if (!outcome.ok) {
          logger.warn(
            { webhook_id: delivery.webhookId, event_id: event.id, attempt, error: outcome.error },
            'webhook delivery failed',
          );
        }
      }),
    );
    return { events, attempts: due.length };
  }

  async function loop() {
    while (!stopping) {
      let busy = false;
      try {
        const done = await runOnce();
        busy = done.events > 0 || done.attempts > 0;
      } catch (error) {
        logger.error({ err: error }, 'webhook dispatch failed');
      }
      if (!busy && !stopping)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
    }
  }

  return {
    runOnce,
    start() {
      if (running) return;
      stopping = false;
      running = loop();
    },
    async stop() {
      stopping = true;
      wake?.();
      await running;
      running = undefined;
    },
  };
}
