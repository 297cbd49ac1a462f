import type { Config } from '../../config.ts';
import type { CarrierConnector } from './carrier.ts';
import { createHttpCarrier } from './http/http-carrier.ts';
import { createSandboxCarrier } from './sandbox/sandbox-carrier.ts';

/**
 * The carrier connectors this deployment can use, by connector id: what shipments name as `carrier`
 * and routing rules and `carrier_hint` / `connector_id` point at. `sandbox` is always there.
 */
export type CarrierRegistry = {
  get(id: string): CarrierConnector | undefined;
  ids(): string[];
};

export const SANDBOX_CONNECTOR_ID = 'sandbox';

export function createCarrierRegistry(connectors: Record<string, CarrierConnector> = {}): CarrierRegistry {
  const all = new Map<string, CarrierConnector>([[SANDBOX_CONNECTOR_ID, createSandboxCarrier()]]);
  for (const [id, connector] of Object.entries(connectors)) all.set(id, connector);
  return {
    get: (id) => all.get(id),
    ids: () => [...all.keys()],
  };
}

/** The connectors the configuration asks for: the sandbox, and the HTTP carrier service when CARRIER_HTTP_URL is set. */
export function createConfiguredCarriers(config: Config['carriers']): CarrierRegistry {
  const http = config.http;
  if (!http) return createCarrierRegistry();
  return createCarrierRegistry({
    [http.id]: createHttpCarrier({ baseUrl: http.url, apiKey: http.token, timeoutMs: http.timeoutMs, retries: 2 }),
  });
}
