import { crossFieldIssues, type ScholarshipDocument } from '@scholarships/api-contract';
import type { FieldError } from '@scholarships/service-kit';

/** A field error of a cross-field rule, with the top-level member it concerns, such as `award`. */
export interface CrossFieldError extends FieldError {
  member: string;
}

/** Returns the field errors of the body for the cross-field rules, named as `parseInput` names them. */
export function crossFieldErrors(document: ScholarshipDocument): CrossFieldError[] {
  return crossFieldIssues(document).map((issue) => ({
    field: ['body', ...issue.path].join('.'),
    message: issue.message,
    member: String(issue.path[0]),
  }));
}
