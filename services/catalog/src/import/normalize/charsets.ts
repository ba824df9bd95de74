/**
 * Single-byte code pages that UTF-8 text was wrongly decoded with in the source
 * files. Each table lists the characters for bytes 0x80 to 0xFF, because bytes
 * below 0x80 are ASCII in both.
 */

/** Mac OS Roman with 0xDB as the euro sign, equal to ICU's `macintosh` decoder (checked by a test). */
const MAC_ROMAN_HIGH =
  'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø' +
  '¿¡¬√ƒ≈∆«»…\u00a0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uf8ffÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ';

/**
 * Windows-1252 bytes 0x80 to 0x9F. The five bytes that Windows-1252 leaves
 * undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) are empty strings. Bytes 0xA0 to
 * 0xFF equal Latin-1.
 */
const WINDOWS_1252_C1 = [
  '€',
  '',
  '‚',
  'ƒ',
  '„',
  '…',
  '†',
  '‡',
  'ˆ',
  '‰',
  'Š',
  '‹',
  'Œ',
  '',
  'Ž',
  '',
  '',
  '‘',
  '’',
  '“',
  '”',
  '•',
  '–',
  '—',
  '˜',
  '™',
  'š',
  '›',
  'œ',
  '',
  'ž',
  'Ÿ',
];

/** A code page as two lookups between bytes and characters. */
export interface CodePage {
  charOf(byte: number): string | undefined;
  byteOf(char: string): number | undefined;
}

function buildCodePage(highChars: readonly string[]): CodePage {
  const byteByChar = new Map<string, number>();
  highChars.forEach((char, index) => {
    if (char !== '') byteByChar.set(char, 0x80 + index);
  });
  return {
    charOf(byte) {
      if (byte < 0x80) return String.fromCharCode(byte);
      const char = highChars[byte - 0x80];
      return char === '' ? undefined : char;
    },
    byteOf(char) {
      const code = char.charCodeAt(0);
      if (char.length === 1 && code < 0x80) return code;
      return byteByChar.get(char);
    },
  };
}

function latin1High(): string[] {
  return Array.from({ length: 0x60 }, (_, index) => String.fromCharCode(0xa0 + index));
}

export const MAC_ROMAN: CodePage = buildCodePage([...MAC_ROMAN_HIGH]);
export const WINDOWS_1252: CodePage = buildCodePage([...WINDOWS_1252_C1, ...latin1High()]);

/** Characters of bytes 0x80 to 0xFF in Mac OS Roman, for tests against other decoders. */
export const MAC_ROMAN_HIGH_CHARS = MAC_ROMAN_HIGH;
