import type { Logger } from '@scholarships/logger';
import { LRUCache } from 'lru-cache';
import type { Clock } from '../clock';

/** Reads and raises the shared profile version of a user (a Redis key per user). */
export interface ProfileVersionSource {
  /** Resolves with the stored version, or 0 when none is stored. */
  read(userId: string): Promise<number>;
  /** Stores `version` unless a higher one is stored already. */
  raise(userId: string, version: number): Promise<void>;
}

export type ProfileToken =
  | { ok: true; text: string; shared: boolean }
  | { ok: false; reason: 'profile-pending' | 'profile-unknown' };

export interface ProfileTokenOptions {
  clock: Clock;
  /** How long per-user routes skip the cache after a profile write passed through this replica. */
  pendingWindowMs: number;
  maxUsers: number;
  bootId: string;
  logger: Logger;
}

interface KnownProfile {
  version?: number;
  /** Set by a profile write seen here, until the event with the new version arrives. */
  pendingUntil?: number;
}

/**
 * The part of a per-user key that changes whenever the user's profile changes.
 *
 * With Redis, it is the profile version from `profile.changed` events, which every replica
 * stores in Redis (keeping the highest), so a replica that starts later reads the same version.
 * After a profile write passes through this replica, its per-user routes skip the cache until the
 * event with the new version arrives, at most `pendingWindowMs`.
 *
 * Without Redis, every profile write that passes through this gateway gives the user a new local
 * token. Losing a user's token to the LRU bound would bring back token 0, under which older
 * entries may still be stored, so an eviction moves every user to a new epoch instead.
 */
export class ProfileTokens {
  private readonly known: LRUCache<string, KnownProfile>;
  private epoch = 0;
  private writeCounter = 0;

  constructor(
    private readonly source: ProfileVersionSource | undefined,
    private readonly options: ProfileTokenOptions,
  ) {
    this.known = new LRUCache<string, KnownProfile>({
      max: options.maxUsers,
      dispose: (_value, _key, reason) => {
        if (reason === 'evict' && source === undefined) this.epoch += 1;
      },
    });
  }

  /** Returns the user's token: at once when the version is known, else after reading it. */
  token(userId: string): ProfileToken | Promise<ProfileToken> {
    const known = this.settledProfile(userId);
    if (known?.pendingUntil !== undefined) return { ok: false, reason: 'profile-pending' };
    if (this.source === undefined) return this.localToken(known);
    if (known?.version !== undefined) return sharedToken(known.version);
    return this.readToken(this.source, userId);
  }

  /** Applies a `profile.changed` event. */
  applyVersion(userId: string, version: number): void {
    const known = this.known.get(userId);
    if (known?.version === undefined || version > known.version) {
      this.known.set(userId, { version });
    }
    this.source?.raise(userId, version).catch((error: unknown) => {
      this.options.logger.warn({ err: error, userId }, 'profile version store failed');
    });
  }

  /** Records a profile write that passed through this replica. */
  markWritten(userId: string): void {
    if (this.source === undefined) {
      this.writeCounter += 1;
      this.known.set(userId, { version: this.writeCounter });
      return;
    }
    const known = this.known.get(userId);
    const pendingUntil = this.options.clock() + this.options.pendingWindowMs;
    this.known.set(userId, { ...known, pendingUntil });
  }

  /** Forgets every user; without Redis, also moves every user to a new epoch, as evictions do. */
  clear(): void {
    this.known.clear();
    if (this.source === undefined) this.epoch += 1;
  }

  /** Returns the known profile, without a pending window that has passed. */
  private settledProfile(userId: string): KnownProfile | undefined {
    const known = this.known.get(userId);
    if (known?.pendingUntil === undefined || this.options.clock() < known.pendingUntil) {
      return known;
    }
    if (known.version === undefined) {
      this.known.delete(userId);
      return undefined;
    }
    const settled = { version: known.version };
    this.known.set(userId, settled);
    return settled;
  }

  private localToken(known: KnownProfile | undefined): ProfileToken {
    const version = known?.version ?? 0;
    return {
      ok: true,
      text: `local:${this.options.bootId}:${this.epoch}:${version}`,
      shared: false,
    };
  }

  private async readToken(source: ProfileVersionSource, userId: string): Promise<ProfileToken> {
    try {
      const version = await source.read(userId);
      // An event or a write seen during the read is newer than the value read.
      const current = this.known.get(userId);
      if (current === undefined) this.known.set(userId, { version });
      if (current?.pendingUntil !== undefined) return { ok: false, reason: 'profile-pending' };
      return sharedToken(current?.version ?? version);
    } catch (error) {
      this.options.logger.debug({ err: error, userId }, 'profile version read failed');
      return { ok: false, reason: 'profile-unknown' };
    }
  }
}

function sharedToken(version: number): ProfileToken {
  return { ok: true, text: `p${version}`, shared: true };
}
