import type { Knex } from '@scholarships/db';
import { DEADLINE_DAY, MAX_DOLLARS, MIN_DOLLARS } from './sql-fragments';

/**
 * Rows of one lexeme, ascending, with the lexeme's positions in each row's
 * document: those of `rows[i]` are `positions[offsets[i]]` up to
 * `positions[offsets[i + 1]]`, each as PostgreSQL stores it (position in the
 * low 14 bits, weight in the top 2).
 */
export interface Posting {
  readonly rows: Int32Array;
  readonly offsets: Int32Array;
  readonly positions: Uint16Array;
}

/**
 * The searchable part of every scholarship, held in memory so that keyword
 * pages and facets need no visit to each match's row. A row is the position
 * of a scholarship in ascending id order, so comparing rows compares ids.
 */
export interface KeywordIndex {
  /** Scholarship ids in ascending order, lower case as PostgreSQL prints a UUID. */
  readonly ids: readonly string[];
  /** Per row, the index of its combination in the facet snapshot. */
  readonly combinationOf: Int32Array;
  /** Days since 1970-01-01 of each deadline (or ±Infinity); NaN for undated scholarships. */
  readonly deadlineDays: Float64Array;
  /** Smallest and largest amount in US dollars; NaN when unknown or in another currency. */
  readonly minDollars: Float64Array;
  readonly maxDollars: Float64Array;
  /** Lexemes of `search_document`, with positions. */
  readonly document: ReadonlyMap<string, Posting>;
  /** Lexemes of `name_document`, with positions. */
  readonly name: ReadonlyMap<string, Posting>;
}

interface DocumentRow {
  id: string;
  combination: string;
  deadline_day: number | null;
  min_dollars: number | null;
  max_dollars: number | null;
  document: string;
  name_document: string;
}

/**
 * Rows read per statement. It bounds the memory of one result and how long
 * reading one result keeps other requests of the process waiting.
 */
const BATCH_ROWS = 2_000;

const DOCUMENT_ROWS_TEXT = `
SELECT s.id::text AS id, s.filter_combination::text AS combination,
  ${DEADLINE_DAY} AS deadline_day,
  ${MIN_DOLLARS} AS min_dollars,
  ${MAX_DOLLARS} AS max_dollars,
  s.search_document::text AS document,
  s.name_document::text AS name_document
FROM scholarships AS s
WHERE s.id > :after::uuid
ORDER BY s.id
LIMIT :batch::integer`;

const WEIGHT_BITS: Record<string, number> = { A: 3 << 14, B: 2 << 14, C: 1 << 14 };

/**
 * Collects postings while rows are read, in typed arrays that double when
 * full, then packs them to their size. A plain array of numbers takes 8
 * bytes per entry in Node.js 20, against 2 or 4 in these arrays.
 */
class PostingBuilder {
  private rows = new Int32Array(4);
  /** Offsets into `positions`, one more than the rows added so far. */
  private offsets = new Int32Array(5);
  private positions = new Uint16Array(8);
  private size = 0;

  add(row: number, positions: readonly number[]): void {
    if (this.size === this.rows.length) {
      this.rows = grown(this.rows, this.size * 2);
      this.offsets = grown(this.offsets, this.size * 2 + 1);
    }
    const start = this.offsets[this.size] as number;
    const end = start + positions.length;
    if (end > this.positions.length) {
      this.positions = grown(this.positions, Math.max(end, this.positions.length * 2));
    }
    this.positions.set(positions, start);
    this.rows[this.size] = row;
    this.size += 1;
    this.offsets[this.size] = end;
  }

  build(): Posting {
    const end = this.offsets[this.size] as number;
    return {
      rows: this.rows.slice(0, this.size),
      offsets: this.offsets.slice(0, this.size + 1),
      positions: this.positions.slice(0, end),
    };
  }
}

/** Returns a copy of `array` with room for `length` entries. */
function grown<Typed extends Int32Array | Uint16Array>(array: Typed, length: number): Typed {
  const larger = new (array.constructor as new (length: number) => Typed)(length);
  larger.set(array);
  return larger;
}

/**
 * Calls `visit` with each lexeme of a `tsvector` as PostgreSQL prints it,
 * such as `'nurs':3A,17 'o''brien':5`, with its stored positions. Inside the
 * quotes, `'` and `\` are doubled. Weight D is printed without a letter.
 */
