export { createLogger, type Logger, type LoggerOptions } from './create-logger';
export { resolveRequestId } from './request-id';
export { nextTraceparent, parseTraceparent, type TraceContext } from './trace-context';
