import { createTestDatabase } from '@scholarships/local-infra';
import { Client } from 'pg';

/** A connection to an empty test database, for comparing text search functions with PostgreSQL. */
export interface RankClient {
  client: Client;
  close(): Promise<void>;
}

/**
 * Creates an empty test database named after `prefix` and connects to it. Floats come back
 * unrounded (`extra_float_digits = 3`), so a rank read as float8 shows every bit of its float4.
 */
export async function connectRankClient(prefix: string): Promise<RankClient> {
  const database = await createTestDatabase(prefix);
  const client = new Client({ connectionString: database.connectionString });
  await client.connect();
  await client.query('SET extra_float_digits = 3');
  return {
    client,
    async close() {
      await client.end();
      await database.drop();
    },
  };
}
