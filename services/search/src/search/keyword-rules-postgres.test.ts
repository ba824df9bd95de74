import { ENGLISH_STOP_WORDS, keywordTerms, searchQuerySchema } from '@scholarships/api-contract';
import { type SearchTestApp, startSearchTestApp } from '../test-support/search-test-app';
import { KEYWORD, keywordBindings } from './sql-fragments';

let search: SearchTestApp;

beforeAll(async () => {
  search = await startSearchTestApp('keyword_rules');
});

afterAll(async () => {
  await search?.close();
});

/** Checks whether the search contract rejects `q` for offering exclusions without a word to find. */
function rejectsOnlyExclusions(q: string): boolean {
  const terms = keywordTerms(q);
  return terms.excludingAlternatives > 0 || (terms.excluded > 0 && terms.included === 0);
}

/**
 * Checks whether the search statements drop `q` as a query that would match nearly everything: the
 * parsed keyword has nodes but is NULL, because the index cannot serve it.
 */
async function postgresReadsOnlyExclusions(q: string): Promise<boolean> {
  const result = await search.db.knex.raw(
    `SELECT ${KEYWORD} IS NULL AS dropped, numnode(websearch_to_tsquery('english', :q::text)) AS nodes`,
    keywordBindings(q),
  );
  const row = result.rows[0] as { dropped: boolean; nodes: number };
  return row.dropped && row.nodes > 0;
}

describe('keyword rules against PostgreSQL', () => {
  it('separators before a minus match', async () => {
    // Every code point c for which PostgreSQL reads `nursing` c `-dental` as an exclusion.
    const result = await search.db.knex.raw(`
      SELECT array_agg(cp ORDER BY cp) AS code_points
      FROM generate_series(1, 1114111) AS cp
      WHERE (cp < 55296 OR cp > 57343)
        AND websearch_to_tsquery('english', 'nursing' || chr(cp) || '-dental')::text LIKE '%!%'`);
    const postgres = (result.rows[0] as { code_points: number[] }).code_points;
    const validator: number[] = [];
    for (let cp = 1; cp <= 0x10ffff; cp += 1) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      if (keywordTerms(`nursing${String.fromCodePoint(cp)}-dental`).excluded > 0)
        validator.push(cp);
    }
    expect(validator).toEqual(postgres);
  }, 60_000);

  it.each([
    'nursing -dental',
    'nursing or -dental',
    'nursing or <-dental',
    '<-dental',
    'nursing<-dental',
    'nursing or(-dental)',
    'nursing or# -dental',
    'nursing OR² -dental',
    'nursing or_ -dental',
    'nursing orchid -dental',
    'nursing or-dental',
    'nursing -dental or midwifery',
    'nursing -dental or',
    'nursing or -',
    '"nursing"-dental',
    'nursing"-dental"',
    'nursing #-STEM',
    'nursing:-dental',
    'nursing\u00a0-dental',
    'nursing\u3000-dental',
    'nursing or\u2003-dental',
    'nursing \\-dental',
    'nursing or ² -dental',
    'nursing or 🎓 -dental',
    '-art/design nursing',
    'nursing or -dental the',
    'nursing or the -dental',
    'the -dental',
    'The -dental',
    '"the of" -dental',
    'the-a -dental',
    'the -art/design',
    'nursing or the',
    'the nursing -dental',
    'nursing or or -dental',
  ])('exclusions-only verdict matches: %s', async (q) => {
    expect(rejectsOnlyExclusions(q)).toBe(await postgresReadsOnlyExclusions(q));
  });

  it.each([
    'nursing <-law <-art <-music <-film <-math <-dental',
    'nursing (-law) |-art !-music &-film',
    'nursing\u2028-law\u205f-art\u1680-music',
    'nursing #-law ,-art .-music',
  ])('exclusion count matches: %s', async (q) => {
    const result = await search.db.knex.raw(
      `SELECT websearch_to_tsquery('english', ?::text)::text AS parsed`,
      [q],
    );
    const parsed = (result.rows[0] as { parsed: string }).parsed;
    expect(keywordTerms(q).excluded).toBe(parsed.split('!').length - 1);
  });

  it('stop words match the server file', async () => {
    // The role of the test server is a superuser, which may read files of the installation.
    const result = await search.db.knex.raw(`
      SELECT pg_read_file(setting || '/tsearch_data/english.stop') AS words
      FROM pg_config WHERE name = 'SHAREDIR'`);
    const words = (result.rows[0] as { words: string }).words.split('\n').filter(Boolean);
    expect([...ENGLISH_STOP_WORDS].sort()).toEqual(words.sort());
  });

  it('english_stem drops every stop word', async () => {
    const result = await search.db.knex.raw(
      `SELECT word FROM unnest(?::text[]) AS word WHERE ts_lexize('english_stem', word) <> '{}'`,
      [[...ENGLISH_STOP_WORDS]],
    );
    expect(result.rows).toEqual([]);
  });

  it('rejects six exclusions after <', () => {
    const parsed = searchQuerySchema.safeParse({ q: 'nursing <-a <-b <-c <-d <-e <-f' });
    expect(parsed.success).toBe(false);
  });
});
