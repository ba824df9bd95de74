/**
 * Parses one number as written in the award texts. Commas and dots are read
 * by position: `5,000` and `5.000` are both five thousand, `1500.00` and
 * `3579,25` have decimals, `5.263,50` is European and `125 000` uses spaces.
 * Returns `null` when the digits fit none of these shapes.
 */
export function parseAmountNumber(raw: string): number | null {
  const text = raw.trim();
  if (/^\d{1,3}(?: \d{3})+$/.test(text)) return Number(text.replace(/ /g, ''));
  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    const decimalMark = lastComma > lastDot ? ',' : '.';
    return withDecimalMark(text, decimalMark);
  }
  if (lastComma >= 0) return withSingleSeparator(text, ',');
  if (lastDot >= 0) return withSingleSeparator(text, '.');
  return /^\d+$/.test(text) ? Number(text) : null;
}

function withDecimalMark(text: string, decimalMark: ',' | '.'): number | null {
  const groupMark = decimalMark === ',' ? '.' : ',';
  const [whole = '', fraction = ''] = text.split(decimalMark);
  const groups = whole.split(groupMark);
  const validGroups = groups.slice(1).every((group) => group.length === 3);
  if (!validGroups || !/^\d+$/.test(fraction)) return null;
  return Number(`${groups.join('')}.${fraction}`);
}

/** One kind of separator: groups of exactly three digits are thousands, otherwise it is a decimal mark. */
function withSingleSeparator(text: string, separator: ',' | '.'): number | null {
  const parts = text.split(separator);
  const [head = ''] = parts;
  const tail = parts.slice(1);
  if (head.length <= 3 && tail.length > 0 && tail.every((group) => group.length === 3)) {
    return Number(parts.join(''));
  }
  if (parts.length === 2 && tail[0] !== undefined && /^\d{1,2}$/.test(tail[0])) {
    return Number(`${head}.${tail[0]}`);
  }
  return null;
}
