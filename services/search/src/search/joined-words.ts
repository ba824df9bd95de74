/**
 * A slash or hyphen between two letters or digits, as in `art/design` or `first-generation`.
 * PostgreSQL's parser reads `art/design` as one file-path token, and a hyphenated word as the
 * compound followed by its parts in a phrase. So without help, neither finds the text that
 * writes the words apart ("art and design", "first generation").
 */
const JOINING_MARK = /(?<=[\p{L}\p{N}])[/-](?=[\p{L}\p{N}])/gu;

/**
 * Returns the keyword with the words that a slash or hyphen joins written apart, or null when it
 * has none. The statements search the union of both forms, so a text that writes the joined
 * form still matches too.
 */
export function splitJoinedWords(keyword: string): string | null {
  const split = keyword.replace(JOINING_MARK, ' ');
  return split === keyword ? null : split;
}
