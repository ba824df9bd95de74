/**
 * Cache-Control values of the catalog's responses (RFC 9111 §5.2.2).
 *
 * Public reads stay fresh for 30 seconds and may be served stale for 60
 * more while a cache revalidates (RFC 5861 §3). Browsers cannot receive the
 * invalidation events of admin writes, so the lifetime stays short. The
 * gateway applies its own policy and drops entries on those events.
 */
export const PUBLIC_READ_CACHE_CONTROL = 'public, max-age=30, stale-while-revalidate=60';

/** Responses to writes, which describe one moment and must not be reused. */
export const NO_STORE = 'no-store';
