import type { Knex } from 'knex';

/** Inserts a `catalog_imports` row for a run that is starting and returns its id. */
export async function recordImportStart(knex: Knex, checksum: string): Promise<number> {
  const [row] = await knex('catalog_imports')
    .insert({ checksum, started_at: knex.fn.now() })
    .returning<Array<{ id: string | number }>>('id');
  if (!row) throw new Error('Inserting the catalog_imports row returned no id.');
  return Number(row.id);
}

/** Marks a run as finished and stores its report. */
export async function recordImportFinish(knex: Knex, runId: number, report: object): Promise<void> {
  await knex('catalog_imports')
    .where({ id: runId })
    .update({ finished_at: knex.fn.now(), report: JSON.stringify(report) });
}

/**
 * Returns whether a run with this checksum finished on `today`; runs that
 * failed midway do not count. A run of an earlier day does not count either,
 * because its projected deadlines may have passed since.
 */
export async function hasFinishedImport(
  knex: Knex,
  checksum: string,
  today: string,
): Promise<boolean> {
  const row = await knex('catalog_imports')
    .where({ checksum })
    .whereNotNull('finished_at')
    .whereRaw("report->>'today' = ?", [today])
    .first('id');
  return row !== undefined;
}
