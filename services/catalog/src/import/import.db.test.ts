import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { migrations } from '../migrations';
import { deleteScholarship } from '../scholarships/scholarship-writes';
import { toScholarshipRow } from './db/scholarship-row';
import { upsertBatch, upsertScholarships } from './db/upsert-scholarships';
import { findDataDir } from './find-data-dir';
import { loadSyntheticScholarships } from './generate';
import { importScholarships, isImportCurrent } from './import-scholarships';
import { mergeRecords } from './merge/merge-records';
import { sourceKeyFor } from './normalize/source-key';
import { readAllSources } from './read-sources';
import type { ImportReport } from './report';
import { SOURCE_FILES } from './sources/files';

const connectionString = process.env.TEST_DATABASE_URL;
const describeWithDatabase = connectionString ? describe : describe.skip;
const TODAY = '2025-12-04';
const dataDir = findDataDir(__dirname);

/** Row identity and version of every scholarship, to compare two runs. */
async function snapshot(knex: Knex): Promise<string[]> {
  const rows: Array<{ state: string }> = await knex('scholarships')
    .select(knex.raw(`source_key || ' ' || version || ' ' || updated_at::text AS state`))
    .orderBy('source_key');
  return rows.map((row) => row.state);
}

async function countRows(query: Knex.QueryBuilder): Promise<number> {
  const [row] = await query.count<Array<{ count: string }>>('* as count');
  return Number(row?.count);
}

/** Copies the data files, then raises the first helios award and appends one islt row. */
async function changedDataDir(): Promise<string> {
  const copy = await mkdtemp(path.join(tmpdir(), 'scholarship-data-'));
  for (const relativePath of Object.values(SOURCE_FILES)) {
    await mkdir(path.dirname(path.join(copy, relativePath)), { recursive: true });
    await copyFile(path.join(dataDir, relativePath), path.join(copy, relativePath));
  }
  const heliosFile = path.join(copy, SOURCE_FILES.helios);
  const helios: Array<{ id: number; award: string }> = JSON.parse(
    await readFile(heliosFile, 'utf8'),
  );
  const first = helios.find((record) => record.id === 1);
  if (!first) throw new Error('helios id 1 is missing from the data file.');
  first.award = '$1,500';
  await writeFile(heliosFile, JSON.stringify(helios));
  const isltFile = path.join(copy, SOURCE_FILES.islt_7310);
  const islt = await readFile(isltFile, 'utf8');
  await writeFile(isltFile, `${islt}0,"$2,000",Importer Test Appended Scholarship,2025-03-01\r\n`);
  return copy;
}

/** Returns the invalidation events in the catalog outbox, oldest first. */
async function outboxEvents(knex: Knex): Promise<Array<{ type: string; version: number }>> {
  const rows: Array<{ event: { type: string; version: number } }> = await knex('catalog_outbox')
    .select('event')
    .orderBy('id');
  return rows.map((row) => row.event);
}

/** Polls until `count` statements wait for a lock, for at most 5 seconds. */
async function waitForLockWaiters(knex: Knex, count: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const waiting = await countRows(
      knex('pg_stat_activity')
        .where({ wait_event_type: 'Lock' })
        .whereRaw(`query LIKE 'insert into "scholarships"%'`),
    );
    if (waiting >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`fewer than ${count} statements waited for a lock within 5 seconds`);
}

if (!connectionString) {
  describe('catalog importer against PostgreSQL', () => {
    it.skip('needs TEST_DATABASE_URL, the connection string of a disposable database', () => {});
  });
}

