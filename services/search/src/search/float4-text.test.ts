import { createTestDatabase, type TestDatabase } from '@scholarships/local-infra';
import pg from 'pg';
import { float4AsRead } from './float4-text';

let database: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase('float4_text');
  client = new pg.Client({ connectionString: database.connectionString });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

/** Returns float4 values around powers of two, round fractions and seeded random ranks. */
function samples(): number[] {
  const values: number[] = [4 / 9, 1 / 3, 0.1, 1.5833333, 2 ** -20, 1 - 2 ** -24];
  for (let power = -40; power <= 2; power += 1) {
    const two = 2 ** power;
    values.push(two, two * (1 + 2 ** -23), two * (1 - 2 ** -24), two * (1 + 2 ** -22));
  }
  let seed = 12_345;
  for (let at = 0; at < 3_000; at += 1) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    values.push(seed / 2 ** 31, 1 + seed / 2 ** 31, (seed / 2 ** 31) ** 6);
  }
  return values.map(Math.fround);
}

describe('float4AsRead', () => {
  it('equals the number read from PostgreSQL', async () => {
    const values = samples();
    const result = await client.query<{ printed: string }>(
      'SELECT unnest($1::float8[])::float4::text AS printed',
      [values],
    );
    const expected = result.rows.map((row) => Number(row.printed));
    expect(values.map(float4AsRead)).toEqual(expected);
  });
});
