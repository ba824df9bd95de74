import type { z } from 'zod';

/**
 * A UTF-16 surrogate outside a pair. JSON can spell one (`"\ud800"`), but it encodes no
 * character: PostgreSQL's jsonb rejects the escape, and Node.js sends U+FFFD for it in a text
 * parameter.
 */
const UNPAIRED_SURROGATE = /\p{Cs}/u;
/** Any control character, e.g. NUL, BEL or ESC. */
const CONTROL = /\p{Cc}/u;
/** A control character other than line feed, carriage return and tab. */
const CONTROL_BUT_LINE_BREAKS = /(?![\n\r\t])\p{Cc}/u;
/** The line and paragraph separators U+2028 and U+2029, which break a line where they stand. */
const LINE_SEPARATOR = /[\p{Zl}\p{Zp}]/u;
/**
 * The bidirectional overrides U+202D and U+202E. They force the direction of the text after them,
 * so a name can display differently from what it contains. Embeddings and isolates, which
 * right-to-left text uses to hold a Latin name, are kept.
 */
const BIDI_OVERRIDE = /[\u202D\u202E]/u;
/** A character that shows: not white space, a format character such as U+200B, or a mark. */
const VISIBLE = /[^\p{White_Space}\p{Cf}\p{M}]/u;

/**
 * Removes soft hyphens (U+00AD). Text copied from a page that hyphenates words keeps them inside
 * the words, where they do not show, and PostgreSQL's text search parser splits a word at one: a
 * keyword such as `nurs\u00ADing` would look for `nurs` and `ing`.
 */
export function withoutSoftHyphens(text: string): string {
  return text.replaceAll('\u00AD', '');
}

/** Adds the checks of one-line text, such as a name: well-formed, with no control character. */
export function singleLineText<Schema extends z.ZodType<string>>(schema: Schema): Schema {
  return wellFormed(schema).refine((value) => !CONTROL.test(value), {
    error: 'must not contain control characters',
  });
}

/**
 * Adds the checks of stored one-line text that people read, such as a scholarship's name. It
 * must display as one line with what it contains: no line or paragraph separator, no
 * bidirectional override, and, unless empty, a character that shows.
 */
export function visibleText<Schema extends z.ZodType<string>>(schema: Schema): Schema {
  return schema
    .refine((value) => !LINE_SEPARATOR.test(value), {
      error: 'must not contain a line or paragraph separator (U+2028, U+2029)',
    })
    .refine((value) => !BIDI_OVERRIDE.test(value), {
      error:
        'must not contain the bidirectional overrides U+202D or U+202E, which reorder text on screen',
    })
    .refine((value) => value === '' || VISIBLE.test(value), {
      error: 'must contain a visible character, not only spaces or invisible ones such as U+200B',
    });
}

/**
 * Adds the checks of text that may span lines, such as a description: well-formed, with line
 * breaks and tabs but no other control character.
 */
export function multiLineText<Schema extends z.ZodType<string>>(schema: Schema): Schema {
  return wellFormed(schema).refine((value) => !CONTROL_BUT_LINE_BREAKS.test(value), {
    error: 'must not contain control characters other than line breaks and tabs',
  });
}

function wellFormed<Schema extends z.ZodType<string>>(schema: Schema): Schema {
  return schema.refine((value) => !UNPAIRED_SURROGATE.test(value), {
    error: 'must be well-formed Unicode: it contains an unpaired surrogate such as \\ud800',
  });
}
