import type { RunRecorder } from '../recording';

/**
 * Formats one progress line: elapsed time, sent, completed, errors, and the P95 of the responses
 * received since the previous line (n/a when none arrived). Call it once per line, because it
 * consumes the recorder's recent latencies.
 */
export function formatProgress(label: string, recorder: RunRecorder, elapsedMs: number): string {
  const recent = recorder.takeRecentLatency();
  const p95 = recent.count === 0 ? 'n/a' : `${(recent.percentile(95) / 1000).toFixed(1)} ms`;
  const elapsed = `${Math.round(elapsedMs / 1000)}s`.padStart(4);
  return (
    `[bench] ${label} ${elapsed}  sent ${recorder.overall.requests}` +
    `  completed ${recorder.finished}  errors ${recorder.overall.errors}` +
    `  p95 ${p95}`
  );
}
