/** Joins words for a reason: `a`, `a or b`, `a, b or c`. */
export function joinWords(words: readonly string[], conjunction: 'and' | 'or' = 'or'): string {
  if (words.length <= 1) return words[0] ?? '';
  const head = words.slice(0, -1).join(', ');
  return `${head} ${conjunction} ${words.at(-1)}`;
}

/** Turns a vocabulary value such as `computer_science` into `computer science`. */
export function humanize(value: string): string {
  return value.replaceAll('_', ' ');
}

/** Looks a value up in a label table, falling back to the humanized value for values outside it. */
export function labelOf(labels: Readonly<Record<string, string>>, value: string): string {
  return Object.hasOwn(labels, value) ? (labels[value] ?? humanize(value)) : humanize(value);
}

/** Formats a GPA with at least one decimal, as GPAs are usually written: 3 becomes `3.0`. */
export function formatGpa(gpa: number): string {
  return Number.isInteger(gpa) ? gpa.toFixed(1) : String(gpa);
}
