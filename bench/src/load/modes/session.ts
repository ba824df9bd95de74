import type { BenchOptions } from '../options';
import type { CleanupStack, Infrastructure } from '../stack';
import type { Workload } from '../workload';

/** The state every mode shares: options, the stack, the workload and the stop signal. */
export interface BenchSession {
  options: BenchOptions;
  cleanups: CleanupStack;
  signal: AbortSignal;
  /** Directory of the process log files. */
  logDir: string;
  jwtSecret: string;
  /** A fresh workload with the run's seed, so every arm sends the same sequence. */
  createWorkload(): Workload;
  /** Undefined with --target. */
  infrastructure: Infrastructure | undefined;
  /** Writes a progress line to standard error. */
  say(line: string): void;
  notes: string[];
}
