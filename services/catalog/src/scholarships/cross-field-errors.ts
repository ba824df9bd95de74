import { crossFieldIssues, type ScholarshipDocument } from '@scholarships/api-contract';
import type { FieldError } from '@scholarships/service-kit';

/** Field errors of the body for the cross-field rules, named like `parseInput` names them. */
export function crossFieldErrors(document: ScholarshipDocument): FieldError[] {
  return crossFieldIssues(document).map((issue) => ({
    field: ['body', ...issue.path].join('.'),
    message: issue.message,
  }));
}
