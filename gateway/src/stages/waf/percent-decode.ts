const HEX_ESCAPE = /%[0-9a-fA-F]{2}/;
const ESCAPE_RUN = /(?:%[0-9a-fA-F]{2})+/g;
const STRAY_PERCENT = /%(?![0-9a-fA-F]{2})/;
const utf8 = new TextDecoder('utf-8');

export interface DecodedText {
  text: string;
  /** A `%` not followed by two hex digits, or escaped bytes that are not valid UTF-8. */
  malformed: boolean;
}

/**
 * Percent-decodes `raw` once (RFC 3986 §2.1) without throwing: each run of escapes is decoded as
 * UTF-8, invalid bytes become U+FFFD and a stray `%` stays, so a malformed value is still
 * inspected. With `plusIsSpace`, `+` decodes to a space, as in form-encoded query strings.
 */
export function percentDecode(raw: string, plusIsSpace: boolean): DecodedText {
  const spaced = plusIsSpace && raw.includes('+') ? raw.replace(/\+/g, ' ') : raw;
  if (!spaced.includes('%')) return { text: spaced, malformed: false };
  let malformed = STRAY_PERCENT.test(spaced);
  const text = spaced.replace(ESCAPE_RUN, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let index = 0; index < bytes.length; index += 1) {
      bytes[index] = Number.parseInt(run.slice(index * 3 + 1, index * 3 + 3), 16);
    }
    const decoded = utf8.decode(bytes);
    if (decoded.includes('\ufffd')) malformed = true;
    return decoded;
  });
  return { text, malformed };
}

/** Whether `text` still contains a percent escape after decoding, i.e. was encoded twice. */
export function hasPercentEscape(text: string): boolean {
  return HEX_ESCAPE.test(text);
}
