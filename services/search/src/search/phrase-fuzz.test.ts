import type { Client } from 'pg';
import { connectRankClient, type RankClient } from '../test-support/rank-client';
import { seededRandom } from '../test-support/seeded-random';
import { coverDensityRank } from './cover-density-rank';
import { splitJoinedWords } from './joined-words';
import { type KeywordIndex, readTsvector } from './keyword-index';
import { documentMatches } from './keyword-matches';
import { parseKeywordQuery } from './keyword-query';
import { phrasesTestable } from './phrase-matches';

let connection: RankClient;
let client: Client;

beforeAll(async () => {
  connection = await connectRankClient('phrase_fuzz');
  client = connection.client;
});

afterAll(async () => {
  await connection?.close();
});

const WORDS = [
  'new',
  'york',
  'school',
  'nursing',
  'art',
  'arts',
  'e',
  'mail',
  'first',
  'generation',
  'low',
  'income',
  's',
  'women',
  'x1',
  '2024',
];
const STOPS = ['the', 'of', 'a', 'after', 'and', 'in'];
const JOINERS = [' ', ' ', ' ', ' ', '-', '/', ', ', "'", '.', '-'];

function token(random: () => number): string {
  return random() < 0.2
    ? (STOPS[Math.floor(random() * STOPS.length)] as string)
    : (WORDS[Math.floor(random() * WORDS.length)] as string);
}

function text(random: () => number, count: number): string {
  let out = token(random);
  for (let at = 1; at < count; at += 1) {
    out += JOINERS[Math.floor(random() * JOINERS.length)] as string;
    out += token(random);
  }
  return out;
}

function typed(random: () => number): string {
  const parts: string[] = [];
  const terms = 1 + Math.floor(random() * 3);
  for (let at = 0; at < terms; at += 1) {
    const kind = random();
    let term: string;
    if (kind < 0.4) term = `"${text(random, 2 + Math.floor(random() * 3))}"`;
    else if (kind < 0.7) term = text(random, 2 + Math.floor(random() * 2)).replace(/[ ,]+/g, '-');
    else term = token(random);
    if (at > 0 && random() < 0.2) parts.push('or');
    if (at > 0 && random() < 0.15) term = `-${term}`;
    parts.push(term);
  }
  return parts.join(' ');
}

function longText(random: () => number): string {
  const filler = Array.from(
    { length: 16370 + Math.floor(random() * 30) },
    (_, at) => `zq${at % 89}x`,
  ).join(' ');
  return `${filler} ${text(random, 20)}`;
}

describe('phrase matching against PostgreSQL', () => {
  for (const [sample, seed] of [424242, 7].entries())
    it(`matches @@ and ts_rank_cd, sample ${sample + 1}`, async () => {
      const random = seededRandom(seed);
      const docs: [string, string, string][] = [];
      for (let at = 0; at < 400; at += 1) {
        const description =
          at % 40 === 0 ? longText(random) : text(random, 3 + Math.floor(random() * 25));
        docs.push([
          text(random, 1 + Math.floor(random() * 4)),
          text(random, Math.floor(random() * 3) + 1),
          description,
        ]);
      }

      const vectors = await client.query<{ d: string }>(
        `SELECT (setweight(to_tsvector('english', n), 'A') || setweight(to_tsvector('english', p), 'B')
         || setweight(to_tsvector('english', d), 'C'))::text AS d
       FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS t(n, p, d, o) ORDER BY o`,
        [docs.map((doc) => doc[0]), docs.map((doc) => doc[1]), docs.map((doc) => doc[2])],
      );

      // The keyword index of these documents, built as loadKeywordIndex builds it.
      const builders = new Map<
        string,
        { rows: number[]; offsets: number[]; positions: number[] }
      >();
      vectors.rows.forEach(({ d }, row) => {
        readTsvector(d, (lexeme, positions) => {
          let builder = builders.get(lexeme);
          if (builder === undefined) {
            builder = { rows: [], offsets: [0], positions: [] };
            builders.set(lexeme, builder);
          }
          builder.rows.push(row);
          builder.positions.push(...positions);
          builder.offsets.push(builder.positions.length);
        });
      });
      const document = new Map(
        [...builders].map(([lexeme, builder]) => [
          lexeme,
          {
            rows: Int32Array.from(builder.rows),
            offsets: Int32Array.from(builder.offsets),
            positions: Uint16Array.from(builder.positions),
          },
        ]),
      );
      const index = {
        ids: docs.map((_, at) => String(at)),
        document,
        name: new Map(),
      } as unknown as KeywordIndex;

      const failures: string[] = [];
      let phraseQueries = 0;
      let compared = 0;
      for (let round = 0; round < 300; round += 1) {
        const q = typed(random);
        const split = splitJoinedWords(q);
        const result = await client.query<{
          q: string | null;
          rows: number[] | null;
          ranks: number[] | null;
        }>(
          `WITH query AS (SELECT CASE WHEN $2::text IS NULL THEN websearch_to_tsquery('english', $1)
             ELSE websearch_to_tsquery('english', $1) || websearch_to_tsquery('english', $2) END AS q),
           docs AS (SELECT o::int - 1 AS row, d::tsvector AS d FROM unnest($3::text[]) WITH ORDINALITY AS t(d, o))
         SELECT query.q::text AS q,
           (SELECT array_agg(row ORDER BY row) FROM docs WHERE d @@ query.q) AS rows,
           (SELECT array_agg(ts_rank_cd(d, query.q, 32)::float8 ORDER BY row) FROM docs WHERE d @@ query.q) AS ranks
         FROM query`,
          [q, split, vectors.rows.map((row) => row.d)],
        );
        const row = result.rows[0];
        if (row?.q === null || row?.q === undefined || row.q === '') continue;
        const node = parseKeywordQuery(row.q);
        if (node === null) {
          failures.push(`${q}: ${row.q} not parsed`);
          continue;
        }
        if (!phrasesTestable(node)) continue;
        if (row.q.includes('<')) phraseQueries += 1;
        if (/^(!|\( *!)/.test(row.q)) continue;
        const expected = row.rows ?? [];
        let actual: number[];
        try {
          actual = [...documentMatches(index, node)];
        } catch (error) {
          failures.push(`${q}: ${String(error)}`);
          continue;
        }
        if (JSON.stringify(actual) !== JSON.stringify(expected)) {
          failures.push(
            `${q} => ${row.q}: PostgreSQL ${JSON.stringify(expected)} memory ${JSON.stringify(actual)}`,
          );
          continue;
        }
        compared += expected.length;
        expected.forEach((matched, at) => {
          const rank = coverDensityRank(node, (lexeme) => {
            const posting = document.get(lexeme);
            if (posting === undefined) return undefined;
            const i = posting.rows.indexOf(matched);
            return i < 0
              ? undefined
              : posting.positions.subarray(posting.offsets[i], posting.offsets[i + 1]);
          });
          if (!Object.is(rank, row.ranks?.[at]))
            failures.push(
              `${q} => ${row.q} row ${matched}: PostgreSQL ${row.ranks?.[at]} memory ${rank}`,
            );
        });
      }
      expect(failures.slice(0, 10)).toEqual([]);
      expect(phraseQueries).toBeGreaterThan(100);
      expect(compared).toBeGreaterThan(10_000);
    }, 110_000);
});
