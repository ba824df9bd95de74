import type { Client } from 'pg';
import { connectRankClient, type RankClient } from '../test-support/rank-client';
import { seededRandom } from '../test-support/seeded-random';
import { coverDensityRank, type LexemePositions } from './cover-density-rank';
import { splitJoinedWords } from './joined-words';
import { parseKeywordQuery } from './keyword-query';

/** One lexeme of a document as `unnest(tsvector)` returns it: lexeme, positions, weight letters. */
type Entry = [string, number[] | null, string[] | null];

interface PostgresRow {
  document: string;
  query: string;
  matches: boolean;
  rank: number;
  entries: Entry[] | null;
}

/** The outcome of comparing a batch of pairs. */
interface Comparison {
  /** Matching pairs whose ranks were compared. */
  compared: number;
  /** Pairs left out because the document does not match the query. */
  unmatched: number;
  /** Pairs whose ranks differ, described for the failure message. */
  differences: string[];
}

const WEIGHT_BITS: Readonly<Record<string, number>> = { A: 3, B: 2, C: 1, D: 0 };

let connection: RankClient;
let client: Client;

beforeAll(async () => {
  connection = await connectRankClient('cover_rank');
  client = connection.client;
});

afterAll(async () => {
  await connection?.close();
});

/** Builds the document's stored positions from `unnest(tsvector)` rows. */
function positionsFromEntries(entries: readonly Entry[] | null): Map<string, LexemePositions> {
  const positions = new Map<string, LexemePositions>();
  for (const [lexeme, offsets, weights] of entries ?? []) {
    const stored = (offsets ?? []).map(
      (offset, index) => offset | ((WEIGHT_BITS[weights?.[index] ?? 'D'] as number) << 14),
    );
    positions.set(lexeme, Uint16Array.from(stored));
  }
  return positions;
}

/** Returns a description of the difference between PostgreSQL's rank and ours, or `null`. */
function differenceFrom(row: PostgresRow): string | null {
  const query = parseKeywordQuery(row.query);
  if (query === null) return `${row.query}: not parsed`;
  const positions = positionsFromEntries(row.entries);
  const rank = coverDensityRank(query, (lexeme) => positions.get(lexeme));
  if (Object.is(rank, row.rank)) return null;
  return `${row.document} @@ ${row.query}: PostgreSQL ${row.rank}, in memory ${rank}`;
}

/**
 * Ranks in PostgreSQL the pairs `sql` selects as columns `d` (tsvector) and `q` (tsquery), and
 * compares every matching pair with the in-memory rank.
 */
async function compareWithPostgres(sql: string, params: unknown[] = []): Promise<Comparison> {
  const result = await client.query<PostgresRow>(
    `SELECT pair.d::text AS document, pair.q::text AS query, pair.d @@ pair.q AS matches,
            ts_rank_cd(pair.d, pair.q, 32)::float8 AS rank,
            (SELECT json_agg(json_build_array(entry.lexeme, entry.positions, entry.weights))
               FROM unnest(pair.d) AS entry) AS entries
       FROM (${sql}) AS pair(d, q)`,
    params,
  );
  const comparison: Comparison = { compared: 0, unmatched: 0, differences: [] };
  for (const row of result.rows) {
    if (!row.matches) {
      comparison.unmatched += 1;
      continue;
    }
    comparison.compared += 1;
    const difference = differenceFrom(row);
    if (difference !== null) comparison.differences.push(difference);
  }
  return comparison;
}

/** Compares pairs of tsvector and tsquery literals. */
function compareLiterals(pairs: readonly (readonly [string, string])[]): Promise<Comparison> {
  return compareWithPostgres(
    'SELECT d, q FROM unnest($1::tsvector[], $2::tsquery[]) AS literal(d, q)',
    [pairs.map(([document]) => document), pairs.map(([, query]) => query)],
  );
}

/** Returns a document literal where `a` and `b` alternate `count` times each. */
function alternating(count: number): string {
  const a = Array.from({ length: count }, (_, index) => `${2 * index + 1}${'ABCD'[index % 4]}`);
  const b = Array.from({ length: count }, (_, index) => `${2 * index + 2}`);
  return `'a':${a.join(',')} 'b':${b.join(',')}`;
}

/**
 * Pairs of tsvector and tsquery literals, each chosen to match. They cover weights, shared and
 * capped positions, repeated query words, `!`, and lexemes at one position, whose order counts.
 */
