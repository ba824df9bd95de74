/**
 * Returns the number that node-postgres reads for a float4 `value`.
 * PostgreSQL prints a float4 as the shortest decimal that reads back as the
 * same float4, choosing the one nearest the exact value among those of that
 * length, and node-postgres parses that text as a double. So the result is
 * the double nearest that decimal, such as 0.44444445 for the float4 nearest 4/9.
 */
export function float4AsRead(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  for (let digits = 1; digits <= 9; digits += 1) {
    const nearest = Number(value.toPrecision(digits));
    const exponent = Math.floor(Math.log10(Math.abs(nearest)));
    const step = 10 ** (exponent - digits + 1);
    // Beside a power of two the float4's interval is not centred on it, so
    // a neighbour of the nearest decimal of this length may read back when the nearest does not.
    const candidates = [
      nearest,
      Number((nearest - step).toPrecision(digits)),
      Number((nearest + step).toPrecision(digits)),
    ];
    let best: number | undefined;
    for (const candidate of candidates) {
      if (Math.fround(candidate) !== value) continue;
      if (best === undefined || closer(candidate, best, value, step)) best = candidate;
    }
    if (best !== undefined) return best;
  }
  return value;
}

/**
 * Returns whether `candidate` is nearer `value` than `best`. Two decimals of
 * the same length at the same distance tie, and the one whose last digit is even wins.
 */
function closer(candidate: number, best: number, value: number, step: number): boolean {
  const difference = Math.abs(candidate - value) - Math.abs(best - value);
  if (Math.abs(difference) > step * 1e-6) return difference < 0;
  return Math.round(candidate / step) % 2 === 0;
}
