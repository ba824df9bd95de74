import { parseArgs } from 'node:util';
import { DEFAULT_MIX_TEXT, parseMix, type TrafficMix } from './traffic-mix';
import { parseDurationMs, parseNumber, parsePercent } from './units';

/** Objectives an arm must hold; the gate and the capacity search use them. */
export interface Objectives {
  p95Ms: number;
  p99Ms: number;
  /** Fraction of requests, 0 to 1. */
  errorRatio: number;
  /** Fraction of cacheable responses served from the cache, 0 to 1. */
  hitRatio: number;
}

export type BenchMode = 'compare' | 'ablation' | 'capacity';

export interface CapacityOptions {
  startRate: number;
  maxRate: number;
  stepDurationMs: number;
  /** Bisection steps between the last rate that held the objectives and the first that did not. */
  refineSteps: number;
  /** Limit on the load time of the whole capacity search, warm-ups included. */
  timeBudgetMs: number;
}

/** Settings of one load run, shared by every arm. */
export interface LoadSettings {
  durationMs: number;
  warmupMs: number;
  rate: number;
  maxInFlight: number;
  connections: number;
  timeoutMs: number;
  mix: TrafficMix;
  mixText: string;
  replayFile: string | undefined;
  seed: number;
  zipfExponent: number;
  profileCount: number;
  /** Distinct search queries in the pool that synthetic searches draw from by Zipf rank. */
  searchQueryCount: number;
}

export interface BenchOptions {
  mode: BenchMode;
  /** A running gateway to measure instead of starting the stack. */
  target: string | undefined;
  load: LoadSettings;
  gate: Objectives;
  capacity: CapacityOptions;
  syntheticCount: number;
  reportsDir: string;
  logLevel: string;
  help: boolean;
}

export const BENCH_USAGE = `Usage: npm run bench -- [options]

Modes (default: baseline against optimized at one rate):
  --ablation               measure each optimization on its own, then all together
  --capacity               raise the rate step by step and report the highest rate that holds
                           the objectives, per arm

Load:
  --target <url>           measure a running gateway instead of starting the stack (default: start it)
  --duration <time>        measured time per arm, e.g. 30s (default: 30s)
  --warmup <time>          load before each measurement, not recorded, rising in one-second
                           steps from a tenth of the rate to the full rate (default: 30s)
  --rate <n>               arrival rate in requests per second (default: 500)
  --max-in-flight <n>      requests waiting for a response at once; more count as overload errors
                           (default: 1000)
  --connections <n>        keep-alive sockets to the gateway (default: 128)
  --timeout <time>         limit per request (default: 10s)
  --mix <pairs|file.json>  request kinds and relative weights
                           (default: ${DEFAULT_MIX_TEXT}); each write increments the catalog
                           generation in every search and eligibility cache key, so the write
                           weight sets how long those cached responses last
  --replay <file.jsonl>    send the requests of a recorded log instead of the synthetic mix
  --seed <n>               seed of every random choice (default: 42)
  --zipf <s>               Zipf exponent of search queries, terms, ids and profiles (default: 1.1)
  --profiles <n>           eligibility profiles in the pool (default: 300)
  --search-queries <n>     distinct search queries in the pool that searches draw from by Zipf
                           rank, 1 to 1000000 (default: 2000)
  --synthetic-count <n>    synthetic scholarships loaded besides the real data (default: 100000)

Gate (the optimized arm, or the target, must hold each):
  --gate-p95 <time>        (default: 120ms)
  --gate-p99 <time>        (default: 200ms)
  --gate-errors <percent>  (default: 1%)
  --gate-hit-ratio <pct>   (default: 60%)

Capacity:
  --start-rate <n>         first rate (default: 250)
  --max-rate <n>           highest rate tried (default: 8000)
  --step-duration <time>   measured time per step (default: 15s)
  --refine-steps <n>       bisection steps after the first failing rate (default: 2)
  --time-budget <time>     limit on all steps of the search (default: 15m)

Output:
  --reports-dir <dir>      where the JSON and HTML reports go (default: reports)
  --log-level <level>      LOG_LEVEL of the started processes (default: info)
  --help                   print this text`;

const OPTION_SPEC = {
  ablation: { type: 'boolean', default: false },
  capacity: { type: 'boolean', default: false },
  target: { type: 'string' },
  duration: { type: 'string', default: '30s' },
  warmup: { type: 'string', default: '30s' },
  rate: { type: 'string', default: '500' },
  'max-in-flight': { type: 'string', default: '1000' },
  connections: { type: 'string', default: '128' },
  timeout: { type: 'string', default: '10s' },
  mix: { type: 'string', default: DEFAULT_MIX_TEXT },
  replay: { type: 'string' },
  seed: { type: 'string', default: '42' },
  zipf: { type: 'string', default: '1.1' },
  profiles: { type: 'string', default: '300' },
  'search-queries': { type: 'string', default: '2000' },
  'synthetic-count': { type: 'string', default: '100000' },
  'gate-p95': { type: 'string', default: '120ms' },
  'gate-p99': { type: 'string', default: '200ms' },
  'gate-errors': { type: 'string', default: '1%' },
  'gate-hit-ratio': { type: 'string', default: '60%' },
  'start-rate': { type: 'string', default: '250' },
  'max-rate': { type: 'string', default: '8000' },
  'step-duration': { type: 'string', default: '15s' },
  'refine-steps': { type: 'string', default: '2' },
  'time-budget': { type: 'string', default: '15m' },
  'reports-dir': { type: 'string', default: 'reports' },
  'log-level': { type: 'string', default: 'info' },
  help: { type: 'boolean', default: false },
} as const;

