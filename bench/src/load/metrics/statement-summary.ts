import { addBuckets, type BucketCounts, observationCount } from './histogram-delta';
import { type HistogramSummary, summarizeBuckets } from './histogram-summary';
import { deltaOf, type ProcessScrapes } from './process-scrapes';
import { selectSamples } from './prometheus-text';

const QUERY_DURATION = 'db_query_duration_seconds';

/** Number of statements a summary keeps: those with the largest total time. */
export const RANKED_STATEMENT_LIMIT = 10;

/** One prepared statement's `db_query_duration_seconds` during the window, over every service and outcome. */
export interface StatementSummary extends HistogramSummary {
  /** Prepared statement name, the `statement` label. */
  statement: string;
  /** Sum of the statement's durations, in seconds. */
  totalSeconds: number;
  /** Fraction of all statements' database time that this one took, or null when none was recorded. */
  share: number | null;
}

/** Lists the `statement` labels that any service reported at the end of the window, sorted. */
function statementNames(services: readonly ProcessScrapes[]): string[] {
  const names = new Set<string>();
  for (const scrapes of services) {
    for (const sample of selectSamples(scrapes.end, `${QUERY_DURATION}_count`)) {
      const statement = sample.labels.statement;
      if (statement !== undefined) names.add(statement);
    }
  }
  return [...names].sort();
}

/**
 * Adds up one statement's bucket changes over every service. A service whose start scrape lacks
 * the statement counts from zero, because `bucketDelta` treats missing bounds as 0.
 */
function statementDelta(services: readonly ProcessScrapes[], statement: string): BucketCounts {
  return addBuckets(services.map((scrapes) => deltaOf(scrapes, QUERY_DURATION, { statement })));
}

/**
 * Ranks the prepared statements that ran during the window by their total database time, largest
 * first (ties by name), and keeps the first `limit`. Statements without observations in the
 * window are left out. Each share is taken against the time of all statements, before the cut.
 */
export function rankStatementsByTime(
  services: readonly ProcessScrapes[],
  limit = RANKED_STATEMENT_LIMIT,
): StatementSummary[] {
  const deltas = statementNames(services)
    .map((statement) => ({ statement, delta: statementDelta(services, statement) }))
    .filter(({ delta }) => observationCount(delta) > 0);
  const allSeconds = deltas.reduce((sum, { delta }) => sum + delta.sum, 0);
  const ranked = deltas.map(({ statement, delta }) => ({
    statement,
    ...summarizeBuckets(delta),
    totalSeconds: delta.sum,
    share: allSeconds > 0 ? delta.sum / allSeconds : null,
  }));
  ranked.sort(
    (left, right) =>
      right.totalSeconds - left.totalSeconds || left.statement.localeCompare(right.statement),
  );
  return ranked.slice(0, limit);
}
