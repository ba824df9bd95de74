import path from 'node:path';
import { importScholarships } from '@scholarships/catalog/import';
import type { Express } from 'express';
import request from 'supertest';
import { GROUND_TRUTH, type GroundTruthCase } from '../test-support/ground-truth';
import { createMigratedDatabase, type MigratedDatabase } from '../test-support/migrated-database';
import { createTestApp } from '../test-support/test-app';

/** The repository's real data sets, imported by the catalog's importer. */
const DATA_DIR = path.join(__dirname, '../../../../data/scholarships');
const TODAY = '2026-12-04';
const PAGE_SIZE = 100;
const OUTCOME_OF_DECIDING = {
  eligible: 'pass',
  possibly_eligible: 'unknown',
  ineligible: 'fail',
} as const;

interface Line {
  criterion: string;
  outcome: string;
}

interface CheckItem {
  scholarship: { id: string };
  status: string;
}

let database: MigratedDatabase;
let app: Express;
const idByName = new Map<string, string>();

beforeAll(async () => {
  database = await createMigratedDatabase('eligibility_ground_truth');
  await importScholarships(database.db.knex, { dataDir: DATA_DIR, today: TODAY });
  app = createTestApp(database.db, { now: () => new Date(`${TODAY}T09:30:00Z`) });
  const names = [...new Set(GROUND_TRUTH.map((pair) => pair.scholarship))];
  const rows: { id: string; name: string }[] = await database.db
    .knex('scholarships')
    .select('id', 'name')
    .whereIn('name', names);
  for (const row of rows) {
    expect(idByName.has(row.name)).toBe(false);
    idByName.set(row.name, row.id);
  }
}, 120_000);

afterAll(async () => {
  await database?.drop();
});

function idOf(pair: GroundTruthCase): string {
  const id = idByName.get(pair.scholarship);
  if (id === undefined) throw new Error(`No imported scholarship is named "${pair.scholarship}"`);
  return id;
}

async function checkPage(pair: GroundTruthCase, offset: number): Promise<request.Response> {
  const response = await request(app)
    .post(`/api/v1/eligibility/check?limit=${PAGE_SIZE}&offset=${offset}`)
    .send(pair.profile);
  expect(response.status).toBe(200);
  return response;
}

/**
 * Returns the check's item for the pair's scholarship, or undefined when no
 * page contains it. Pages after the first are requested at once, because
 * proving absence needs all of them.
 */
async function findInCheck(pair: GroundTruthCase): Promise<CheckItem | undefined> {
  const id = idOf(pair);
  const first = await checkPage(pair, 0);
  const offsets: number[] = [];
  for (let offset = PAGE_SIZE; offset < first.body.total; offset += PAGE_SIZE) offsets.push(offset);
  const pages = [first, ...(await Promise.all(offsets.map((offset) => checkPage(pair, offset))))];
  const items = pages.flatMap((page) => page.body.items as CheckItem[]);
  expect(items).toHaveLength(first.body.total);
  return items.find((item) => item.scholarship.id === id);
}

function criteriaWith(lines: readonly Line[], outcome: string): string[] {
  return lines
    .filter((line) => line.criterion !== 'deadline' && line.outcome === outcome)
    .map((line) => line.criterion);
}

describe('ground truth on the imported data', () => {
  it('covers at least 60 pairs of every status', () => {
    expect(GROUND_TRUTH.length).toBeGreaterThanOrEqual(60);
    const statuses = new Set(GROUND_TRUTH.map((pair) => pair.expected));
    expect([...statuses].sort()).toEqual(['eligible', 'ineligible', 'possibly_eligible']);
    expect(idByName.size).toBe(new Set(GROUND_TRUTH.map((pair) => pair.scholarship)).size);
  });

  it.each(GROUND_TRUTH.map((pair) => [`${pair.scholarship}: ${pair.summary}`, pair] as const))(
    'analysis of %s',
    async (_name, pair) => {
      const response = await request(app)
        .post('/api/v1/eligibility/analysis')
        .send({ scholarshipId: idOf(pair), profile: pair.profile });
      expect(response.status).toBe(200);
      expect(response.body.status).toBe(pair.expected);
      const lines: Line[] = response.body.breakdown;
      const deciding = lines.find((line) => line.criterion === pair.deciding);
      expect(deciding?.outcome).toBe(OUTCOME_OF_DECIDING[pair.expected]);
      // The case changes one value from a passing profile, so only the deciding criterion differs.
      expect(criteriaWith(lines, 'fail')).toEqual(
        pair.expected === 'ineligible' ? [pair.deciding] : [],
      );
      expect(criteriaWith(lines, 'unknown')).toEqual(
        pair.expected === 'possibly_eligible' ? [pair.deciding] : [],
      );
    },
  );

  it.each(GROUND_TRUTH.map((pair) => [`${pair.scholarship}: ${pair.summary}`, pair] as const))(
    'check of %s',
    async (_name, pair) => {
      const item = await findInCheck(pair);
      expect(item?.status).toBe(pair.expected === 'ineligible' ? undefined : pair.expected);
    },
  );
});
