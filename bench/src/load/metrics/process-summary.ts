import { addBuckets } from './histogram-delta';
import { type HistogramSummary, MS_PER_SECOND, summarizeBuckets } from './histogram-summary';
import { deltaOf, type ProcessScrapes } from './process-scrapes';
import { selectSamples, sumSamples } from './prometheus-text';
import { rankStatementsByTime, type StatementSummary } from './statement-summary';

export interface StageSummary extends HistogramSummary {
  stage: string;
}

export interface CacheMetricSummary {
  /** Responses counted by `gateway_cache_requests_total`, by `result`. */
  byResult: Record<string, number>;
  /** (hit + stale) / all results; null when the metric is absent or did not move. */
  hitRatio: number | null;
}

export interface ProcessMetricsSummary {
  /** `db_query_duration_seconds` across every service. */
  database: HistogramSummary;
  databaseByService: Record<string, HistogramSummary>;
  /**
   * Statements of `db_query_duration_seconds` by total time during the window, largest first,
   * summed over services and outcomes. It keeps at most `RANKED_STATEMENT_LIMIT` (10) of them.
   */
  databaseStatements: StatementSummary[];
  /** `gateway_stage_duration_seconds` by stage. */
  gatewayStages: StageSummary[];
  /** Mean time of all edge stages together per gateway request, in ms; null without data. */
  gatewayStagesMeanTotalMs: number | null;
  cache: CacheMetricSummary;
  /** `nodejs_eventloop_lag_p99_seconds` of each process at the end, in milliseconds. */
  eventLoopLagP99Ms: Record<string, number | null>;
}

function summarizeStages(gateway: ProcessScrapes | undefined) {
  if (gateway === undefined) return { stages: [], meanTotalMs: null };
  const names = new Set(
    selectSamples(gateway.end, 'gateway_stage_duration_seconds_count').map(
      (sample) => sample.labels.stage ?? '',
    ),
  );
  const stages = [...names].sort().map((stage) => ({
    stage,
    ...summarizeBuckets(deltaOf(gateway, 'gateway_stage_duration_seconds', { stage })),
  }));
  const requests = Math.max(0, ...stages.map((stage) => stage.count));
  const totalMs = stages.reduce((sum, stage) => sum + (stage.meanMs ?? 0) * stage.count, 0);
  return { stages, meanTotalMs: requests === 0 ? null : totalMs / requests };
}

function summarizeCache(gateway: ProcessScrapes | undefined): CacheMetricSummary {
  const byResult: Record<string, number> = {};
  if (gateway === undefined) return { byResult, hitRatio: null };
  for (const sample of selectSamples(gateway.end, 'gateway_cache_requests_total')) {
    const result = sample.labels.result ?? 'unknown';
    const before = sumSamples(gateway.start, 'gateway_cache_requests_total', sample.labels);
    byResult[result] = (byResult[result] ?? 0) + sample.value - before;
  }
  const total = Object.values(byResult).reduce((sum, count) => sum + count, 0);
  const hits = (byResult.hit ?? 0) + (byResult.stale ?? 0);
  return { byResult, hitRatio: total === 0 ? null : hits / total };
}

/** Summarizes the database, edge-stage, cache and event-loop metrics of one measurement. */
export function summarizeProcessMetrics(
  processes: readonly ProcessScrapes[],
): ProcessMetricsSummary {
  const gateway = processes.find((scrapes) => scrapes.name === 'gateway');
  const services = processes.filter((scrapes) => scrapes.name !== 'gateway');
  const databaseByService: Record<string, HistogramSummary> = {};
  const deltas = services.map((scrapes) => {
    const delta = deltaOf(scrapes, 'db_query_duration_seconds');
    databaseByService[scrapes.name] = summarizeBuckets(delta);
    return delta;
  });
  const stages = summarizeStages(gateway);
  const eventLoopLagP99Ms: Record<string, number | null> = {};
  for (const scrapes of processes) {
    const lag = selectSamples(scrapes.end, 'nodejs_eventloop_lag_p99_seconds')[0];
    eventLoopLagP99Ms[scrapes.name] = lag === undefined ? null : lag.value * MS_PER_SECOND;
  }
  return {
    database: summarizeBuckets(addBuckets(deltas)),
    databaseByService,
    databaseStatements: rankStatementsByTime(services),
    gatewayStages: stages.stages,
    gatewayStagesMeanTotalMs: stages.meanTotalMs,
    cache: summarizeCache(gateway),
    eventLoopLagP99Ms,
  };
}
