import type { UpsertCounts } from './db/upsert-scholarships';
import type { SkippedRow, SourceName } from './types';

/** Skipped rows that share one reason: how many, and the first few. */
export interface SkipSummary {
  count: number;
  examples: Array<Pick<SkippedRow, 'source' | 'ref' | 'detail'>>;
}

/** Outcome of one importer run. */
export interface ImportReport {
  /** Checksum of the data files, as stored in `catalog_imports`. */
  checksum: string;
  /** The date deadlines were projected from, `YYYY-MM-DD`. */
  today: string;
  /** Raw rows per data set, including rows that were skipped. */
  rowsRead: Record<SourceName, number>;
  rowsReadTotal: number;
  /** Rows that became a scholarship record, before duplicates were merged. */
  normalized: number;
  /** Records folded into another record with the same source key. */
  merged: number;
  /** Distinct scholarships written, each one row in `scholarships`. */
  distinct: number;
  /** New rows in `scholarships`. */
  inserted: number;
  /** Existing rows whose content changed; their `version` went up by one. */
  updated: number;
  /** Existing rows left as they were. */
  unchanged: number;
  /** Records not written because an admin deleted their scholarship. */
  deletedByAdmin: number;
  skipped: { total: number; byReason: Record<string, SkipSummary> };
  durationMs: number;
}

/** Examples kept per skip reason. */
const EXAMPLES_PER_REASON = 3;

/** Counts skipped rows by reason and keeps the first few examples of each, one per distinct detail. */
export function summarizeSkipped(skipped: readonly SkippedRow[]): ImportReport['skipped'] {
  const byReason: Record<string, SkipSummary> = {};
  for (const row of skipped) {
    const summary = byReason[row.reason] ?? { count: 0, examples: [] };
    summary.count += 1;
    const newDetail = summary.examples.every((example) => example.detail !== row.detail);
    if (newDetail && summary.examples.length < EXAMPLES_PER_REASON) {
      summary.examples.push({ source: row.source, ref: row.ref, detail: row.detail });
    }
    byReason[row.reason] = summary;
  }
  return { total: skipped.length, byReason };
}

/** Inputs of `buildImportReport`, gathered over one run. */
export interface ReportInputs {
  checksum: string;
  today: string;
  rowsRead: Record<SourceName, number>;
  normalized: number;
  merged: number;
  distinct: number;
  counts: UpsertCounts;
  skipped: readonly SkippedRow[];
  durationMs: number;
}

export function buildImportReport(inputs: ReportInputs): ImportReport {
  const rowsReadTotal = Object.values(inputs.rowsRead).reduce((sum, count) => sum + count, 0);
  return {
    checksum: inputs.checksum,
    today: inputs.today,
    rowsRead: inputs.rowsRead,
    rowsReadTotal,
    normalized: inputs.normalized,
    merged: inputs.merged,
    distinct: inputs.distinct,
    ...inputs.counts,
    skipped: summarizeSkipped(inputs.skipped),
    durationMs: Math.round(inputs.durationMs),
  };
}
