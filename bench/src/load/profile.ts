import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type BenchSession, measurePlatform, OPTIMIZED_ARM, startArmPlatform } from './modes';
import { PROFILE_USAGE, type ProfileOptions, parseProfileOptions } from './options';
import {
  type CpuProfile,
  type CpuProfileSummary,
  type HeapProfile,
  type HeapProfileSummary,
  summarizeCpuProfile,
  summarizeHeapProfile,
  type TimeWindow,
} from './profiling';
import { type ArmReport, buildArmReport, renderArmText, reportTimestamp } from './report';
import { formatMs } from './report/format';
import { openSession } from './session';
import { CleanupStack, type PlatformProcessName, REPOSITORY_ROOT } from './stack';

const EXIT_USAGE = 2;
const EXIT_INTERRUPTED = 130;

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Node.js options that make a process write its CPU and heap profiles on exit. */
function profilerArgs(directory: string, name: string): string[] {
  return [
    '--cpu-prof',
    `--cpu-prof-dir=${directory}`,
    `--cpu-prof-name=${name}.cpuprofile`,
    '--heap-prof',
    `--heap-prof-dir=${directory}`,
    `--heap-prof-name=${name}.heapprofile`,
  ];
}

interface ProcessProfile {
  process: string;
  cpu: CpuProfileSummary;
  heap: HeapProfileSummary;
}

async function readProfiles(
  directory: string,
  name: string,
  top: number,
  window: TimeWindow,
): Promise<ProcessProfile> {
  const cpu = JSON.parse(
    await readFile(path.join(directory, `${name}.cpuprofile`), 'utf8'),
  ) as CpuProfile;
  const heap = JSON.parse(
    await readFile(path.join(directory, `${name}.heapprofile`), 'utf8'),
  ) as HeapProfile;
  return {
    process: name,
    cpu: summarizeCpuProfile(cpu, top, window),
    heap: summarizeHeapProfile(heap, top),
  };
}

function formatProfile(profile: ProcessProfile): string {
  const busyMs = profile.cpu.totalMs - profile.cpu.idleMs;
  const lines = [
    `== ${profile.process}: ${formatMs(busyMs)} ms busy (not idle; includes waiting for a core) of ${formatMs(profile.cpu.totalMs)} ms sampled ` +
      (profile.cpu.windowed ? 'during the measured window' : 'from start to exit'),
    'top functions by self time:',
    ...profile.cpu.top.map(
      (entry) =>
        `  ${formatMs(entry.selfMs).padStart(9)} ms ${(entry.share * 100).toFixed(1).padStart(5)} %  ${entry.function}`,
    ),
    `top allocation sites (sampled bytes still allocated when the profile was written, ${Math.round(profile.heap.totalBytes / 1024)} KiB in all):`,
    ...profile.heap.top.map(
      (entry) =>
        `  ${String(Math.round(entry.bytes / 1024)).padStart(7)} KiB ${(entry.share * 100).toFixed(1).padStart(5)} %  ${entry.site}`,
    ),
  ];
  return lines.join('\n');
}

/** Runs the optimized arm with the profilers on; the profiles are on disk when it resolves. */
async function measureWithProfilers(
  session: BenchSession,
  profiled: readonly PlatformProcessName[],
  directory: string,
): Promise<{ report: ArmReport; window: TimeWindow }> {
  const nodeArgs = Object.fromEntries(
    profiled.map((name) => [name, profilerArgs(directory, name)]),
  );
  const platform = await startArmPlatform(session, OPTIMIZED_ARM, nodeArgs);
  const load = session.options.load;
  try {
    const workload = session.createWorkload();
    const measurement = await measurePlatform(session, 'profile', platform, workload, load);
    const report = buildArmReport(
      {
        ...OPTIMIZED_ARM,
        rate: load.rate,
        durationMs: load.durationMs,
        processes: platform.processes,
      },
      measurement,
    );
    const window = {
      startUs: Number(measurement.window.startNs / 1000n),
      endUs: Number(measurement.window.endNs / 1000n),
    };
    return { report, window };
  } finally {
    // Each process writes its profiles when it exits after SIGTERM.
    await platform.stop();
  }
}

async function runProfile(options: ProfileOptions, cleanups: CleanupStack, signal: AbortSignal) {
  const session = await openSession(options.bench, cleanups, signal);
  const directory = path.resolve(
    REPOSITORY_ROOT,
    options.bench.reportsDir,
    `profile-${reportTimestamp(new Date())}`,
  );
  await mkdir(directory, { recursive: true });
  const profiled: PlatformProcessName[] = ['gateway', options.service];
  const { report, window } = await measureWithProfilers(session, profiled, directory);
  const profiles = await Promise.all(
    profiled.map((name) => readProfiles(directory, name, options.top, window)),
  );
  await writeFile(
    path.join(directory, 'summary.json'),
    `${JSON.stringify({ arm: report, profiles }, null, 2)}\n`,
  );
  process.stdout.write(`${renderArmText(report)}\n\n`);
  process.stdout.write(`${profiles.map(formatProfile).join('\n\n')}\n\nprofiles: ${directory}\n`);
}

async function main(): Promise<void> {
  let options: ProfileOptions;
  try {
    if (process.argv.includes('--help')) {
      process.stdout.write(`${PROFILE_USAGE}\n`);
      return;
    }
    options = parseProfileOptions(process.argv.slice(2), (file) => readFileSync(file, 'utf8'));
  } catch (error) {
    say(`${error instanceof Error ? error.message : String(error)}\n\n${PROFILE_USAGE}`);
    process.exit(EXIT_USAGE);
  }
  const cleanups = new CleanupStack();
  const abort = new AbortController();
  process.once('SIGINT', () => {
    abort.abort();
    void cleanups
      .runAll((error) => say(`stopping failed: ${String(error)}`))
      .then(() => process.exit(EXIT_INTERRUPTED));
  });
  let exitCode = 0;
  try {
    await runProfile(options, cleanups, abort.signal);
  } catch (error) {
    say(
      `profile failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    exitCode = 1;
  } finally {
    await cleanups.runAll((error) => say(`stopping failed: ${String(error)}`));
  }
  process.exit(exitCode);
}

void main();
