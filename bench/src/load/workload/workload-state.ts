/** A search to repeat with the `nextCursor` of its last page. */
export interface CursorEntry {
  parameters: URLSearchParams;
  cursor: string;
}

/** Bound of the id pool; the Zipf draw of ids covers this many ranks. */
export const MAX_KNOWN_IDS = 2000;
const MAX_CURSORS = 200;

/**
 * State learned from earlier responses: scholarship ids in the order search results
 * first showed them (so ids of popular searches come first), ETags from reads for If-Match, and
 * recent cursors.
 */
export class WorkloadState {
  readonly ids: string[] = [];
  private readonly idSet = new Set<string>();
  private readonly entityTags = new Map<string, string>();
  /** Ids with a known ETag, for uniform picks. */
  private readonly taggedIds: string[] = [];
  /** Ids whose writes the catalog rejected as invalid; they are not written again. */
  private readonly rejectedIds = new Set<string>();
  private readonly cursors: CursorEntry[] = [];
  private cursorWrite = 0;

  addId(id: string): void {
    if (this.ids.length >= MAX_KNOWN_IDS || this.idSet.has(id)) return;
    this.idSet.add(id);
    this.ids.push(id);
  }

  setEntityTag(id: string, entityTag: string): void {
    if (this.rejectedIds.has(id)) return;
    if (!this.entityTags.has(id)) this.taggedIds.push(id);
    this.entityTags.set(id, entityTag);
  }

  entityTag(id: string): string | undefined {
    return this.entityTags.get(id);
  }

  /** Forgets an ETag that a write found stale (412); the next lookup learns the current one. */
  forgetEntityTag(id: string): void {
    if (!this.entityTags.delete(id)) return;
    const index = this.taggedIds.indexOf(id);
    if (index >= 0) this.taggedIds.splice(index, 1);
  }

  /** Stops writing `id`, after the catalog rejected a write of it with 400. */
  rejectWrites(id: string): void {
    this.rejectedIds.add(id);
    this.forgetEntityTag(id);
  }

  /** Picks an id with a known ETag using `uniform` in [0, 1); undefined when none is known. */
  pickTaggedId(uniform: number): string | undefined {
    return this.taggedIds[Math.floor(uniform * this.taggedIds.length)];
  }

  addCursor(entry: CursorEntry): void {
    if (this.cursors.length < MAX_CURSORS) this.cursors.push(entry);
    else this.cursors[this.cursorWrite % MAX_CURSORS] = entry;
    this.cursorWrite += 1;
  }

  pickCursor(uniform: number): CursorEntry | undefined {
    return this.cursors[Math.floor(uniform * this.cursors.length)];
  }
}