const HAND_WRITTEN: readonly (readonly [string, string])[] = [
  ["'a':1A,5 'b':2B,9C 'c':3,4D", 'a'],
  ["'a':1A,5 'b':2B,9C 'c':3,4D", 'a & b'],
  ["'a':1A,5 'b':2B,9C 'c':3,4D", 'a | b'],
  ["'a':1A,5 'b':2B,9C 'c':3,4D", 'a & b & c'],
  ["'a':1A,5 'b':2B,9C 'c':3,4D", '(a | b) & c'],
  ["'a':1A,5 'b':2B,9C 'c':3,4D", 'a & b | a & c'],
  ["'a':1A,5 'b':2B,9C 'c':3,4D", 'a & a'],
  ["'a':1A,5 'b':2B,9C 'c':3,4D", 'a | a | b'],
  ["'a':1A,5 'b':2B,9C 'c':3,4D", '(a | b) & (a | c)'],
  ["'a':1A,5 'b':2B,9C 'c':3,4D", 'a & !z'],
  ["'a':1A,5 'b':2B,9C 'c':3,4D", 'a | !b'],
  ["'a':1A,5 'b':2B,9C 'c':3,4D", '!a | b'],
  ["'a':1A,5 'b':2B,9C 'c':3,4D", 'a & !(b & z)'],
  ["'a':1A,5 'b':2B,9C 'c':3,4D", '!(a & z)'],
  ["'a':1A,5 'b':2B,9C 'c':3,4D", '!z'],
  ["'a':1A,5 'b':2B,9C 'c':3,4D", '!!a'],
  ["'a':1A,5 'b':2B,9C 'c':3,4D", 'a & !b | a & b'],
  ["'a':1A,5 'b':2B,9C 'c':3,4D", '(a | !c) & (b | !a)'],
  ["'a':1,2 'b':1,2 'c':2", 'a & b'],
  ["'a':1,2 'b':1,2 'c':2", 'a & b & c'],
  ["'a':1,2 'b':1,2 'c':2", 'a | b | c'],
  ["'a':1,1,2,2 'b':2,2", 'a & b'],
  ["'a':3A,3B,3C 'b':3D", 'a & b'],
  ["'a':16380,16383,20000,30000A 'b':16381,17000,25000B", 'a & b'],
  ["'a':16380,16383,20000,30000A 'b':16381,17000,25000B", 'a | b'],
  ["'a':16383 'b':16383 'c':16383", 'a & b & c'],
  ["'a':5,16383 'b':16383 'c':1,16383", '(a & b) | (b & c)'],
  ["'a':1 'b':30000", 'a & b'],
  [alternating(150), 'a & b'],
  [alternating(150), 'a | b'],
  [alternating(150), 'a & !c'],
  [alternating(150), 'a | !b'],
  [alternating(2000), 'a & b'],
  [alternating(9000), 'a & b'],
  ["'a':5A,17B 'ab':10A,13A,16A 'f':8A", '!!(f & a)'],
  ["'a':4A,8A,11C 'b':5B 'c':6C", '(ba | c | !b) & b'],
  ["'a':6A,10A,13A 'b':7A,18A 'ba':9B", '!ba | a & (b | z)'],
  ["'a':9B,16A 'b':7A,18 'c':8 'f':15A", '!!c & (a | f) & !z'],
  ["'a':1 'b':1 'c':2", 'b & c | a & z'],
  ["'ﬀ':1 '𝔸':1 'c':2", '𝔸 & c | ﬀ & z'],
  ["'b':1 'ab':1 'ba':1 'é':1 '𝔸':1 'ﬀ':1", 'b & ab & ba & é & 𝔸 & ﬀ'],
  ["'b':1,3 'ab':2 'é':1 '𝔸':2,4 'ﬀ':3,5", '(𝔸 | ﬀ) & (é | b) & !(ab & ba)'],
];

/** Documents assembled with `setweight` and `||`, which shifts the positions of the right side. */
const SETWEIGHT_PAIRS = `
  SELECT setweight('a:1,3 b:2'::tsvector, 'B') || setweight('c:4 a:6'::tsvector, 'A'), 'a & c'::tsquery
  UNION ALL SELECT setweight('a:1,3 b:2'::tsvector, 'C') || 'b:7,9A c:8'::tsvector, 'b & !c | a'
  UNION ALL SELECT setweight('x:1,2,3,4,5 y:6'::tsvector, 'A', '{x}'), 'x & y'
  UNION ALL SELECT setweight('a:1,2,3 b:1,2,3'::tsvector, 'D') || setweight('a:2 b:3'::tsvector, 'A'), 'a & b'
  UNION ALL SELECT setweight('a:1 b:2'::tsvector, 'B') || setweight('a:1 b:2 c:3'::tsvector, 'A'), 'a <-> b <-> a'
  UNION ALL SELECT setweight('a:1 b:2'::tsvector, 'C') || 'b:1 c:2'::tsvector, 'b <-> b <-> c'
  UNION ALL SELECT setweight('a:16380 b:16383'::tsvector, 'A') || 'b:1 a:2'::tsvector, 'a <3> b | b <-> a'`;

