import { readFile } from 'node:fs/promises';

/** Account entry from /etc/passwd. */
export interface SystemAccount {
  name: string;
  uid: number;
  gid: number;
}

/** Parses passwd(5) text, skipping blank, comment and malformed lines. */
export function parsePasswd(text: string): SystemAccount[] {
  const accounts: SystemAccount[] = [];
  for (const line of text.split('\n')) {
    const [name, , uidField, gidField] = line.split(':');
    if (!name || name.startsWith('#') || uidField === undefined || gidField === undefined) {
      continue;
    }
    const uid = Number(uidField);
    const gid = Number(gidField);
    if (Number.isInteger(uid) && Number.isInteger(gid) && uidField !== '' && gidField !== '') {
      accounts.push({ name, uid, gid });
    }
  }
  return accounts;
}

/**
 * Looks up an account by name in /etc/passwd.
 * NOTE: accounts from other NSS sources (LDAP, systemd-homed) are not seen.
 */
export async function findSystemAccount(
  name: string,
  passwdPath = '/etc/passwd',
): Promise<SystemAccount | undefined> {
  const text = await readFile(passwdPath, 'utf8');
  return parsePasswd(text).find((account) => account.name === name);
}
