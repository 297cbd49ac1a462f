import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import { type CarrierConnector, CarrierError, type CarrierErrorCode } from '../carrier.ts';
import { createSandboxCarrier } from '../sandbox/sandbox-carrier.ts';
import {
  cancelRequestBody,
  labelRequestBody,
  manifestRequestBody,
  pickupRequestBody,
  rateRequestBody,
} from './http-carrier-schemas.ts';

/**
 * The contract of docs/carrier-connector.openapi.yaml, served over plain node:http in front of any
 * CarrierConnector (the sandbox by default, so labels are real). It proves the `http` connector end to
 * end on loopback and can stand in for a Shipping/Carrier Connector service. It keeps what the contract
 * asks a service to keep: answers by Idempotency-Key, and which labels were manifested (no longer
 * cancellable). Faults are switched on per request, in order, to play a failing service.
 */

export type CarrierFault =
  /**
   * Answers `status` (default 500) with problem `code` (default `unavailable`). `afterHandling`: does
   * the work first, then loses the answer.
   */
  | { kind: 'fail'; status?: number; code?: string; afterHandling?: boolean }
  /** Waits before handling, as a slow service does; the work still happens if the client gave up. */
  | { kind: 'delay'; ms: number }
  /** Closes the socket with no answer. */
  | { kind: 'close' }
  /** Does the work, then answers the success status with `body` (default: the real answer cut in half). */
  | { kind: 'malformed'; body?: string };

export type SeenRequest = {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  authorization: string | undefined;
  /** Answered from the idempotency store instead of being done again. */
  replayed: boolean;
  fault: CarrierFault['kind'] | undefined;
};

export type ReferenceCarrierServer = {
  url: string;
  /** Every request that reached the server (GET /health aside), in order of arrival. */
  requests: SeenRequest[];
  /** Queues `fault` for each of the next `count` requests (GET /health aside). */
  inject(fault: CarrierFault, count?: number): void;
  close(): Promise<void>;
};

/** A request as the backing connector takes it: the wire body without `now`. */
type Body<Schema extends z.ZodType> = Omit<z.infer<Schema>, 'now'>;
type Answer = { status: number; body: unknown; replayed?: boolean };
type Route = {
  schema: z.ZodType<{ now: string }>;
  /** Success status; the contract's writes answer 201, reads and cancels 200. */
  status: 200 | 201;
  keyed: boolean;
  handle(body: never, now: Date, params: string[]): Promise<unknown>;
};

const MAX_BODY_BYTES = 1_048_576;
const STATUS_OF: Record<CarrierErrorCode, number> = {
  invalid_request: 422,
  unsupported_service: 422,
  not_found: 404,
  not_cancellable: 409,
  unavailable: 503,
};

