import { union, unionAll } from './row-sets';

/** Returns every `step`th row from `offset` up to `size`, ascending. */
function rowsOf(size: number, step: number, offset: number): Int32Array {
  const rows: number[] = [];
  for (let row = offset; row < size; row += step) rows.push(row);
  return Int32Array.from(rows);
}

describe('unionAll', () => {
  it('equals unions taken two at a time', () => {
    const size = 1_000;
    const sets = [
      rowsOf(size, 7, 3),
      rowsOf(size, 11, 0),
      rowsOf(size, 3, 2),
      rowsOf(size, 999, 998),
    ];
    const pairwise = sets.reduce((left, right) => union(left, right));
    expect([...unionAll(sets, size)]).toEqual([...pairwise]);
  });

  it('returns no rows for empty sets', () => {
    expect([...unionAll([new Int32Array(0), new Int32Array(0)], 10)]).toEqual([]);
  });
});
