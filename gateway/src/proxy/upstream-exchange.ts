import type { ClientRequest } from 'node:http';
import { type HttpProblem, sendProblem } from '@scholarships/service-kit';
import type { Request, Response } from 'express';
import type { GatewayMetrics } from '../metrics';
import { classifyNetworkError, type FailureReason } from '../network-failure';
import { gatewayProblems } from '../problems';
import type { ServiceName } from '../routes/route-table';

export interface ExchangeSettings {
  service: ServiceName;
  /** Deadline for the service's response headers, in milliseconds from the start of forwarding. */
  timeoutMs: number;
  metrics: GatewayMetrics;
}

/**
 * One forwarded request, from the start of forwarding until it settles. It settles exactly once:
 * when the service's response headers arrive, when the upstream request fails (502), when the
 * deadline passes (504), or when the client closes the connection first.
 *
 * The deadline is the gateway's own timer rather than only http-proxy's `proxyTimeout`, because
 * `proxyTimeout` is a socket idle timeout that starts only after the connection is established.
 * It does not cover the wait for a free pooled socket or a connect attempt that hangs.
 */
export class UpstreamExchange {
  private settled = false;
  private upstreamRequest: ClientRequest | undefined;
  private readonly startedAt = process.hrtime.bigint();
  private readonly deadline: NodeJS.Timeout;

  constructor(
    private readonly req: Request,
    private readonly res: Response,
    private readonly settings: ExchangeSettings,
  ) {
    this.deadline = setTimeout(() => this.timeOut(), settings.timeoutMs);
    res.once('close', () => this.abandon());
  }

  /**
   * Keeps the upstream request so that a timeout can cancel it, or destroys it if the exchange
   * already settled.
   */
  attach(upstreamRequest: ClientRequest): void {
    if (this.settled) {
      upstreamRequest.destroy();
      return;
    }
    this.upstreamRequest = upstreamRequest;
    // http-proxy's proxyTimeout fires this event and then aborts the request, which surfaces as
    // ECONNRESET. Listening here is what tells that timeout apart from a reset by the service.
    upstreamRequest.once('timeout', () => this.timeOut());
  }

  /**
   * Records the arrival of the service's response headers. http-proxy streams the response after
   * this.
   */
  receive(statusCode: number | undefined): void {
    if (!this.settle()) return;
    this.observeDuration(statusCode === undefined ? 'unknown' : String(statusCode));
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
    if (!this.settle()) {
      if (this.res.writableEnded) return;
      // The status line is already sent, so an incomplete response is the only signal left.
      this.req.log.warn(
        { err: error, service: this.settings.service },
        'upstream response failed after its headers were sent; the client response is cut off',
      );
      this.res.destroy();
      return;
    }
    const reason = classifyNetworkError(error);
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

  private timeOut(): void {
    if (!this.settle()) return;
    this.upstreamRequest?.destroy();
    this.sendFailure(
      'timeout',
      gatewayProblems.upstreamTimeout(this.settings.service, this.settings.timeoutMs),
    );
  }

  /** Handles the response closing before the exchange settled, which means the client went away. */
  private abandon(): void {
    if (!this.settle()) return;
    this.upstreamRequest?.destroy();
    if (this.res.writableFinished) return;
    const { service } = this.settings;
    this.settings.metrics.upstreamFailures.inc({ upstream: service, reason: 'client_closed' });
    this.req.log.info({ service }, 'client closed the connection before the service responded');
  }

  private sendFailure(reason: FailureReason, problem: HttpProblem, error?: Error): void {
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

  private observeDuration(statusCode: string): void {
    const seconds = Number(process.hrtime.bigint() - this.startedAt) / 1e9;
    this.settings.metrics.upstreamDuration.observe(
      { upstream: this.settings.service, status_code: statusCode },
      seconds,
    );
  }

  /** Marks the exchange settled and returns false when it already was. */
  private settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    clearTimeout(this.deadline);
    return true;
  }
}