export function readTsvector(
  text: string,
  visit: (lexeme: string, positions: number[]) => void,
): void {
  let at = 0;
  while (at < text.length) {
    if (text[at] !== "'") throw new Error(`unexpected tsvector text at ${at}: ${text.slice(at)}`);
    let lexeme = '';
    at += 1;
    for (;;) {
      const char = text[at];
      if (char === undefined) throw new Error('unterminated lexeme in tsvector text');
      if ((char === "'" || char === '\\') && text[at + 1] === char) {
        lexeme += char;
        at += 2;
      } else if (char === "'") {
        at += 1;
        break;
      } else {
        lexeme += char;
        at += 1;
      }
    }
    const positions: number[] = [];
    if (text[at] === ':') {
      at += 1;
      for (;;) {
        let value = 0;
        while (text.charCodeAt(at) >= 48 && text.charCodeAt(at) <= 57) {
          value = value * 10 + text.charCodeAt(at) - 48;
          at += 1;
        }
        const weight = WEIGHT_BITS[text[at] as string];
        if (weight !== undefined) at += 1;
        positions.push(value | (weight ?? 0));
        if (text[at] !== ',') break;
        at += 1;
      }
    }
    visit(lexeme, positions);
    if (text[at] === ' ') at += 1;
  }
}

/** Adds each lexeme of a printed `tsvector` to its posting, at `row`. */
function addPostings(postings: Map<string, PostingBuilder>, text: string, row: number): void {
  readTsvector(text, (lexeme, positions) => {
    let builder = postings.get(lexeme);
    if (builder === undefined) {
      builder = new PostingBuilder();
      postings.set(lexeme, builder);
    }
    builder.add(row, positions);
  });
}

/**
 * Reads the keyword index inside the caller's transaction, so that it
 * describes the same state as the facet snapshot read beside it.
 * `combinationIndex` maps a combination hash to its index in that snapshot.
 */
export async function loadKeywordIndex(
  trx: Knex.Transaction,
  combinationIndex: ReadonlyMap<string, number>,
): Promise<KeywordIndex> {
  const ids: string[] = [];
  const combinations: number[] = [];
  const deadlines: number[] = [];
  const minimums: number[] = [];
  const maximums: number[] = [];
  const document = new Map<string, PostingBuilder>();
  const name = new Map<string, PostingBuilder>();
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await trx.raw<{ rows: DocumentRow[] }>(DOCUMENT_ROWS_TEXT, {
      after,
      batch: BATCH_ROWS,
    });
    for (const row of batch.rows) {
      const position = ids.length;
      const combination = combinationIndex.get(row.combination);
      if (combination === undefined)
        throw new Error(`scholarship ${row.id} has an unknown combination ${row.combination}`);
      ids.push(row.id);
      combinations.push(combination);
      deadlines.push(row.deadline_day ?? Number.NaN);
      minimums.push(row.min_dollars ?? Number.NaN);
      maximums.push(row.max_dollars ?? Number.NaN);
      addPostings(document, row.document, position);
      addPostings(name, row.name_document, position);
    }
    const last = batch.rows.at(-1);
    if (last === undefined || batch.rows.length < BATCH_ROWS) break;
    after = last.id;
  }
  return {
    ids,
    combinationOf: Int32Array.from(combinations),
    deadlineDays: Float64Array.from(deadlines),
    minDollars: Float64Array.from(minimums),
    maxDollars: Float64Array.from(maximums),
    document: await packInTurns(document, (builder) => builder.build()),
    name: await packInTurns(name, (builder) => builder.build()),
  };
}

/** Lexemes packed between two turns of the event loop, so that requests wait little meanwhile. */
const LEXEMES_PER_TURN = 500;

/** Packs each entry of `entries`, letting other work of the process run between chunks. */
async function packInTurns<Built, Packed>(
  entries: ReadonlyMap<string, Built>,
  pack: (built: Built) => Packed,
): Promise<Map<string, Packed>> {
  const packed = new Map<string, Packed>();
  for (const [lexeme, built] of entries) {
    packed.set(lexeme, pack(built));
    if (packed.size % LEXEMES_PER_TURN === 0) await new Promise(setImmediate);
  }
  return packed;
}
