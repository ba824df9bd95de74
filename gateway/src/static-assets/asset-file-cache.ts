import { readFile, stat } from 'node:fs/promises';
import { strongEtag } from '../cache/http/etag';

/** A file's bytes as served, with its entity tag. */
export interface AssetFile {
  body: Buffer;
  etag: string;
}

interface CachedFile extends AssetFile {
  mtimeMs: number;
  size: number;
}

/**
 * Keeps served files in memory and reads a file again when its size or modification time changes,
 * so a rebuild of the web app is picked up without a restart. Only files that exist are kept, and
 * the folder contains one build, so the map stays as small as the folder.
 */
export class AssetFileCache {
  private readonly files = new Map<string, CachedFile>();

  /** @param transform changes the bytes before they are cached, e.g. to fill in the entry page */
  constructor(private readonly transform: (body: Buffer, filePath: string) => Buffer = (b) => b) {}

  /** Returns the file, or undefined when it does not exist or is not a regular file. */
  async read(filePath: string): Promise<AssetFile | undefined> {
    const stats = await stat(filePath).catch(() => undefined);
    if (stats === undefined || !stats.isFile()) {
      this.files.delete(filePath);
      return undefined;
    }
    const cached = this.files.get(filePath);
    if (cached !== undefined && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) {
      return cached;
    }
    // A rebuild may delete the file between stat and read.
    const bytes = await readFile(filePath).catch(() => undefined);
    if (bytes === undefined) return undefined;
    const body = this.transform(bytes, filePath);
    const file = { body, etag: strongEtag(body), mtimeMs: stats.mtimeMs, size: stats.size };
    this.files.set(filePath, file);
    return file;
  }
}
