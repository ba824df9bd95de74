import {
  CITIZENSHIP_STATUSES,
  FIELDS_OF_STUDY,
  GENDERS,
  GRADE_LEVELS,
  US_STATE_CODES,
} from '@scholarships/contracts';
import type { Knex, Statement } from '@scholarships/db';
import {
  EMPTY_PROFILE,
  matchPage,
  profileByUser,
  type StudentProfile,
  scholarshipForAnalysis,
} from '@scholarships/eligibility/statements';

export type Random = () => number;

function pick<Value>(random: Random, values: readonly Value[]): Value {
  return values[Math.floor(random() * values.length)] as Value;
}

function stated<Value>(random: Random, share: number, value: () => Value): Value | null {
  return random() < share ? value() : null;
}

const ETHNICITIES = ['hispanic', 'african american', 'asian', 'native american', 'indian'];

/**
 * Draws a student profile as students fill them in. Most state a grade
 * level, GPA and state, and fewer state citizenship, gender, ethnicity or
 * need. The shares are assumptions of this benchmark, not measurements.
 */
export function realisticProfile(random: Random): StudentProfile {
  const fieldCount = 1 + Math.floor(random() * 2);
  return {
    gradeLevel: stated(random, 0.85, () => pick(random, GRADE_LEVELS)),
    gpa: stated(random, 0.75, () => Math.round((2 + random() * 2) * 100) / 100),
    state: stated(random, 0.85, () => pick(random, US_STATE_CODES)),
    citizenship: stated(random, 0.5, () => pick(random, CITIZENSHIP_STATUSES)),
    fieldsOfStudy: stated(random, 0.65, () => [
      ...new Set(Array.from({ length: fieldCount }, () => pick(random, FIELDS_OF_STUDY))),
    ]),
    gender: stated(random, 0.45, () => pick(random, GENDERS)),
    ethnicities: stated(random, 0.25, () => [pick(random, ETHNICITIES)]),
    financialNeed: stated(random, 0.5, () => random() < 0.5),
  };
}

export interface Workload {
  statement: string;
  description: string;
  build(): Statement;
}

export interface WorkloadData {
  knex: Knex;
  random: Random;
  today: string;
  /** Ids of stored profiles; some lookups use ids that have none. */
  userIds: readonly string[];
  scholarshipIds: readonly string[];
}

/** Builds one workload per hot statement, with parameters drawn from `data` on every run. */
export function eligibilityWorkloads(data: WorkloadData): Workload[] {
  const { knex, random, today } = data;
  const profiles = Array.from({ length: 500 }, () => realisticProfile(random));
  return [
    {
      statement: 'eligibility_match_page',
      description: 'check and matches, first page of 50, 500 varied profiles',
      build: () => matchPage(knex, pick(random, profiles), { limit: 50, offset: 0, today }),
    },
    {
      statement: 'eligibility_match_page',
      description: 'pages 2 to 5 of 50',
      build: () =>
        matchPage(knex, pick(random, profiles), {
          limit: 50,
          offset: 50 * (1 + Math.floor(random() * 4)),
          today,
        }),
    },
    {
      statement: 'eligibility_match_page',
      description: 'profile that states nothing, first page of 100',
      build: () => matchPage(knex, EMPTY_PROFILE, { limit: 100, offset: 0, today }),
    },
    {
      statement: 'eligibility_profile_by_user',
      description: 'stored profiles, 1 in 10 missing',
      build: () =>
        profileByUser(knex, random() < 0.1 ? `missing-${random()}` : pick(random, data.userIds)),
    },
    {
      statement: 'eligibility_scholarship_by_id',
      description: 'analysis lookup of 1,000 sampled scholarships',
      build: () => scholarshipForAnalysis(knex, pick(random, data.scholarshipIds)),
    },
  ];
}
