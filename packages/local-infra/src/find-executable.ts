import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** Returns the path of the first executable file called `name` in the PATH directories. */
export function findExecutable(
  name: string,
  searchPath = process.env.PATH ?? '',
): string | undefined {
  for (const directory of searchPath.split(delimiter)) {
    if (directory === '' || !isAbsolute(directory)) {
      continue;
    }
    const candidate = join(directory, name);
    if (isExecutableFile(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

export function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
