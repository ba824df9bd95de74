/**
 * A file name the assets folder may serve: letters, digits, dots, dashes and underscores, not
 * starting with a dot. It cannot name a parent folder, a subfolder or a hidden file, so a request
 * can never leave the folder.
 */
const SAFE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,199}$/;

/**
 * A content-hashed name as the web build writes it (`[name]-[hash]`, eight or more upper-case
 * letters and digits) followed by its extensions, e.g. `main-5XKJ3QZ2.js` or `main-5XKJ3QZ2.js.map`.
 */
const HASHED_NAME = /-[A-Z0-9]{8,}(\.[a-z0-9]+)+$/;

export function isSafeAssetName(name: string): boolean {
  return SAFE_NAME.test(name);
}

/** Tells whether the name carries a content hash, so its content never changes under that name. */
export function isHashedAssetName(name: string): boolean {
  return HASHED_NAME.test(name);
}
