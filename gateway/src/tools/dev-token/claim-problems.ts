import { ROLE_PATTERN, ROLE_RULE, SUBJECT_PATTERN, SUBJECT_RULE } from '../../stages/auth';

/**
 * Checks a subject against the gateway's `SUBJECT_PATTERN` and returns why it fails, or undefined
 * when the gateway accepts it. The subject is not repeated, because it can be long.
 */
export function subjectProblem(subject: string): string | undefined {
  if (SUBJECT_PATTERN.test(subject)) return undefined;
  const characters = [...subject];
  if (characters.length === 0) return `it is empty. A subject must be ${SUBJECT_RULE}`;

  // A character that the pattern rejects even between two letters is never allowed.
  const rejected = characters.find((character) => !SUBJECT_PATTERN.test(`a${character}a`));
  let problem: string;
  if (rejected !== undefined) {
    problem = `it contains ${describeCharacter(rejected)}`;
  } else if (!SUBJECT_PATTERN.test(characters[0] ?? '')) {
    problem = `it starts with ${describeCharacter(characters[0] ?? '')}`;
  } else if (!SUBJECT_PATTERN.test(characters.at(-1) ?? '')) {
    problem = `it ends with ${describeCharacter(characters.at(-1) ?? '')}`;
  } else {
    // Every character is allowed at its position, so only the length can break the pattern.
    problem = `it is ${characters.length} characters long`;
  }
  return `${problem}. A subject must be ${SUBJECT_RULE}`;
}

/**
 * Checks each role against the gateway's `ROLE_PATTERN` and returns why the first invalid one
 * fails, or undefined when the gateway accepts them all.
 */
export function rolesProblem(roles: readonly string[]): string | undefined {
  const invalid = roles.find((role) => !ROLE_PATTERN.test(role));
  if (invalid === undefined) return undefined;

  const rejected = [...invalid].find((character) => !ROLE_PATTERN.test(character));
  const problem =
    rejected === undefined
      ? `is ${[...invalid].length} characters long`
      : `contains ${describeCharacter(rejected)}`;
  return `the role ${JSON.stringify(invalid)} ${problem}. Each role must be ${ROLE_RULE}`;
}

/** Names a character by its code point, and shows it as well when it is visible. */
function describeCharacter(character: string): string {
  const codePoint = `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  if (character === ' ') return `a space (${codePoint})`;
  if (/^[\p{L}\p{N}\p{P}\p{S}]$/u.test(character)) return `"${character}" (${codePoint})`;
  return codePoint;
}
