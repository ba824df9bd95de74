import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findDataDir } from './find-data-dir';

describe('findDataDir', () => {
  it('finds the repository data from the source folder', () => {
    expect(findDataDir(__dirname)).toBe(path.resolve(__dirname, '../../../../data/scholarships'));
  });

  it('finds it from the compiled folder', () => {
    const compiled = path.resolve(__dirname, '../../dist/import');
    expect(findDataDir(compiled)).toBe(path.resolve(__dirname, '../../../../data/scholarships'));
  });

  it('names the start folder when nothing is found', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'no-data-'));
    expect(() => findDataDir(empty)).toThrow(`No data/scholarships directory found in ${empty}`);
  });
});
