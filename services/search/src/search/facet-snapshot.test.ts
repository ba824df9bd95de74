import { type SearchQuery, searchQuerySchema } from '@scholarships/api-contract';
import {
  AWARD_BASES,
  CITIZENSHIP_STATUSES,
  FIELDS_OF_STUDY,
  GRADE_LEVELS,
  US_STATE_CODES,
} from '@scholarships/contracts';
import { createLogger } from '@scholarships/logger';
import {
  daysFromToday,
  insertScholarships,
  type ScholarshipFixture,
  scholarshipFixture,
} from '../test-support/scholarship-fixtures';
import { type SearchTestApp, startSearchTestApp } from '../test-support/search-test-app';
import { loadFacetSnapshot, snapshotFacetRows } from './facet-snapshot';
import { createFacetSnapshotSource, facetSnapshotCheck } from './facet-snapshot-source';
import { type FacetRow, facetsFromRows, searchFacets } from './facets';

let search: SearchTestApp;
const TODAY = daysFromToday(0);

/** A small linear congruential generator, so that every run draws the same rows. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** Draws up to `most` distinct values, as the catalogue stores its lists. */
function some<T>(random: () => number, values: readonly T[], most: number): T[] {
  const count = Math.floor(random() * (most + 1));
  const drawn = Array.from(
    { length: count },
    () => values[Math.floor(random() * values.length)] as T,
  );
  return [...new Set(drawn)];
}

function amountsOf(random: () => number): Partial<ScholarshipFixture> {
  const roll = random();
  if (roll < 0.15) return { award_amount_min: null, award_amount_max: null };
  const low = Math.round(random() * 500_000) / 100;
  const high = low + Math.round(random() * 300_000) / 100;
  if (roll < 0.3) return { award_amount_min: low, award_amount_max: null };
  if (roll < 0.45) return { award_amount_min: null, award_amount_max: high };
  if (roll < 0.55) return { award_amount_min: low, award_amount_max: high, award_currency: 'EUR' };
  if (roll < 0.6) return { award_amount_min: low, award_amount_max: high, award_currency: null };
  return { award_amount_min: low, award_amount_max: high };
}

/** Scholarships that vary every column facets read. */
function variedScholarships(count: number): ScholarshipFixture[] {
  const random = seeded(7);
  return Array.from({ length: count }, (_, index) => {
    const dated = random() < 0.85;
    return scholarshipFixture({
      name: `Varied award ${index}`,
      deadline: dated ? daysFromToday(Math.floor(random() * 400) - 60) : null,
      field_of_study: some(random, FIELDS_OF_STUDY.slice(0, 6), 2),
      grade_level: some(random, GRADE_LEVELS, 2),
      citizenship: some(random, CITIZENSHIP_STATUSES, 1),
      state: some(random, US_STATE_CODES.slice(0, 5), 2),
      basis: random() < 0.3 ? (AWARD_BASES[Math.floor(random() * 2)] ?? null) : null,
      ...amountsOf(random),
    });
  });
}

/** Queries without keyword with one to three filters of every kind, amounts with cents included. */
function variedQueries(count: number): SearchQuery[] {
  const random = seeded(11);
  const filters: (() => Record<string, string>)[] = [
    () => ({ state: some(random, US_STATE_CODES.slice(0, 5), 2).join(',') || 'AL' }),
    () => ({ field_of_study: FIELDS_OF_STUDY[Math.floor(random() * 6)] as string }),
    () => ({ grade_level: GRADE_LEVELS[Math.floor(random() * GRADE_LEVELS.length)] as string }),
    () => ({ citizenship: CITIZENSHIP_STATUSES[0] as string }),
    () => ({ basis: AWARD_BASES[Math.floor(random() * 2)] as string }),
    () => ({ award_min: (Math.round(random() * 300_000) / 100).toString() }),
    () => ({ award_max: (3000 + Math.round(random() * 500_000) / 100).toString() }),
    () => ({ deadline_from: daysFromToday(Math.floor(random() * 200) - 100) }),
    () => ({ deadline_to: daysFromToday(Math.floor(random() * 200) + 110) }),
  ];
  return Array.from({ length: count }, () => {
    const picked = some(random, filters, 3).map((filter) => filter());
    return searchQuerySchema.parse(Object.assign({}, ...picked));
  });
}

async function statementFacets(query: SearchQuery) {
  return facetsFromRows(
    await search.db.query<FacetRow>(searchFacets(search.db.knex, query, TODAY)),
  );
}

async function changedSince(snapshot: string): Promise<boolean> {
  const [row] = await search.db.query<{ changed: boolean }>(
    facetSnapshotCheck(search.db.knex, snapshot),
  );
  return row?.changed ?? true;
}

