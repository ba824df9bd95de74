import { z } from 'zod';
import { singleText } from './single-text';

/**
 * Opaque cursor of the saved list: the id of the last interaction row of a
 * page, base64url-encoded JSON. Ids grow with each insert, so "after the
 * cursor" means "saved earlier".
 */
export function encodeSavedCursor(interactionId: number): string {
  return Buffer.from(JSON.stringify({ before: interactionId })).toString('base64url');
}

function decodeSavedCursor(cursor: string): number | undefined {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const before = (decoded as { before?: unknown } | null)?.before;
    return Number.isSafeInteger(before) && (before as number) > 0 ? (before as number) : undefined;
  } catch {
    return undefined;
  }
}

/** The `cursor` query parameter, given once, decoded to the interaction id it names. */
export const savedCursor = singleText()
  .max(200, { error: 'is not a cursor returned by this endpoint' })
  .transform((cursor, context) => {
    const before = decodeSavedCursor(cursor);
    if (before === undefined) {
      context.addIssue({ code: 'custom', message: 'is not a cursor returned by this endpoint' });
      return z.NEVER;
    }
    return before;
  });
