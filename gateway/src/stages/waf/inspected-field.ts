import type { RequestView } from '../../edge';
import { type DecodedText, hasPercentEscape, percentDecode } from './percent-decode';
import type { WafTarget } from './waf-rule';

/** One value of the request as the pattern rules see it. */
export interface InspectedField {
  readonly target: WafTarget;
  /** Origin of the value, e.g. `path`, `query.q`, `body.profile.essay`, `header.referer`. */
  readonly location: string;
  /** Lower-case header name, for the `header` target. */
  readonly header?: string;
  /** The value as received: percent-encoded for the path and query, JSON-decoded for the body. */
  readonly raw: string;
  /** The value decoded once (percent-decoding; JSON escapes for the body). */
  readonly value: string;
  /**
   * The value percent-decoded up to two more times while escapes remain, for double-encoding
   * attacks such as `%252e%252e%252f`; undefined when `value` has no escape.
   */
  readonly secondDecode: string | undefined;
  /** Malformed percent-encoding or invalid UTF-8. */
  readonly malformed: boolean;
}

/** Maximum key length kept in a location, so a huge JSON key cannot bloat the problem document. */
const MAX_LOCATION_KEY = 64;
/** Fullwidth forms (U+FF01 to U+FF5E) that NFKC folds to ASCII, e.g. `＜` to `<`. */
const FULLWIDTH = /[\uff01-\uff5e]/;

function createField(
  target: WafTarget,
  location: string,
  raw: string,
  decodeRaw: boolean,
  header?: string,
): InspectedField {
  const first = decodeRaw
    ? percentDecode(raw, target === 'query')
    : { text: raw, malformed: false };
  const value = FULLWIDTH.test(first.text) ? first.text.normalize('NFKC') : first.text;
  const second = hasPercentEscape(value) ? decodeAgain(value) : undefined;
  const field = {
    target,
    location,
    raw,
    value,
    secondDecode: second?.text,
    malformed: first.malformed || (second?.malformed ?? false),
  };
  return header === undefined ? field : { ...field, header };
}

/** Decodes up to two more rounds; an attacker who encodes three times gains nothing more. */
function decodeAgain(value: string): DecodedText {
  const once = percentDecode(value, false);
  if (!hasPercentEscape(once.text)) return once;
  const twice = percentDecode(once.text, false);
  return { text: twice.text, malformed: once.malformed || twice.malformed };
}

export function pathField(view: RequestView): InspectedField {
  return createField('path', 'path', view.path, true);
}

/** Splits the query into parameter names and values on `&` and `=`, as forms encode them. */
export function queryFields(view: RequestView): InspectedField[] {
  if (view.rawQuery === '') return [];
  const fields: InspectedField[] = [];
  for (const pair of view.rawQuery.split('&')) {
    if (pair === '') continue;
    const separator = pair.indexOf('=');
    const rawName = separator < 0 ? pair : pair.slice(0, separator);
    const name = createField('query', 'query', rawName, true);
    fields.push(name);
    if (separator >= 0) {
      const location = `query.${name.value.slice(0, MAX_LOCATION_KEY)}`;
      fields.push(createField('query', location, pair.slice(separator + 1), true));
    }
  }
  return fields;
}

export function headerFields(view: RequestView, names: readonly string[]): InspectedField[] {
  const fields: InspectedField[] = [];
  for (const name of names) {
    const value = view.headers[name];
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      fields.push(createField('header', `header.${name}`, item, false, name));
    }
  }
  return fields;
}

/**
 * Collects every key and string value of a parsed JSON body. It walks with an explicit stack, so
 * deep nesting cannot overflow the call stack.
 */
export function bodyFields(parsed: unknown): InspectedField[] {
  const fields: InspectedField[] = [];
  const stack: [unknown, string][] = [[parsed, 'body']];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const [value, location] = entry;
    if (typeof value === 'string') {
      fields.push(createField('body', location, value, false));
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index -= 1) {
        stack.push([value[index], `${location}[${index}]`]);
      }
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        const childLocation = `${location}.${key.slice(0, MAX_LOCATION_KEY)}`;
        fields.push(createField('body', childLocation, key, false));
        stack.push([child, childLocation]);
      }
    }
  }
  return fields;
}
