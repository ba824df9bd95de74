import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { computeDataChecksum } from './checksum';
import { findDataDir } from './find-data-dir';
import { SOURCE_FILES } from './sources/files';

describe('computeDataChecksum', () => {
  const dataDir = findDataDir(__dirname);

  it('is a stable SHA-256 digest', async () => {
    const checksum = await computeDataChecksum(dataDir);
    expect(checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
    await expect(computeDataChecksum(dataDir)).resolves.toBe(checksum);
  });

  it('changes when a file changes', async () => {
    const copy = await mkdtemp(path.join(tmpdir(), 'checksum-'));
    try {
      for (const relativePath of Object.values(SOURCE_FILES)) {
        await mkdir(path.dirname(path.join(copy, relativePath)), { recursive: true });
        await copyFile(path.join(dataDir, relativePath), path.join(copy, relativePath));
      }
      await expect(computeDataChecksum(copy)).resolves.toBe(await computeDataChecksum(dataDir));
      await writeFile(path.join(copy, SOURCE_FILES.bigfuture_arizona), '{"headers":[],"data":[]}');
      await expect(computeDataChecksum(copy)).resolves.not.toBe(await computeDataChecksum(dataDir));
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });

  it('names a missing file', async () => {
    await expect(computeDataChecksum('/nonexistent')).rejects.toThrow(
      'Cannot read the helios data file /nonexistent/helios/scholarships.json',
    );
  });
});