type ParsedValues = ReturnType<typeof parseArgs<{ options: typeof OPTION_SPEC }>>['values'];

/** Reads an option that has a default in OPTION_SPEC, so parseArgs always fills it. */
function text(values: ParsedValues, name: keyof typeof OPTION_SPEC): string {
  const value = values[name];
  return typeof value === 'string' ? value : '';
}

const RATE_BOUNDS = { min: 1, max: 100_000 };
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function parseLoadSettings(values: ParsedValues, readFile: (file: string) => string): LoadSettings {
  const mixText = text(values, 'mix');
  return {
    durationMs: parseDurationMs('duration', text(values, 'duration'), 's'),
    warmupMs: parseDurationMs('warmup', text(values, 'warmup'), 's', true),
    rate: parseNumber('rate', text(values, 'rate'), RATE_BOUNDS),
    maxInFlight: parseNumber('max-in-flight', text(values, 'max-in-flight'), {
      min: 1,
      max: 100_000,
      integer: true,
    }),
    connections: parseNumber('connections', text(values, 'connections'), {
      min: 1,
      max: 10_000,
      integer: true,
    }),
    timeoutMs: parseDurationMs('timeout', text(values, 'timeout'), 's'),
    mix: parseMix(mixText, readFile),
    mixText,
    replayFile: values.replay,
    seed: parseNumber('seed', text(values, 'seed'), { min: 0, max: 2 ** 32 - 1, integer: true }),
    zipfExponent: parseNumber('zipf', text(values, 'zipf'), { min: 0, max: 5 }),
    profileCount: parseNumber('profiles', text(values, 'profiles'), {
      min: 1,
      max: 100_000,
      integer: true,
    }),
    searchQueryCount: parseNumber('search-queries', text(values, 'search-queries'), {
      min: 1,
      max: 1_000_000,
      integer: true,
    }),
  };
}

function parseGate(values: ParsedValues): Objectives {
  return {
    p95Ms: parseDurationMs('gate-p95', text(values, 'gate-p95'), 'ms'),
    p99Ms: parseDurationMs('gate-p99', text(values, 'gate-p99'), 'ms'),
    errorRatio: parsePercent('gate-errors', text(values, 'gate-errors')),
    hitRatio: parsePercent('gate-hit-ratio', text(values, 'gate-hit-ratio')),
  };
}

function parseCapacity(values: ParsedValues): CapacityOptions {
  const startRate = parseNumber('start-rate', text(values, 'start-rate'), RATE_BOUNDS);
  const maxRate = parseNumber('max-rate', text(values, 'max-rate'), RATE_BOUNDS);
  if (maxRate < startRate) {
    throw new RangeError(`--max-rate (${maxRate}) must not be below --start-rate (${startRate})`);
  }
  return {
    startRate,
    maxRate,
    stepDurationMs: parseDurationMs('step-duration', text(values, 'step-duration'), 's'),
    refineSteps: parseNumber('refine-steps', text(values, 'refine-steps'), {
      min: 0,
      max: 10,
      integer: true,
    }),
    timeBudgetMs: parseDurationMs('time-budget', text(values, 'time-budget'), 's'),
  };
}

function parseMode(values: ParsedValues): BenchMode {
  if (values.ablation === true && values.capacity === true) {
    throw new RangeError('--ablation and --capacity cannot be combined; run them one at a time');
  }
  if (values.ablation === true) return 'ablation';
  return values.capacity === true ? 'capacity' : 'compare';
}

function parseTarget(target: string | undefined): string | undefined {
  if (target === undefined) return undefined;
  const url = URL.canParse(target) ? new URL(target) : undefined;
  if (
    url === undefined ||
    url.protocol !== 'http:' ||
    !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
  ) {
    throw new RangeError(
      `--target must be an http URL on this machine such as http://127.0.0.1:8080, got "${target}"`,
    );
  }
  return url.origin;
}

/** Parses the command line; throws a RangeError naming the first invalid option. */
export function parseBenchOptions(
  args: readonly string[],
  readFile: (file: string) => string,
): BenchOptions {
  const { values } = parseArgs({ args: [...args], options: OPTION_SPEC, strict: true });
  const logLevel = text(values, 'log-level');
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new RangeError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const mode = parseMode(values);
  const target = parseTarget(values.target);
  if (target !== undefined && mode !== 'compare') {
    throw new RangeError(`--${mode} starts its own stack and cannot be combined with --target`);
  }
  return {
    mode,
    target,
    load: parseLoadSettings(values, readFile),
    gate: parseGate(values),
    capacity: parseCapacity(values),
    syntheticCount: parseNumber('synthetic-count', text(values, 'synthetic-count'), {
      min: 0,
      max: 1_000_000,
      integer: true,
    }),
    reportsDir: text(values, 'reports-dir'),
    logLevel,
    help: values.help === true,
  };
}
