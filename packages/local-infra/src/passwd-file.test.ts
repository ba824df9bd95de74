import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findSystemAccount, parsePasswd } from './passwd-file';

describe('parsePasswd', () => {
  test('well-formed lines are parsed', () => {
    const text =
      'root:x:0:0:root:/root:/bin/bash\npostgres:x:101:104::/var/lib/postgresql:/bin/bash\n';

    expect(parsePasswd(text)).toEqual([
      { name: 'root', uid: 0, gid: 0 },
      { name: 'postgres', uid: 101, gid: 104 },
    ]);
  });

  test('comments and malformed lines are skipped', () => {
    const text = [
      '# comment',
      '',
      'short:x',
      'bad:x:abc:1::/:/bin/sh',
      'empty:x::1::/:/bin/sh',
    ].join('\n');

    expect(parsePasswd(text)).toEqual([]);
  });
});

describe('findSystemAccount', () => {
  test('account is found by name', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'local-infra-passwd-'));
    const passwdPath = join(directory, 'passwd');
    await writeFile(passwdPath, 'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n');
    try {
      await expect(findSystemAccount('nobody', passwdPath)).resolves.toEqual({
        name: 'nobody',
        uid: 65534,
        gid: 65534,
      });
      await expect(findSystemAccount('postgres', passwdPath)).resolves.toBeUndefined();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
