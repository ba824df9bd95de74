export { computeDataChecksum, NORMALIZATION_VERSION } from './checksum';
export { type ImportOptions, importScholarships, isImportCurrent } from './import-scholarships';
export type { ImportReport, SkipSummary } from './report';
export type { ImportProgress, ProgressListener, SourceName } from './types';
export { SOURCE_NAMES } from './types';
