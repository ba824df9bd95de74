/**
 * Words joined by slashes or hyphens, as in `art/design` or `first-generation`. PostgreSQL's
 * parser reads `art/design` as one file-path token, and a hyphenated word as the compound
 * followed by its parts in a phrase. So without help, neither finds the text that writes the
 * words apart ("art and design", "first generation").
 */
const JOINED_WORDS = /[\p{L}\p{N}]+(?:[/-][\p{L}\p{N}]+)+/gu;

/**
 * Returns the keyword with the words that a slash or hyphen joins written apart, or null when it
 * has none. The statements search the union of both forms, so a text that writes the joined
 * form still matches too. A part that reads `or` is left out: written apart, web search syntax
 * would take it for its OR operator (`Portland-OR`), and as a word it is a stop word anyway.
 */
export function splitJoinedWords(keyword: string): string | null {
  const split = keyword.replace(JOINED_WORDS, (joined) =>
    joined
      .split(/[/-]/)
      .filter((part) => part.toLowerCase() !== 'or')
      .join(' '),
  );
  return split === keyword ? null : split;
}
