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

/** Adds the checks of one-line text, such as a name: well-formed, with no control character. */
export function singleLineText<Schema extends z.ZodType<string>>(schema: Schema): Schema {
  return wellFormed(schema).refine((value) => !CONTROL.test(value), {
    error: 'must not contain control characters',
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
