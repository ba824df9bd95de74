import { suggestQuerySchema } from '@scholarships/api-contract';
import type { FacetSnapshotSource } from '../search/facet-snapshot-source';
import {
  createRecordedPhraseSuggestions,
  startKeywordIndexTestApp,
  INDEX_TODAY as TODAY,
} from '../test-support/keyword-index-app';
import type { SearchTestApp } from '../test-support/search-test-app';
import type { PhraseSuggestions } from './phrase-from-index';
import { isPhraseSuggestion, type SuggestRow, suggestScholarships } from './statements';

let search: SearchTestApp;
let snapshots: FacetSnapshotSource;
let phrases: PhraseSuggestions;
const served: string[] = [];

beforeAll(async () => {
  ({ search, snapshots } = await startKeywordIndexTestApp('phrase_from_index', {
    seed: 11,
    count: 2_000,
  }));
  phrases = createRecordedPhraseSuggestions({ search, snapshots }, served);
}, 240_000);

afterAll(async () => {
  await search?.close();
});

const TYPED = [
  'nursing sch',
  'computer sc',
  'women in s',
  'the n',
  'nursng sch',
  'business m',
  'study a',
  'art -music d',
  'engineering or math s',
  'scholarship f',
  'zzzz q',
  'veterinary medicine stu',
  'first generation c',
  'nursing/sch',
  'first-generation c',
  '"computer science" s',
  "women's s",
  '"nursing school" p',
];

describe('phrase suggestions from the keyword index', () => {
  it('match the phrase statement', async () => {
    for (const q of TYPED) {
      for (const limit of ['3', '8']) {
        const query = suggestQuerySchema.parse({ q, limit });
        expect(isPhraseSuggestion(query)).toBe(true);
        const expected = await search.db.query<SuggestRow>(
          suggestScholarships(search.db.knex, query, TODAY),
        );
        served.length = 0;
        const actual = await phrases.rows(query, TODAY);
        expect({ q, limit, served }).toEqual({ q, limit, served: ['memory'] });
        expect({ q, limit, rows: actual }).toEqual({ q, limit, rows: expected });
      }
    }
  }, 60_000);

  it('decline after a catalogue write', async () => {
    const query = suggestQuerySchema.parse({ q: 'nursing sch' });
    await search.db.knex.raw(
      "UPDATE scholarships SET description = 'nursing school' WHERE id = (SELECT id FROM scholarships ORDER BY id LIMIT 1)",
    );
    served.length = 0;
    expect(await phrases.rows(query, TODAY)).toBeNull();
    expect(served).toEqual(['changed']);
  });
});