/**
 * Pairs with phrase operators, each chosen to match. They cover distances 1, 2 and 3, repeated
 * words, chains of three and four words, phrases combined with `&`, `|` and `!`, and phrases
 * nested in phrases. They also cover phrase operators over `&`, `|` and `!`, which PostgreSQL
 * evaluates on sets of match positions.
 */
const PHRASE_HAND_WRITTEN: readonly (readonly [string, string])[] = [
  ["'a':1A 'b':2", 'a <-> b'],
  ["'a':1,3,7B 'b':2C,5,8,10 'c':3,9", 'a <-> b'],
  ["'a':1,3,7B 'b':2C,5,8,10 'c':3,9", 'a <2> b'],
  ["'a':1,3,7B 'b':2C,5,8,10 'c':3,9", 'a <3> b'],
  ["'a':1,3,7B 'b':2C,5,8,10 'c':3,9", 'b <-> c'],
  ["'a':1,3,7B 'b':2C,5,8,10 'c':3,9", 'b <-> a'],
  ["'a':1,2,3,5,6 'b':4,7", 'a <-> a'],
  ["'a':1,2,3,5,6 'b':4,7", 'a <-> a <-> a'],
  ["'a':1,2,3,5,6 'b':4,7", 'a <2> a'],
  ["'a':1,2,3,5,6 'b':4,7", 'a <-> a <-> b'],
  ["'a':1,2,3,5,6 'b':4,7", 'a <-> b <-> a'],
  ["'a':1A,5,9 'b':2B,6,10D 'c':3,7D,11 'd':4C,12", 'a <-> b <-> c'],
  ["'a':1A,5,9 'b':2B,6,10D 'c':3,7D,11 'd':4C,12", 'a <-> b <-> c <-> d'],
  ["'a':1A,5,9 'b':2B,6,10D 'c':3,7D,11 'd':4C,12", 'a <2> c <-> d'],
  ["'a':1A,5,9 'b':2B,6,10D 'c':3,7D,11 'd':4C,12", 'a <-> b <3> a <-> b'],
  ["'a':1A,5,9 'b':2B,6,10D 'c':3,7D,11 'd':4C,12", 'a <-> (b <-> c)'],
  ["'a':1A,5,9 'b':2B,6,10D 'c':3,7D,11 'd':4C,12", '(a <-> b) <-> (c <-> d)'],
  ["'a':1A,5,9 'b':2B,6,10D 'c':3,7D,11 'd':4C,12", 'a <-> b & d'],
  ["'a':1A,5,9 'b':2B,6,10D 'c':3,7D,11 'd':4C,12", 'a <-> b | c <-> d'],
  ["'a':1A,5,9 'b':2B,6,10D 'c':3,7D,11 'd':4C,12", 'a <-> b & c <-> d'],
  ["'a':1A,5,9 'b':2B,6,10D 'c':3,7D,11 'd':4C,12", 'a <-> b | z'],
  ["'a':1A,5,9 'b':2B,6,10D 'c':3,7D,11 'd':4C,12", 'a <-> b & !z'],
  ["'a':1A,5,9 'b':2B,6,10D 'c':3,7D,11 'd':4C,12", 'a <-> b & !(b <-> a)'],
  ["'a':1A,5,9 'b':2B,6,10D 'c':3,7D,11 'd':4C,12", '!(a <-> c) & d'],
  ["'a':1A,5,9 'b':2B,6,10D 'c':3,7D,11 'd':4C,12", 'a <-> b & !(c <-> a)'],
  ["'a':1A,5,9 'b':2B,6,10D 'c':3,7D,11 'd':4C,12", 'c <-> d | a & !b'],
  ["'a':1A,5,9 'b':2B,6,10D 'c':3,7D,11 'd':4C,12", 'a <-> (b | d)'],
  ["'a':1A,5,9 'b':2B,6,10D 'c':3,7D,11 'd':4C,12", '(a | c) <-> (b | d)'],
  ["'a':1A,5,9 'b':2B,6,10D 'c':3,7D,11 'd':4C,12", 'a <-> (b <-> c | d)'],
  ["'a':1A,5,9 'b':2B,6,10D 'c':3,7D,11 'd':4C,12", 'a <-> !c'],
  ["'a':1A,5,9 'b':2B,6,10D 'c':3,7D,11 'd':4C,12", '!a <-> c'],
  ["'a':1A,5,9 'b':2B,6,10D 'c':3,7D,11 'd':4C,12", '!a <-> !b'],
  ["'a':1A,5,9 'b':2B,6,10D 'c':3,7D,11 'd':4C,12", 'a <-> !(c <-> d)'],
  ["'a':1A,5,9 'b':2B,6,10D 'c':3,7D,11 'd':4C,12", 'a <-> (!c | d)'],
  ["'a':1A,5,9 'b':2B,6,10D 'c':3,7D,11 'd':4C,12", 'a <-> (b & !c)'],
  ["'a':1A,5,9 'b':2B,6,10D 'c':3,7D,11 'd':4C,12", 'a <-> (!c & !z)'],
  ["'a':1A,5,9 'b':2B,6,10D 'c':3,7D,11 'd':4C,12", '(a <-> b) <-> !z'],
  ["'a':1,2 'b':2,3 'c':2", 'a <-> b'],
  ["'a':1,2 'b':2,3 'c':2", 'a <-> (b <0> c)'],
  ["'a':1,2 'b':2,3 'c':2", 'a <-> (b & c)'],
  ["'a':1,2 'b':2,3 'c':2", 'a <-> c <-> b'],
  ["'a':16381,16382,16383 'b':16383", 'a <-> b'],
  ["'a':16381,16382,16383 'b':16383", 'a <-> a <-> b'],
  [alternating(150), 'a <-> b'],
  [alternating(150), 'b <-> a <-> b'],
  [alternating(150), 'a <3> b & !(a <2> b)'],
  [alternating(2000), 'a <-> b <-> a'],
];

