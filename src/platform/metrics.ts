import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Postwatch's Prometheus metrics (prom-client), in one registry served at `GET /metrics` (http/metrics-route.ts).
 * Every layer records into it; names start with `postwatch_`, durations are in seconds. Labels are bounded:
 * operation names through `operationLabel`, routes through the transport's list of known routes.
 */
export const registry = new Registry();

let collectingProcessMetrics = false;

/**
 * Adds prom-client's process and Node.js metrics (`postwatch_process_*`, `postwatch_nodejs_*`) to the registry,
 * once per process: called when a server starts, not when this module is imported (tools and tests that only
 * build the schema start no event-loop monitor).
 */
export function collectProcessMetrics(): void {
  if (collectingProcessMetrics) return;
  collectingProcessMetrics = true;
  collectDefaultMetrics({ register: registry, prefix: 'postwatch_' });
}

/** Latency buckets (seconds) for requests and deliveries: 5 ms to 10 s. */
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const metrics = {
  httpRequestDuration: new Histogram({
    name: 'postwatch_http_request_duration_seconds',
    help: 'HTTP requests by method, route and status, from arrival to the end of the response.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: SECONDS,
    registers: [registry],
  }),
  graphqlOperationDuration: new Histogram({
    name: 'postwatch_graphql_operation_duration_seconds',
    help: 'GraphQL operations over HTTP by type and name, from parsing to the response (subscriptions: until they start).',
    labelNames: ['type', 'operation'] as const,
    buckets: SECONDS,
    registers: [registry],
  }),
  graphqlErrors: new Counter({
    name: 'postwatch_graphql_errors_total',
    help: 'Errors sent to GraphQL clients, over HTTP and WebSocket, by extensions.code.',
    labelNames: ['code'] as const,
    registers: [registry],
  }),
  websocketConnections: new Gauge({
    name: 'postwatch_websocket_connections',
    help: 'WebSocket connections open and acknowledged on this instance.',
    registers: [registry],
  }),
  subscriptions: new Gauge({
    name: 'postwatch_subscriptions',
    help: 'Active GraphQL subscriptions on this instance, by root field.',
    labelNames: ['kind'] as const,
    registers: [registry],
  }),
  deliveryLag: new Histogram({
    name: 'postwatch_delivery_lag_seconds',
    help: 'From an alert message being committed (its sent time) to its being written to a subscriber socket.',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  }),
  catchUpDuration: new Histogram({
    name: 'postwatch_delivery_catchup_duration_seconds',
    help: 'Delivery hub catch-ups: reading the deliveries committed since the last one and offering them.',
    buckets: SECONDS,
    registers: [registry],
  }),
  loginsRefused: new Counter({
    name: 'postwatch_logins_refused_total',
    help: 'Logins refused, by reason: credentials (wrong or unknown), throttled, bad_input.',
    labelNames: ['reason'] as const,
    registers: [registry],
  }),
  alertsPosted: new Counter({
    name: 'postwatch_alerts_posted_total',
    help: 'Alert messages committed by this instance, by CAP msgType (ALERT, UPDATE, CANCEL).',
    labelNames: ['msg_type'] as const,
    registers: [registry],
  }),
};

/** Counts the errors sent to a client (HTTP or WebSocket), by `extensions.code`, into `graphqlErrors`. */
export function countClientErrors(errors: readonly { extensions?: { code?: unknown } }[]): void {
  for (const error of errors) metrics.graphqlErrors.inc({ code: String(error.extensions?.code ?? 'UNKNOWN') });
}

/** Names (distinct) that get a label of their own; beyond them, operations count as `other`. */
const MAX_OPERATION_NAMES = 100;
const operationNames = new Set<string>();

/**
 * A bounded label for an operation name: `anonymous` without one, `invalid` for one that is not a GraphQL name
 * of at most 64 characters, the name itself once it has a label (the first 100 distinct names that `mayAdd`),
 * else `other`. Callers let only signed-in contacts' operations add names, so that anyone cannot use up the
 * labels before the real clients' operations get theirs.
 */
export function operationLabel(name: string | null | undefined, mayAdd = true): string {
  if (!name) return 'anonymous';
  if (!/^[_A-Za-z][_0-9A-Za-z]{0,63}$/.test(name)) return 'invalid';
  if (operationNames.has(name)) return name;
  if (!mayAdd || operationNames.size >= MAX_OPERATION_NAMES) return 'other';
  operationNames.add(name);
  return name;
}

/**
 * Adds a gauge whose value is read when metrics are scraped (`read` returns one value per label set).
 * @returns nothing; the gauge lives in `registry`.
 */
export function gaugeFrom(name: string, help: string, labelNames: string[], read: () => { labels?: Record<string, string>; value: number }[]): void {
  // A later server in the same process (tests) reads its own.
  registry.removeSingleMetric(name);
  new Gauge({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const { labels, value } of read()) {
        if (labels) this.set(labels, value);
        else this.set(value);
      }
    },
  });
}
