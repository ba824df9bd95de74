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
 * Bidirectional embedding, override and isolate controls (U+202A to U+202E, U+2066 to U+2069).
 * They reorder the text after them on screen, so a name can display differently from what it
 * contains.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
/** A character that shows: not white space, a format character such as U+200B, or a mark. */
const VISIBLE = /[^\p{White_Space}\p{Cf}\p{M}]/u;

/**
 * Adds the checks of one-line text, such as a name: well-formed, with no control character, line
 * separator or bidirectional control.
 */
export function singleLineText<Schema extends z.ZodType<string>>(schema: Schema): Schema {
  return withoutBidiControls(wellFormed(schema))
    .refine((value) => !CONTROL.test(value), {
      error: 'must not contain control characters',
    })
    .refine((value) => !LINE_SEPARATOR.test(value), {
      error: 'must not contain a line or paragraph separator (U+2028, U+2029)',
    });
}

/**
 * Adds the check of stored text that people read, such as a name: unless empty, it has a
 * character that shows, so that it cannot look empty.
 */
export function visibleText<Schema extends z.ZodType<string>>(schema: Schema): Schema {
  return schema.refine((value) => value === '' || VISIBLE.test(value), {
    error: 'must contain a visible character, not only spaces or invisible ones such as U+200B',
  });
}

/**
 * Adds the checks of text that may span lines, such as a description: well-formed, with line
 * breaks and tabs but no other control character.
 */
export function multiLineText<Schema extends z.ZodType<string>>(schema: Schema): Schema {
  return withoutBidiControls(wellFormed(schema)).refine(
    (value) => !CONTROL_BUT_LINE_BREAKS.test(value),
    { error: 'must not contain control characters other than line breaks and tabs' },
  );
}

function withoutBidiControls<Schema extends z.ZodType<string>>(schema: Schema): Schema {
  return schema.refine((value) => !BIDI_CONTROL.test(value), {
    error: 'must not contain bidirectional controls such as U+202E, which reorder text on screen',
  });
}

function wellFormed<Schema extends z.ZodType<string>>(schema: Schema): Schema {
  return schema.refine((value) => !UNPAIRED_SURROGATE.test(value), {
    error: 'must be well-formed Unicode: it contains an unpaired surrogate such as \\ud800',
  });
}
