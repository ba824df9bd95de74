import type { ClientRequest, IncomingMessage } from 'node:http';
import { finished } from 'node:stream';
import { type HttpProblem, sendProblem } from '@scholarships/service-kit';
import type { Request, Response } from 'express';
import type { GatewayMetrics } from '../metrics';
import {
  classifyNetworkError,
  DeadlineExceededError,
  type FailureReason,
} from '../network-failure';
import { gatewayProblems } from '../problems';
import type { ServiceName } from '../routes/route-table';
import { AbandonedTrialError, ClientClosedError, ExchangeOutcome } from './exchange-outcome';

export interface ExchangeSettings {
  service: ServiceName;
  /**
   * Deadline for the service's response headers, in milliseconds from the start of forwarding.
   * After the headers it bounds each pause of the response body while the client reads.
   */
  timeoutMs: number;
  metrics: GatewayMetrics;
  /** Returns whether the service's circuit breaker is half-open now. Absent without breakers. */
  breakerHalfOpen?: () => boolean;
  /**
   * Charges the client for the milliseconds from getting a socket until the service's headers,
   * the failure or the client leaving (see the rate limit). Absent when nothing is charged.
   */
  chargeOrigin?: (originMs: number) => void;
}

/**
 * `waiting` until the service's response headers arrive, `streaming` while http-proxy pipes the
 * body to the client, and `done` once the body ended, the exchange failed or the client left.
 */
type ExchangePhase = 'waiting' | 'streaming' | 'done';

/**
 * How many upstream timeouts a client may keep the body waiting before the gateway gives up on
 * it: 50 s with the default timeout of 5 s. Without a bound, a client that stops reading would
 * hold a pooled connection to the service, and a half-open trial, for as long as its own
 * connection stays open.
 */
const CLIENT_STALL_TIMEOUTS = 10;

/**
 * One forwarded request, from the start of forwarding until the service's response body has
 * reached the client. Before the headers arrive, a failed upstream request gets 502 (or 503 when
 * no connection was made) and a passed deadline 504. After the headers the status line is
 * already sent. So when the body breaks off, fails or pauses longer than the timeout, the client
 * connection is cut off, because that is the only way left to mark the response incomplete.
 *
 * The deadline for the headers is the gateway's own timer rather than only http-proxy's
 * `proxyTimeout`, because `proxyTimeout` is a socket idle timeout that starts only after the
 * connection is established. It does not cover the wait for a free pooled socket or a connect
 * attempt that hangs.
 *
 * A pause in the body is timed by the exchange too, and only while the client keeps up. When a
 * client reads slowly, the pipe stops reading from the service and the upstream socket goes idle
 * as well, so its idle timeout would blame the service for the client's pace. That timeout is
 * turned off once the headers arrive. The body timer restarts on each chunk from the service, does
 * not cut off while the client response waits for `drain`, and starts again when it drains. A
 * client that keeps the body waiting for `CLIENT_STALL_TIMEOUTS` timeouts is disconnected, which
 * counts as a client that left.
 *
 * `outcome`, which the service's circuit breaker reads, settles when the exchange ends. It
 * resolves with the status once the whole body has passed, so a 5xx counts as a failure and any
 * other status as a success. It rejects with the error that ended the exchange otherwise. A
 * timeout, also one of the body, is a DeadlineExceededError, which the breaker counts towards
 * its timeouts in a row. A client that leaves is a ClientClosedError, which the breaker ignores,
 * except when the exchange is the breaker's half-open trial: then it is an AbandonedTrialError,
 * which opens it again.
 */
export class UpstreamExchange {
  private readonly result = new ExchangeOutcome();
  readonly outcome = this.result.promise;
  private phase: ExchangePhase = 'waiting';
  private status = 0;
  private upstreamRequest: ClientRequest | undefined;
  private readonly startedAt = process.hrtime.bigint();
  /** When the request got a socket of the pool, from when the client is charged. */
  private connectedAt: bigint | undefined;
  private readonly deadline: NodeJS.Timeout;
  private bodyTimer: NodeJS.Timeout | undefined;
  private stallTimer: NodeJS.Timeout | undefined;
  private waitingForDrain = false;
  /**
   * Whether this exchange is the breaker's half-open trial. opossum calls the forwarding function
   * only for the trial while half-open, so the state when the exchange starts identifies it.
   */
  private readonly trial: boolean;

