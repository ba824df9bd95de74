import { z } from 'zod';

/**
 * Accepts a query parameter given once. Express parses a repeated parameter into an array, which
 * gets "must be given only once"; a missing one gets `missing` when that is given.
 */
export function singleText(missing = 'is required') {
  return z.string({
    error: (issue) => {
      if (issue.input === undefined) return missing;
      return Array.isArray(issue.input) ? 'must be given only once' : 'must be a text value';
    },
  });
}
