import { repairMojibake } from './mojibake';
import { isNoValue } from './sentinel';

/** Control characters other than line breaks and tabs, which no text field keeps. */
const STRAY_CONTROLS = /(?![\n\r\t])\p{Cc}/gu;

/**
 * Cleans free text: repairs mojibake, removes control characters other than
 * line breaks and tabs, turns CRLF into LF, collapses runs of spaces and
 * tabs, trims every line and drops runs of blank lines. Returns `null` for
 * empty text and for no-value sentinels such as `N/A`.
 */
export function cleanText(value: string | null | undefined): string | null {
  if (isNoValue(value) || value === null || value === undefined) return null;
  const lines = repairMojibake(value)
    .replace(STRAY_CONTROLS, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim());
  const text = lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return text === '' ? null : text;
}

/** Cleans a one-line value such as a name: like `cleanText`, with line breaks turned into spaces. */
export function cleanLine(value: string | null | undefined): string | null {
  const text = cleanText(value);
  return text === null ? null : text.replace(/\s*\n\s*/g, ' ');
}

/** Removes the literal `Sponsor: ` prefix that the IEFA scrape put before every sponsor name. */
export function stripSponsorPrefix(value: string): string {
  return value.replace(/^\s*Sponsor:\s*/i, '');
}
