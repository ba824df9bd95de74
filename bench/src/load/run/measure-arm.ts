import { HttpClient } from '../client';
import { type MetricSample, type ProcessScrapes, parsePrometheusText } from '../metrics';
import type { LoadSettings } from '../options';
import type { RunRecorder } from '../recording';
import type { Workload } from '../workload';
import { formatProgress } from './progress';
import { runLoad } from './run-load';
import { warmUpSteps } from './warm-up-steps';

/** A process whose /metrics the bench reads at the start and end of a measurement. */
export interface MetricsSource {
  name: string;
  origin: string;
}

export interface MeasureArmOptions {
  label: string;
  origin: string;
  workload: Workload;
  load: Pick<
    LoadSettings,
    'durationMs' | 'warmupMs' | 'rate' | 'maxInFlight' | 'connections' | 'timeoutMs'
  >;
  metricsSources: readonly MetricsSource[];
  signal: AbortSignal;
  /** Receives one progress line per second. */
  progress: (line: string) => void;
}

export interface ArmMeasurement {
  recorder: RunRecorder;
  scrapes: ProcessScrapes[];
  /** Wall-clock start and end of the measured window, ISO 8601. */
  startedAt: string;
  endedAt: string;
  /** The measured window on the monotonic clock of `process.hrtime`, in nanoseconds. */
  window: { startNs: bigint; endNs: bigint };
}

async function scrape(source: MetricsSource): Promise<MetricSample[]> {
  try {
    const response = await fetch(`${source.origin}/metrics`, { signal: AbortSignal.timeout(5000) });
    return response.ok ? parsePrometheusText(await response.text()) : [];
  } catch {
    return [];
  }
}

function scrapeAll(sources: readonly MetricsSource[]): Promise<MetricSample[][]> {
  return Promise.all(sources.map(scrape));
}

/**
 * Warms up with rising rates (`warmUpSteps`) without recording, then measures one arm and scrapes every
 * process's /metrics right before and right after the measured window.
 */
export async function measureArm(options: MeasureArmOptions): Promise<ArmMeasurement> {
  const client = new HttpClient(options.origin, options.load);
  const common = {
    client,
    workload: options.workload,
    rate: options.load.rate,
    maxInFlight: options.load.maxInFlight,
    timeoutMs: options.load.timeoutMs,
    signal: options.signal,
  };
  try {
    for (const step of warmUpSteps(options.load.rate, options.load.warmupMs)) {
      await runLoad({
        ...common,
        rate: step.rate,
        durationMs: step.durationMs,
        onProgress: (recorder, elapsedMs) =>
          options.progress(
            formatProgress(`${options.label} warm-up at ${step.rate} req/s`, recorder, elapsedMs),
          ),
      });
      if (options.signal.aborted) throw new Error(`${options.label} was interrupted`);
    }
    const before = await scrapeAll(options.metricsSources);
    const startedAt = new Date().toISOString();
    const recorder = await runLoad({
      ...common,
      durationMs: options.load.durationMs,
      onProgress: (run, elapsedMs) =>
        options.progress(formatProgress(options.label, run, elapsedMs)),
    });
    const endedAt = new Date().toISOString();
    const window = { startNs: recorder.startNs, endNs: process.hrtime.bigint() };
    if (options.signal.aborted) throw new Error(`${options.label} was interrupted`);
    const after = await scrapeAll(options.metricsSources);
    const scrapes = options.metricsSources.map((source, index) => ({
      name: source.name,
      start: before[index] ?? [],
      end: after[index] ?? [],
    }));
    return { recorder, scrapes, startedAt, endedAt, window };
  } finally {
    client.close();
  }
}
