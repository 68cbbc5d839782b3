import { pino, type DestinationStream, type Logger } from 'pino';

/** Creates the JSON logger (pino) used by every part of the server; it writes to stdout unless given `destination`. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'postwatch' },
    redact: { paths: ['req.headers.authorization', '*.password', '*.token'], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
