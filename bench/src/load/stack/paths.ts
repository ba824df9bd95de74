import path from 'node:path';

/** Root of the repository, from `bench/dist/load/stack` or `bench/src/load/stack`. */
export const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** A compiled entry point of a workspace, e.g. `services/search/dist/migrate.js`. */
export function distEntry(workspace: string, ...file: string[]): string {
  return path.join(REPOSITORY_ROOT, workspace, 'dist', ...file);
}
