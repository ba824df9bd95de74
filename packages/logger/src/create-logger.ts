import pino, { type DestinationStream, type Logger } from 'pino';
import { outputDestination } from './output-destination';

export type { Logger } from 'pino';

export interface LoggerOptions {
  /** Name of the process, written as `service` on every line. */
  service: string;
  /** Minimum level written; default `info`. */
  level?: string;
  /** Where lines go; default standard output. Tests pass a stream to read them back. */
  destination?: DestinationStream;
  /**
   * Maximum time, in milliseconds, a line waits in the batch written to standard output; 0 writes
   * every line at once. Ignored with `destination`. Default 200.
   */
  flushIntervalMs?: number;
}

export const DEFAULT_FLUSH_INTERVAL_MS = 200;

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
export function createLogger({
  service,
  level = 'info',
  destination,
  flushIntervalMs = DEFAULT_FLUSH_INTERVAL_MS,
}: LoggerOptions): Logger {
  const options = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return pino(options, destination ?? outputDestination(flushIntervalMs));
}
