import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());
const booleanFlag = (fallback: boolean) =>
  z.preprocess(emptyAsUndefined, z.enum(['true', 'false', '1', '0']).optional())
    .transform((v) => (v === undefined ? fallback : v === 'true' || v === '1'));

/** Environment variables read at start-up; see the configuration table in README.md. */
const environmentSchema = z.object({
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(4000)),
  HOST: z.preprocess(emptyAsUndefined, z.string().default('0.0.0.0')),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL').optional(),
  ),
  POSTWATCH_DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./.postwatch/pg')),
  POSTWATCH_EMBEDDED_PG_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(65535).default(54329)),
  POSTWATCH_SEED_DEMO: z.preprocess(emptyAsUndefined, z.enum(['auto', 'always', 'never']).default('auto')),
  POSTWATCH_MIGRATE: booleanFlag(true),
  JWT_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, 'must be at least 32 characters'),
  JWT_TTL_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(86_400).default(3600)),
  JWT_ISSUER: z.preprocess(emptyAsUndefined, z.string().default('postwatch')),
  JWT_AUDIENCE: z.preprocess(emptyAsUndefined, z.string().default('postwatch-api')),
  JWT_JWKS_URL: z.preprocess(emptyAsUndefined, z.string().url('must be an http(s) URL').optional()),
  JWT_JWKS_ISSUER: optionalString,
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(1000).default(5)),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(100_000).default(20)),
  LOGIN_FAILURE_WINDOW_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(86_400).default(900)),
  TRUST_PROXY: z.preprocess(emptyAsUndefined, z.string().optional()),
  DELIVERY_POLL_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(100).max(60_000).default(2000)),
  SESSION_CHECK_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(100).max(600_000).default(15_000)),
  MAX_SOCKETS_PER_CONTACT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(1_000_000).default(100)),
  WS_MAX_BUFFERED_BYTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(65_536).max(1 << 30).default(4 * 1024 * 1024)),
  METRICS_ALLOW: z.preprocess(emptyAsUndefined, z.string().default('127.0.0.0/8,::1')),
  METRICS_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).optional()),
  REDIS_URL: z.preprocess(emptyAsUndefined, z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional()),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  NODE_ENV: z.preprocess(emptyAsUndefined, z.string().default('development')),
  POSTWATCH_WEB_DIR: optionalString,
});

/** Validated runtime configuration. */
export interface AppConfig {
  /** TCP port for HTTP and WebSocket; 0 picks a free port. Default 4000. */
  port: number;
  /** Interface to bind. Default `0.0.0.0`. */
  host: string;
  /** External PostgreSQL; when absent an embedded PostgreSQL is started. */
  databaseUrl?: string;
  /** Data folder of the embedded PostgreSQL, kept between runs. */
  dataDir: string;
  /** Port of the embedded PostgreSQL (loopback only). */
  embeddedPgPort: number;
  /** `auto`: load the demo data set into an embedded database that has no agencies yet. */
  seedDemo: 'auto' | 'always' | 'never';
  /** Run pending migrations at start-up. */
  migrate: boolean;
  /** HMAC key for HS256 tokens, at least 32 bytes. */
  jwtSecret: Uint8Array;
  /** True when no JWT_SECRET was given and a random per-process key is used. */
  jwtSecretGenerated: boolean;
  /** Token lifetime in seconds (default 3600). */
  jwtTtlSeconds: number;
  /** `iss` of the tokens Postwatch issues (default `postwatch`). */
  jwtIssuer: string;
  /** `aud` every accepted token must carry, ours or an identity provider's (default `postwatch-api`). */
  jwtAudience: string;
  /** An external identity provider: its JWKS URL and `iss`; its tokens name the contact by id (`sub`) or `email`. */
  jwks?: { url: string; issuer: string };
  /** Login failures tolerated per account and per client address within `window` seconds before a block of as long. */
  loginThrottle: { perAccount: number; perAddress: number; windowSeconds: number };
  /** express `trust proxy` setting, so that client addresses come from X-Forwarded-For behind a proxy. */
  trustProxy: boolean | number | string;
  /** How often (ms) each instance checks the database for deliveries whose signal it missed (default 2000). */
  deliveryPollMs: number;
  /** How often (ms) open WebSockets' accounts are checked against the database, should a change signal be lost (default 15000). */
  sessionCheckMs: number;
  /** WebSockets one contact may hold open on one instance (default 100). */
  maxSocketsPerContact: number;
  /** Bytes a WebSocket may have waiting to be sent before it is closed as too slow (default 4 MiB). */
  wsMaxBufferedBytes: number;
  /** Redis for the pub/sub bus shared by several instances; in-process bus when absent. */
  redisUrl?: string;
  /**
   * Who may read `GET /metrics` on the main port: addresses and subnets (`10.0.0.0/8`), IPv4 or IPv6, of the
   * connecting socket (default loopback: `127.0.0.0/8,::1`).
   */
  metricsAllow: MetricsAllow;
  /** A port of its own for `GET /metrics` (on HOST), open to whoever reaches it; then not served on the main port. */
  metricsPort?: number;
  logLevel: string;
  production: boolean;
  /** Folder of the built web app (`index.html`, `graphiql.html`, `assets/`); default `dist/web` of the project. */
  webDir: string;
}

