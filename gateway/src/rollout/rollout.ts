import type { IncomingMessage } from 'node:http';
import type { Logger } from '@scholarships/logger';
import type { Redis } from 'ioredis';
import { findEdgeState } from '../edge';
import type { RolloutMetrics } from '../metrics';
import type { MiddlewareOrder } from '../pipeline';
import { assignVariant, type Variant } from './assignment';
import { clientKeyOf } from './client-key';
import type { RolloutConfig } from './config';
import { createLocalSwitchStore } from './local-switch-store';
import { createRedisSwitchStore, type RolloutKeyspace } from './redis-switch-store';
import { rememberVariant } from './request-variant';
import { guardSettingsFromConfig, RollbackGuard } from './rollback-guard';
import { defaultSwitches, type RolloutSwitches } from './switch-state';
import type { SwitchStore } from './switch-store';

export interface RolloutOptions {
  config: RolloutConfig;
  logger: Logger;
  metrics: RolloutMetrics;
  /** Shares the switches with every replica; without it they belong to this replica. */
  redis?: Redis;
  /** Hash and channel names; tests that share a Redis use names of their own. */
  keyspace?: RolloutKeyspace;
  /** Milliseconds since the epoch, for the guard's window. */
  clock?: () => number;
  /** Time between reads of the shared hash, in milliseconds. */
  syncIntervalMs?: number;
}

/** The run-time switches, the per-request arm assignment and the rollback guard. */
export interface Rollout {
  readonly switches: SwitchStore;
  /** Undefined when ROLLOUT_GUARD_ENABLED is false. */
  readonly guard: RollbackGuard | undefined;
  readonly metrics: RolloutMetrics;
  /**
   * Assigns `req` to an arm, remembers it for the cache stage and the metrics, and returns the
   * edge stage order of that arm. Called once per request, after the edge state exists.
   */
  selectOrder(req: IncomingMessage): MiddlewareOrder;
  close(): Promise<void>;
}

export function createRollout(options: RolloutOptions): Rollout {
  const { config, logger, metrics } = options;
  const defaults = defaultSwitches(config);
  const switches =
    options.redis === undefined
      ? createLocalSwitchStore(defaults)
      : createRedisSwitchStore({
          redis: options.redis,
          defaults,
          logger,
          ...(options.keyspace === undefined ? {} : { keyspace: options.keyspace }),
          ...(options.syncIntervalMs === undefined
            ? {}
            : { syncIntervalMs: options.syncIntervalMs }),
        });
  showSwitches(metrics, switches.current());
  switches.onChange((next) => {
    showSwitches(metrics, next);
    logger.info(describeSwitches(next), 'rollout switches changed');
  });
  const guard = config.ROLLOUT_GUARD_ENABLED
    ? new RollbackGuard({
        settings: guardSettingsFromConfig(config),
        switches,
        metrics,
        logger,
        clock: options.clock ?? Date.now,
      })
    : undefined;
  return {
    switches,
    guard,
    metrics,
    selectOrder(req) {
      const current = switches.current();
      const variant = variantFor(req, current.rolloutPercent);
      rememberVariant(req, variant);
      return variant === 'optimized' ? current.middlewareOrder : 'legacy';
    },
    close: () => switches.close(),
  };
}

/** Hashes the client key only when the percentage splits the clients. */
function variantFor(req: IncomingMessage, rolloutPercent: number): Variant {
  if (rolloutPercent >= 100) return 'optimized';
  if (rolloutPercent <= 0) return 'baseline';
  const view = findEdgeState(req)?.view;
  if (view === undefined) return 'optimized';
  return assignVariant(clientKeyOf(view), rolloutPercent);
}

function showSwitches(metrics: RolloutMetrics, switches: RolloutSwitches): void {
  metrics.percent.set(switches.rolloutPercent);
  metrics.cacheEnabled.set(switches.cacheEnabled ? 1 : 0);
  metrics.middlewareOrder.set({ order: 'default' }, switches.middlewareOrder === 'default' ? 1 : 0);
  metrics.middlewareOrder.set({ order: 'legacy' }, switches.middlewareOrder === 'legacy' ? 1 : 0);
}

/** Returns the switches as log fields. */
export function describeSwitches(switches: RolloutSwitches) {
  return {
    cacheEnabled: switches.cacheEnabled,
    middlewareOrder: switches.middlewareOrder,
    rolloutPercent: switches.rolloutPercent,
    guardTrip: switches.guardTrip ?? null,
  };
}