describe('coverDensityRank on chosen pairs', () => {
  it('matches hand-written pairs', async () => {
    const comparison = await compareLiterals(HAND_WRITTEN);
    expect(comparison.differences).toEqual([]);
    expect(comparison.unmatched).toBe(0);
    expect(comparison.compared).toBe(HAND_WRITTEN.length);
  });

  it('matches hand-written phrase pairs', async () => {
    const comparison = await compareLiterals(PHRASE_HAND_WRITTEN);
    expect(comparison.differences).toEqual([]);
    expect(comparison.unmatched).toBe(0);
    expect(comparison.compared).toBe(PHRASE_HAND_WRITTEN.length);
  });

  it('matches documents built with setweight', async () => {
    const comparison = await compareWithPostgres(SETWEIGHT_PAIRS);
    expect(comparison.differences).toEqual([]);
    expect(comparison.unmatched).toBe(0);
  });
});

/** Words of the sweep, few enough to collide often. The last three test the order of lexemes. */
const VOCABULARY = ['a', 'b', 'c', 'ab', 'ba', 'é', '𝔸', 'ﬀ'];

/** Returns a random document literal with `count` occurrences. */
function randomDocument(random: () => number, count: number): string {
  const words = new Map<string, string[]>();
  // Some words are frequent and some rare, so that covers vary in length.
  const favored = Math.floor(random() * VOCABULARY.length);
  let position = 1 + Math.floor(random() * 4);
  for (let index = 0; index < count; index += 1) {
    const step = random();
    if (step < 0.005) position += 16_000;
    else if (step > 0.15) position += 1 + Math.floor(random() * random() * 6);
    const word =
      random() < 0.3 ? (VOCABULARY[favored] as string) : pick(random, VOCABULARY, random());
    const weight = pick(random, ['A', 'B', 'C', 'D', ''], random());
    words.set(word, [...(words.get(word) ?? []), `${position}${weight}`]);
  }
  return [...words].map(([word, positions]) => `'${word}':${positions.join(',')}`).join(' ');
}

/** Picks an item of `items`, skewed toward the first ones by `skew` in [0, 1). */
function pick<T>(random: () => number, items: readonly T[], skew: number): T {
  return items[Math.floor(random() * skew * items.length)] as T;
}

