import type { Logger } from '@scholarships/logger';
import type { RolloutMetrics } from '../metrics';
import { AffectedClients } from './affected-clients';
import type { RolloutConfig } from './config';
import { p95AboveLimit, RollingWindow, type WindowFigures } from './guard-window';
import type { GuardTrip, GuardTripReason, RolloutSwitches } from './switch-state';
import type { SwitchStore } from './switch-store';

/** The rollback trigger and the window it is judged over. */
export interface GuardSettings {
  windowSeconds: number;
  /** Requests the window must hold before it is judged, so a handful cannot trip the guard. */
  minRequests: number;
  /**
   * Clients that must have had a slow or failed response within the window before the guard
   * trips, so that one client's own slow requests cannot turn the optimized path off for all.
   */
  minClients: number;
  /** Share of 5xx responses, from 0 to 1, above which the guard trips. */
  maxErrorRatio: number;
  /** P95 latency in milliseconds above which the guard trips. */
  maxP95Ms: number;
}

export function guardSettingsFromConfig(config: RolloutConfig): GuardSettings {
  return {
    windowSeconds: config.ROLLOUT_GUARD_WINDOW_SECONDS,
    minRequests: config.ROLLOUT_GUARD_MIN_REQUESTS,
    minClients: config.ROLLOUT_GUARD_MIN_CLIENTS,
    maxErrorRatio: config.ROLLOUT_GUARD_MAX_ERROR_RATIO,
    maxP95Ms: config.ROLLOUT_GUARD_MAX_P95_MS,
  };
}

/** Minimum time between two judgements of the window, in milliseconds. */
export const EVALUATE_INTERVAL_MS = 1000;

export interface RollbackGuardOptions {
  settings: GuardSettings;
  switches: SwitchStore;
  metrics: Pick<RolloutMetrics, 'guardTrips' | 'guardHolding'>;
  logger: Logger;
  /** Milliseconds since the epoch. */
  clock: () => number;
  evaluateIntervalMs?: number;
}

/**
 * Watches the 5xx share and the P95 latency of the optimized arm over a rolling window. When either
 * crosses its limit, it sets the rollout percentage to 0 in the shared switches, so every replica
 * sends all clients down the baseline, and marks the switches as held by the guard. It never
 * turns the optimized arm back on: an operator does, by setting a percentage.
 *
 * The window is judged when a request finishes, at most once per `evaluateIntervalMs`, so the
 * guard needs no timer. Without traffic there is nothing new to judge.
 */
export class RollbackGuard {
  private readonly window: RollingWindow;
  private readonly affected: AffectedClients;
  private readonly evaluateIntervalMs: number;
  private lastEvaluatedAt = Number.NEGATIVE_INFINITY;
  private held: boolean;
  private percent: number;
  private tripping = false;

  constructor(private readonly options: RollbackGuardOptions) {
    const { settings } = options;
    this.window = new RollingWindow(settings.windowSeconds, settings.maxP95Ms);
    this.affected = new AffectedClients(settings.windowSeconds * 1000);
    this.evaluateIntervalMs = options.evaluateIntervalMs ?? EVALUATE_INTERVAL_MS;
    const switches = options.switches.current();
    this.held = switches.guardTrip !== undefined;
    this.percent = switches.rolloutPercent;
    options.metrics.guardHolding.set(this.held ? 1 : 0);
    options.switches.onChange((next) => this.follow(next));
  }

  /**
   * Adds a finished request of the optimized arm from the client `clientKey` and judges the
   * window when it is due.
   */
  record(clientKey: string, statusCode: number, durationMs: number): void {
    const now = this.options.clock();
    this.window.add(now, statusCode, durationMs);
    if (statusCode >= 500 || durationMs > this.options.settings.maxP95Ms) {
      this.affected.record(clientKey, now);
    }
    if (now - this.lastEvaluatedAt < this.evaluateIntervalMs) return;
    this.lastEvaluatedAt = now;
    this.evaluate(now);
  }

  /** Judges the window; returns the trip when the guard turned the optimized arm off. */
  evaluate(nowMs = this.options.clock()): GuardTrip | undefined {
    if (this.held || this.tripping || this.percent === 0) return undefined;
    const figures = this.window.figures(nowMs);
    if (figures.requests < this.options.settings.minRequests) return undefined;
    const reason = this.crossedLimit(figures);
    if (reason === undefined) return undefined;
    const { minClients } = this.options.settings;
    if (this.affected.countSince(nowMs, minClients) < minClients) return undefined;
    const trip: GuardTrip = {
      reason,
      at: new Date(nowMs).toISOString(),
      requests: figures.requests,
      errorRatio: figures.errors / figures.requests,
      p95Ms: figures.p95Ms,
    };
    this.trip(trip, figures);
    return trip;
  }

  /** Figures of the current window, for reports. */
  figures(nowMs = this.options.clock()): WindowFigures {
    return this.window.figures(nowMs);
  }

  private crossedLimit(figures: WindowFigures): GuardTripReason | undefined {
    if (figures.errors / figures.requests > this.options.settings.maxErrorRatio) {
      return 'error_ratio';
    }
    return p95AboveLimit(figures) ? 'p95' : undefined;
  }

  private trip(trip: GuardTrip, figures: WindowFigures): void {
    const { settings, metrics, logger } = this.options;
    this.tripping = true;
    metrics.guardTrips.inc({ reason: trip.reason });
    logger.warn(
      {
        reason: trip.reason,
        requests: figures.requests,
        errorRatio: round(trip.errorRatio, 4),
        p95Ms: round(trip.p95Ms, 1),
        slowRatio: round(figures.slow / figures.requests, 4),
        windowSeconds: settings.windowSeconds,
        maxErrorRatio: settings.maxErrorRatio,
        maxP95Ms: settings.maxP95Ms,
      },
      'rollout guard turned the optimized path off: rollout percentage set to 0',
    );
    this.window.clear();
    this.affected.clear();
    this.options.switches
      .update({ rolloutPercent: 0, guardTrip: trip })
      .finally(() => {
        this.tripping = false;
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'rollout guard could not store its trip');
      });
  }

  private follow(switches: RolloutSwitches): void {
    const held = switches.guardTrip !== undefined;
    const resumed = (this.held && !held) || (this.percent === 0 && switches.rolloutPercent > 0);
    // Responses from before the hold or a 0 % rollout do not describe the arm turned on now.
    if (resumed) {
      this.window.clear();
      this.affected.clear();
    }
    this.held = held;
    this.percent = switches.rolloutPercent;
    this.options.metrics.guardHolding.set(held ? 1 : 0);
  }
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
