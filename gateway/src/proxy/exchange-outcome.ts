import type { HttpResult } from '../breakers';

/**
 * Error of an exchange that ended because the client closed its connection, which shows nothing
 * about the service's health. It carries 499, the status nginx logs for such a request, because
 * the breakers never count an error with a 4xx status as a failure.
 */
export class ClientClosedError extends Error {
  readonly status = 499;

  constructor() {
    super('client closed the connection before the response was complete');
    this.name = 'ClientClosedError';
  }
}

/**
 * Error of an exchange whose client closed its connection while the service's breaker was
 * half-open. It has no status, so the breaker counts a failed trial and opens again.
 */
export class AbandonedTrialError extends Error {
  constructor() {
    super('client closed the connection during the circuit breaker trial');
    this.name = 'AbandonedTrialError';
  }
}

/**
 * Result of one streamed exchange, reported to the service's circuit breaker. It is the response
 * status once the body has ended, or the error that ended the exchange. Only the first call to
 * `succeed` or `fail` counts.
 */
export class ExchangeOutcome {
  readonly promise: Promise<HttpResult>;
  private resolvePromise: (result: HttpResult) => void = () => undefined;
  private rejectPromise: (error: Error) => void = () => undefined;

  constructor() {
    this.promise = new Promise<HttpResult>((resolve, reject) => {
      this.resolvePromise = resolve;
      this.rejectPromise = reject;
    });
    // A proxy without breakers never reads the outcome, and its failures are handled already.
    this.promise.catch(() => undefined);
  }

  succeed(status: number): void {
    this.resolvePromise({ status });
  }

  fail(error: Error): void {
    this.rejectPromise(error);
  }
}
