import type { Logger } from '@scholarships/logger';
import type { OutboxRelay } from '@scholarships/outbox';
import type { CatalogMetrics } from '../metrics';

/** Maximum wait for the outbox flush after a write, in milliseconds; the response is sent when it passes. */
export const FLUSH_TIMEOUT_MS = 200;

type FlushOutcome = 'ok' | 'timeout' | 'failed' | 'skipped';

/**
 * Publishes the events of a committed write without letting Redis decide
 * the write's fate. The relay is attached by the service's background work
 * when `REDIS_URL` is set. After each write `flushAfterWrite` requests an
 * immediate flush and waits at most `FLUSH_TIMEOUT_MS`. On a timeout or a
 * failure the events stay in `catalog_outbox`, and the relay's polling
 * publishes them once Redis responds again.
 */
export class InvalidationEvents {
  private relay: OutboxRelay | undefined;

  constructor(
    private readonly metrics: CatalogMetrics,
    private readonly flushTimeoutMs = FLUSH_TIMEOUT_MS,
  ) {}

  attach(relay: OutboxRelay): void {
    this.relay = relay;
  }

  detach(): void {
    this.relay = undefined;
  }

  /** Never rejects: the outcome is logged and counted in `catalog_event_flush_total`. */
  async flushAfterWrite(log: Logger): Promise<void> {
    const relay = this.relay;
    const outcome = relay ? await this.flushWithin(relay, log) : 'skipped';
    this.metrics.eventFlushes.inc({ outcome });
    if (outcome === 'timeout') {
      log.warn({ timeoutMs: this.flushTimeoutMs }, 'event flush timed out; the relay retries');
    }
  }

  private async flushWithin(relay: OutboxRelay, log: Logger): Promise<FlushOutcome> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<FlushOutcome>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.flushTimeoutMs);
    });
    const flushed = relay.flush().then(
      (): FlushOutcome => 'ok',
      (error: unknown): FlushOutcome => {
        log.warn({ err: error }, 'event flush failed; the relay retries');
        return 'failed';
      },
    );
    try {
      return await Promise.race([flushed, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
