import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findDataDir } from './find-data-dir';
import { mergeRecords } from './merge/merge-records';
import { readAllSources } from './read-sources';
import { SOURCE_FILES } from './sources/files';
import type { ImportProgress } from './types';

describe('readAllSources on the real files', () => {
  const progress: ImportProgress[] = [];
  const resultPromise = readAllSources(findDataDir(__dirname), (event) => progress.push(event));

  it('reads every row', async () => {
    const result = await resultPromise;
    expect(result.rowsRead).toEqual({
      helios: 359,
      bigfuture_arizona: 33,
      scholarship_for_everyone: 5167,
      islt_7310: 2289,
    });
  });

  it('skips the IEFA placeholder rows', async () => {
    const result = await resultPromise;
    expect(result.skipped).toHaveLength(2985);
    expect(result.records).toHaveLength(359 + 33 + (5167 - 2985) + 2289);
  });

  it('yields over 3,000 distinct scholarships', async () => {
    const { records } = mergeRecords((await resultPromise).records);
    expect(records.length).toBeGreaterThanOrEqual(3000);
    expect(new Set(records.map((record) => record.sourceKey)).size).toBe(records.length);
  });

  it('decodes IEFA character references', async () => {
    const { records } = await resultPromise;
    const texts = records.flatMap((record) => [record.name, record.provider, record.description]);
    expect(texts.filter((text) => text?.includes('&quot;'))).toEqual([]);
    const law = records.find((record) => record.name.startsWith('CUHK School Of Law Master'));
    expect(law?.description).toContain('"CUHK School of Law Master of Laws Scholarship Scheme."');
  });

  it('leaves no control characters in text', async () => {
    const { records } = await resultPromise;
    const texts = records.flatMap((record) => [
      record.name,
      record.provider,
      record.description,
      record.eligibilityNotes,
      record.award.text,
    ]);
    expect(texts.filter((text) => text !== null && /(?![\n\t])\p{Cc}/u.test(text))).toEqual([]);
  });

  it('reports progress per data set', async () => {
    await resultPromise;
    const finished = progress
      .filter((event) => event.done === event.total)
      .map((event) => event.source);
    expect(finished).toEqual([
      'helios',
      'bigfuture_arizona',
      'scholarship_for_everyone',
      'islt_7310',
    ]);
    expect(progress.every((event) => event.phase === 'read')).toBe(true);
  });
});

describe('readAllSources on damaged files', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'damaged-data-'));
    const source = findDataDir(__dirname);
    for (const relativePath of Object.values(SOURCE_FILES)) {
      await mkdir(path.dirname(path.join(dataDir, relativePath)), { recursive: true });
      await copyFile(path.join(source, relativePath), path.join(dataDir, relativePath));
    }
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('names the file of a truncated data set', async () => {
    const file = path.join(dataDir, SOURCE_FILES.helios);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.slice(0, text.length / 2));
    await expect(readAllSources(dataDir)).rejects.toThrow(
      `data set helios could not be read from ${file}`,
    );
  });

  it('rejects an empty data set', async () => {
    const file = path.join(dataDir, SOURCE_FILES.helios);
    await writeFile(file, '[]');
    await expect(readAllSources(dataDir)).rejects.toThrow(`data set helios has no rows in ${file}`);
  });
});
