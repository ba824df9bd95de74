export {
  createLogger,
  DEFAULT_FLUSH_INTERVAL_MS,
  type Logger,
  type LoggerOptions,
} from './create-logger';
export { LOG_BATCH_BYTES, type OutputDestination, outputDestination } from './output-destination';
export { resolveRequestId } from './request-id';
export { nextTraceparent, parseTraceparent, type TraceContext } from './trace-context';
