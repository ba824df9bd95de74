import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The web app bundles this package for the browser (through api-contract), where esbuild cannot
 * resolve Node.js built-ins: one such import anywhere in the package fails `npm run build`.
 */
describe('contracts in the browser bundle', () => {
  const sources = readdirSync(__dirname).filter(
    (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'),
  );

  it.each(sources)('%s imports no Node.js built-in module', (name) => {
    const text = readFileSync(path.join(__dirname, name), 'utf8');
    expect(text).not.toMatch(/from\s+'node:|require\('node:/);
  });
});
