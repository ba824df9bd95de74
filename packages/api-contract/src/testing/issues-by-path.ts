/** The part of a zod `safeParse` result that the tests read. */
export interface ParseResult {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}

/** Returns the messages of a failed parse by dotted path, or an empty object when it passed. */
export function issuesByPath(result: ParseResult): Record<string, string> {
  const byPath: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) byPath[issue.path.join('.')] = issue.message;
  return byPath;
}