const base64 = (data: Uint8Array) => Buffer.from(data).toString('base64');

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export async function startReferenceCarrierServer(options: {
  apiKey: string;
  carrier?: CarrierConnector;
  port?: number;
}): Promise<ReferenceCarrierServer> {
  const carrier = options.carrier ?? createSandboxCarrier();
  const requests: SeenRequest[] = [];
  const faults: CarrierFault[] = [];
  const timers = new Set<NodeJS.Timeout>();
  /** Successful answers by operation and key, with what the request was, to tell a repeat from a reuse. */
  const stored = new Map<string, { fingerprint: string; answer: Answer } | 'running'>();
  const manifested = new Set<string>();

  const routes: Array<[RegExp, Route]> = [
    [
      /^\/v1\/rates$/,
      {
        schema: rateRequestBody,
        status: 200,
        keyed: false,
        handle: async (body: Body<typeof rateRequestBody>, now) => ({ quotes: await carrier.rates(body, { now }) }),
      },
    ],
    [
      /^\/v1\/labels$/,
      {
        schema: labelRequestBody,
        status: 201,
        keyed: true,
        handle: async ({ sequence, ...request }: Body<typeof labelRequestBody>, now) => {
          const { data, ...label } = await carrier.createLabel(request, { now, sequence });
          return { ...label, data_base64: base64(data) };
        },
      },
    ],
    [
      /^\/v1\/labels\/([^/]+)\/cancel$/,
      {
        schema: cancelRequestBody,
        status: 200,
        keyed: true,
        handle: async (body: Body<typeof cancelRequestBody>, now, [tracking = '']) => {
          if (manifested.has(tracking)) {
            throw new CarrierError('not_cancellable', `${tracking} is on a manifest: it has been handed over`);
          }
          return carrier.cancel({ shipment_id: body.shipment_id, tracking_number: tracking }, { now });
        },
      },
    ],
    [
      /^\/v1\/pickups$/,
      {
        schema: pickupRequestBody,
        status: 201,
        keyed: true,
        handle: (body: Body<typeof pickupRequestBody>, now) => carrier.schedulePickup(body, { now }),
      },
    ],
    [
      /^\/v1\/manifests$/,
      {
        schema: manifestRequestBody,
        status: 201,
        keyed: true,
        handle: async (body: Body<typeof manifestRequestBody>, now) => {
          const { data, ...manifest } = await carrier.manifest(body, { now });
          for (const shipment of body.shipments) manifested.add(shipment.tracking_number);
          return { ...manifest, data_base64: base64(data) };
        },
      },
    ],
  ];

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  /** The work of one contract call, with the idempotency rules around it. */
  async function answer(route: Route, path: string, params: string[], key: string | undefined, raw: string) {
    let body: { now: string };
    try {
      body = route.schema.parse(JSON.parse(raw));
    } catch (error) {
      const detail = error instanceof Error ? error.message : 'invalid body';
      throw new Refusal(400, 'invalid_request', `the body is not a valid request: ${detail}`);
    }
    if (!route.keyed) return run(route, body, params);
    if (!key || !/^[\x21-\x7e]{1,255}$/.test(key)) {
      throw new Refusal(400, 'invalid_request', 'Idempotency-Key is required: 1-255 printable ASCII characters');
    }
    // `now` is when the caller asked, not what it asked for: a repeat a minute later is the same request.
    const { now: _now, ...identity } = body;
    const fingerprint = `${path} ${JSON.stringify(identity)}`;
    const slot = `${path.replace(/\/[^/]+\/cancel$/, '/*/cancel')} ${key}`;
    const known = stored.get(slot);
    if (known === 'running') {
      throw new Refusal(503, 'unavailable', 'the first request with this key is still running', { 'Retry-After': '1' });
    }
    if (known) {
      if (known.fingerprint !== fingerprint) {
        throw new Refusal(422, 'invalid_request', 'this Idempotency-Key was used for a different request');
      }
      return { ...known.answer, replayed: true };
    }
    stored.set(slot, 'running');
    try {
      const done = await run(route, body, params);
      // Only a success is kept: a refused request did nothing, so its key may be used again, corrected.
      stored.set(slot, { fingerprint, answer: done });
      return done;
    } catch (error) {
      stored.delete(slot);
      throw error;
    }
  }

  async function run(route: Route, body: { now: string }, params: string[]): Promise<Answer> {
    // `now` travels apart from the request, as the connector interface passes it in the call context.
    const { now, ...request } = body;
    const result = await route.handle(request as never, new Date(now), params);
    return { status: route.status, body: result };
  }

  async function handle(req: IncomingMessage, res: ServerResponse, raw: string) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/health') return send(res, 200, { status: 'ok' });

    const fault = faults.shift();
    const key = req.headers['idempotency-key'];
    const seen: SeenRequest = {
      method: req.method ?? '',
      path: url.pathname,
      idempotencyKey: typeof key === 'string' ? key : undefined,
      authorization: req.headers.authorization,
      replayed: false,
      fault: fault?.kind,
    };
    requests.push(seen);

    if (fault?.kind === 'close') return void req.socket.destroy();
    if (fault?.kind === 'delay') await wait(fault.ms);
    if (fault?.kind === 'fail' && !fault.afterHandling) {
      return sendProblem(res, new Refusal(fault.status ?? 500, fault.code ?? 'unavailable', 'injected failure'));
    }

    try {
      if (req.headers.authorization !== `Bearer ${options.apiKey}`) {
        throw new Refusal(401, 'unauthenticated', 'a valid bearer API key is required');
      }
      const found = routes.map(([pattern, route]) => ({ match: pattern.exec(url.pathname), route }));
      const hit = found.find((f) => f.match);
      if (!hit?.match) throw new Refusal(404, 'route_not_found', `no route ${url.pathname}`);
      if (req.method !== 'POST') throw new Refusal(405, 'method_not_allowed', `${url.pathname} takes POST`);
      const params = hit.match.slice(1).map(decodeSegment);
      const done = await answer(hit.route, url.pathname, params, seen.idempotencyKey, raw);
      seen.replayed = done.replayed === true;

      if (fault?.kind === 'fail')
        return sendProblem(res, new Refusal(fault.status ?? 500, fault.code ?? 'unavailable', 'answer lost'));
      if (fault?.kind === 'malformed') {
        const text = JSON.stringify(done.body);
        res.writeHead(done.status, { 'Content-Type': 'application/json' });
        return void res.end(fault.body ?? text.slice(0, Math.floor(text.length / 2)));
      }
      return send(res, done.status, done.body, done.replayed ? { 'Idempotent-Replayed': 'true' } : {});
    } catch (error) {
      if (error instanceof Refusal) return sendProblem(res, error);
      if (error instanceof CarrierError)
        return sendProblem(res, new Refusal(STATUS_OF[error.code], error.code, error.message));
      return sendProblem(res, new Refusal(500, 'unavailable', 'internal error'));
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) return sendProblem(res, new Refusal(413, 'invalid_request', 'the body is too large'));
      void handle(req, res, Buffer.concat(chunks).toString('utf8'));
    });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    inject(fault, count = 1) {
      for (let i = 0; i < count; i++) faults.push(fault);
    },
    close: () =>
      new Promise<void>((done) => {
        // Delayed handlers must not run after a test has moved on; open sockets must not hold close().
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function sendProblem(res: ServerResponse, problem: Refusal) {
  if (res.destroyed) return;
  const body = {
    type: 'about:blank',
    title: problem.code,
    status: problem.status,
    code: problem.code,
    detail: problem.message,
  };
  res.writeHead(problem.status, { 'Content-Type': 'application/problem+json', ...problem.headers });
  res.end(JSON.stringify(body));
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new Refusal(400, 'invalid_request', 'a path segment is not valid percent-encoding');
  }
}
