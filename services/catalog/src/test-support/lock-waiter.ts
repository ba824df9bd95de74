import type { Database } from '@scholarships/db';

/**
 * Waits until a session of the test database waits for a lock in a statement on `table`, so that
 * a test can hold a lock and know the request under test reached it. Fails after 5 s.
 */
export async function waitForLockWaiter(db: Database, table: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const waiting = await db.knex.raw<{ rows: unknown[] }>(
      "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE ?",
      [`%${table}%`],
    );
    if (waiting.rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no session waited for a lock on ${table} within 5 s`);
}
