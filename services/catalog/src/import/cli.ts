import {
  connect,
  formatProgress,
  readFlags,
  requireDatabaseUrl,
  todaySetting,
} from './cli-support';
import { findDataDir } from './find-data-dir';
import { importScholarships, isImportCurrent } from './import-scholarships';

const USAGE = `Usage: node services/catalog/dist/import/cli.js [--skip-if-current]

Imports the scholarship data sets into the catalog database.

  --skip-if-current  do nothing when the same files were imported in full today
  --help             print this text

Environment: DATABASE_URL (required), SCHOLARSHIP_DATA_DIR, IMPORT_TODAY (YYYY-MM-DD).
`;

/**
 * Imports the scholarship data sets into the catalog database.
 *
 * Environment:
 *   DATABASE_URL          PostgreSQL connection string (required).
 *   SCHOLARSHIP_DATA_DIR  Directory with the four data sets; default: `data/scholarships` in
 *                         the first directory above this file that has one.
 *   IMPORT_TODAY          Date to project deadlines from, YYYY-MM-DD; default: today in UTC.
 *
 * With `--skip-if-current`, does nothing when
 * the same data files were already imported in full on the same day; it
 * prints `{"alreadyImported": true}` then.
 *
 * Prints the report as JSON to stdout and progress lines to stderr. Exits with
 * 2 when a setting is missing or invalid and with 1 when the import fails.
 */
async function main(): Promise<void> {
  const flags = readFlags(['skip-if-current'], USAGE);
  const databaseUrl = requireDatabaseUrl();
  const today = todaySetting();
  const dataDir = process.env.SCHOLARSHIP_DATA_DIR?.trim() || findDataDir(__dirname);
  const knex = connect(databaseUrl);
  try {
    if (flags.has('skip-if-current') && (await isImportCurrent(knex, dataDir, today))) {
      process.stdout.write(`${JSON.stringify({ alreadyImported: true, today })}\n`);
      return;
    }
    const report = await importScholarships(knex, {
      dataDir,
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
  process.stderr.write(`Scholarship import failed: ${message}\n`);
  process.exitCode = 1;
});
