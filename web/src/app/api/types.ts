import type { EligibilityCheckBody, ScholarshipClient, SearchQuery } from '@scholarships/client';

/** The routes the app calls; main.ts passes the typed client, tests may pass a stand-in. */
export type ScholarshipApi = Pick<
  ScholarshipClient,
  'search' | 'suggest' | 'getScholarship' | 'checkEligibility'
>;

export type GradeLevel = NonNullable<SearchQuery['grade_level']>[number];
export type FieldOfStudy = NonNullable<SearchQuery['field_of_study']>[number];
export type UsStateCode = NonNullable<SearchQuery['state']>[number];
export type CitizenshipStatus = NonNullable<SearchQuery['citizenship']>[number];
export type Gender = NonNullable<EligibilityCheckBody['gender']>;
