import {
  connect,
  EXIT_USAGE,
  formatProgress,
  readFlags,
  requireDatabaseUrl,
  todaySetting,
} from './cli-support';
import { findDataDir } from './find-data-dir';
import { DEFAULT_SYNTHETIC_COUNT, loadSyntheticScholarships } from './generate';

/** Reads a whole-number setting up to `max`, or prints the problem and exits with status 2. */
function integerSetting(name: string, fallback: number, max: number): number {
  const text = process.env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > max) {
    process.stderr.write(
      `${name} is invalid: expected a whole number from 0 to ${max}, got "${text}".\n`,
    );
    process.exit(EXIT_USAGE);
  }
  return value;
}

/** Maximum synthetic rows in one run: they are built in memory before they are written. */
const MAX_SYNTHETIC_COUNT = 1_000_000;
/** Maximum seed: the generator takes a 32-bit seed. */
const MAX_SEED = 0xffff_ffff;

const USAGE = `Usage: node services/catalog/dist/import/generate-cli.js

Loads synthetic scholarships derived from the real data sets, for benchmarks.

  --help  print this text

Environment: DATABASE_URL (required), SYNTHETIC_COUNT (default 100000), SYNTHETIC_SEED
(default 1), SCHOLARSHIP_DATA_DIR, IMPORT_TODAY (YYYY-MM-DD).
`;

/**
 * Loads synthetic scholarships for benchmarks.
 *
 * Environment:
 *   DATABASE_URL          PostgreSQL connection string (required).
 *   SYNTHETIC_COUNT       Rows to generate; default 100000.
 *   SYNTHETIC_SEED        Seed of the generator, an integer; default 1.
 *   SCHOLARSHIP_DATA_DIR  Directory with the four real data sets; default as in the import CLI.
 *   IMPORT_TODAY          Date to project deadlines from, YYYY-MM-DD; default: today in UTC.
 *
 * Prints a JSON summary to stdout and progress lines to stderr.
 */
async function main(): Promise<void> {
  readFlags([], USAGE);
  const databaseUrl = requireDatabaseUrl();
  const count = integerSetting('SYNTHETIC_COUNT', DEFAULT_SYNTHETIC_COUNT, MAX_SYNTHETIC_COUNT);
  const seed = integerSetting('SYNTHETIC_SEED', 1, MAX_SEED);
  const today = todaySetting();
  const dataDir = process.env.SCHOLARSHIP_DATA_DIR?.trim() || findDataDir(__dirname);
  const knex = connect(databaseUrl);
  try {
    const report = await loadSyntheticScholarships(knex, {
      dataDir,
      seed,
      count,
      today,
      onProgress: (progress) => process.stderr.write(`${formatProgress(progress)}\n`),
    });
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await knex.destroy();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Synthetic scholarship load failed: ${message}\n`);
  process.exitCode = 1;
});
