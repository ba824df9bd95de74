import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBlockedDirectory } from './directory-access';

const stranger = { name: 'stranger', uid: 54_321, gid: 54_321 };

describe('findBlockedDirectory', () => {
  let workDir: string;

  beforeEach(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'local-infra-access-'));
  });

  afterEach(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  test('open directories are reachable', async () => {
    await chmod(workDir, 0o755);
    const nested = join(workDir, 'a', 'b');
    await mkdir(nested, { recursive: true, mode: 0o755 });

    await expect(findBlockedDirectory(nested, stranger)).resolves.toBeUndefined();
  });

  test('private ancestor blocks the path', async () => {
    await chmod(workDir, 0o700);
    const nested = join(workDir, 'data');
    await mkdir(nested);

    await expect(findBlockedDirectory(nested, stranger)).resolves.toMatchObject({
      directory: workDir,
      mode: 0o700,
    });
  });
});