/** Returns a random tsquery text of words, `&`, `|` and `!`, at most `depth` operators deep. */
function randomQuery(random: () => number, depth: number): string {
  const choice = random();
  if (depth === 0 || choice < 0.35) return `'${pick(random, VOCABULARY, 1)}'`;
  if (choice < 0.5) return `!${randomQuery(random, depth - 1)}`;
  const operator = choice < 0.78 ? '&' : '|';
  return `(${randomQuery(random, depth - 1)} ${operator} ${randomQuery(random, depth - 1)})`;
}

/** Returns how many occurrences a random document has: mostly short, some of hundreds. */
function randomLength(random: () => number): number {
  const kind = random();
  if (kind < 0.4) return 1 + Math.floor(random() * 8);
  if (kind < 0.8) return 8 + Math.floor(random() * 60);
  return 100 + Math.floor(random() * 400);
}

describe('coverDensityRank on random pairs', () => {
  it('matches thousands of random pairs', async () => {
    const random = seededRandom(20_260_101);
    const total: Comparison = { compared: 0, unmatched: 0, differences: [] };
    for (let batch = 0; batch < 12; batch += 1) {
      const pairs = Array.from(
        { length: 800 },
        () => [randomDocument(random, randomLength(random)), randomQuery(random, 3)] as const,
      );
      const comparison = await compareLiterals(pairs);
      total.compared += comparison.compared;
      total.unmatched += comparison.unmatched;
      total.differences.push(...comparison.differences);
    }
    expect(total.differences.slice(0, 5)).toEqual([]);
    expect(total.differences.length).toBe(0);
    expect(total.compared).toBeGreaterThan(4_000);
  }, 120_000);
});

/** Words of the phrase sweep, few enough that phrases match often. */
const PHRASE_VOCABULARY = ['a', 'b', 'c', 'ab', 'é'];

/**
 * Returns a random document literal with `count` occurrences. Most steps go to the next position,
 * some stay at the same one or skip a few, and a rare jump reaches the 16383 cap.
 */
function randomPhraseDocument(random: () => number, count: number): string {
  const words = new Map<string, Set<number>>();
  const weights = new Map<string, string[]>();
  let position = 1 + Math.floor(random() * 3);
  for (let index = 0; index < count; index += 1) {
    const step = random();
    if (step < 0.003) position += 16_000;
    else if (step < 0.15) position += 0;
    else if (step < 0.8) position += 1;
    else position += 2 + Math.floor(random() * 3);
    const word = pick(random, PHRASE_VOCABULARY, 0.4 + 0.6 * random());
    const capped = Math.min(position, 16_383);
    const seen = words.get(word) ?? new Set<number>();
    if (seen.has(capped)) continue;
    seen.add(capped);
    words.set(word, seen);
    const weight = pick(random, ['A', 'B', 'C', 'D', '', ''], random());
    weights.set(word, [...(weights.get(word) ?? []), `${capped}${weight}`]);
  }
  return [...weights].map(([word, positions]) => `'${word}':${positions.join(',')}`).join(' ');
}

/** Returns a random phrase operator: mostly `<->`, sometimes `<2>` or `<3>`. */
function randomPhraseOperator(random: () => number): string {
  const choice = random();
  if (choice < 0.7) return '<->';
  return choice < 0.88 ? '<2>' : '<3>';
}

/** Returns a random word of the phrase sweep, quoted. */
function randomPhraseWord(random: () => number): string {
  return `'${pick(random, PHRASE_VOCABULARY, 1)}'`;
}

/** Returns a chain of two to four words joined by phrase operators, as PostgreSQL prints it. */
function randomChain(random: () => number): string {
  const length = 2 + Math.floor(random() * random() * 3);
  let chain = randomPhraseWord(random);
  for (let index = 1; index < length; index += 1) {
    chain += ` ${randomPhraseOperator(random)} ${randomPhraseWord(random)}`;
  }
  return chain;
}

/**
 * Returns a query of the forms web search produces: a chain alone, or combined with a word, a
 * word pair or another chain by `&`, `|` and `!`.
 */
function randomChainQuery(random: () => number): string {
  const chain = randomChain(random);
  const word = randomPhraseWord(random);
  switch (Math.floor(random() * 9)) {
    case 0:
    case 1:
      return chain;
    case 2:
      return `${chain} & ${word}`;
    case 3:
      return `${chain} | ${word}`;
    case 4:
      return `${chain} & !${word}`;
    case 5:
      return `${chain} | ${word} & ${randomPhraseWord(random)}`;
    case 6:
      return `${chain} | ${randomChain(random)}`;
    case 7:
      return `${chain} & !( ${randomChain(random)} )`;
    default:
      return `${word} & ( ${chain} | ${randomChain(random)} )`;
  }
}

