import { createHash } from 'node:crypto';
import { SOURCE_FILES } from './sources/files';
import { readSourceBytes } from './sources/read-source-file';
import { SOURCE_NAMES } from './types';

/**
 * Version of the normalization rules. It is part of the checksum, so raising
 * it after changing a normalizer makes the launcher import the same files again.
 */
export const NORMALIZATION_VERSION = 2;

/**
 * Computes a SHA-256 checksum over the four data files (each file's relative
 * path and bytes, in a fixed order) and `NORMALIZATION_VERSION`. Returns
 * `sha256:` followed by the hex digest.
 */
export async function computeDataChecksum(dataDir: string): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`normalization-version:${NORMALIZATION_VERSION}\n`);
  for (const source of SOURCE_NAMES) {
    const bytes = await readSourceBytes(dataDir, source);
    hash.update(`${SOURCE_FILES[source]}\n${bytes.length}\n`);
    hash.update(bytes);
  }
  return `sha256:${hash.digest('hex')}`;
}
