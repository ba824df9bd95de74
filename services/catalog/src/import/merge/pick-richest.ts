import type { AwardAmount } from '../types';

/** Returns the longest non-null text, the first one on ties. */
export function longestText(values: ReadonlyArray<string | null>): string | null {
  let best: string | null = null;
  for (const value of values) {
    if (value !== null && (best === null || value.length > best.length)) best = value;
  }
  return best;
}

/** Returns the first non-null value. */
export function firstPresent<T>(values: ReadonlyArray<T | null>): T | null {
  return values.find((value): value is T => value !== null) ?? null;
}

/** Returns the latest ISO date, so a merged deadline follows the most recent cycle. */
export function latestDate(values: ReadonlyArray<string | null>): string | null {
  // ISO dates sort as text in calendar order.
  const dates = values.filter((value): value is string => value !== null).sort();
  return dates.at(-1) ?? null;
}

/** Returns the lowest non-null minimum, so merging never makes a scholarship stricter. */
export function lowestNumber(values: ReadonlyArray<number | null>): number | null {
  const numbers = values.filter((value): value is number => value !== null);
  return numbers.length > 0 ? Math.min(...numbers) : null;
}

/** Scores how much an award states: each bound counts most, then the currency, then the text. */
function amountDetail(award: AwardAmount): number {
  const bounds = (award.min !== null ? 2 : 0) + (award.max !== null ? 2 : 0);
  return bounds + (award.currency !== null ? 1 : 0) + (award.text !== null ? 0.5 : 0);
}

/** Returns the award with the most detail: bounds first, then currency, then text. */
export function richestAward(awards: readonly AwardAmount[]): AwardAmount {
  const [first, ...rest] = awards;
  if (!first) return { min: null, max: null, currency: null, text: null };
  return rest.reduce(
    (best, award) => (amountDetail(award) > amountDetail(best) ? award : best),
    first,
  );
}

/**
 * Unites restriction lists in vocabulary order. A source that states no
 * restriction (an empty list) adds nothing, so a stated restriction wins.
 */
export function unionInOrder<T extends string>(
  order: readonly T[],
  lists: ReadonlyArray<readonly T[]>,
): T[] {
  const present = new Set(lists.flat());
  return order.filter((item) => present.has(item));
}

/** Unites free-form lists, keeping the order of first appearance. */
export function unionByAppearance(lists: ReadonlyArray<readonly string[]>): string[] {
  return [...new Set(lists.flat())];
}

/** Joins the distinct non-null texts with line breaks, or returns `null` when there are none. */
export function distinctLines(values: ReadonlyArray<string | null>): string | null {
  const lines = [...new Set(values.filter((value): value is string => value !== null))];
  return lines.length > 0 ? lines.join('\n') : null;
}
