/**
 * How one adapter talks to one remote JSON service: where it is, its credentials, and how long and how
 * often to try. Shared by every `http` adapter (inventory, carriers) so they retry and time out alike.
 */
export type TransportSettings = {
  /** Names the service in error messages: `inventory`, `carrier`. */
  service: string;
  /** No trailing slash; may carry a path prefix (`https://inv.example/api`). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token: string;
  /** Per attempt, covering connect, headers and body. */
  timeoutMs: number;
  /** Extra attempts after the first, for calls that are safe to repeat. */
  retries: number;
  backoffMs: number;
  maxBackoffMs: number;
  /** A 503's Retry-After longer than this is not waited for: the error carries it to the caller instead. */
  maxRetryAfterMs: number;
  fetch: typeof globalThis.fetch;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
};

export type TransportOptions = {
  baseUrl: string;
  token: string;
  /** Per attempt. Default 3000. */
  timeoutMs?: number;
  /** Extra attempts after the first; only GETs, keyed POSTs and safe POSTs are repeated, never a 4xx. Default 2. */
  retries?: number;
  /** First back-off step, doubled each retry, with jitter. Default 100. */
  backoffMs?: number;
  /** Ceiling for one back-off step. Default 2000. */
  maxBackoffMs?: number;
  /** Longest Retry-After worth waiting for inside one call; a longer one ends the call. Default 1000. */
  maxRetryAfterMs?: number;
  fetch?: typeof globalThis.fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source, [0, 1). */
  random?: () => number;
  /** For Retry-After given as an HTTP date. */
  now?: () => number;
};

/** Checks the options once, at start-up, so a bad setting fails there rather than on the first call. */
export function resolveTransportSettings(service: string, options: TransportOptions): TransportSettings {
  let base: URL;
  try {
    base = new URL(options.baseUrl);
  } catch {
    throw new TypeError(`${service} baseUrl is not a URL`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:')
    throw new TypeError(`${service} baseUrl must be http(s)`);
  if (base.search || base.hash || base.username || base.password) {
    throw new TypeError(`${service} baseUrl must not carry a query, a fragment or credentials`);
  }
  if (!options.token) throw new TypeError(`${service} token is required`);

  const settings: TransportSettings = {
    service,
    baseUrl: base.href.replace(/\/+$/, ''),
    token: options.token,
    timeoutMs: options.timeoutMs ?? 3000,
    retries: options.retries ?? 2,
    backoffMs: options.backoffMs ?? 100,
    maxBackoffMs: options.maxBackoffMs ?? 2000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 1000,
    // Wrapped, not copied: some fetch implementations refuse to be called with another `this`.
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
  };
  positiveInteger(service, 'timeoutMs', settings.timeoutMs);
  nonNegativeInteger(service, 'retries', settings.retries, 10);
  nonNegativeInteger(service, 'backoffMs', settings.backoffMs);
  nonNegativeInteger(service, 'maxBackoffMs', settings.maxBackoffMs);
  nonNegativeInteger(service, 'maxRetryAfterMs', settings.maxRetryAfterMs);
  return settings;
}

export function positiveInteger(service: string, name: string, value: number) {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${service} ${name} must be a positive integer`);
}

function nonNegativeInteger(service: string, name: string, value: number, max = Number.MAX_SAFE_INTEGER) {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${service} ${name} must be an integer from 0 to ${max}`);
  }
}
