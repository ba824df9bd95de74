import type { EventEmitter } from 'node:events';
import type { Logger } from '@scholarships/logger';
import type { Counter } from '@scholarships/metrics';

export interface ProcessSafetyNetOptions {
  logger: Logger;
  /** Counts unhandled rejections; none counted when absent. */
  unhandledRejections?: Counter;
  /** Emitter of the process events; tests pass their own. Default: `process`. */
  target?: EventEmitter;
  /** Ends the process after an uncaught exception. Default: `process.exit`. */
  exit?: (code: number) => void;
}

/**
 * Handles the two process-level failure events of a long-running service.
 *
 * An unhandled rejection is logged with its error and counted, and the
 * process keeps serving. It usually comes from a fire-and-forget promise
 * whose failure leaves no shared state behind, while exiting (Node's
 * default since version 15) would drop every request in flight.
 *
 * An uncaught exception is logged at fatal level and ends the process with
 * code 1 at once, without a graceful shutdown: the throw unwound a callback
 * halfway, so state such as a pooled connection or a half-written response
 * may be corrupt, and the supervisor restarts the process. pino writes to
 * standard output synchronously by default, so the line is written before
 * the exit.
 *
 * Returns a function that removes both handlers.
 */
export function installProcessSafetyNet(options: ProcessSafetyNetOptions): () => void {
  const target = options.target ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));

  const onRejection = (reason: unknown) => {
    options.unhandledRejections?.inc();
    options.logger.error({ err: reason }, 'unhandled promise rejection');
  };
  const onException = (error: unknown) => {
    options.logger.fatal({ err: error }, 'uncaught exception; exiting');
    exit(1);
  };

  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  return () => {
    target.removeListener('unhandledRejection', onRejection);
    target.removeListener('uncaughtException', onException);
  };
}
