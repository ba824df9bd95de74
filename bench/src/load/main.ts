import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import {
  type BenchSession,
  type ModeResult,
  runAblationMode,
  runCapacityMode,
  runCompareMode,
} from './modes';
import { BENCH_USAGE, type BenchOptions, parseBenchOptions } from './options';
import {
  type BenchReport,
  describeMachine,
  renderText,
  reportTimestamp,
  writeReport,
} from './report';
import { openSession } from './session';
import { CleanupStack, REPOSITORY_ROOT } from './stack';

/** Exit status for invalid options, distinct from 1 for a failed gate or run. */
const EXIT_USAGE = 2;
/** Exit status after SIGINT or SIGTERM, as shells report a death by SIGINT. */
const EXIT_INTERRUPTED = 130;

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

function readOptions(): BenchOptions {
  try {
    return parseBenchOptions(process.argv.slice(2), (file) => readFileSync(file, 'utf8'));
  } catch (error) {
    say(`${error instanceof Error ? error.message : String(error)}\n\n${BENCH_USAGE}`);
    process.exit(EXIT_USAGE);
  }
}

function runMode(session: BenchSession): Promise<ModeResult> {
  if (session.options.mode === 'ablation') return runAblationMode(session);
  if (session.options.mode === 'capacity') return runCapacityMode(session);
  return runCompareMode(session);
}

/** Notes a reader needs to interpret the figures, derived from the results. */
function resultNotes(result: ModeResult): string[] {
  const notes: string[] = [];
  for (const arm of result.arms) {
    const cacheable = Object.values(arm.overall.cache).reduce((sum, count) => sum + count, 0);
    if (
      arm.switches?.cacheEnabled === true &&
      cacheable > 0 &&
      arm.overall.cache.none === cacheable
    ) {
      notes.push(
        `${arm.name}: no response carried X-Cache, so this gateway build does not run the ` +
          'response cache and the hit ratio is 0',
      );
    }
    if (arm.sendLag.p99Ms > 5) {
      notes.push(
        `${arm.name}: the generator sent 1 % of requests more than ${arm.sendLag.p99Ms.toFixed(1)} ms ` +
          'late; that delay is part of the latency, because it is measured from the due time',
      );
    }
  }
  return notes;
}

function assembleReport(
  options: BenchOptions,
  session: BenchSession,
  result: ModeResult,
  machine: BenchReport['machine'],
): BenchReport {
  const { mix, ...load } = options.load;
  return {
    createdAt: new Date().toISOString(),
    mode: options.mode,
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    machine: { ...machine, loadAverageEnd: loadavg() },
    settings: {
      ...load,
      mix,
      target: options.target ?? null,
      syntheticCount: options.syntheticCount,
      gate: options.gate,
      capacity: options.mode === 'capacity' ? options.capacity : undefined,
      logLevel: options.logLevel,
      processLogs: session.logDir,
      setupSeconds: session.infrastructure?.setupSeconds,
      gatewayRateLimit: 'RATE_LIMIT_POLICIES=default=10000000/60 (all load comes from 127.0.0.1)',
    },
    arms: result.arms,
    comparison: result.comparison,
    ablation: result.ablation,
    capacity: result.capacity,
    gate: result.gate,
    notes: [...session.notes, ...resultNotes(result)],
  };
}

async function main(): Promise<void> {
  const options = readOptions();
  if (options.help) {
    process.stdout.write(`${BENCH_USAGE}\n`);
    return;
  }
  const machine = describeMachine();
  const cleanups = new CleanupStack();
  const abort = new AbortController();
  const stopEverything = (exitCode: number) => {
    abort.abort();
    void cleanups
      .runAll((error) => say(`stopping failed: ${String(error)}`))
      .then(() => process.exit(exitCode));
  };
  process.once('SIGINT', () => stopEverything(EXIT_INTERRUPTED));
  process.once('SIGTERM', () => stopEverything(EXIT_INTERRUPTED));

  let exitCode = 0;
  try {
    const session = await openSession(options, cleanups, abort.signal);
    const result = await runMode(session);
    const report = assembleReport(options, session, result, machine);
    const directory = path.resolve(REPOSITORY_ROOT, options.reportsDir);
    const files = await writeReport(report, directory, reportTimestamp(new Date()));
    process.stdout.write(`${renderText(report)}\n\nreport: ${files.json}\n        ${files.html}\n`);
    if (report.gate !== undefined && !report.gate.passed) exitCode = 1;
  } catch (error) {
    if (abort.signal.aborted) {
      // Ctrl-C: stopEverything exits once the clean-up ends, and the abort is no failure.
      say('interrupted; stopping everything');
    } else {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      say(`bench failed: ${text}`);
    }
    exitCode = 1;
  } finally {
    await cleanups.runAll((error) => say(`stopping failed: ${String(error)}`));
  }
  process.exit(exitCode);
}

void main();
