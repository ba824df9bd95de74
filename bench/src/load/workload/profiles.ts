import {
  CITIZENSHIP_STATUSES,
  FIELDS_OF_STUDY,
  GENDERS,
  GRADE_LEVELS,
  US_STATE_CODES,
} from '@scholarships/contracts';
import type { UniformRandom } from '../random';

/** A student profile in the JSON shape of the eligibility check's body. */
export interface ProfileBody {
  gradeLevel: string;
  gpa: number;
  state: string;
  citizenship: string;
  fieldsOfStudy: string[];
  gender?: string;
  financialNeed?: boolean;
}

function pick<Value>(values: readonly Value[], random: UniformRandom): Value {
  const value = values[Math.floor(random() * values.length)];
  if (value === undefined) throw new RangeError('cannot pick from an empty list');
  return value;
}

/** Citizenship with most students as US citizens, as in the population the platform serves. */
function pickCitizenship(random: UniformRandom): string {
  return random() < 0.8 ? 'us_citizen' : pick(CITIZENSHIP_STATUSES, random);
}

function pickFields(random: UniformRandom): string[] {
  const first = pick(FIELDS_OF_STUDY, random);
  if (random() >= 0.3) return [first];
  const second = pick(FIELDS_OF_STUDY, random);
  return second === first ? [first] : [first, second];
}

/** Generates one profile; each optional field is stated for about half of the students. */
function generateProfile(random: UniformRandom): ProfileBody {
  const profile: ProfileBody = {
    gradeLevel: pick(GRADE_LEVELS, random),
    gpa: Math.round((2 + random() * 2) * 10) / 10,
    state: pick(US_STATE_CODES, random),
    citizenship: pickCitizenship(random),
    fieldsOfStudy: pickFields(random),
  };
  if (random() < 0.5) profile.gender = pick(GENDERS, random);
  if (random() < 0.5) profile.financialNeed = random() < 0.6;
  return profile;
}

/** Generates `count` student profiles from `random`; the same seed gives the same pool. */
export function generateProfiles(count: number, random: UniformRandom): ProfileBody[] {
  return Array.from({ length: count }, () => generateProfile(random));
}
