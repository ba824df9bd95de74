import type { CriterionName, CriterionResult } from './types';
import { joinWords } from './wording';

/** A scholarship criterion stored as a list of accepted values, where an empty list means no restriction. */
export interface ListRestriction {
  criterion: CriterionName;
  /** Values the scholarship accepts, compared exactly. */
  accepted: readonly string[];
  /** Values the profile states. `null` and an empty list both mean that it states none. */
  stated: readonly string[] | null;
  /** Names the students who have these values, e.g. `students in AZ or NM`. */
  describe(values: readonly string[]): string;
  /** Reason when the list is empty, e.g. `no state restriction`. */
  unrestricted: string;
  /** Noun for the profile field, e.g. `state`, used when the profile leaves it out. */
  fieldNoun: string;
}

/**
 * Passes when the profile states at least one accepted value, fails when it
 * states values and none is accepted, and is unknown when the profile states none.
 */
export function evaluateListRestriction(restriction: ListRestriction): CriterionResult {
  const { criterion, describe } = restriction;
  const accepted = [...new Set(restriction.accepted)];
  if (accepted.length === 0) {
    return { criterion, outcome: 'pass', reason: restriction.unrestricted };
  }
  const stated = restriction.stated ?? [];
  if (stated.length === 0) {
    return {
      criterion,
      outcome: 'unknown',
      reason: `open only to ${describe(accepted)}; the profile gives no ${restriction.fieldNoun}`,
    };
  }
  const matched = stated.filter((value) => accepted.includes(value));
  if (matched.length > 0) {
    return { criterion, outcome: 'pass', reason: `open to ${describe(matched)}` };
  }
  return {
    criterion,
    outcome: 'fail',
    reason: `open only to ${describe(accepted)}, not ${describe(stated)}`,
  };
}

/** `describe` for criteria whose labels are plural nouns: `undergraduates or graduate students`. */
export function describeWithLabels(label: (value: string) => string) {
  return (values: readonly string[]) => joinWords(values.map(label));
}
