import type { Logger } from '@scholarships/logger';
import type { Counter, Gauge } from '@scholarships/metrics';
import type { GcraOutcome, GcraParameters } from './gcra';
import type { LocalLimiter } from './local-limiter';
import { leaseSize, PermitLeases } from './permit-leases';
import type { RedisLimiter } from './redis-limiter';

export type LimiterBackendName = 'redis' | 'local';

export interface BackendOutcome extends GcraOutcome {
  backend: LimiterBackendName;
}

export interface LimiterBackendOptions {
  /** Undefined without `REDIS_URL`: only the local limiter runs. */
  shared: RedisLimiter | undefined;
  local: LocalLimiter;
  logger: Logger;
  now: () => number;
  /** Minimum time between two checks of whether Redis is back, in milliseconds. */
  probeIntervalMs: number;
  metrics: {
    /** 1 for the limiter in use, 0 for the other. */
    backend: Gauge<'backend'>;
    fallbacks: Counter;
    /** Units that charges took after the fact, by the limiter that took them. */
    charged: Counter<'backend'>;
  };
}

/**
 * Chooses between the shared Redis limiter and the per-replica one. It starts on Redis, switches
 * to local on the first failed or timed-out command, and while local it sends one PING per probe
 * interval in the background, switching back when one succeeds. No request waits for a probe.
 * Each switch is logged once and the gauge shows the limiter in use.
 */
export class LimiterBackend {
  private active: LimiterBackendName;
  private probing = false;
  private nextProbeAt = 0;
  private readonly leases: PermitLeases;

  constructor(private readonly options: LimiterBackendOptions) {
    this.active = options.shared === undefined ? 'local' : 'redis';
    this.leases = new PermitLeases(options.now);
    this.showActive();
  }

  get activeBackend(): LimiterBackendName {
    return this.active;
  }

  consume(
    key: string,
    cost: number,
    parameters: GcraParameters,
  ): BackendOutcome | Promise<BackendOutcome> {
    const shared = this.options.shared;
    if (shared === undefined) return this.consumeLocally(key, cost, parameters);
    if (this.active === 'local') {
      this.probeInBackground(shared);
      return this.consumeLocally(key, cost, parameters);
    }
    if (!shared.isConnected()) {
      this.fallBack('not connected');
      return this.consumeLocally(key, cost, parameters);
    }
    return this.consumeShared(shared, key, cost, parameters);
  }

  /**
   * Spends from this replica's lease of the client's shared units when it holds enough, else
   * reserves a new lease in one round trip. Requests that arrive while a reservation is in flight
   * wait for it and try again. A rejected reservation also rejects the waiters that cost as much.
   */
  private consumeShared(
    shared: RedisLimiter,
    key: string,
    cost: number,
    parameters: GcraParameters,
  ): BackendOutcome | Promise<BackendOutcome> {
    const extra = leaseSize(parameters);
    const leased = this.leases.spend(key, cost, parameters);
    if (leased !== undefined) {
      if (this.leases.isRunningLow(key, extra)) this.refill(shared, key, extra, parameters);
      return { ...leased, backend: 'redis' };
    }
    const inFlight = this.leases.inFlight(key);
    if (inFlight !== undefined) {
      return inFlight.then((settled) => {
        // A failed reservation switches to the local limiter. Its waiters go there at once rather
        // than each waiting out one more Redis deadline in turn.
        if (settled === undefined || this.active === 'local') {
          return this.consumeLocally(key, cost, parameters);
        }
        if (!settled.outcome.allowed && cost >= settled.cost) {
          return { ...settled.outcome, backend: 'redis' };
        }
        return this.consumeShared(shared, key, cost, parameters);
      });
    }
    return this.leases
      .reserve(key, cost, () => shared.reserve(key, cost, extra, parameters))
      .then(
        (outcome): BackendOutcome => ({ ...outcome, backend: 'redis' }),
        (error: unknown) => {
          this.fallBack(error instanceof Error ? error.message : String(error));
          return this.consumeLocally(key, cost, parameters);
        },
      );
  }

  /**
   * Reserves `extra` more units for `key` in the background, on top of the units its lease
   * has left. A failure switches to the local limiter, as a failed reservation of a request does.
   */
  private refill(shared: RedisLimiter, key: string, extra: number, parameters: GcraParameters) {
    this.leases
      .reserve(key, 0, () => shared.reserve(key, 0, extra, parameters))
      .catch((error: unknown) => {
        this.fallBack(error instanceof Error ? error.message : String(error));
      });
  }

  /**
   * Takes `units` more from the client's bucket after the fact, never refusing (see
   * `gcraCharge`): first from this replica's lease, then from the shared bucket in the
   * background. A failed charge switches to the local limiter, as a failed reservation does, and
   * is taken there too. Redis may have run it before the reply was lost, but only one of the two
   * buckets decides at any time, so the client never pays twice for one request.
   */
  charge(key: string, units: number, parameters: GcraParameters): void {
    const shared = this.options.shared;
    if (shared === undefined || this.active === 'local' || !shared.isConnected()) {
      this.chargeLocally(key, units, parameters);
      return;
    }
    const drained = this.leases.drain(key, units);
    if (drained > 0) this.options.metrics.charged.inc({ backend: 'redis' }, drained);
    const rest = units - drained;
    if (rest <= 0) return;
    shared.charge(key, rest, parameters).then(
      (bucket) => {
        this.leases.noteShared(key, bucket.remaining, bucket.resetMs);
        if (bucket.unitsTaken > 0) {
          this.options.metrics.charged.inc({ backend: 'redis' }, bucket.unitsTaken);
        }
      },
      (error: unknown) => {
        this.fallBack(error instanceof Error ? error.message : String(error));
        this.chargeLocally(key, rest, parameters);
      },
    );
  }

  private chargeLocally(key: string, units: number, parameters: GcraParameters): void {
    const unitsTaken = this.options.local.charge(key, units, parameters);
    if (unitsTaken > 0) this.options.metrics.charged.inc({ backend: 'local' }, unitsTaken);
  }

  private consumeLocally(key: string, cost: number, parameters: GcraParameters): BackendOutcome {
    return { ...this.options.local.consume(key, cost, parameters), backend: 'local' };
  }

  private fallBack(reason: string): void {
    if (this.active === 'local') return;
    this.active = 'local';
    this.nextProbeAt = this.options.now() + this.options.probeIntervalMs;
    this.options.metrics.fallbacks.inc();
    this.showActive();
    this.options.logger.warn(
      { reason },
      'rate limiting switched to the per-replica limiter because Redis failed',
    );
  }

  private probeInBackground(shared: RedisLimiter): void {
    const now = this.options.now();
    if (this.probing || now < this.nextProbeAt || !shared.isConnected()) return;
    this.probing = true;
    shared.ping().then(
      () => {
        this.probing = false;
        this.active = 'redis';
        this.showActive();
        this.options.logger.info('rate limiting is shared through Redis again');
      },
      () => {
        this.probing = false;
        this.nextProbeAt = this.options.now() + this.options.probeIntervalMs;
      },
    );
  }

  private showActive(): void {
    const { backend } = this.options.metrics;
    backend.set({ backend: 'redis' }, this.active === 'redis' ? 1 : 0);
    backend.set({ backend: 'local' }, this.active === 'local' ? 1 : 0);
  }
}
