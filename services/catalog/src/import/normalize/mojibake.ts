import { type CodePage, MAC_ROMAN, WINDOWS_1252 } from './charsets';

type ByteLookup = (char: string) => number | undefined;

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const REPLACEMENT_CHARACTER = '\ufffd';
/** Windows-1252 leaves 0x9D undefined, so the exports that produced the helios text lost it. */
const LOST_BYTE = 0x9d;

/** UTF-8 text decoded once as Mac OS Roman: `’` (E2 80 99) reads as `‚Äô`. */
const viaMacRoman: ByteLookup = (char) => MAC_ROMAN.byteOf(char);

/**
 * UTF-8 text decoded as Windows-1252, encoded as Mac OS Roman and decoded as
 * Windows-1252 again: `–` (E2 80 93) reads as `‰ÛÒ` and `™` as `‰ã¢`.
 * A byte lost on the way shows as U+FFFD and is assumed to be 0x9D, which
 * makes `‰Û�` the closing quote `”`.
 */
const viaWindows1252AndMacRoman: ByteLookup = (char) => {
  if (char === REPLACEMENT_CHARACTER) return LOST_BYTE;
  return roundTrip(char, WINDOWS_1252, MAC_ROMAN);
};

function roundTrip(char: string, outer: CodePage, inner: CodePage): number | undefined {
  const outerByte = outer.byteOf(char);
  if (outerByte === undefined) return undefined;
  const innerChar = inner.charOf(outerByte);
  return innerChar === undefined ? undefined : outer.byteOf(innerChar);
}

function sequenceLength(leadByte: number): number {
  if (leadByte >= 0xc2 && leadByte <= 0xdf) return 2;
  if (leadByte >= 0xe0 && leadByte <= 0xef) return 3;
  if (leadByte >= 0xf0 && leadByte <= 0xf4) return 4;
  return 0;
}

/**
 * Accepts a decoded sequence only when it is a Latin-1 or Latin Extended-A
 * letter, general punctuation, `€` or `™`. This keeps real accented text such
 * as `Telefónica` unchanged.
 */
function isPlausible(decoded: string): boolean {
  for (const char of decoded) {
    const code = char.codePointAt(0) ?? 0;
    const latin = code >= 0xa0 && code <= 0x17f;
    const punctuation = code >= 0x2000 && code <= 0x206f;
    if (!latin && !punctuation && code !== 0x20ac && code !== 0x2122) return false;
  }
  return true;
}

/** Decodes the UTF-8 sequence that starts at `chars[start]`, or returns undefined. */
function decodeAt(chars: readonly string[], start: number, byteOf: ByteLookup) {
  const first = chars[start];
  if (first === undefined || first.charCodeAt(0) < 0x80) return undefined;
  const lead = byteOf(first);
  const length = lead === undefined ? 0 : sequenceLength(lead);
  if (lead === undefined || length === 0) return undefined;
  const bytes = [lead];
  for (let offset = 1; offset < length; offset += 1) {
    const char = chars[start + offset];
    const byte = char === undefined || char.charCodeAt(0) < 0x80 ? undefined : byteOf(char);
    if (byte === undefined || byte < 0x80 || byte > 0xbf) return undefined;
    bytes.push(byte);
  }
  try {
    const decoded = UTF8.decode(Uint8Array.from(bytes));
    return isPlausible(decoded) ? { decoded, length } : undefined;
  } catch {
    return undefined;
  }
}

function repairWith(text: string, byteOf: ByteLookup): string {
  const chars = [...text];
  let output = '';
  let index = 0;
  while (index < chars.length) {
    const repair = decodeAt(chars, index, byteOf);
    if (repair) {
      output += repair.decoded;
      index += repair.length;
    } else {
      output += chars[index];
      index += 1;
    }
  }
  return output;
}

/**
 * Repairs the two kinds of mis-decoded UTF-8 found in the data sets and leaves
 * other text unchanged. The Mac OS Roman kind is repaired first because its
 * `‚Ä` pairs would otherwise also decode under the second kind.
 */
export function repairMojibake(text: string): string {
  if (!/[\u0080-\uffff]/.test(text)) return text;
  return repairWith(repairWith(text, viaMacRoman), viaWindows1252AndMacRoman);
}