/** Addresses and subnets, each `{ address, prefix }` with its IP family. */
export type MetricsAllow = { address: string; prefix: number; family: 'ipv4' | 'ipv6' }[];

/** Thrown when the environment holds an invalid setting; the message names each variable. */
export class ConfigError extends Error {}

/**
 * Reads and validates the configuration from `env` (default `process.env`).
 * @throws ConfigError naming each invalid variable and what was wrong with it.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (e.JWT_JWKS_URL && !e.JWT_JWKS_ISSUER) {
    throw new ConfigError('Invalid configuration:\n  JWT_JWKS_ISSUER: required with JWT_JWKS_URL');
  }
  if (production && !e.JWT_SECRET) {
    throw new ConfigError('Invalid configuration:\n  JWT_SECRET: required when NODE_ENV=production');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.POSTWATCH_DATA_DIR,
    embeddedPgPort: e.POSTWATCH_EMBEDDED_PG_PORT,
    seedDemo: e.POSTWATCH_SEED_DEMO,
    migrate: e.POSTWATCH_MIGRATE,
    jwtSecret: e.JWT_SECRET ? new TextEncoder().encode(e.JWT_SECRET) : randomBytes(32),
    jwtSecretGenerated: !e.JWT_SECRET,
    jwtTtlSeconds: e.JWT_TTL_SECONDS,
    jwtIssuer: e.JWT_ISSUER,
    jwtAudience: e.JWT_AUDIENCE,
    jwks: e.JWT_JWKS_URL ? { url: e.JWT_JWKS_URL, issuer: e.JWT_JWKS_ISSUER! } : undefined,
    loginThrottle: {
      perAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      perAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
      windowSeconds: e.LOGIN_FAILURE_WINDOW_SECONDS,
    },
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    deliveryPollMs: e.DELIVERY_POLL_MS,
    sessionCheckMs: e.SESSION_CHECK_MS,
    maxSocketsPerContact: e.MAX_SOCKETS_PER_CONTACT,
    wsMaxBufferedBytes: e.WS_MAX_BUFFERED_BYTES,
    redisUrl: e.REDIS_URL,
    metricsAllow: parseAllowList(e.METRICS_ALLOW),
    metricsPort: e.METRICS_PORT,
    logLevel: e.LOG_LEVEL,
    production,
    webDir: e.POSTWATCH_WEB_DIR ? resolve(e.POSTWATCH_WEB_DIR) : defaultWebDir(),
  };
}

/**
 * `METRICS_ALLOW`: comma-separated addresses or subnets (`127.0.0.0/8`, `::1`, `10.1.2.3`).
 * @throws ConfigError naming the entry that is neither.
 */
function parseAllowList(value: string): MetricsAllow {
  return value.split(',').map((entry) => entry.trim()).filter(Boolean).map((entry) => {
    const [address, bits] = entry.split('/');
    const family = isIP(address ?? '');
    const max = family === 4 ? 32 : 128;
    const prefix = bits === undefined ? max : Number(bits);
    if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > max || (bits !== undefined && !/^\d+$/.test(bits))) {
      throw new ConfigError(`Invalid configuration:\n  METRICS_ALLOW: "${entry}" is not an address or a subnet`);
    }
    return { address: address!, prefix, family: family === 4 ? 'ipv4' : 'ipv6' };
  });
}

/** `TRUST_PROXY`: unset or `false` → false; `true`; a number of hops; or a list of addresses / subnets. */
function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** `dist/web` of the project, whether this file runs compiled (`dist/src/config.js`) or from source (tests). */
function defaultWebDir(): string {
  const srcDir = dirname(fileURLToPath(import.meta.url));
  const parent = dirname(srcDir);
  return basename(parent) === 'dist' ? resolve(parent, 'web') : resolve(parent, 'dist', 'web');
}
