/** One statement sent to PostgreSQL, reported to `DatabaseOptions.onQuery` before it runs. */
export interface QueryEvent {
  /** `statement` for named prepared statements of `db.query`, `knex` for Knex-built queries. */
  source: 'statement' | 'knex';
  /** The prepared statement name; undefined for Knex queries, which run unnamed. */
  name: string | undefined;
  /** SQL text with `$n` or `?` placeholders, never the bound values. */
  text: string;
}

export type QueryListener = (event: QueryEvent) => void;

/**
 * Collects query events, so a test can count the statements one request runs
 * and catch N+1 access patterns. Pass `recorder.listener` as `onQuery`.
 */
export class QueryRecorder {
  private recording: QueryEvent[] | undefined;

  readonly listener: QueryListener = (event) => {
    this.recording?.push(event);
  };

  /**
   * Runs `action` and returns the events reported while it ran. Recordings
   * do not nest, and queries of concurrent work outside `action` are
   * included too, so run one action at a time.
   */
  async record(action: () => Promise<unknown>): Promise<QueryEvent[]> {
    if (this.recording) throw new Error('QueryRecorder.record is already running');
    const events: QueryEvent[] = [];
    this.recording = events;
    try {
      await action();
      return events;
    } finally {
      this.recording = undefined;
    }
  }
}
