import { repairMojibake } from './mojibake';

/**
 * Derives the stable `source_key` of a scholarship from its name, so the same
 * award from two rows or two data sets gets the same key. Case, accents,
 * punctuation, whitespace and repairable mojibake do not change the key, and
 * `&` counts as `and`. Returns `name:` plus the remaining words joined by `-`,
 * for example `name:harry-s-truman-scholarship`.
 */
export function sourceKeyFor(name: string): string {
  const words = repairMojibake(name)
    .normalize('NFKD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’‘`´]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
  if (words.length === 0) {
    throw new Error(
      `Cannot derive a source key from the name "${name}": it has no letters or digits.`,
    );
  }
  return `name:${words.join('-')}`;
}
