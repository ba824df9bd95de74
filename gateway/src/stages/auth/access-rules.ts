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

/** Rank of each access by what it requires, for choosing the stricter of two readings. */
const STRICTNESS: Readonly<Record<Access, number>> = { public: 0, user: 1, admin: 2 };

/**
 * Returns the access `path` requires: the stricter of its reading as sent and once normalized
 * (percent-decoding, repeated slashes, dot segments). Normalizing keeps `/api/v1//me/profile` from
 * passing as public while an upstream that collapses slashes serves `/api/v1/me/profile`. The
 * reading as sent is the router's and the services', which neither decode `%2F` nor resolve dot
 * segments: they route `/api/v1/me/saved/x%2F..%2F..%2F..%2Fsearch` to a user route, although its
 * normalized form is public.
 */
export function requiredAccess(path: string, rules: readonly AccessRule[] = ACCESS_RULES): Access {
  const asSent = accessByPrefix(path, rules);
  const normalized = accessByPrefix(normalizePath(path), rules);
  return STRICTNESS[normalized] > STRICTNESS[asSent] ? normalized : asSent;
}

function accessByPrefix(path: string, rules: readonly AccessRule[]): Access {
  for (const rule of rules) {
    if (path === rule.prefix || path.startsWith(`${rule.prefix}/`)) return rule.access;
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