describeWithDatabase('catalog importer against PostgreSQL', () => {
  const schema = `import_test_${process.pid}_${Date.now()}`;
  let knex: Knex;
  let first: ImportReport;
  let second: ImportReport;
  let afterFirst: string[];

  beforeAll(async () => {
    const admin = knexFactory({ client: 'pg', connection: connectionString });
    await admin.raw('CREATE SCHEMA ??', [schema]);
    // Installed in public first, so that the migration finds it there and
    // dropping the test schema later does not drop the extension.
    await admin.raw('CREATE EXTENSION IF NOT EXISTS pgcrypto SCHEMA public').catch(() => undefined);
    await admin.destroy();
    knex = knexFactory({
      client: 'pg',
      connection: connectionString,
      searchPath: [schema, 'public'],
    });
    for (const migration of migrations) await migration.up(knex);
    first = await importScholarships(knex, { dataDir, today: TODAY });
    afterFirst = await snapshot(knex);
    second = await importScholarships(knex, { dataDir, today: TODAY });
  }, 120_000);

  afterAll(async () => {
    if (!knex) return;
    await knex.raw('DROP SCHEMA ?? CASCADE', [schema]);
    await knex.destroy();
  });

  it('inserts every distinct scholarship', async () => {
    expect(first.distinct).toBeGreaterThanOrEqual(3000);
    expect(first.inserted).toBe(first.distinct);
    expect(await countRows(knex('scholarships'))).toBe(first.distinct);
  });

  it('reports reads, merges and skips', () => {
    expect(first.rowsReadTotal).toBe(359 + 33 + 5167 + 2289);
    expect(first.skipped.total).toBe(2985);
    expect(first.normalized - first.merged).toBe(first.distinct);
    expect(first.updated).toBe(0);
  });

  it('changes nothing on a second run', async () => {
    expect(second.inserted).toBe(0);
    expect(second.updated).toBe(0);
    expect(second.unchanged).toBe(first.distinct);
    expect(await snapshot(knex)).toEqual(afterFirst);
  });

  it('keeps every version at 1', async () => {
    expect(await countRows(knex('scholarships').whereNot({ version: 1 }))).toBe(0);
  });

  it('projects deadlines to today or later', async () => {
    const past = knex('scholarships').where('deadline', '<', TODAY);
    const notMoved = knex('scholarships')
      .where({ deadline_estimated: true })
      .whereRaw('deadline <= deadline_published');
    expect(await countRows(past)).toBe(0);
    expect(await countRows(notMoved)).toBe(0);
  });

  it('records finished runs', async () => {
    const runs = await knex('catalog_imports')
      .orderBy('id')
      .select('checksum', 'finished_at', 'report');
    expect(runs).toHaveLength(2);
    expect(runs.every((run) => run.finished_at !== null)).toBe(true);
    expect(runs[0]?.checksum).toBe(first.checksum);
    expect(runs[1]?.report.unchanged).toBe(first.distinct);
  });

  it('knows the current files were imported today', async () => {
    await expect(isImportCurrent(knex, dataDir, TODAY)).resolves.toBe(true);
  });

  it('treats an import of an earlier day as outdated', async () => {
    await expect(isImportCurrent(knex, dataDir, '2099-01-01')).resolves.toBe(false);
  });

  it('leaves an unchanged row untouched', async () => {
    const base = mergeRecords((await readAllSources(dataDir)).records).records.slice(0, 2);
    const rows = base.map((record) => toScholarshipRow(record, TODAY));
    const counts = await knex.transaction((trx) => upsertBatch(trx, rows));
    expect(counts).toEqual({ inserted: 0, updated: 0, unchanged: 2, deletedByAdmin: 0 });
  });

  it('applies only real changes', async () => {
    const changed = await changedDataDir();
    try {
      await expect(isImportCurrent(knex, changed, TODAY)).resolves.toBe(false);
      const eventsBefore = await outboxEvents(knex);
      const report = await importScholarships(knex, { dataDir: changed, today: TODAY });
      const events = (await outboxEvents(knex)).slice(eventsBefore.length);
      expect(events.map((event) => [event.type, event.version])).toEqual([
        ['scholarship.changed', 2],
        ['scholarship.changed', 1],
      ]);
      expect(report.inserted).toBe(1);
      expect(report.updated).toBe(1);
      expect(report.unchanged).toBe(first.distinct - 1);
      const raised = await knex('scholarships')
        .where({ source_key: sourceKeyFor("$1,000 A GPA Isn't Everything Scholarship") })
        .first('version', 'award_amount_max');
      expect(raised?.version).toBe(2);
      expect(Number(raised?.award_amount_max)).toBe(1500);
    } finally {
      await rm(changed, { recursive: true, force: true });
    }
  });

  it('runs opposite-order imports concurrently', async () => {
    const records = mergeRecords((await readAllSources(dataDir)).records).records.slice(0, 400);
    const variant = (suffix: string) =>
      records.map((record) => ({
        ...toScholarshipRow(record, TODAY),
        description: `${record.description} ${suffix}`,
      }));
    const forward = variant('forward');
    const backward = variant('backward').reverse();
    // A third transaction locks the middle row, so each import locks its own half of the rows
    // and then waits for that row. Unordered writers deadlock at this point.
    const holder = await knex.transaction();
    await holder('scholarships')
      .where({ source_key: forward[200]?.source_key })
      .forUpdate()
      .first('id');
    const outcomes = Promise.allSettled([
      upsertScholarships(knex, forward),
      upsertScholarships(knex, backward),
    ]);
    try {
      await waitForLockWaiters(knex, 2);
    } finally {
      await holder.commit();
    }
    expect((await outcomes).map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled']);
  });

  it('loads synthetic rows idempotently', async () => {
    const options = { dataDir, seed: 7, count: 2_000, today: TODAY };
    const firstLoad = await loadSyntheticScholarships(knex, options);
    const secondLoad = await loadSyntheticScholarships(knex, options);
    expect(firstLoad.inserted).toBe(2_000);
    expect(secondLoad.unchanged).toBe(2_000);
    expect(await countRows(knex('scholarships').where('source_key', 'like', 'synthetic:7:%'))).toBe(
      2_000,
    );
  });

  it('leaves out a scholarship that an admin deleted', async () => {
    const row = await knex('scholarships')
      .whereNot('source_key', 'like', 'synthetic:%')
      .orderBy('source_key')
      .first('id', 'source_key');
    if (row === undefined) throw new Error('expected an imported scholarship');
    await deleteScholarship(knex, row.id, { parsed: { any: true }, sent: '*' });

    const report = await importScholarships(knex, { dataDir, today: TODAY });

    expect(report.deletedByAdmin).toBe(1);
    expect(report.inserted).toBe(0);
    expect(await countRows(knex('scholarships').where({ source_key: row.source_key }))).toBe(0);
  });

  it('keeps a scholarship deleted while an import batch runs alongside', async () => {
    const [record] = mergeRecords((await readAllSources(dataDir)).records).records.slice(-1);
    if (record === undefined) throw new Error('expected a record');
    const row = toScholarshipRow(record, TODAY);
    const stored = await knex('scholarships').where({ source_key: row.source_key }).first('id');
    const session = (name: string) =>
      knexFactory({
        client: 'pg',
        connection: { connectionString, application_name: name },
        searchPath: [schema, 'public'],
        pool: { min: 0, max: 1 },
      });
    const deleter = session(`${schema}-delete`);
    const importer = session(`${schema}-import`);
    // A third transaction locks the row, so the delete waits inside its transaction.
    const holder = await knex.transaction();
    try {
      await holder('scholarships').where({ id: stored.id }).forUpdate().first('id');
      const deleting = deleteScholarship(deleter, stored.id, { parsed: { any: true }, sent: '*' });
      await waitForSessionLockWait(knex, `${schema}-delete`);
      const importing = importer.transaction((trx) => upsertBatch(trx, [row]));
      await waitForSessionLockWait(knex, `${schema}-import`);
      await holder.commit();
      await deleting;
      const counts = await importing;

      expect(counts.deletedByAdmin).toBe(1);
      expect(await countRows(knex('scholarships').where({ source_key: row.source_key }))).toBe(0);
    } finally {
      if (!holder.isCompleted()) await holder.rollback();
      await deleter.destroy();
      await importer.destroy();
    }
  });
});

/** Waits until the session named `applicationName` waits for a lock; fails after 5 s. */
async function waitForSessionLockWait(knex: Knex, applicationName: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const waiting = await countRows(
      knex('pg_stat_activity').where({
        wait_event_type: 'Lock',
        application_name: applicationName,
      }),
    );
    if (waiting > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${applicationName} did not wait for a lock within 5 seconds`);
}