  constructor(
    private readonly req: Request,
    private readonly res: Response,
    private readonly settings: ExchangeSettings,
  ) {
    this.trial = settings.breakerHalfOpen?.() ?? false;
    this.deadline = setTimeout(() => this.timeOut(), settings.timeoutMs);
    res.once('close', () => this.abandon());
  }

  /**
   * Keeps the upstream request so that a timeout can cancel it, or destroys it if the exchange
   * already settled.
   */
  attach(upstreamRequest: ClientRequest): void {
    if (this.phase !== 'waiting') {
      upstreamRequest.destroy();
      return;
    }
    this.upstreamRequest = upstreamRequest;
    // http-proxy emits its proxyReq event, which calls this, once the request has its socket.
    this.connectedAt = process.hrtime.bigint();
    // http-proxy's proxyTimeout fires this event and then aborts the request, which surfaces as
    // ECONNRESET. Listening here is what tells that timeout apart from a reset by the service.
    // `receive` turns this socket idle timeout off once the headers arrive.
    upstreamRequest.once('timeout', () => this.timeOut());
  }

  /**
   * Records the arrival of the service's response headers and watches its body, which http-proxy
   * pipes to the client after this.
   */
  receive(upstreamResponse: IncomingMessage): void {
    if (this.phase !== 'waiting') return;
    this.phase = 'streaming';
    clearTimeout(this.deadline);
    const { statusCode } = upstreamResponse;
    // A client response always has a status code, so the fallback 0 is never used.
    this.status = statusCode ?? 0;
    this.observeDuration(statusCode === undefined ? 'unknown' : String(statusCode));
    // Without this, http-proxy's proxyTimeout would abort the upstream request whenever a slow
    // client keeps the body waiting for longer than the timeout.
    this.upstreamRequest?.setTimeout(0);
    this.restartBodyTimer();
    upstreamResponse.on('data', () => this.restartBodyTimer());
    finished(upstreamResponse, (error) => {
      if (error === undefined || error === null) this.complete();
      else this.cutOff(classifyNetworkError(error), error);
    });
  }

  /**
   * Sends 502 or 504 for a failed upstream request, or cuts off a response already being streamed.
   */
  fail(error: Error): void {
    // http-proxy reports errors of the client's request here too, e.g. a body cut off mid-upload.
    if (this.req.socket.destroyed) {
      this.abandon();
      return;
    }
    const reason = classifyNetworkError(error);
    if (this.phase === 'streaming') {
      this.cutOff(reason, error);
      return;
    }
    if (!this.settle()) return;
    if (reason === 'timeout') {
      this.sendFailure(
        reason,
        gatewayProblems.upstreamTimeout(this.settings.service, this.settings.timeoutMs),
        error,
      );
      return;
    }
    const problem = gatewayProblems.upstreamUnavailable(this.settings.service, reason);
    this.sendFailure(reason, problem, error);
  }

  private restartBodyTimer(): void {
    if (this.phase !== 'streaming') return;
    clearTimeout(this.bodyTimer);
    this.bodyTimer = setTimeout(() => this.bodyIdle(), this.settings.timeoutMs);
  }

  /**
   * Cuts off a body that sent no bytes for the timeout while the client kept up. While the client
   * response waits for `drain`, the client is the one that stopped the pipe, so the timer restarts
   * on `drain` instead.
   */
  private bodyIdle(): void {
    if (this.phase !== 'streaming') return;
    if (!this.res.writableNeedDrain) {
      this.timeOut();
      return;
    }
    if (this.waitingForDrain) return;
    this.waitingForDrain = true;
    const stallMs = this.settings.timeoutMs * (CLIENT_STALL_TIMEOUTS - 1);
    this.stallTimer = setTimeout(() => this.clientStalled(), stallMs);
    this.res.once('drain', () => {
      this.waitingForDrain = false;
      clearTimeout(this.stallTimer);
      this.restartBodyTimer();
    });
  }

  /** Disconnects a client that kept the body waiting too long; `abandon` then ends the exchange. */
  private clientStalled(): void {
    if (this.phase !== 'streaming') return;
    const { service, timeoutMs } = this.settings;
    const stalledMs = timeoutMs * CLIENT_STALL_TIMEOUTS;
    this.req.log.warn(
      { service, stalledMs },
      'client stopped reading the response; disconnecting it',
    );
    this.res.destroy();
  }

