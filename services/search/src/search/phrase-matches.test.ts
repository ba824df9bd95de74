import type { Posting } from './keyword-index';
import { type KeywordNode, parseKeywordQuery } from './keyword-query';
import { phraseRows } from './phrase-matches';

/** Postings from rows of `lexeme: positions` lists, one object per row. */
function postingsOf(rows: readonly Record<string, readonly number[]>[]): Map<string, Posting> {
  const built = new Map<string, { rows: number[]; offsets: number[]; positions: number[] }>();
  rows.forEach((words, row) => {
    for (const [lexeme, positions] of Object.entries(words)) {
      const posting = built.get(lexeme) ?? { rows: [], offsets: [0], positions: [] };
      posting.rows.push(row);
      posting.positions.push(...positions);
      posting.offsets.push(posting.positions.length);
      built.set(lexeme, posting);
    }
  });
  return new Map(
    [...built].map(([lexeme, posting]) => [
      lexeme,
      {
        rows: Int32Array.from(posting.rows),
        offsets: Int32Array.from(posting.offsets),
        positions: Uint16Array.from(posting.positions),
      },
    ]),
  );
}

function phraseOf(text: string): Extract<KeywordNode, { kind: 'phrase' }> {
  const node = parseKeywordQuery(text);
  if (node?.kind !== 'phrase') throw new Error(`${text} is no phrase`);
  return node;
}

/** Weight bits of the stored positions, which the phrase test ignores. */
const A = 3 << 14;
const C = 1 << 14;

describe('phraseRows', () => {
  const postings = postingsOf([
    { new: [1, 2], york: [3] },
    { new: [2, 5], york: [1, 6] },
    { new: [1 | A, 7 | C], york: [2 | A, 8 | C] },
    { school: [1], nurs: [3] },
    { school: [1], nurs: [2] },
    { 'first-gener': [4], first: [5], generat: [6], student: [7] },
    { nurs: [16_382], school: [16_383] },
    { nurs: [16_383], school: [16_383] },
    { york: [3] },
  ]);

  it.each([
    ["'new' <-> 'york'", [0, 1, 2]],
    ["'new' <-> 'new' <-> 'york'", [0]],
    ["'york' <-> 'new'", [1]],
    ["'school' <2> 'nurs'", [3]],
    ["'nurs' <-> 'school'", [6]],
    ["( 'first-gener' <-> 'first' <-> 'generat' ) <-> 'student'", [5]],
    ["'first-gener' <-> ( 'first' <-> 'generat' <-> 'student' )", [5]],
    ["'new' <-> 'absent'", []],
  ])('matches %s', (text, rows) => {
    expect([...phraseRows(postings, phraseOf(text as string))]).toEqual(rows);
  });

  it('looks each word up once, not once per candidate row', () => {
    const rows = Array.from({ length: 2_000 }, () => ({ scholarship: [1, 9], program: [2, 12] }));
    const postings = postingsOf(rows);
    let lookups = 0;
    const counted = new Map(postings);
    counted.get = (lexeme: string) => {
      lookups += 1;
      return postings.get(lexeme);
    };
    expect(phraseRows(counted, phraseOf("'scholarship' <-> 'program'"))).toHaveLength(2_000);
    expect(lookups).toBeLessThanOrEqual(4);
  });
});
