import type {
  AwardBasis,
  CitizenshipStatus,
  FieldOfStudy,
  Gender,
  GradeLevel,
  UsStateCode,
} from './vocabulary';

/** Where a merged record came from: the data set and the row or id inside it. */
export interface SourceReference {
  source: string;
  ref: string;
}

/**
 * A scholarship as the API returns it. Empty eligibility lists mean "no
 * restriction". Amounts are in `award.currency`; `null` bounds mean the
 * source gave no figure ("Varies").
 */
export interface Scholarship {
  id: string;
  name: string;
  provider: string | null;
  description: string | null;
  url: string | null;
  award: {
    min: number | null;
    max: number | null;
    currency: string | null;
    text: string | null;
  };
  deadline: {
    /** Next occurrence on or after the import date, ISO `YYYY-MM-DD`. */
    next: string | null;
    /** The date as published by the source. */
    published: string | null;
    /** True when `next` was projected a whole number of years from `published`. */
    estimated: boolean;
  };
  eligibility: {
    fieldsOfStudy: FieldOfStudy[];
    gradeLevels: GradeLevel[];
    citizenship: CitizenshipStatus[];
    states: UsStateCode[];
    minGpa: number | null;
    genders: Gender[];
    ethnicities: string[];
    basis: AwardBasis | null;
    notes: string | null;
  };
  sources: SourceReference[];
  version: number;
  updatedAt: string;
}
