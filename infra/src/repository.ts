import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** Absolute path of the repository root, the parent folder of the infra workspace. */
export const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');

/** Resolves a path relative to the repository root. A leading `./` is allowed. */
export function repositoryPath(relativePath: string): string {
  return path.resolve(REPOSITORY_ROOT, relativePath);
}

export function readRepositoryFile(relativePath: string): string {
  return readFileSync(repositoryPath(relativePath), 'utf8');
}

export function isRepositoryFile(relativePath: string): boolean {
  const absolutePath = repositoryPath(relativePath);
  return existsSync(absolutePath) && statSync(absolutePath).isFile();
}

export function isRepositoryDirectory(relativePath: string): boolean {
  const absolutePath = repositoryPath(relativePath);
  return existsSync(absolutePath) && statSync(absolutePath).isDirectory();
}

/**
 * Parses a YAML file of the repository. Aliases are resolved, and a duplicate
 * key or a syntax error throws, as it would in Compose, Prometheus and Grafana.
 */
export function readYamlFile(relativePath: string): unknown {
  return parse(readRepositoryFile(relativePath), { prettyErrors: true });
}
