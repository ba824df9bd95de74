import { hashKeyText } from '../keys/key-hash';
import { rfcKeyText, scholarshipEntryHash } from '../plan/key-text';
import type { CacheRequest } from '../request/cache-request';
import { type CacheRuntime, publishToReplicas } from '../runtime';
import { nextEventLoopTurn } from '../serve/event-loop-turn';
import { invalidateAcrossReplicas } from './invalidate';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);
const ADMIN_SCHOLARSHIP = /^\/api\/v1\/admin\/scholarships\/([^/]+)\/?$/;
const ADMIN_SCHOLARSHIPS = /^\/api\/v1\/admin\/scholarships\/?$/;
const PUBLIC_SCHOLARSHIP = /^\/api\/v1\/scholarships\/([^/]+)\/?$/;
const PROFILE = /^\/api\/v1\/me\/profile\/?$/;

/** The parts of a write's response that decide its invalidations. */
export interface WrittenResponse {
  /**
   * Status of the service's response. Undefined when no response arrived although the request
   * may have reached the service, e.g. after a timeout or a connection reset.
   */
  status: number | undefined;
  /** The Location field, which names a created scholarship. */
  location?: string | undefined;
  /** The ETag field, which after an update names the stored version. */
  etag?: string | undefined;
}

/**
 * Effect of a write on its target, as far as its response shows.
 * - `written`: a 2xx status, so the write took effect.
 * - `uncertain`: a 5xx status, or no response although the request reached the service (a
 *   timeout or a reset connection). The service may have committed the write: a database
 *   connection lost during COMMIT makes it respond 503 although the transaction may have
 *   committed. A 412 counts too: it shows that the client's copy, and so possibly the cached
 *   record, is older than the stored one.
 * - `redirected`: a 3xx status, which RFC 9111 §4.4 counts as a non-error status.
 * - `rejected`: any other status, a client error that wrote nothing.
 */
type WriteOutcome = 'written' | 'uncertain' | 'redirected' | 'rejected';

function classifyWrite(status: number | undefined): WriteOutcome {
  if (status === undefined || status >= 500 || status === 412) return 'uncertain';
  if (status >= 200 && status < 300) return 'written';
  if (status >= 300 && status < 400) return 'redirected';
  return 'rejected';
}

/**
 * Invalidations that a write passing through this gateway calls for, applied before its response
 * is sent. They make the write visible to its client's next read without waiting for the
 * service's event, and they are the only invalidation a gateway without Redis gets:
 * - any unsafe method with a non-error status invalidates the stored responses of its target
 *   URI (RFC 9111 §4.4);
 * - a successful admin write of a scholarship drops its entry and advances the catalog
 *   generation, unless the service's event for it arrived since `eventMark` (see
 *   `moveGeneration`) or the update changed nothing (see `keptVersion`), and creating one does
 *   the same for the id in its Location field;
 * - a successful profile write moves the user's per-user routes past their entries.
 *
 * A write whose outcome is uncertain (see `WriteOutcome`) drops the entries of its record and
 * moves its user past their entries, because the record may have changed, but it leaves the
 * generation, and so every listing, as it is. Listing entries are what the cache serves stale
 * while a service fails, and a 412 costs no more than one record's read. Reads of the record
 * itself then go to its service, and fail while it fails, rather than get a stale copy.
 *
 * NOTE: after an uncertain write that did commit, without Redis events, listings keep the old
 * summary of the record (and miss a created one) until they expire. A service that commits
 * only after the gateway gave up (504) may also commit after these invalidations ran, and a
 * read in between then stores the old record again.
 */
export async function applyWriteEffects(
  runtime: CacheRuntime,
  request: CacheRequest,
  written: WrittenResponse,
  eventMark?: number,
): Promise<void> {
  const outcome = classifyWrite(written.status);
  if (SAFE_METHODS.has(request.method) || outcome === 'rejected') return;
  const hashes = [hashKeyText(rfcKeyText(request.path, request.query))];
  const publicId = safeDecode(PUBLIC_SCHOLARSHIP.exec(request.path)?.[1]);
  if (publicId !== undefined) hashes.push(scholarshipEntryHash(publicId));
  const success = outcome === 'written';
  const touched = success || outcome === 'uncertain';
  const adminId = safeDecode(ADMIN_SCHOLARSHIP.exec(request.path)?.[1]);
  const unchanged = success && keptVersion(request, written);
  const rewritten = touched && adminId !== undefined && !unchanged;
  if (rewritten) hashes.push(scholarshipEntryHash(adminId));
  const created = success && ADMIN_SCHOLARSHIPS.test(request.path);
  const catalogChanged = success && (rewritten || created);
  // A creation names its scholarship only in the response's Location field.
  const writtenId = adminId ?? (created ? createdScholarshipId(written.location) : undefined);
  const generation = catalogChanged
    ? await moveGeneration(runtime, writtenId, eventMark)
    : undefined;
  await invalidateAcrossReplicas(runtime, hashes, generation);

  const userId = request.identity?.userId;
  if (touched && userId !== undefined && PROFILE.test(request.path)) {
    runtime.profiles.markWritten(userId);
    await publishToReplicas(runtime, { type: 'profile-written', sender: runtime.bootId, userId });
  }
}

/**
 * Advances the generation for a write of `scholarshipId`, unless the catalog service's own event
 * for that scholarship arrived after `eventMark`: it carried the generation its publisher moved,
 * and a second move would make every listing key miss again. The service publishes before it
 * responds, so after one more event-loop turn its event has been applied unless publishing failed
 * or timed out, and then this replica advances the generation itself.
 */
async function moveGeneration(
  runtime: CacheRuntime,
  scholarshipId: string | undefined,
  eventMark: number | undefined,
): Promise<number | undefined> {
  if (scholarshipId !== undefined && eventMark !== undefined && runtime.redis !== undefined) {
    // NOTE: a late event of an earlier write of the same scholarship, arriving during this write,
    // also counts, and then listings wait for this write's own event to move the generation.
    await nextEventLoopTurn();
    if (runtime.scholarshipEvents.arrivedSince(scholarshipId, eventMark)) return undefined;
  }
  return runtime.generation.advance();
}

/**
 * Returns whether an update left the scholarship as it was. The catalog keeps the version of a
 * write that changes no value, so the ETag of its response is the one that If-Match sent.
 */
function keptVersion(request: CacheRequest, written: WrittenResponse): boolean {
  if (request.method !== 'PATCH' && request.method !== 'PUT') return false;
  const sent = request.headers['if-match']?.trim();
  return sent !== undefined && sent !== '*' && sent === written.etag;
}

/** Reads the id from a Location such as `/api/v1/scholarships/<id>`. */
function createdScholarshipId(location: string | undefined): string | undefined {
  if (location === undefined) return undefined;
  const path = location.startsWith('/') ? location : safePath(location);
  return safeDecode(PUBLIC_SCHOLARSHIP.exec(path ?? '')?.[1]);
}

function safePath(url: string): string | undefined {
  try {
    return new URL(url).pathname;
  } catch {
    return undefined;
  }
}

function safeDecode(segment: string | undefined): string | undefined {
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
