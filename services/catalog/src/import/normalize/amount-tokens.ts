import { parseAmountNumber } from './amount-number';
import { type CurrencyMarker, currencyAtEnd, currencyAtStart } from './currency';

/** A number found in an award text, with the currency written next to it. */
export interface AmountToken {
  value: number;
  currency: string | null;
  /** False when the currency came from a bare `$` or from nothing. */
  specificCurrency: boolean;
  /** Start of the token including a currency marker before the number. */
  start: number;
  /** End of the token including a currency marker or scale word after the number. */
  end: number;
  /** True for percentages (`50%`, `60 percent`), which are shares of tuition, not amounts. */
  percent: boolean;
}

/** Digits with optional thousands groups (comma, dot or space) and optional decimals. */
const NUMBER = /\d{1,3}(?:[ ,.]\d{3})+(?:[.,]\d{1,2})?(?!\d)|\d+(?:[.,]\d{1,2})?(?!\d)/g;
const SCALE = /^\s?(?:(k)\b|(million)\b)/i;
const RANGE_SEPARATOR = /^\s*(?:-|–|—|~|to)\s*$/i;

/** Picks the marker after the number when it is specific (`$10,000 Canadian Dollars`), else the one before. */
function pickMarker(before: CurrencyMarker | null, after: CurrencyMarker | null) {
  if (after?.specific || !before) return after;
  return before;
}

/**
 * Returns the currency marker after a number, skipping spaces and a rate such
 * as `/year` when a specific marker follows it (`$13,800/year Canadian dollars`).
 */
function currencyAfter(afterText: string): (CurrencyMarker & { offset: number }) | null {
  const spaces = afterText.length - afterText.trimStart().length;
  const direct = currencyAtStart(afterText.slice(spaces));
  if (direct) return { ...direct, offset: spaces };
  const rate = /^\s*\/\s*(?:year|yr|month|semester)\s*/i.exec(afterText);
  const afterRate = rate ? currencyAtStart(afterText.slice(rate[0].length)) : null;
  return rate && afterRate?.specific ? { ...afterRate, offset: rate[0].length } : null;
}

/** Finds the numbers of an award text in order, each with its currency and span. */
export function findAmountTokens(text: string): AmountToken[] {
  const tokens: AmountToken[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(NUMBER)) {
    const numberStart = match.index;
    const parsed = parseAmountNumber(match[0]);
    if (parsed === null || numberStart < previousEnd) continue;
    let end = numberStart + match[0].length;
    const scale = SCALE.exec(text.slice(end));
    let value = parsed;
    if (scale) {
      value *= scale[1] ? 1_000 : 1_000_000;
      end += scale[0].length;
    }
    const before = currencyAtEnd(text.slice(previousEnd, numberStart));
    const afterText = text.slice(end);
    const after = currencyAfter(afterText);
    const marker = pickMarker(before, after);
    const percent = /^\s*(?:%|percent\b)/i.test(afterText) || text[numberStart - 1] === '%';
    if (after) end += after.offset + after.length;
    const start = before ? numberStart - before.length : numberStart;
    tokens.push({
      value,
      currency: marker?.code ?? null,
      specificCurrency: marker?.specific ?? false,
      start,
      end,
      percent,
    });
    previousEnd = end;
  }
  return shareCurrencyAcrossRanges(text, tokens);
}

/** Gives both ends of a range (`1,000- 4,800 GBP`, `AUS$37,345-$45,362`) the range's specific currency. */
function shareCurrencyAcrossRanges(text: string, tokens: AmountToken[]): AmountToken[] {
  const result = tokens.map((token) => ({ ...token }));
  for (let index = 0; index + 1 < result.length; index += 1) {
    const left = result[index];
    const right = result[index + 1];
    if (!left || !right || !RANGE_SEPARATOR.test(text.slice(left.end, right.start))) continue;
    const donor =
      [left, right].find((token) => token.specificCurrency) ?? (left.currency ? left : right);
    for (const token of [left, right]) {
      if (!token.specificCurrency && donor.currency) {
        token.currency = donor.currency;
        token.specificCurrency = donor.specificCurrency;
      }
    }
  }
  return result;
}
