import { isNoValue } from './sentinel';

/**
 * Splits a joined list such as `Asian,Hispanic` into trimmed items, dropping
 * empty items and duplicates. A no-value sentinel (`N/A`) gives an empty list.
 */
export function splitList(value: string | null | undefined, separator: RegExp = /,/): string[] {
  if (isNoValue(value) || value === null || value === undefined) return [];
  const items = value
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => !isNoValue(item));
  return [...new Set(items)];
}

/** Returns the items of a controlled vocabulary that occur in `values`, in vocabulary order. */
export function inVocabularyOrder<T extends string>(
  vocabulary: readonly T[],
  values: Iterable<T>,
): T[] {
  const present = new Set(values);
  return vocabulary.filter((item) => present.has(item));
}
