import path from 'node:path';
import { mapBigFutureRow } from './mappers/bigfuture';
import { mapHeliosRow } from './mappers/helios';
import { mapIefaRow } from './mappers/iefa';
import { mapIsltRow } from './mappers/islt';
import { readBigFuture } from './sources/bigfuture';
import { SOURCE_FILES } from './sources/files';
import { readHelios } from './sources/helios';
import { readIefa } from './sources/iefa';
import { readIslt } from './sources/islt';
import {
  type MappedRow,
  type ProgressListener,
  type ScholarshipRecord,
  type SkippedRow,
  SOURCE_NAMES,
  type SourceName,
} from './types';

/** Rows between two progress events while mapping one data set. */
const PROGRESS_EVERY = 500;

/** Reads one data set and returns one deferred mapping per raw row. */
async function rowMappers(source: SourceName, dataDir: string): Promise<Array<() => MappedRow>> {
  switch (source) {
    case 'helios':
      return (await readHelios(dataDir)).map((row) => () => mapHeliosRow(row));
    case 'bigfuture_arizona':
      return (await readBigFuture(dataDir)).map(
        (row, index) => () => mapBigFutureRow(row, index + 1),
      );
    case 'scholarship_for_everyone':
      return (await readIefa(dataDir)).map((row) => () => mapIefaRow(row));
    case 'islt_7310':
      return (await readIslt(dataDir)).map((row) => () => mapIsltRow(row));
  }
}

/**
 * Reads one data set, naming its file in any error. A data set without rows is an error too:
 * every real one has rows, so an empty file is a truncated download rather than news.
 */
async function readSource(source: SourceName, dataDir: string): Promise<Array<() => MappedRow>> {
  const file = path.join(dataDir, SOURCE_FILES[source]);
  let mappers: Array<() => MappedRow>;
  try {
    mappers = await rowMappers(source, dataDir);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`data set ${source} could not be read from ${file}: ${message}`, {
      cause: error,
    });
  }
  if (mappers.length === 0) {
    throw new Error(`data set ${source} has no rows in ${file}; the file may be truncated`);
  }
  return mappers;
}

/** Normalized rows of all four data sets, before duplicates are merged. */
export interface SourceReadResult {
  rowsRead: Record<SourceName, number>;
  records: ScholarshipRecord[];
  skipped: SkippedRow[];
}

/** Reads and normalizes every data set in `SOURCE_NAMES` order, reporting progress per data set. */
export async function readAllSources(
  dataDir: string,
  onProgress?: ProgressListener,
): Promise<SourceReadResult> {
  const result: SourceReadResult = {
    rowsRead: { helios: 0, bigfuture_arizona: 0, scholarship_for_everyone: 0, islt_7310: 0 },
    records: [],
    skipped: [],
  };
  for (const source of SOURCE_NAMES) {
    const mappers = await readSource(source, dataDir);
    const total = mappers.length;
    result.rowsRead[source] = total;
    onProgress?.({ phase: 'read', source, done: 0, total });
    mappers.forEach((mapRow, index) => {
      const mapped = mapRow();
      if (mapped.kind === 'record') result.records.push(mapped.record);
      else result.skipped.push(mapped.skipped);
      const done = index + 1;
      if (done % PROGRESS_EVERY === 0 && done < total) {
        onProgress?.({ phase: 'read', source, done, total });
      }
    });
    onProgress?.({ phase: 'read', source, done: total, total });
  }
  return result;
}
