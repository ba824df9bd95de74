/**
 * Currency markers found in the award texts, mapped to ISO 4217 codes. The
 * patterns are tried in order, so the specific dollar forms (`CAD$`, `NZ$`,
 * `HK$`, `AUS$`) win over the plain US forms. A bare `$` is handled
 * separately because a specific marker next to it overrides it. No marker
 * may run into a following letter, so `SEK` does not match "seeking".
 */
const CURRENCY_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(?:CAD\$?|C\$|Canadian dollars?)(?![a-z])/i, 'CAD'],
  [/^(?:NZD?\s?\$|\$NZ|NZD)(?![a-z])/i, 'NZD'],
  [/^(?:HK\$|HKD|HK dollars?)(?![a-z])/i, 'HKD'],
  [/^(?:AUD\$?|AUS?\s?\$|AUS|AU dollars?|Australian dollars?)(?![a-z])/i, 'AUD'],
  [/^(?:USD\$?|US\s?\$|U\.S\.(?: dollars?)?|US dollars?|dollars?)(?![a-z])/i, 'USD'],
  [/^(?:€|EUR|euros?)(?![a-z])/i, 'EUR'],
  [/^(?:£|GBP|pounds?)(?![a-z])/i, 'GBP'],
  [/^CHF(?![a-z])/i, 'CHF'],
  [/^SEK(?![a-z])/i, 'SEK'],
  // RUR was the rouble's code until the 1998 redenomination, when RUB replaced it.
  [/^(?:RUR|RUB|rubles?|roubles?)(?![a-z])/i, 'RUB'],
  [/^(?:bahts?|THB)(?![a-z])/i, 'THB'],
  [/^(?:yen|JPY)(?![a-z])/i, 'JPY'],
  [/^(?:KRW|won)(?![a-z])/i, 'KRW'],
  [/^HUF(?![a-z])/i, 'HUF'],
  [/^INR(?![a-z])/i, 'INR'],
  // GHC was the cedi's code until the 2007 redenomination, when GHS replaced it.
  [/^(?:GHC|GHS)(?![a-z])/i, 'GHS'],
  [/^(?:rupiah|ruphiah|IDR)(?![a-z])/i, 'IDR'],
];

/** A bare `$` names no country. It reads as US dollars unless a specific marker is next to it. */
const BARE_DOLLAR = /^\$/;

/** A currency marker found next to a number. */
export interface CurrencyMarker {
  code: string;
  /** Characters the marker spans. */
  length: number;
  /** False for a bare `$`, which a specific marker next to it overrides. */
  specific: boolean;
}

/** Returns the currency marker at the start of `text`, or `null`. */
export function currencyAtStart(text: string): CurrencyMarker | null {
  for (const [pattern, code] of CURRENCY_PATTERNS) {
    const match = pattern.exec(text);
    if (match) return { code, length: match[0].length, specific: true };
  }
  return BARE_DOLLAR.test(text) ? { code: 'USD', length: 1, specific: false } : null;
}

/** Returns the currency marker that ends `text` exactly, such as `EUR ` or `US$`, or `null`. */
export function currencyAtEnd(text: string): CurrencyMarker | null {
  const trimmed = text.trimEnd();
  const firstStart = Math.max(0, trimmed.length - 20);
  for (let start = firstStart; start < trimmed.length; start += 1) {
    const tail = trimmed.slice(start);
    const marker = currencyAtStart(tail);
    const isWordStart = start === 0 || !/[A-Za-z]/.test(trimmed[start - 1] ?? '');
    if (marker && marker.length === tail.length && isWordStart) {
      return { ...marker, length: text.length - start };
    }
  }
  return null;
}
