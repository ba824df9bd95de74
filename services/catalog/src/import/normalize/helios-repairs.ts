/**
 * The helios author replaced some words across the whole file with the
 * matching major lists, so descriptions read "Asian Women In Finance,
 * Entrepreneurship,...,Marketing Scholarship" where "Business" stood, "an
 * Current Undergraduate student" where "undergraduate" stood, and one
 * description repeats the engineering majors many times over. These repairs
 * put the original words back.
 */
const BUSINESS_EXPANSION =
  'Finance,Entrepreneurship,Business,Business Administration,Accounting,International Business,Economics,Marketing';
const ENGINEERING_KINDS =
  '(?:Biomedical|Chemical|Electrical|Nuclear|Civil|General|Mechanical|Software|Aerospace)';
/** Three or more comma-joined engineering majors, each possibly prefixed by more kinds. */
const ENGINEERING_EXPANSION = new RegExp(
  `(?:${ENGINEERING_KINDS} )+Engineering(?:,(?:${ENGINEERING_KINDS} )*Engineering){2,},?`,
  'g',
);

/** Undoes the helios find-and-replace damage in a name or description. */
export function repairHeliosText(text: string): string {
  return text
    .split(BUSINESS_EXPANSION)
    .join('Business')
    .replace(/\bCurrent Undergraduate\b/g, 'undergraduate')
    .replace(ENGINEERING_EXPANSION, (match) =>
      match.endsWith(',') ? 'engineering, ' : 'engineering',
    );
}
