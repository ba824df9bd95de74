import { createDatabase, type Migration } from '@scholarships/db';
import { migrations as eligibilityMigrations } from '@scholarships/eligibility/migrations';
import { migrations as searchMigrations } from '@scholarships/search/migrations';

/**
 * The migrations that create the composite indexes of the hot statements: the search filter
 * index, the sort-key and browse-count indexes, and the eligibility criteria-set index. Their
 * own `down` and `up` switch the indexes off and on. `migrate.js down` cannot, because it
 * reverts only the newest migration of a service and these are not the newest.
 */
export const COMPOSITE_INDEX_MIGRATIONS: readonly { service: string; name: string }[] = [
  { service: 'search', name: '004-create-search-filter-index' },
  { service: 'search', name: '007-create-sort-and-prefix-indexes' },
  { service: 'eligibility', name: '005-index-scholarships-by-criteria-set' },
];

function findMigrations(): Migration[] {
  const lists: Record<string, readonly Migration[]> = {
    search: searchMigrations,
    eligibility: eligibilityMigrations,
  };
  return COMPOSITE_INDEX_MIGRATIONS.map(({ service, name }) => {
    const migration = lists[service]?.find((candidate) => candidate.name === name);
    if (migration === undefined) {
      throw new Error(
        `the ${service} migration ${name} no longer exists; update COMPOSITE_INDEX_MIGRATIONS`,
      );
    }
    return migration;
  });
}

/** Drops (`off`) or builds (`on`) the composite indexes, then refreshes planner statistics. */
export async function switchCompositeIndexes(databaseUrl: string, state: 'on' | 'off') {
  const migrations = findMigrations();
  const db = createDatabase({
    connectionString: databaseUrl,
    applicationName: 'bench-index-switch',
    poolMin: 0,
    poolMax: 1,
    statementTimeoutMs: 600_000,
  });
  try {
    for (const migration of state === 'on' ? migrations : [...migrations].reverse()) {
      await (state === 'on' ? migration.up(db.knex) : migration.down(db.knex));
    }
    await db.knex.raw('ANALYZE scholarships');
  } finally {
    await db.close();
  }
}