/**
 * Returns a random tree with a phrase operator at its top, whose operands are any trees of words,
 * `&`, `|`, `!` and phrase operators, at most `depth` operators deep.
 */
function randomPhraseTree(random: () => number, depth: number): string {
  const operand = (): string => {
    const choice = random();
    if (depth <= 1 || choice < 0.4) return randomPhraseWord(random);
    if (choice < 0.55) return `!${randomPhraseWord(random)}`;
    if (choice < 0.7) return `( ${randomPhraseTree(random, depth - 1)} )`;
    const operator = choice < 0.85 ? '|' : '&';
    return `( ${randomPhraseWord(random)} ${operator} ${operand()} )`;
  };
  return `${operand()} ${randomPhraseOperator(random)} ${operand()}`;
}

/** Compares `batches` batches of 800 random pairs and returns the total. */
async function compareRandomBatches(
  random: () => number,
  batches: number,
  query: () => string,
): Promise<Comparison> {
  const total: Comparison = { compared: 0, unmatched: 0, differences: [] };
  for (let batch = 0; batch < batches; batch += 1) {
    const pairs = Array.from(
      { length: 800 },
      () => [randomPhraseDocument(random, randomLength(random)), query()] as const,
    );
    const comparison = await compareLiterals(pairs);
    total.compared += comparison.compared;
    total.unmatched += comparison.unmatched;
    total.differences.push(...comparison.differences);
  }
  return total;
}

describe('coverDensityRank on random phrase pairs', () => {
  it('matches random web search chains', async () => {
    const random = seededRandom(20_260_102);
    const total = await compareRandomBatches(random, 16, () => randomChainQuery(random));
    expect(total.differences.slice(0, 5)).toEqual([]);
    expect(total.differences.length).toBe(0);
    expect(total.compared).toBeGreaterThan(4_000);
  }, 120_000);

  it('matches random phrase operator trees', async () => {
    const random = seededRandom(20_260_103);
    const total = await compareRandomBatches(random, 10, () => randomPhraseTree(random, 3));
    expect(total.differences.slice(0, 5)).toEqual([]);
    expect(total.differences.length).toBe(0);
    expect(total.compared).toBeGreaterThan(3_000);
  }, 120_000);
});

