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
 * - `maybe-written`: a 5xx status or no response. The service may have committed the write
 *   before it failed, or after the gateway stopped waiting. A 412 counts too, because it shows
 *   that the client's copy, and so possibly the cached one, is older than the stored record.
 * - `redirected`: a 3xx status, which RFC 9111 §4.4 counts as a non-error status.
 * - `rejected`: any other status, such as a client error that wrote nothing (400, 401, 403, 404,
 *   409, 422, 428, 429).
 */
type WriteOutcome = 'written' | 'maybe-written' | 'redirected' | 'rejected';

function classifyWrite(status: number | undefined): WriteOutcome {
  if (status === undefined || status >= 500 || status === 412) return 'maybe-written';
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
 * A write that may have taken effect (see `WriteOutcome`) counts as a successful one, because
 * keeping a record the write replaced would serve it until its entry expires.
 *
 * NOTE: a service that commits only after the gateway gave up (504) may commit after these
 * invalidations ran. A read in between then stores the old record again, and without Redis
 * events it stays until it expires or a later write through this gateway drops it.
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
  const success = outcome === 'written' || outcome === 'maybe-written';
  const adminId = safeDecode(ADMIN_SCHOLARSHIP.exec(request.path)?.[1]);
  const unchanged = outcome === 'written' && keptVersion(request, written);
  const rewritten = success && adminId !== undefined && !unchanged;
  if (rewritten) hashes.push(scholarshipEntryHash(adminId));
  const created = success && ADMIN_SCHOLARSHIPS.test(request.path);
  const catalogChanged = rewritten || created;
  // A creation names its scholarship only in the response's Location field.
  const writtenId = adminId ?? (created ? createdScholarshipId(written.location) : undefined);
  const generation = catalogChanged
    ? await moveGeneration(runtime, writtenId, eventMark)
    : undefined;
  await invalidateAcrossReplicas(runtime, hashes, generation);

  const userId = request.identity?.userId;
  if (success && userId !== undefined && PROFILE.test(request.path)) {
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