beforeAll(async () => {
  search = await startSearchTestApp('search_facet_snapshot');
  await insertScholarships(search.db.knex, [
    ...variedScholarships(400),
    // $1,000 due in 30 days, which the boundary queries below hit exactly.
    ...Array.from({ length: 5 }, (_, index) =>
      scholarshipFixture({ name: `Boundary award ${index}`, state: ['AK'] }),
    ),
    // A date column accepts infinity, and a list may hold a value that no filter offers.
    scholarshipFixture({ name: 'Endless award', deadline: 'infinity', state: ['CA'] }),
    scholarshipFixture({ name: 'Odd field award', field_of_study: ['underwater_basketry'] }),
  ]);
});

afterAll(async () => {
  await search?.close();
});

describe('facet snapshot counts', () => {
  test('match the facet statement', async () => {
    const snapshot = await loadFacetSnapshot(search.db.knex, Date.now());
    const boundaries = [
      {},
      { award_min: '1000' },
      { award_max: '1000' },
      { deadline_from: daysFromToday(30) },
      { deadline_to: daysFromToday(30) },
    ].map((query) => searchQuerySchema.parse(query));
    for (const query of [...boundaries, ...variedQueries(60)]) {
      const expected = await statementFacets(query);
      expect({ query, facets: facetsFromRows(snapshotFacetRows(snapshot, query, TODAY)) }).toEqual({
        query,
        facets: expected,
      });
    }
  });
});

