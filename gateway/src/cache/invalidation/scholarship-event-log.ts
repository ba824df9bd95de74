import { LRUCache } from 'lru-cache';

/**
 * Order in which this replica applied scholarship events, per scholarship. A write through the
 * gateway marks the log before it is forwarded. Afterwards it checks whether the catalog
 * service's own event for that scholarship, which carries the new generation, has arrived since.
 */
export class ScholarshipEventLog {
  private sequence = 0;
  private readonly lastById: LRUCache<string, number>;

  constructor(maxEntries: number) {
    this.lastById = new LRUCache<string, number>({ max: maxEntries });
  }

  /** Returns the position of the latest event, to pass to `arrivedSince` later. */
  mark(): number {
    return this.sequence;
  }

  /** Records that an event for `scholarshipId` was applied. */
  note(scholarshipId: string): void {
    this.sequence += 1;
    this.lastById.set(scholarshipId, this.sequence);
  }

  /** True when an event for `scholarshipId` was applied after `mark` was taken. */
  arrivedSince(scholarshipId: string, mark: number): boolean {
    return (this.lastById.get(scholarshipId) ?? 0) > mark;
  }
}
