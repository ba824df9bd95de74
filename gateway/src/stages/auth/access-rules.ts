/** What a request must prove: nothing, a verified user, or a user with the admin role. */
export type Access = 'public' | 'user' | 'admin';

export interface AccessRule {
  /** Path prefix matched on whole segments. */
  prefix: string;
  access: Access;
}

/**
 * Access by path, first match wins; every other path is public (search, scholarship reads and
 * eligibility checks). The whole admin area needs the admin role, reads included, because admin
 * reads may show records that are not published.
 */
export const ACCESS_RULES: readonly AccessRule[] = [
  { prefix: '/api/v1/admin', access: 'admin' },
  { prefix: '/api/v1/me', access: 'user' },
];

/**
 * Returns the access `path` needs. The path is normalized first (percent-decoding, repeated
 * slashes, dot segments), so `/api/v1//me/profile` or `/api/v1/x/../me/profile` cannot pass as
 * public while an upstream that normalizes the path serves it as `/api/v1/me/profile`.
 */
export function requiredAccess(path: string, rules: readonly AccessRule[] = ACCESS_RULES): Access {
  const normalized = normalizePath(path);
  for (const rule of rules) {
    if (normalized === rule.prefix || normalized.startsWith(`${rule.prefix}/`)) return rule.access;
  }
  return 'public';
}

/** Characters after which a path may mean something other than it spells. */
const NEEDS_NORMALIZING = /%|\/\/|\/\.|\\/;

/** Decodes, collapses `//` and resolves `.` and `..` segments (RFC 3986 §5.2.4). */
export function normalizePath(path: string): string {
  if (!NEEDS_NORMALIZING.test(path)) return path;
  const decoded = safeDecode(path);
  const segments: string[] = [];
  for (const segment of decoded.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join('/')}`;
}

function safeDecode(path: string): string {
  if (!path.includes('%')) return path;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
