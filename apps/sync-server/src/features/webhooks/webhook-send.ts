import { SIGNATURE_HEADER, signPayload } from '../../platform/signatures.ts';

/** What a receiver gets: the same body on every attempt, so its `id` dedupes retries. */
export type WebhookEvent = {
  id: string;
  type: string;
  created_at: string;
  tenant_id: string;
  data: Record<string, unknown>;
};

export type SendOutcome = { ok: boolean; statusCode: number | null; error: string | null; durationMs: number };

/** A receiver gets this long to answer; one that does not is retried later. */
export const SEND_TIMEOUT_MS = 10_000;

/**
 * POSTs one event to one receiver, signed (`Fulfillment-Signature: t=...,v1=...` over "t.body",
 * platform/signatures.ts) with its id, type and attempt number in headers. Delivered means a 2xx
 * answer; redirects are not followed (a 3xx is a failure: the URL should be fixed, not guessed).
 */
export async function sendWebhook(
  target: { url: string; secret: string },
  event: WebhookEvent,
  attempt: number,
  now: Date,
  timeoutMs = SEND_TIMEOUT_MS,
): Promise<SendOutcome> {
  const body = JSON.stringify(event);
  const started = performance.now();
  const took = () => Math.round((performance.now() - started) * 10) / 10;
  try {
    const res = await fetch(target.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'fulfillment-webhooks/1',
        [SIGNATURE_HEADER]: signPayload(target.secret, body, now),
        'Fulfillment-Event-Id': event.id,
        'Fulfillment-Event-Type': event.type,
        'Fulfillment-Delivery-Attempt': String(attempt),
      },
      body,
    });
    // Read (and drop) the answer so the connection can be reused.
    await res.arrayBuffer().catch(() => undefined);
    const ok = res.status >= 200 && res.status < 300;
    return { ok, statusCode: res.status, error: ok ? null : `the receiver answered ${res.status}`, durationMs: took() };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const message = timedOut ? `no answer within ${timeoutMs} ms` : `could not reach the receiver: ${causeOf(error)}`;
    return { ok: false, statusCode: null, error: message, durationMs: took() };
  }
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
