import type { Redis, Result } from 'ioredis';
import { withDeadline } from '../../redis/deadline';
import { CHARGE_DEBT_WINDOWS, describeGcra, type GcraParameters, UNIT_TOLERANCE } from './gcra';
import type { Reservation } from './permit-leases';

/**
 * GCRA in one Redis round trip, atomic because Redis runs a script without interleaving other
 * commands. It reads the clock of Redis itself, so replicas with skewed clocks share one timeline.
 * The key always gets an expiry equal to the time until its bucket is full, after which a missing
 * key and a full bucket mean the same.
 *
 * Besides the request's cost it reserves up to `extra` more units when the bucket has them, so
 * the replica can spend those without a round trip. A request is allowed exactly when its cost
 * fits, as in `gcraStep`.
 *
 * KEYS[1] bucket key; ARGV[1] refill interval per unit (ms); ARGV[2] window (ms); ARGV[3] cost;
 * ARGV[4] extra units wanted; ARGV[5] `UNIT_TOLERANCE`. Returns {allowed (1 or 0), time until
 * full after the reservation (ms), retry after (ms), units granted (cost included), whole units
 * left}. The units left are
 * counted here from the exact times, because the times it returns are rounded up to whole
 * milliseconds, and a unit derived from them can come out one short.
 */
const GCRA_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local interval = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local extra = tonumber(ARGV[4])
local tolerance = tonumber(ARGV[5])
local tat = tonumber(redis.call('GET', KEYS[1])) or now
if tat < now then tat = now end
local fits = math.floor((now + window - tat) / interval + tolerance)
local retry_after = tat + cost * interval - window - now
if retry_after > 0 then
  return {0, math.ceil(tat - now), math.ceil(retry_after), 0, fits}
end
local granted = math.max(cost, math.min(cost + extra, fits))
local next_tat = tat + granted * interval
redis.call('SET', KEYS[1], next_tat, 'PX', math.max(1, math.ceil(next_tat - now)))
return {1, math.ceil(next_tat - now), 0, granted, fits - granted}
`;

/**
 * `gcraCharge` in one round trip: takes units more from a bucket after the fact, never refused,
 * down to at most `ceiling` ms of debt past now. KEYS[1] bucket key; ARGV[1] refill interval per
 * unit (ms); ARGV[2] window (ms); ARGV[3] units; ARGV[4] `UNIT_TOLERANCE`; ARGV[5] the ceiling of
 * the TAT, in ms after now. Returns {time until full (ms), whole units left, whole units taken}.
 */
const GCRA_CHARGE_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local interval = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local units = tonumber(ARGV[3])
local tolerance = tonumber(ARGV[4])
local ceiling = now + tonumber(ARGV[5])
local tat = tonumber(redis.call('GET', KEYS[1])) or now
if tat < now then tat = now end
local next_tat = math.max(tat, math.min(tat + units * interval, ceiling))
if next_tat > now then
  redis.call('SET', KEYS[1], next_tat, 'PX', math.max(1, math.ceil(next_tat - now)))
end
local remaining = math.max(0, math.floor((now + window - next_tat) / interval + tolerance))
return {math.ceil(next_tat - now), remaining, math.floor((next_tat - tat) / interval + tolerance)}
`;

/** The shared bucket after a charge. */
export interface ChargedBucket {
  /** Milliseconds until the bucket is full again. */
  resetMs: number;
  /** Whole quota units left in the shared bucket. */
  remaining: number;
  /** Whole units the charge took, fewer than asked when the debt reached its bound. */
  unitsTaken: number;
}

declare module 'ioredis' {
  interface RedisCommander<Context> {
    gatewayRateLimit(
      key: string,
      intervalMs: number,
      windowMs: number,
      cost: number,
      extra: number,
      tolerance: number,
    ): Result<[number, number, number, number, number], Context>;
    gatewayRateLimitCharge(
      key: string,
      intervalMs: number,
      windowMs: number,
      units: number,
      tolerance: number,
      ceilingMs: number,
    ): Result<[number, number, number], Context>;
  }
}

/**
 * Shared GCRA limiter on Redis. Every call is one EVALSHA (EVAL once after a script flush), and
 * it fails when no reply arrived within `timeoutMs` (see `withDeadline`).
 */
export class RedisLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly timeoutMs: number,
  ) {
    redis.defineCommand('gatewayRateLimit', { numberOfKeys: 1, lua: GCRA_SCRIPT });
    redis.defineCommand('gatewayRateLimitCharge', { numberOfKeys: 1, lua: GCRA_CHARGE_SCRIPT });
  }

  /** Whether the connection is up; commands fail at once while it is not. */
  isConnected(): boolean {
    return this.redis.status === 'ready';
  }

  /** Spends `cost` units and reserves up to `extra` more when the bucket has them. */
  async reserve(
    key: string,
    cost: number,
    extra: number,
    parameters: GcraParameters,
  ): Promise<Reservation> {
    const [allowed, fillMs, retryAfterMs, granted, remaining] = await withDeadline(
      this.redis.gatewayRateLimit(
        key,
        parameters.intervalMs,
        parameters.windowMs,
        cost,
        extra,
        UNIT_TOLERANCE,
      ),
      this.timeoutMs,
    );
    const outcome = describeGcra(allowed === 1, fillMs, retryAfterMs, parameters);
    return { outcome: { ...outcome, remaining: Math.max(0, remaining) }, granted };
  }

  /** Takes `units` more from the bucket of `key` (see `gcraCharge`). */
  async charge(key: string, units: number, parameters: GcraParameters): Promise<ChargedBucket> {
    const [resetMs, remaining, unitsTaken] = await withDeadline(
      this.redis.gatewayRateLimitCharge(
        key,
        parameters.intervalMs,
        parameters.windowMs,
        units,
        UNIT_TOLERANCE,
        parameters.windowMs * (1 + CHARGE_DEBT_WINDOWS),
      ),
      this.timeoutMs,
    );
    return { resetMs, remaining, unitsTaken };
  }

  /** Sends PING and resolves when Redis replies within the command timeout. */
  async ping(): Promise<void> {
    await withDeadline(this.redis.ping(), this.timeoutMs);
  }
}
