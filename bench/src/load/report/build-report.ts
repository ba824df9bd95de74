import { summarizeProcessMetrics } from '../metrics';
import type { ArmMeasurement } from '../run';
import type { ArmSwitches } from '../stack';
import { summarizeLatency, summarizeRoute, summarizeRoutes, summarizeTimeline } from './summarize';
import type { AblationEntry, ArmReport, LatencySummary, PercentileComparison } from './types';

/** The facts of an arm that the report needs besides its measurement. */
export interface ArmDescription {
  name: string;
  description: string;
  switches: ArmSwitches | undefined;
  rate: number;
  durationMs: number;
  processes: readonly { name: string; pid: number; startupMs: number }[];
}

/** Builds one arm's section of the report from its measurement. */
export function buildArmReport(arm: ArmDescription, measurement: ArmMeasurement): ArmReport {
  const { recorder } = measurement;
  const metrics =
    measurement.scrapes.length === 0 ? undefined : summarizeProcessMetrics(measurement.scrapes);
  return {
    name: arm.name,
    description: arm.description,
    switches: arm.switches,
    rate: arm.rate,
    durationSeconds: arm.durationMs / 1000,
    startedAt: measurement.startedAt,
    endedAt: measurement.endedAt,
    overall: summarizeRoute('overall', recorder.overall, arm.durationMs),
    routes: summarizeRoutes(recorder, arm.durationMs),
    timeline: summarizeTimeline(recorder),
    sendLag: summarizeLatency(recorder.sendLag),
    processes: arm.processes.map((process) => ({
      ...process,
      eventLoopLagP99Ms: metrics?.eventLoopLagP99Ms[process.name] ?? null,
    })),
    metrics,
  };
}

const COMPARED: readonly (keyof LatencySummary)[] = ['p50Ms', 'p90Ms', 'p95Ms', 'p99Ms', 'maxMs'];

/** (before - after) / before as a percentage; null when `before` is 0. */
export function reductionPercent(before: number, after: number): number | null {
  return before === 0 ? null : ((before - after) / before) * 100;
}

function ratio(value: number, floor: number | undefined): number | null {
  return floor === undefined || floor === 0 ? null : value / floor;
}

/**
 * Compares the overall percentiles of the baseline and optimized arms: the reduction per
 * percentile, and each arm's multiple of the bare server's value at the same rate.
 */
export function compareArms(
  baseline: ArmReport,
  optimized: ArmReport,
  bare: ArmReport | undefined,
): PercentileComparison[] {
  return COMPARED.map((metric) => ({
    metric,
    baselineMs: baseline.overall[metric],
    optimizedMs: optimized.overall[metric],
    reductionPercent: reductionPercent(baseline.overall[metric], optimized.overall[metric]),
    baselineToBare: ratio(baseline.overall[metric], bare?.overall[metric]),
    optimizedToBare: ratio(optimized.overall[metric], bare?.overall[metric]),
  }));
}

/** Computes the P95 reduction of every ablation arm against the first arm, the baseline. */
export function ablationEntries(
  arms: readonly ArmReport[],
  skipped: readonly { arm: string; reason: string }[],
): AblationEntry[] {
  const baseline = arms[0];
  const measured = arms.map((arm) => ({
    arm: arm.name,
    p95Ms: arm.overall.p95Ms,
    p95ReductionPercent:
      baseline === undefined ? null : reductionPercent(baseline.overall.p95Ms, arm.overall.p95Ms),
  }));
  const notMeasured = skipped.map(({ arm, reason }) => ({
    arm,
    p95Ms: 0,
    p95ReductionPercent: null,
    skipped: reason,
  }));
  return [...measured, ...notMeasured];
}
