import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Source files that a bundle of the client contains: everything but tests and integration helpers. */
function shippedSources(): string[] {
  return readdirSync(__dirname)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .map((name) => path.join(__dirname, name));
}

/** Finds every import or export statement that names `module`, as written. */
function statementsFrom(source: string, module: string): string[] {
  const pattern = new RegExp(`(import|export)[^;]*?from '${module}';`, 'gs');
  return source.match(pattern) ?? [];
}

describe('client bundle', () => {
  it('imports the contract package for types only', () => {
    const valueImports = shippedSources().flatMap((file) =>
      statementsFrom(readFileSync(file, 'utf8'), '@scholarships/api-contract')
        .filter((statement) => !/^(import|export) type /.test(statement))
        .map((statement) => `${path.basename(file)}: ${statement}`),
    );

    expect(valueImports).toEqual([]);
  });

  it('never imports zod', () => {
    const zodImports = shippedSources().filter((file) =>
      /from 'zod'/.test(readFileSync(file, 'utf8')),
    );

    expect(zodImports).toEqual([]);
  });
});