/** Made-up scholarships: name, provider and description. */
const SCHOLARSHIPS: readonly (readonly [string, string, string])[] = [
  [
    'Nursing Futures Scholarship',
    'Riverside Health Foundation',
    'Supports nursing students in their final clinical year. Nursing students who work night shifts at a community hospital receive priority.',
  ],
  [
    'Computer Science Pathways Award',
    'Open Code Alliance',
    'For students of computer science or software engineering who contribute to open source software.',
  ],
  [
    'Women in Engineering Grant',
    'Society of Bridge Builders',
    'Helps women study civil, mechanical or electrical engineering at an accredited college.',
  ],
  [
    'First Generation College Fund',
    'Hometown Credit Union',
    'A grant for first generation college students from rural counties, renewable for four years of college.',
  ],
  [
    'Art and Design Merit Award',
    'Gallery Row Trust',
    'Rewards a portfolio of painting, sculpture, graphic design or illustration. Design students and art students apply alike.',
  ],
  [
    'Music Performance Scholarship',
    'Lakeside Symphony',
    'For students of music performance: strings, brass, percussion or voice. Auditions are held each spring.',
  ],
  [
    'Dental Hygiene Scholarship',
    'Smile Bright Dental Group',
    'Supports dental hygiene and dental assisting students; not for nursing programs.',
  ],
  [
    'STEM Leaders Scholarship',
    'Northern Science Council',
    'Science, technology, engineering and mathematics students who lead a club or a community science project.',
  ],
  [
    'Community Service Award',
    'Neighbors United',
    'Recognizes students with more than two hundred hours of community service, such as tutoring or food bank work.',
  ],
  [
    'Graduate Research Fellowship',
    'Institute for Coastal Studies',
    'Funds graduate research in marine biology, oceanography and coastal engineering.',
  ],
  [
    'Agriculture Scholars Program',
    'Prairie Farmers Cooperative',
    'For students of agriculture, agronomy, animal science or farm business management.',
  ],
  [
    'Teacher Education Grant',
    'State Teachers Association',
    'Future teachers in mathematics, science or special education who commit to teach in a public school.',
  ],
  [
    'Veterans Education Award',
    'Freedom Veterans League',
    'Veterans and children of veterans studying any field at a college or university.',
  ],
  [
    'Business Leadership Scholarship',
    'Chamber of Commerce',
    'Business, finance or accounting students who show leadership in a student organization.',
  ],
  [
    'Environmental Science Award',
    'Green Valley Conservancy',
    'Environmental science, ecology and conservation students working on water, soil or climate research.',
  ],
  [
    'Pharmacy Student Scholarship',
    'Corner Drugstore Network',
    'Pharmacy students in a doctor of pharmacy program; students in nursing or dental programs may not apply.',
  ],
  [
    'Creative Writing Prize',
    'Lantern Press',
    'For the best short story or poem by an undergraduate writer. Writing of any genre is welcome.',
  ],
  [
    'Athletic Achievement Scholarship',
    'Summit Sports Club',
    'Student athletes with strong grades in any sport, from track to swimming to soccer.',
  ],
  [
    'Public Health Scholarship',
    'Healthy Cities Initiative',
    'Public health, nursing and nutrition students who volunteer at a free clinic.',
  ],
  [
    'Rural Medicine Award',
    'Mountain Clinic Partners',
    'Medical and nursing students who plan to practice medicine in a rural community.',
  ],
  [
    'Computer Engineering Grant',
    'Silicon Hills Foundation',
    'Computer engineering students who design hardware, chips or embedded computer systems.',
  ],
  [
    'Hispanic Scholars Fund',
    'Unidos Education Trust',
    'Hispanic and Latino students in any field of study at a community college or university.',
  ],
  [
    'Aviation Scholarship',
    'Blue Sky Pilots Association',
    'Flight training and aviation maintenance students; pilots in training receive priority.',
  ],
  [
    'Culinary Arts Scholarship',
    'Chefs Table Guild',
    'Culinary arts and baking students at an accredited culinary school.',
  ],
  [
    'Law School Diversity Grant',
    'Justice For All Bar Association',
    'Law students from underrepresented backgrounds who plan a career in public interest law.',
  ],
  [
    'Architecture Design Award',
    'Urban Form Collective',
    'Architecture students with a design portfolio of sustainable buildings and public spaces.',
  ],
  [
    'Data Science Fellowship',
    'Numbers Count Institute',
    'Data science, statistics and machine learning students who apply data to social problems.',
  ],
  [
    'Social Work Scholarship',
    'Helping Hands Society',
    'Social work students who serve children, families and older adults in the community.',
  ],
  [
    'Film and Media Award',
    'Indie Screen Festival',
    'Film, video and digital media students with a short film in progress.',
  ],
  [
    'Long Description Scholarship',
    'Many Words Trust',
    Array.from(
      { length: 25 },
      (_, index) =>
        `Year ${index + 1}: nursing and science students in engineering, art and music programs keep studying, and the community science fund supports each student.`,
    ).join(' '),
  ],
];

/** Searches typed into the keyword box, as `websearch_to_tsquery` reads them. */
const SEARCHES = [
  'nursing',
  'nursing students',
  'nursing -dental',
  'nursing or dental',
  'computer science',
  'computer or engineering',
  'engineering -computer',
  'women engineering',
  'art or music or design',
  'science -graduate',
  'community science',
  'community service students',
  'first generation college',
  'students or student',
  'students and students',
  'public health or public law',
  'rural nursing medicine',
  'design -art',
  'science or -nursing',
  'data science or science data',
  'music -performance or art',
  'student athletes sport',
  'veterans college',
  'engineering or engineering',
  'year nursing science',
];

describe('coverDensityRank on scholarship text', () => {
  it('matches weighted scholarship text', async () => {
    const comparison = await compareWithPostgres(
      `SELECT setweight(to_tsvector('english', s.name), 'A')
                || setweight(to_tsvector('english', s.provider), 'B')
                || setweight(to_tsvector('english', s.description), 'C'),
              websearch_to_tsquery('english', k.search)
         FROM unnest($1::text[], $2::text[], $3::text[]) AS s(name, provider, description)
        CROSS JOIN unnest($4::text[]) AS k(search)`,
      [
        SCHOLARSHIPS.map(([name]) => name),
        SCHOLARSHIPS.map(([, provider]) => provider),
        SCHOLARSHIPS.map(([, , description]) => description),
        SEARCHES,
      ],
    );
    expect(comparison.differences).toEqual([]);
    expect(comparison.compared).toBeGreaterThan(120);
  });
});

