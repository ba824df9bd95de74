import type {
  AwardBasis,
  CitizenshipStatus,
  FieldOfStudy,
  Gender,
  GradeLevel,
  SourceReference,
  UsStateCode,
} from '@scholarships/contracts';

/** Folder names of the four data sets under `data/scholarships`, in the order they are read. */
export const SOURCE_NAMES = [
  'helios',
  'bigfuture_arizona',
  'scholarship_for_everyone',
  'islt_7310',
] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

/** An award amount split into numbers. `null` bounds mean the text gave no such figure. */
export interface AwardAmount {
  min: number | null;
  max: number | null;
  /** ISO 4217 code, or `null` when the text names no currency. */
  currency: string | null;
  /** The amount as the source published it. */
  text: string | null;
}

/**
 * One scholarship after normalization, before the deadline is projected.
 * Empty eligibility lists mean "no restriction".
 */
export interface ScholarshipRecord {
  sourceKey: string;
  name: string;
  provider: string | null;
  description: string | null;
  url: string | null;
  award: AwardAmount;
  /** ISO `YYYY-MM-DD` date as published by the source. */
  deadlinePublished: string | null;
  fieldsOfStudy: FieldOfStudy[];
  gradeLevels: GradeLevel[];
  citizenship: CitizenshipStatus[];
  states: UsStateCode[];
  minGpa: number | null;
  genders: Gender[];
  /** Readable lowercase names, such as `african american`. */
  ethnicities: string[];
  basis: AwardBasis | null;
  eligibilityNotes: string | null;
  sources: SourceReference[];
  /**
   * Lists guessed from title keywords rather than stated by the source. A
   * merge prefers stated lists, even empty ones, over guesses. Not stored.
   */
  guessed: GuessableList[];
}

/** Eligibility lists that a mapper may guess from a title. */
export type GuessableList = 'fieldsOfStudy' | 'gradeLevels';

/** A source row that the importer did not load, with the reason in plain words. */
export interface SkippedRow {
  source: SourceName;
  ref: string;
  reason: string;
  /** The value that caused the skip, such as the row's title. */
  detail: string;
}

/** Result of mapping one raw source row. */
export type MappedRow =
  | { kind: 'record'; record: ScholarshipRecord }
  | { kind: 'skipped'; skipped: SkippedRow };

/** Progress of one import phase; `source` is the data set being read, or `all` while writing. */
export interface ImportProgress {
  phase: 'read' | 'write';
  source: SourceName | 'all';
  done: number;
  total: number;
}

export type ProgressListener = (progress: ImportProgress) => void;
