import { existsSync } from 'node:fs';
import path from 'node:path';

const DATA_SUBDIR = path.join('data', 'scholarships');

/**
 * Walks up from `startDir` to the first directory that contains
 * `data/scholarships` and returns that data directory. This finds the
 * repository's data both from `src/import` and from the compiled `dist/import`.
 */
export function findDataDir(startDir: string): string {
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, DATA_SUBDIR);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(
        `No ${DATA_SUBDIR} directory found in ${startDir} or above it. Set SCHOLARSHIP_DATA_DIR.`,
      );
    }
    dir = parent;
  }
}
