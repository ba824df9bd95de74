import { z } from 'zod';

/**
 * Builds the schema of a scholarship UUID that outputs its canonical lower-case form. PostgreSQL
 * reads a UUID in any letter case, so the services compare and lock ids only in this form.
 */
export function scholarshipId(error: string) {
  return z.uuid({ error }).transform((id) => id.toLowerCase());
}
