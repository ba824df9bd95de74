import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  /** Name of the process, written as `service` on every line. */
  service: string;
  /** Minimum level written; default `info`. */
  level?: string;
  /** Where lines go; default standard output. Tests pass a stream to read them back. */
  destination?: DestinationStream;
}

/** Header and field paths that may carry credentials; pino writes `[redacted]` in their place. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'password',
  'token',
  'secret',
];

/** Creates the process logger: JSON lines with ISO time, level names and secrets redacted. */
export function createLogger({ service, level = 'info', destination }: LoggerOptions): Logger {
  const options = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
