import { z } from 'zod';
import { readSourceFile } from './read-source-file';

const heliosRowSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  weblink: z.string(),
  gender: z.string(),
  race: z.string(),
  /** Minimum GPA; 100 means "no minimum". */
  gpa: z.number(),
  state: z.string(),
  major: z.string(),
  needormerit: z.string(),
  misc: z.string(),
  level: z.string(),
  award: z.string(),
  deadline: z.string(),
});

/** One record of `helios/scholarships.json`, as the file spells its fields. */
export type HeliosRow = z.infer<typeof heliosRowSchema>;

/** Parses the helios JSON array; throws naming the first record that does not fit the schema. */
export function parseHelios(text: string): HeliosRow[] {
  const result = z.array(heliosRowSchema).safeParse(JSON.parse(text));
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw new Error(`Invalid helios record at [${where}]: ${issue?.message ?? 'unknown issue'}.`);
  }
  return result.data;
}

export async function readHelios(dataDir: string): Promise<HeliosRow[]> {
  return parseHelios(await readSourceFile(dataDir, 'helios'));
}