/** Made-up scholarships whose text has quoted-phrase candidates, joined words and apostrophes. */
const PHRASE_SCHOLARSHIPS: readonly (readonly [string, string, string])[] = [
  [
    'First-Generation Computer Science Scholarship',
    "O'Brien Family Foundation",
    'For first-generation college students who study computer science. First generation students who tutor in an after-school program receive priority.',
  ],
  [
    'After-School Mentors Award',
    'Bright Futures Non-Profit',
    'Rewards students who lead after-school tutoring or mentoring at a non-profit. After school volunteers at a non profit also qualify.',
  ],
  [
    "Women's Leadership in Engineering Grant",
    "Society of Women's Engineers",
    "Supports women in engineering and women's studies majors. Women engineers who mentor first-generation students are encouraged to apply.",
  ],
  [
    "O'Brien Memorial Nursing Award",
    "Mary O'Brien Trust",
    "Honors Mary O'Brien with a grant for nursing students. Send the essay by e-mail; e-mail questions to the O'Brien committee, or mail them.",
  ],
  [
    'Non-Profit Management Fellowship',
    'Civic Leaders Network',
    'For graduate students in non-profit management, public administration or community service. Non-profit experience and community service hours count.',
  ],
  [
    'Computer Science Women Award',
    'Code Forward',
    'Science students and computer clubs: women in computer science, science of computers, and computer engineering science projects.',
  ],
  [
    'E-Mail Marketing Scholarship',
    'Inbox Digital',
    'For marketing students who write e-mail campaigns. Mail, e-mail and social media portfolios are welcome; first prize is a laptop.',
  ],
  [
    'Rural First Generation Grant',
    'Prairie Non-Profit Alliance',
    "A grant for first generation students from rural towns. Generation after generation, first-generation families build the town's future.",
  ],
  [
    'Long Phrase Scholarship',
    "Women's After-School Fund",
    Array.from(
      { length: 20 },
      (_, index) =>
        `Term ${index + 1}: first-generation students in computer science join after-school clubs, e-mail a non-profit mentor and study science, computers and women's history.`,
    ).join(' '),
  ],
];

/**
 * Searches with quoted phrases, hyphenated words and apostrophes, which web search reads into
 * phrase operators.
 */
const PHRASE_SEARCHES = [
  '"computer science"',
  '"computer science" women',
  '"computer science" or "computer engineering"',
  '"science computer"',
  '"women in engineering"',
  '"community service" -nursing',
  'after-school',
  'after-school tutoring',
  '"after-school program"',
  'first-generation',
  'first-generation college students',
  '"first-generation students" or "first generation"',
  'non-profit',
  'non-profit -graduate',
  'e-mail',
  'e-mail or mail',
  "women's",
  "women's engineering",
  "o'brien",
  '"mary o\'brien"',
  "o'brien nursing -e-mail",
  'computer science -"computer engineering"',
  'art/design',
];

describe('coverDensityRank on scholarship text with phrases', () => {
  it('matches phrase searches on scholarships', async () => {
    // Each search runs alone, and, when it has joined words, also as the search service runs it:
    // OR-ed with the search that has those words written apart.
    const searches = PHRASE_SEARCHES.flatMap((search) => {
      const split = splitJoinedWords(search);
      return split === null
        ? [[search, null]]
        : [
            [search, null],
            [search, split],
          ];
    });
    const comparison = await compareWithPostgres(
      `SELECT setweight(to_tsvector('english', s.name), 'A')
                || setweight(to_tsvector('english', s.provider), 'B')
                || setweight(to_tsvector('english', s.description), 'C'),
              CASE WHEN k.split IS NULL THEN websearch_to_tsquery('english', k.search)
                   ELSE websearch_to_tsquery('english', k.search)
                        || websearch_to_tsquery('english', k.split)
              END
         FROM unnest($1::text[], $2::text[], $3::text[]) AS s(name, provider, description)
        CROSS JOIN unnest($4::text[], $5::text[]) AS k(search, split)`,
      [
        PHRASE_SCHOLARSHIPS.map(([name]) => name),
        PHRASE_SCHOLARSHIPS.map(([, provider]) => provider),
        PHRASE_SCHOLARSHIPS.map(([, , description]) => description),
        searches.map(([search]) => search),
        searches.map(([, split]) => split),
      ],
    );
    expect(comparison.differences).toEqual([]);
    expect(comparison.compared).toBeGreaterThan(70);
  });
});
