import { pino, type Logger } from 'pino';

/** Creates the JSON logger (pino) used by every part of the server. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'postwatch' },
    redact: { paths: ['req.headers.authorization', '*.password', '*.token'], censor: '[redacted]' },
  });
}

export type { Logger };
