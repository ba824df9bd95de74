import { GRADE_LEVELS, type GradeLevel, type Scholarship } from '@scholarships/contracts';
import {
  acceptedEthnicities,
  type CriterionName,
  type CriterionResult,
  describeCitizenships,
  describeGenders,
  describeGradeLevels,
  formatGpa,
  humanize,
  joinWords,
  type ScholarshipCriteria,
} from '../eligibility/criteria';
import type { StudentProfile } from '../eligibility/profile';
import { type DeadlineResult, describeDays } from './deadline';

interface StepInput {
  profile: StudentProfile;
  scholarship: ScholarshipCriteria;
  result: CriterionResult;
}

/** A step for an unknown outcome: the profile field to add, and why. */
type UnknownStep = (scholarship: ScholarshipCriteria) => string;

const UNKNOWN_STEPS: Record<CriterionName, UnknownStep> = {
  gradeLevel: (s) =>
    `add your grade level to your profile: this scholarship is open only to ${describeGradeLevels(s.grade_level)}`,
  gpa: (s) =>
    `add your GPA to your profile: this scholarship requires at least ${formatGpa(s.min_gpa ?? 0)}`,
  state: (s) =>
    `add your state to your profile: this scholarship is limited to ${joinWords(s.state)} residents`,
  citizenship: (s) =>
    `add your citizenship status to your profile: this scholarship is open only to ${describeCitizenships(s.citizenship)}`,
  fieldOfStudy: (s) =>
    `add your field of study to your profile: this scholarship is for students of ${joinWords(s.field_of_study.map(humanize))}`,
  gender: (s) =>
    `add your gender to your profile: this scholarship is open only to ${describeGenders(s.gender)}`,
  ethnicity: (s) =>
    `add your ethnicity to your profile: this scholarship is for students who identify as ${joinWords(acceptedEthnicities(s))}`,
  basis: () =>
    'state in your profile whether you have financial need: this scholarship is need-based',
};

function gradePosition(level: string): number {
  return GRADE_LEVELS.indexOf(level as GradeLevel);
}

/** Grade levels come in order, so a student below every accepted level can apply later. */
function gradeLevelStep({ profile, scholarship }: StepInput): string | undefined {
  if (profile.gradeLevel === null) return undefined;
  const current = gradePosition(profile.gradeLevel);
  const later = scholarship.grade_level.filter((level) => gradePosition(level) > current);
  if (later.length === 0) return undefined;
  return `apply when you reach the grade level: this scholarship is open only to ${describeGradeLevels(later)}`;
}

function gpaStep({ profile, scholarship }: StepInput): string | undefined {
  if (profile.gpa === null || scholarship.min_gpa === null) return undefined;
  return `raise GPA from ${formatGpa(profile.gpa)} to ${formatGpa(scholarship.min_gpa)}`;
}

/** Suggests adding the listed field, which a student may intend to study, unlike the other failing traits. */
function fieldOfStudyStep({ scholarship }: StepInput): string {
  const fields = joinWords(scholarship.field_of_study.map(humanize));
  return `add ${fields} to your fields of study if you plan to study it: this scholarship is for students of ${fields}`;
}

const FAIL_STEPS: Partial<Record<CriterionName, (input: StepInput) => string | undefined>> = {
  gradeLevel: gradeLevelStep,
  gpa: gpaStep,
  fieldOfStudy: fieldOfStudyStep,
};

/** Returns the concrete step that could turn a failing or unknown criterion into a pass, if any. */
export function criterionStep(input: StepInput): string | undefined {
  if (input.result.outcome === 'unknown') {
    return UNKNOWN_STEPS[input.result.criterion](input.scholarship);
  }
  if (input.result.outcome === 'fail') return FAIL_STEPS[input.result.criterion]?.(input);
  return undefined;
}

/** Steps about timing: when to apply, and whether to confirm an estimated date. */
export function deadlineSteps(result: DeadlineResult, deadline: Scholarship['deadline']): string[] {
  const { next, published, estimated } = deadline;
  if (next === null || result.daysLeft === null) {
    return ['check with the provider for a deadline: none is published'];
  }
  if (result.daysLeft < 0) {
    return [`watch for the next application cycle: the deadline ${next} has passed`];
  }
  const timing =
    result.daysLeft === 0
      ? `deadline today: apply by ${next}`
      : `deadline in ${describeDays(result.daysLeft)}: apply by ${next}`;
  if (!estimated) return [timing];
  const source = published === null ? 'an earlier cycle' : `the published deadline ${published}`;
  return [timing, `confirm the deadline with the provider: ${next} is estimated from ${source}`];
}
