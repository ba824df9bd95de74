import { parseBenchOptions } from './bench-options';

const noFiles = (file: string): string => {
  throw new Error(`unexpected read of ${file}`);
};

describe('parseBenchOptions', () => {
  it('applies the documented defaults', () => {
    const options = parseBenchOptions([], noFiles);
    expect(options.mode).toBe('compare');
    expect(options.target).toBeUndefined();
    expect(options.load.durationMs).toBe(30_000);
    expect(options.load.warmupMs).toBe(30_000);
    expect(options.load.rate).toBe(500);
    expect(options.load.maxInFlight).toBe(1000);
    expect(options.gate).toEqual({ p95Ms: 120, p99Ms: 200, errorRatio: 0.01, hitRatio: 0.6 });
    expect(options.capacity.startRate).toBe(250);
    expect(options.syntheticCount).toBe(100_000);
    expect(options.load.searchQueryCount).toBe(2000);
    expect(options.load.mixText).toBe('search=50,lookup=25,check=15,analysis=7,write=0.02');
  });

  it('reads the search query pool size', () => {
    const options = parseBenchOptions(['--search-queries', '500'], noFiles);
    expect(options.load.searchQueryCount).toBe(500);
  });

  it('reads durations, percentages and modes', () => {
    const options = parseBenchOptions(
      [
        '--duration',
        '2m',
        '--warmup',
        '0',
        '--gate-p95',
        '15ms',
        '--gate-errors',
        '0.1%',
        '--capacity',
      ],
      noFiles,
    );
    expect(options.load.durationMs).toBe(120_000);
    expect(options.load.warmupMs).toBe(0);
    expect(options.gate.p95Ms).toBe(15);
    expect(options.gate.errorRatio).toBeCloseTo(0.001);
    expect(options.mode).toBe('capacity');
  });

  it('keeps a loopback target as an origin', () => {
    const options = parseBenchOptions(['--target', 'http://127.0.0.1:8080/'], noFiles);
    expect(options.target).toBe('http://127.0.0.1:8080');
  });

  it.each([
    [['--target', 'http://10.0.0.5:8080'], 'on this machine'],
    [['--target', 'not a url'], 'on this machine'],
    [['--duration', 'soon'], '--duration must be a positive duration'],
    [['--rate', '0'], '--rate must be from 1'],
    [['--max-in-flight', '2.5'], '--max-in-flight must be a whole number'],
    [['--gate-hit-ratio', '150%'], '--gate-hit-ratio must be a percentage'],
    [['--ablation', '--capacity'], 'cannot be combined'],
    [['--ablation', '--target', 'http://127.0.0.1:8080'], 'cannot be combined with --target'],
    [['--start-rate', '500', '--max-rate', '100'], 'must not be below --start-rate'],
    [['--log-level', 'loud'], '--log-level must be one of'],
    [['--search-queries', '0'], '--search-queries must be from 1 to 1000000, got 0'],
    [['--search-queries', 'many'], '--search-queries must be a whole number, got "many"'],
    [['--search-queries', '2.5'], '--search-queries must be a whole number'],
    [['--search-queries', '1000001'], '--search-queries must be from 1 to 1000000'],
  ])('rejects %j', (args, message) => {
    expect(() => parseBenchOptions(args, noFiles)).toThrow(message);
  });

  it('rejects unknown options', () => {
    expect(() => parseBenchOptions(['--rps', '5'], noFiles)).toThrow("Unknown option '--rps'");
  });
});
