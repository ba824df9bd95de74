import { BENCH_USAGE, type BenchOptions, parseBenchOptions } from './bench-options';
import { parseNumber } from './units';

export const PROFILED_SERVICES = ['search', 'catalog', 'eligibility'] as const;
export type ProfiledService = (typeof PROFILED_SERVICES)[number];

export interface ProfileOptions {
  bench: BenchOptions;
  service: ProfiledService;
  top: number;
}

/** Defaults of the profile run that differ from the bench's: a shorter run at a lower rate. */
const PROFILE_DEFAULTS = ['--duration', '20s', '--rate', '300'];

export const PROFILE_USAGE = `Usage: npm run profile -- [--service search|catalog|eligibility] [--top <n>] [load options]

Runs the optimized arm with the CPU and heap sampling profilers on the gateway and one service,
then prints the top functions by self time and the top allocation sites.
  --service <name>   service profiled besides the gateway (default: search)
  --top <n>          entries listed per profile (default: 5)
Load options are the bench's, with --duration 20s and --rate 300 as defaults;
--ablation, --capacity and --target do not apply.

${BENCH_USAGE}`;

function takeOption(args: string[], name: string): string | undefined {
  // `--name=value`, the form every bench option also takes.
  const joined = args.findIndex((arg) => arg.startsWith(`--${name}=`));
  if (joined >= 0) {
    const [arg] = args.splice(joined, 1);
    return arg?.slice(name.length + 3);
  }
  const index = args.indexOf(`--${name}`);
  if (index < 0) return undefined;
  const [, value] = args.splice(index, 2);
  if (value === undefined) throw new RangeError(`--${name} needs a value`);
  return value;
}

/** Parses the profile command line; throws a RangeError naming the first invalid option. */
export function parseProfileOptions(
  args: readonly string[],
  readFile: (file: string) => string,
): ProfileOptions {
  const rest = [...args];
  const serviceText = takeOption(rest, 'service') ?? 'search';
  const service = PROFILED_SERVICES.find((candidate) => candidate === serviceText);
  if (service === undefined) {
    throw new RangeError(
      `--service must be one of ${PROFILED_SERVICES.join(', ')}, got "${serviceText}"`,
    );
  }
  const top = parseNumber('top', takeOption(rest, 'top') ?? '5', {
    min: 1,
    max: 100,
    integer: true,
  });
  const bench = parseBenchOptions([...PROFILE_DEFAULTS, ...rest], readFile);
  if (bench.mode !== 'compare' || bench.target !== undefined) {
    throw new RangeError(
      'profile runs its own stack; --ablation, --capacity and --target do not apply',
    );
  }
  return { bench, service, top };
}
