import { LRUCache } from 'lru-cache';

/**
 * Scholarship versions learned from `scholarship.changed` events. A version is current only while
 * this replica's subscription has stayed up since the event, because a later change would have
 * arrived as an event too. The map is therefore cleared whenever the subscription is lost.
 */
export class ScholarshipVersions {
  private readonly versions: LRUCache<string, number>;

  constructor(maxEntries: number) {
    this.versions = new LRUCache<string, number>({ max: maxEntries });
  }

  get(scholarshipId: string): number | undefined {
    return this.versions.get(scholarshipId);
  }

  record(scholarshipId: string, version: number): void {
    const known = this.versions.get(scholarshipId);
    if (known === undefined || version > known) this.versions.set(scholarshipId, version);
  }

  forget(scholarshipId: string): void {
    this.versions.delete(scholarshipId);
  }

  clear(): void {
    this.versions.clear();
  }
}