  private timeOut(): void {
    const { service, timeoutMs } = this.settings;
    if (this.phase === 'streaming') {
      this.cutOff(
        'timeout',
        new DeadlineExceededError(`the next chunk of the ${service} response body`, timeoutMs),
      );
      return;
    }
    if (!this.settle()) return;
    this.upstreamRequest?.destroy();
    const error = new DeadlineExceededError(`${service} response headers`, timeoutMs);
    this.sendFailure('timeout', gatewayProblems.upstreamTimeout(service, timeoutMs), error);
  }

  /** Handles the response closing before the exchange ended, which means the client went away. */
  private abandon(): void {
    if (this.phase === 'done') return;
    // The service keeps working on a request whose client left, so the client still pays for it.
    if (this.phase === 'waiting') this.chargeOrigin();
    this.phase = 'done';
    clearTimeout(this.deadline);
    clearTimeout(this.bodyTimer);
    clearTimeout(this.stallTimer);
    // The client response finishes only after the whole upstream body has passed through it.
    if (this.res.writableFinished) {
      this.result.succeed(this.status);
      return;
    }
    this.upstreamRequest?.destroy();
    // opossum reports an ignored error as a success, which closes a half-open breaker. Failing the
    // trial instead is simpler than running the exchange on for a client that is gone.
    this.result.fail(this.trial ? new AbandonedTrialError() : new ClientClosedError());
    const { service } = this.settings;
    this.settings.metrics.upstreamFailures.inc({ upstream: service, reason: 'client_closed' });
    this.req.log.info({ service }, 'client closed the connection before the response was complete');
  }

  private complete(): void {
    if (this.phase !== 'streaming') return;
    this.phase = 'done';
    clearTimeout(this.bodyTimer);
    clearTimeout(this.stallTimer);
    this.result.succeed(this.status);
  }

  /**
   * Destroys the upstream request and the client connection after a body broke off, failed or
   * stalled, so the client sees an incomplete response instead of waiting for the rest.
   */
  private cutOff(reason: FailureReason, error: Error): void {
    if (this.phase !== 'streaming') return;
    this.phase = 'done';
    clearTimeout(this.bodyTimer);
    clearTimeout(this.stallTimer);
    this.result.fail(error);
    const { service } = this.settings;
    this.settings.metrics.upstreamFailures.inc({ upstream: service, reason });
    this.req.log.warn(
      { err: error, service, reason },
      'upstream response failed after its headers were sent; the client response is cut off',
    );
    this.upstreamRequest?.destroy();
    this.res.destroy();
  }

  private sendFailure(reason: FailureReason, problem: HttpProblem, error: Error): void {
    this.result.fail(error);
    const { service } = this.settings;
    this.observeDuration(String(problem.status));
    this.settings.metrics.upstreamFailures.inc({ upstream: service, reason });
    this.req.log.warn({ err: error, service, reason }, 'upstream request failed');
    if (this.res.headersSent) {
      this.res.destroy();
      return;
    }
    sendProblem(this.req, this.res, problem);
  }

  /** Records the time until the headers or the failure, once per exchange. */
  private observeDuration(statusCode: string): void {
    const seconds = Number(process.hrtime.bigint() - this.startedAt) / 1e9;
    this.settings.metrics.upstreamDuration.observe(
      { upstream: this.settings.service, status_code: statusCode },
      seconds,
    );
    this.chargeOrigin();
  }

  /**
   * Charges the client for the time since the request got its socket. Time spent waiting for a
   * free socket of the pool is the other clients' doing, and a request that never got one cost
   * the service nothing.
   */
  private chargeOrigin(): void {
    const { chargeOrigin } = this.settings;
    if (chargeOrigin === undefined || this.connectedAt === undefined) return;
    chargeOrigin(Number(process.hrtime.bigint() - this.connectedAt) / 1e6);
  }

  /** Ends an exchange that still waits for the headers, or returns false when it does not. */
  private settle(): boolean {
    if (this.phase !== 'waiting') return false;
    this.phase = 'done';
    clearTimeout(this.deadline);
    return true;
  }
}
