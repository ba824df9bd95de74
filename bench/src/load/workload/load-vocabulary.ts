import { createDatabase } from '@scholarships/db';
import type { HttpClient } from '../client';
import { buildVocabulary, type VocabularySource } from './vocabulary';

/** Pages of search results read to build the vocabulary when no database is at hand. */
const GATEWAY_PAGES = 20;

/** Builds the search vocabulary from the real (not synthetic) scholarships in the database. */
export async function loadVocabularyFromDatabase(databaseUrl: string): Promise<string[]> {
  const db = createDatabase({
    connectionString: databaseUrl,
    applicationName: 'bench-vocabulary',
    poolMin: 0,
    poolMax: 1,
  });
  try {
    const rows = (await db
      .knex('scholarships')
      .select('name', 'field_of_study')
      .whereNot('source_key', 'like', 'synthetic:%')) as {
      name: string;
      field_of_study: string[];
    }[];
    return buildVocabulary(
      rows.map((row) => ({ name: row.name, fieldsOfStudy: row.field_of_study })),
    );
  } finally {
    await db.close();
  }
}

interface SearchPage {
  items?: { name?: unknown; eligibility?: { fieldsOfStudy?: unknown } }[];
  nextCursor?: unknown;
}

function sourcesOf(page: SearchPage): VocabularySource[] {
  return (page.items ?? []).map((item) => {
    const fields = item.eligibility?.fieldsOfStudy;
    return {
      name: typeof item.name === 'string' ? item.name : '',
      fieldsOfStudy: Array.isArray(fields)
        ? fields.filter((field) => typeof field === 'string')
        : [],
    };
  });
}

/**
 * Builds the search vocabulary from the first pages of results in deadline order, for a target
 * gateway whose database the bench cannot read.
 */
export async function loadVocabularyFromGateway(client: HttpClient): Promise<string[]> {
  const records: VocabularySource[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < GATEWAY_PAGES; page += 1) {
    const query = new URLSearchParams({ sort: 'deadline', limit: '50' });
    if (cursor !== undefined) query.set('cursor', cursor);
    const result = await client.send({ method: 'GET', path: `/api/v1/search?${query}` }, true);
    if (result.status !== 200) {
      throw new Error(
        `reading the vocabulary failed: GET /api/v1/search returned ${result.status}`,
      );
    }
    const body = JSON.parse(result.body) as SearchPage;
    records.push(...sourcesOf(body));
    if (typeof body.nextCursor !== 'string') break;
    cursor = body.nextCursor;
  }
  return buildVocabulary(records);
}
