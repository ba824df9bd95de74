import type { PatternRule, WafTarget } from '../waf-rule';

const TARGETS: readonly WafTarget[] = ['path', 'query', 'body', 'header'];

function xss(id: string, score: number, description: string, pattern: RegExp): PatternRule {
  return { id, category: 'xss', score, description, targets: TARGETS, pattern };
}

/** `javascript` with any whitespace between its letters, which browsers strip from URLs. */
const SCRIPT_SCHEME = /\b(?:j\s*a\s*v\s*a|v\s*b|l\s*i\s*v\s*e)\s*s\s*c\s*r\s*i\s*p\s*t\s*:/;

/**
 * Cross-site scripting. The API serves JSON, but values are shown by frontends, so markup that
 * would run script is blocked. Text that only mentions HTML or JavaScript (e.g. the book
 * "JavaScript: The Good Parts") stays below the threshold.
 */
export const XSS_RULES: readonly PatternRule[] = [
  xss('xss-script-tag', 5, 'a script element', /<\s*(?:\/\s*)?script\b/i),
  xss(
    'xss-event-handler-tag',
    5,
    'an element with an event-handler attribute',
    /<[a-z][\w:-]*[\s/][^>]{0,200}?\bon[a-z]{3,}\s*=/i,
  ),
  xss(
    'xss-attribute-breakout',
    5,
    'a quote that closes an attribute followed by an event handler',
    /['"][^'"<>]{0,40}?[\s/]on[a-z]{3,}\s*=/i,
  ),
  xss(
    'xss-script-uri',
    5,
    'a javascript: or vbscript: URI followed by code',
    new RegExp(`${SCRIPT_SCHEME.source}\\s*(?:[\\w$]+\\s*[(\\[.=\`]|//|/\\*|\\(|'|")`, 'i'),
  ),
  xss(
    'xss-active-element',
    4,
    'an element that can load or run content',
    /<\s*(?:iframe|frame|frameset|object|embed|applet|meta|base|link|style|svg|math|form|isindex|marquee|template|img|image|video|audio|body|details|input|button|textarea|keygen|xss)\b/i,
  ),
  xss(
    'xss-url-attribute',
    2,
    'an element with a URL-valued attribute',
    // The window of 200 characters starts after the whole tag name, however long. The lookahead
    // keeps the engine from retrying shorter tag names, which would take quadratic time.
    /<[a-z]+(?![a-z])[^>]{0,200}?\b(?:src|href|data|action|formaction|srcdoc|xlink:href|background|poster)\s*=/i,
  ),
  xss(
    'xss-data-uri',
    5,
    'a data: URI with HTML or script content',
    /\bdata\s*:\s*(?:text\/html|image\/svg\+xml|application\/(?:x-)?(?:javascript|ecmascript)|text\/javascript)\s*[;,]/i,
  ),
  xss(
    'xss-dom-access',
    4,
    'script access to cookies, the document or the location',
    /\bdocument\s*\.\s*(?:cookie|domain|write(?:ln)?|location)\b|\bwindow\s*\.\s*(?:location|name|open)\b|\.\s*innerhtml\s*=|\blocalstorage\s*\.\s*getitem|\bstring\s*\.\s*fromcharcode\s*\(|\batob\s*\(\s*['"]/i,
  ),
  xss(
    'xss-dialog-call',
    3,
    'a call to alert, prompt, confirm or eval with a literal',
    /\b(?:alert|prompt|confirm|eval)\s*(?:\(|`)\s*(?:\d|['"`/]|document|window|this|string)/i,
  ),
  xss(
    'xss-css-script',
    4,
    'a CSS expression or script URL',
    /\bexpression\s*\(|\burl\s*\(\s*(?:['"]\s*)?javascript:|-moz-binding\s*:|behavior\s*:\s*url/i,
  ),
  xss(
    'xss-encoded-tag',
    5,
    'a script-capable element hidden behind HTML entities or escape sequences',
    /(?:&lt;|&#0*60;?|&#x0*3c;?|\\u003c|\\x3c)\s*(?:\/\s*)?(?:script|img|svg|iframe|body|object|embed)\b/i,
  ),
  xss(
    'xss-encoded-markup',
    3,
    'angle brackets hidden behind HTML entities or escape sequences',
    /&#(?:x0*(?:3c|3e)|0*(?:60|62));?|\\u003[ce]|\\x3[ce]/i,
  ),
  xss(
    'xss-template-injection',
    5,
    'a client-side template expression that reaches the constructor or eval',
    // The window ends at the next `{{`, so that a long run of them costs linear time. No keyword
    // starts with `{`, so the nearest `{{` before a keyword matches whenever an earlier one would.
    /\{\{(?:[^{}]|\{(?!\{)){0,100}?(?:constructor|\$eval|\$on|alert\s*\(|__proto__|\[\s*['"]constructor)/i,
  ),
  xss('xss-tag', 2, 'an HTML tag', /<\s*[a-z][a-z0-9-]*(?:\s[^>]{0,200})?\/?>/i),
];
