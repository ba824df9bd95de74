import type { AwardAmount } from '../types';
import { type AmountToken, findAmountTokens } from './amount-tokens';
import { cleanLine } from './text';

/** Award texts that carry no information at all, compared case-insensitively. */
const NO_AMOUNT_TEXTS = new Set(['', '0', '/', 'n/a', 'na', 'not available', 'unspecified']);

/** Words that may surround bare numbers without making them something other than an amount. */
const BARE_NUMBER_WORDS =
  /\b(?:up to|approx\.?|approximately|about|over|min(?:imum)?|max(?:imum)?|per|each|a|an|year|semester|month|annually)\b/gi;

const UPPER_BOUND_BEFORE = /\b(?:up to|maximum(?: value)?(?: of)?|max\.?)\s*$/i;
const UPPER_BOUND_AFTER = /^\s*(?:maximum|max)\b/i;
const LOWER_BOUND_BEFORE = /\b(?:over|more than|at least|min\.?|minimum(?: of)?)\s*$/i;
const LOWER_BOUND_AFTER = /^\s*(?:\+|(?:\/\s*[a-z]+\s*)?(?:minimum|min)\b)/i;

/** How to read a single figure: as the exact award, or as the maximum (the islt data set). */
export type SingleFigure = 'exact' | 'max';

/** Returns whether the text is only numbers, ranges and rate words, such as `up to 3500 per semester`. */
function isBareAmountText(text: string): boolean {
  const rest = text
    .replace(/\d[\d.,\s]*\d|\d/g, '')
    .replace(BARE_NUMBER_WORDS, '')
    .replace(/[-–~/\s]|\bto\b/gi, '');
  return rest === '';
}

/** Picks the tokens that state the award: those in the first currency named, else bare numbers. */
function selectTokens(text: string, tokens: readonly AmountToken[]): AmountToken[] {
  const amounts = tokens.filter((token) => !token.percent && token.value > 0);
  const firstCurrency = amounts.find((token) => token.currency !== null)?.currency;
  if (firstCurrency) return amounts.filter((token) => token.currency === firstCurrency);
  // NOTE: a bare number below 100 (`1`, `6`, `30`) reads as a count, not an amount, so it is dropped.
  return isBareAmountText(text) ? amounts.filter((token) => token.value >= 100) : [];
}

/** Reads one figure as an upper bound, a lower bound, or by the `singleFigure` rule. */
function singleBound(text: string, token: AmountToken, singleFigure: SingleFigure) {
  const before = text.slice(0, token.start);
  const after = text.slice(token.end);
  if (UPPER_BOUND_BEFORE.test(before) || UPPER_BOUND_AFTER.test(after)) {
    return { min: null, max: token.value };
  }
  if (LOWER_BOUND_BEFORE.test(before) || LOWER_BOUND_AFTER.test(after)) {
    return { min: token.value, max: null };
  }
  return singleFigure === 'max'
    ? { min: null, max: token.value }
    : { min: token.value, max: token.value };
}

/**
 * Splits a free-text award amount into numeric bounds and an ISO currency,
 * keeping the cleaned text. Handles ranges (`$5,000 - $12,500`,
 * `EUR 6,000 - EUR 24,000`), lists (`$450, $300, $200`), upper and lower
 * bounds (`up to $10,000`, `$6,000+`), conversions (`100,000 RUR=$2,800USD`
 * keeps the first currency) and texts without figures (`Varies`, `Full
 * Tuition`, `50% of tuition`), which keep only the text. A number with no
 * currency marker gives `currency: null`.
 */
export function parseAwardAmount(
  raw: string | null | undefined,
  singleFigure: SingleFigure = 'exact',
): AwardAmount {
  const text = cleanLine(raw);
  if (text === null || NO_AMOUNT_TEXTS.has(text.toLowerCase())) {
    return { min: null, max: null, currency: null, text: null };
  }
  // `$25, 000` in the data means 25,000, so the stray space goes before scanning.
  const scanned = text.replace(/(\d),\s+(\d{3})(?!\d)/g, '$1,$2');
  const tokens = selectTokens(scanned, findAmountTokens(scanned));
  const currency = tokens[0]?.currency ?? null;
  const [only] = tokens;
  if (only && tokens.length === 1) {
    return { ...singleBound(scanned, only, singleFigure), currency, text };
  }
  if (tokens.length === 0) return { min: null, max: null, currency: null, text };
  const values = tokens.map((token) => token.value);
  return { min: Math.min(...values), max: Math.max(...values), currency, text };
}
