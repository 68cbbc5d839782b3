import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';

/**
 * Creates the JSON logger (pino) used by every part of the server; it writes to stdout unless given `destination`.
 * Lines written while a request is served name it with `requestId`, passed by the code that logs them (the
 * request's context carries it). Not through AsyncLocalStorage: on Node 20 that hooks every promise of the
 * process once a request has used it, live deliveries included, for the few lines logged during requests.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'postwatch' },
    redact: { paths: ['req.headers.authorization', '*.password', '*.token'], censor: '[redacted]' },
    serializers: { err: redactedError },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Error properties that carry the values of a failed statement (PostgreSQL's `detail`, knex's bindings). */
const VALUE_PROPERTIES = new Set(['detail', 'parameters', 'params', 'bindings', 'values', 'where', 'hint', 'internalQuery']);

/**
 * pino's error serializer, with the values of SQL statements taken out: alert text and personal data must not
 * reach the log. In messages and stacks, string literals of SQL (`'…'`) and the value PostgreSQL echoes after a
 * colon (`: "…"`) become `?`; the properties that carry values (`detail`, bindings) are dropped. The statement's
 * shape, the constraint and the error code stay.
 */
export function redactedError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const serialized = stdSerializers.err(error) as unknown as Record<string, unknown>;
  return scrub(serialized, 0);
}

function scrub(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return withoutValues(value);
  if (value === null || typeof value !== 'object' || depth > 5) return value;
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !VALUE_PROPERTIES.has(key))
      .map(([key, inner]) => [key, scrub(inner, depth + 1)]),
  );
}

/** `text` with SQL string literals, values PostgreSQL echoes and unique-key values replaced by `?`. */
export function withoutValues(text: string): string {
  return text.replace(/'(?:[^']|'')*'/g, "'?'").replace(/: "(?:[^"\\]|\\.)*"/g, ': "?"').replace(/Key \(([^)]*)\)=\([^)]*\)/g, 'Key ($1)=(?)');
}

export type { Logger };
