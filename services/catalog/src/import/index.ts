export { computeDataChecksum, NORMALIZATION_VERSION } from './checksum';
export { findDataDir } from './find-data-dir';
export {
  loadSyntheticScholarships,
  type SyntheticOptions,
  type SyntheticReport,
} from './generate';
export { type ImportOptions, importScholarships, isImportCurrent } from './import-scholarships';
export type { ImportReport, SkipSummary } from './report';
export type { ImportProgress, ProgressListener, SourceName } from './types';
export { SOURCE_NAMES } from './types';
