/**
 * Set algebra over ascending arrays of distinct row numbers, the form of the
 * keyword index's postings.
 */

const EMPTY = new Int32Array(0);

export function intersect(a: Int32Array, b: Int32Array): Int32Array {
  const result = new Int32Array(Math.min(a.length, b.length));
  let size = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const left = a[i] as number;
    const right = b[j] as number;
    if (left === right) {
      result[size] = left;
      size += 1;
      i += 1;
      j += 1;
    } else if (left < right) {
      i += 1;
    } else {
      j += 1;
    }
  }
  return result.subarray(0, size);
}

export function union(a: Int32Array, b: Int32Array): Int32Array {
  const result = new Int32Array(a.length + b.length);
  let size = 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const left = i < a.length ? (a[i] as number) : Number.POSITIVE_INFINITY;
    const right = j < b.length ? (b[j] as number) : Number.POSITIVE_INFINITY;
    const next = Math.min(left, right);
    if (left === next) i += 1;
    if (right === next) j += 1;
    result[size] = next;
    size += 1;
  }
  return result.subarray(0, size);
}

/**
 * Returns the union of several sets of the rows 0 to `size - 1`. It marks
 * each row once and reads the marks in order, so its time grows with the
 * rows of the sets plus `size`, however many sets there are.
 */
export function unionAll(sets: readonly Int32Array[], size: number): Int32Array {
  const marked = new Uint8Array(size);
  let count = 0;
  for (const rows of sets) {
    for (const row of rows) {
      if (marked[row] === 0) {
        marked[row] = 1;
        count += 1;
      }
    }
  }
  const result = new Int32Array(count);
  let at = 0;
  for (let row = 0; at < count; row += 1) {
    if (marked[row] === 1) {
      result[at] = row;
      at += 1;
    }
  }
  return result;
}

/** Returns the rows of `a` that are not in `b`. */
export function difference(a: Int32Array, b: Int32Array): Int32Array {
  const result = new Int32Array(a.length);
  let size = 0;
  let j = 0;
  for (const row of a) {
    while (j < b.length && (b[j] as number) < row) j += 1;
    if (b[j] === row) continue;
    result[size] = row;
    size += 1;
  }
  return result.subarray(0, size);
}

/** Returns the index of `row` in `rows` by binary search, or -1 when it is absent. */
export function indexOfRow(rows: Int32Array, row: number): number {
  let low = 0;
  let high = rows.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = rows[middle] as number;
    if (value === row) return middle;
    if (value < row) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/**
 * A set of rows, or its complement when `negated`: the value of a `!`, which
 * only an enclosing `&` turns back into a finite set.
 */
export interface RowSet {
  rows: Int32Array;
  negated: boolean;
}

export function andSets(a: RowSet, b: RowSet): RowSet {
  if (!a.negated && !b.negated) return { rows: intersect(a.rows, b.rows), negated: false };
  if (a.negated && b.negated) return { rows: union(a.rows, b.rows), negated: true };
  const [kept, dropped] = a.negated ? [b, a] : [a, b];
  return { rows: difference(kept.rows, dropped.rows), negated: false };
}

export function orSets(a: RowSet, b: RowSet): RowSet {
  if (!a.negated && !b.negated) return { rows: union(a.rows, b.rows), negated: false };
  if (a.negated && b.negated) return { rows: intersect(a.rows, b.rows), negated: true };
  const [excluded, included] = a.negated ? [a, b] : [b, a];
  return { rows: difference(excluded.rows, included.rows), negated: true };
}

/** Returns the rows of a set among the rows 0 to `size - 1`. */
export function resolveSet(set: RowSet, size: number): Int32Array {
  if (!set.negated) return set.rows;
  const all = new Int32Array(size);
  for (let row = 0; row < size; row += 1) all[row] = row;
  return difference(all, set.rows);
}

export { EMPTY as NO_ROWS };
