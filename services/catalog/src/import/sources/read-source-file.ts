import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SourceName } from '../types';
import { SOURCE_FILES } from './files';

/**
 * Reads a data set's file, naming the file and the SCHOLARSHIP_DATA_DIR setting in the error when
 * it fails.
 */
export async function readSourceBytes(dataDir: string, source: SourceName): Promise<Buffer> {
  const file = path.join(dataDir, SOURCE_FILES[source]);
  try {
    return await readFile(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Cannot read the ${source} data file ${file}: ${reason}. Check SCHOLARSHIP_DATA_DIR.`,
    );
  }
}

/** Reads a data set's file as UTF-8 text. */
export async function readSourceFile(dataDir: string, source: SourceName): Promise<string> {
  return (await readSourceBytes(dataDir, source)).toString('utf8');
}
