import type { ProcessMetricsSummary } from '../metrics';
import type { Objectives } from '../options';
import type { ArmSwitches } from '../stack';

/** Latency percentiles in milliseconds; 0 when no response arrived. */
export interface LatencySummary {
  p50Ms: number;
  p90Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

export interface RouteSummary extends LatencySummary {
  route: string;
  /** Requests that came due in the window. */
  requests: number;
  /** Requests that received a response, with any status. */
  responses: number;
  /** Responses per second of the window. */
  throughputPerSecond: number;
  errors: number;
  /** errors / requests. */
  errorRatio: number;
  errorReasons: Record<string, number>;
  statuses: Record<string, number>;
  /** X-Cache values of cacheable responses. */
  cache: Record<string, number>;
  /** (HIT + STALE) / cacheable responses; null when the route has none. */
  hitRatio: number | null;
}

export interface TimelinePoint {
  second: number;
  requests: number;
  errors: number;
  /** Null when no request due in that second received a response. */
  p95Ms: number | null;
  hitRatio: number | null;
}

export interface ProcessInfo {
  name: string;
  pid: number;
  startupMs: number;
  eventLoopLagP99Ms: number | null;
}

export interface ArmReport {
  name: string;
  description: string;
  /** Undefined for the bare server and a target gateway, whose settings the bench did not set. */
  switches: ArmSwitches | undefined;
  rate: number;
  durationSeconds: number;
  startedAt: string;
  endedAt: string;
  overall: RouteSummary;
  routes: RouteSummary[];
  timeline: TimelinePoint[];
  /** How late the generator sent requests after their due time; large values mean it fell behind. */
  sendLag: LatencySummary;
  processes: ProcessInfo[];
  metrics: ProcessMetricsSummary | undefined;
}

export interface PercentileComparison {
  metric: keyof LatencySummary;
  baselineMs: number;
  optimizedMs: number;
  /** (baseline - optimized) / baseline, as a percentage. */
  reductionPercent: number | null;
  baselineToBare: number | null;
  optimizedToBare: number | null;
}

export interface GateCheck {
  name: 'p95' | 'p99' | 'errors' | 'hit ratio';
  value: number | null;
  threshold: number;
  unit: 'ms' | 'ratio';
  passed: boolean;
}

export interface GateResult {
  arm: string;
  thresholds: Objectives;
  passed: boolean;
  checks: GateCheck[];
}

export interface AblationEntry {
  arm: string;
  p95Ms: number;
  /** P95 reduction against the ablation baseline, as a percentage. */
  p95ReductionPercent: number | null;
  /** The reason an arm was not measured, when it was not. */
  skipped?: string;
}

export interface CapacityStep {
  rate: number;
  overall: RouteSummary;
  held: boolean;
}

export interface CapacityResult {
  arm: string;
  steps: CapacityStep[];
  /** The highest rate that held the objectives; null when even the first step failed. */
  capacity: number | null;
  /** Whether the search ended for lack of time before finding a rate that failed. */
  budgetExhausted: boolean;
}

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  nodeVersion: string;
  platform: string;
  loadAverageStart: number[];
  loadAverageEnd: number[];
}

export interface BenchReport {
  createdAt: string;
  mode: string;
  command: string;
  machine: MachineInfo;
  settings: Record<string, unknown>;
  arms: ArmReport[];
  comparison: PercentileComparison[] | undefined;
  ablation: AblationEntry[] | undefined;
  capacity: CapacityResult[] | undefined;
  gate: GateResult | undefined;
  notes: string[];
}