describe('facet snapshot check', () => {
  test('notes committed facet and document column writes only', async () => {
    const knex = search.db.knex;
    const [id] = await insertScholarships(knex, [scholarshipFixture({ name: 'Checked award' })]);
    let { snapshot } = await loadFacetSnapshot(knex, Date.now());
    expect(await changedSince(snapshot)).toBe(false);

    await knex('scholarships').where({ id }).update({ award_text: 'Only the text changed.' });
    expect(await changedSince(snapshot)).toBe(false);

    await knex('scholarships')
      .where({ id })
      .update({ state: ['TX'] });
    expect(await changedSince(snapshot)).toBe(true);

    // The keyword index contains the documents built from the description.
    ({ snapshot } = await loadFacetSnapshot(knex, Date.now()));
    await knex('scholarships').where({ id }).update({ description: 'A new description.' });
    expect(await changedSince(snapshot)).toBe(true);

    ({ snapshot } = await loadFacetSnapshot(knex, Date.now()));
    await knex.transaction(async (trx) => {
      await trx('scholarships').where({ id }).update({ basis: 'need' });
      // Not committed yet: the snapshot still describes what others see.
      expect(await changedSince(snapshot)).toBe(false);
    });
    expect(await changedSince(snapshot)).toBe(true);

    ({ snapshot } = await loadFacetSnapshot(knex, Date.now()));
    await knex
      .transaction(async (trx) => {
        await trx('scholarships').where({ id }).delete();
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await changedSince(snapshot)).toBe(false);

    await knex('scholarships').where({ id }).delete();
    expect(await changedSince(snapshot)).toBe(true);
  });
});

describe('facet snapshot source', () => {
  const logger = createLogger({ service: 'search', level: 'silent' });
  const everything = searchQuerySchema.parse({});

  test('answers null until read and after a write', async () => {
    const loads: string[] = [];
    const source = createFacetSnapshotSource({
      db: search.db,
      logger,
      onLoad: (result) => loads.push(result),
    });
    expect(await source.rows(everything, TODAY)).toBeNull();
    await source.load();
    expect(loads).toEqual(['ok']);
    const before = await source.rows(everything, TODAY);
    expect(facetsFromRows(before ?? [])).toEqual(await statementFacets(everything));

    await insertScholarships(search.db.knex, [
      scholarshipFixture({ name: 'New Wyoming award', state: ['WY'] }),
    ]);
    expect(await source.rows(everything, TODAY)).toBeNull();
    await source.load();
    const after = facetsFromRows((await source.rows(everything, TODAY)) ?? []);
    expect(after.state.WY).toBe((facetsFromRows(before ?? []).state.WY ?? 0) + 1);
    expect(after).toEqual(await statementFacets(everything));
  });

  /** Returns a source on a clock that the test moves, with a count of its reads and a wait for the next. */
  function pacedSource() {
    const paced = { clock: 1_000_000, loads: 0, loaded: () => {} };
    const source = createFacetSnapshotSource({
      db: search.db,
      logger,
      minIntervalMs: 5_000,
      now: () => paced.clock,
      onLoad: () => {
        paced.loads += 1;
        paced.loaded();
      },
    });
    const nextLoad = () =>
      new Promise<void>((resolve) => {
        paced.loaded = resolve;
      });
    return { paced, source, nextLoad };
  }

  test('starts at most one read per interval', async () => {
    const { paced, source, nextLoad } = pacedSource();
    await source.load();
    await insertScholarships(search.db.knex, [scholarshipFixture({ name: 'Burst award' })]);

    paced.clock += 1_000;
    expect(await source.rows(everything, TODAY)).toBeNull();
    // A read takes milliseconds on this data, so one started by the request would be done.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(paced.loads).toBe(1);

    paced.clock += 5_000;
    const next = nextLoad();
    expect(await source.rows(everything, TODAY)).toBeNull();
    await next;
    expect(paced.loads).toBe(2);
    expect(await source.rows(everything, TODAY)).not.toBeNull();
  });

  test('spaces reads by three times the last read', async () => {
    const { knex } = search.db;
    const { paced, source, nextLoad } = pacedSource();
    // The read waits for this lock while the clock moves 4 s on, so it seems to last 4 s.
    const blocker = await knex.transaction();
    await blocker.raw('LOCK TABLE scholarships IN ACCESS EXCLUSIVE MODE');
    const first = source.load();
    await new Promise((resolve) => setTimeout(resolve, 100));
    paced.clock += 4_000;
    await blocker.commit();
    await first;
    await insertScholarships(knex, [scholarshipFixture({ name: 'Slow read award' })]);

    // Past the 5 s minimum since the read started, short of three times its 4 s.
    paced.clock += 2_000;
    expect(await source.rows(everything, TODAY)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(paced.loads).toBe(1);

    paced.clock += 6_000;
    const next = nextLoad();
    expect(await source.rows(everything, TODAY)).toBeNull();
    await next;
    expect(paced.loads).toBe(2);
  });

  test('counts by statement when the check fails', async () => {
    const source = createFacetSnapshotSource({ db: search.db, logger });
    await source.load();
    const { knex } = search.db;
    await knex.raw('ALTER TABLE search_catalog_changes RENAME TO search_catalog_changes_moved');
    try {
      expect(await source.rows(everything, TODAY)).toBeNull();
    } finally {
      await knex.raw('ALTER TABLE search_catalog_changes_moved RENAME TO search_catalog_changes');
    }
  });

  test('prunes change rows below an old xmin', async () => {
    const { knex } = search.db;
    let clock = 1_000_000;
    const source = createFacetSnapshotSource({
      db: search.db,
      logger,
      maxAgeMs: 60_000,
      now: () => clock,
    });
    await insertScholarships(knex, [scholarshipFixture({ name: 'Pruned award' })]);
    const changeRows = async () => Number((await knex('search_catalog_changes').count())[0]?.count);
    // A writer that is still open when the first snapshot is taken.
    let commitWriter = () => {};
    let inserted = () => {};
    const insertDone = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    const writer = knex.transaction(async (trx) => {
      await trx('scholarships').insert(scholarshipFixture({ name: 'Late award' }));
      inserted();
      await new Promise<void>((resolve) => {
        commitWriter = resolve;
      });
    });
    await insertDone;
    await source.load();
    commitWriter();
    await writer;
    const before = await changeRows();

    clock += 60_000 + 300_000 - 1;
    await source.load();
    expect(await changeRows()).toBe(before);
    clock += 1;
    await source.load();
    // Rows of transactions that ended before the first snapshot are gone; the late writer's stays.
    expect(await changeRows()).toBe(1);
  });

  test('reads again after the maximum age', async () => {
    let clock = 1_000_000;
    const source = createFacetSnapshotSource({
      db: search.db,
      logger,
      maxAgeMs: 60_000,
      now: () => clock,
    });
    await source.load();
    expect(await source.rows(everything, TODAY)).not.toBeNull();
    clock += 60_001;
    expect(await source.rows(everything, TODAY)).toBeNull();
    await source.load();
    expect(await source.rows(everything, TODAY)).not.toBeNull();
  });
});

describe('facet snapshot read', () => {
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  test('waits for a table rewrite before its snapshot', async () => {
    const { knex, pool } = search.db;
    const everything = searchQuerySchema.parse({});
    const expected = await statementFacets(everything);
    const reader = await pool.connect();
    const altering = await pool.connect();
    try {
      // An open reader makes the rewrite wait, and a read that starts then queues behind it.
      await reader.query('BEGIN');
      await reader.query('SELECT 1 FROM scholarships LIMIT 1');
      const rewrite = altering.query(
        'ALTER TABLE scholarships ADD COLUMN rewrite_probe timestamptz DEFAULT clock_timestamp()',
      );
      await pause(100);
      const loading = loadFacetSnapshot(knex, Date.now());
      await pause(100);
      await reader.query('COMMIT');
      await rewrite;
      const snapshot = await loading;
      expect(facetsFromRows(snapshotFacetRows(snapshot, everything, TODAY))).toEqual(expected);
    } finally {
      reader.release();
      altering.release();
      await knex.raw('ALTER TABLE scholarships DROP COLUMN IF EXISTS rewrite_probe');
    }
  });
});
