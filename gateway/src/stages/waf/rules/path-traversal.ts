import type { PatternRule } from '../waf-rule';

/**
 * Path traversal and local file inclusion. The API's paths never contain dot segments, so one in
 * the path is blocked outright. In values a `../` is suspicious, but it only blocks together with
 * repetition, a sensitive file or a file scheme.
 */
export const PATH_TRAVERSAL_RULES: readonly PatternRule[] = [
  {
    id: 'traversal-dot-segment',
    category: 'path-traversal',
    score: 5,
    description: 'a `..` segment in the path',
    targets: ['path'],
    pattern: /(?:^|[\\/])\.\.(?:[\\/]|$)/,
  },
  {
    id: 'traversal-sequence',
    category: 'path-traversal',
    score: 4,
    description: 'a `../` or `..\\` sequence in a value',
    targets: ['query', 'body', 'header'],
    pattern: /\.\.[\\/]/,
  },
  {
    id: 'traversal-repeated',
    category: 'path-traversal',
    score: 5,
    description: 'repeated parent-directory sequences',
    targets: ['query', 'body', 'header'],
    // Exactly three dots, because a longer run matches when its last three dots do. With `\.{3,}`
    // the engine retried every dot of a long run from every start, which takes quadratic time.
    pattern: /(?:\.\.[\\/]){2,}|(?:[\\/]\.\.){2,}|\.{3}[\\/]{2}|(?:\.\.;[\\/])/,
  },
  {
    id: 'traversal-unix-file',
    category: 'path-traversal',
    score: 5,
    description: 'a sensitive Unix file',
    targets: ['path', 'query', 'body', 'header'],
    pattern:
      /\betc[\\/]+(?:passwd|shadow|group|hosts|sudoers|issue|crontab|ssh[\\/])|\bproc[\\/]+(?:self|\d+)[\\/]+(?:environ|cmdline|fd|maps|status|mounts)\b|\.ssh[\\/]+(?:id_[a-z0-9]+|authorized_keys|known_hosts)\b|\.(?:bash_history|htpasswd|git[\\/]+config)\b|\bvar[\\/]+(?:log|run|www)[\\/]|\broot[\\/]+\.[a-z]/i,
  },
  {
    id: 'traversal-windows-file',
    category: 'path-traversal',
    score: 5,
    description: 'a sensitive Windows file',
    targets: ['path', 'query', 'body', 'header'],
    pattern:
      /\b(?:win|boot|system)\.ini\b|\bwindows[\\/]+(?:system32|win\.ini|repair)\b|\b[a-z]:[\\/]+(?:windows|winnt|inetpub|boot\.ini)\b|\bweb\.config\b|%systemroot%/i,
  },
  {
    id: 'traversal-file-scheme',
    category: 'path-traversal',
    score: 5,
    description: 'a file:// or PHP stream wrapper URL',
    targets: ['path', 'query', 'body', 'header'],
    pattern:
      /\bfile:\/\/|\b(?:php|phar|zip|expect|glob|jar|netdoc|gopher|dict|zlib|compress\.zlib):\/\//i,
  },
  {
    id: 'traversal-overlong-encoding',
    category: 'path-traversal',
    score: 5,
    description: 'an overlong UTF-8 or %u encoding of a dot or slash',
    targets: ['path', 'query', 'body'],
    form: 'raw',
    pattern:
      /%c0%a[ef]|%c0%2[ef]|%c0%5c|%c1%[19]c|%e0%80%a[ef]|%f0%80%80%a[ef]|%u(?:002e|002f|005c|2215|2216|ff0e|ff0f)|%25c0%25a[ef]/i,
  },
  {
    id: 'traversal-file-after-sequence',
    category: 'path-traversal',
    score: 3,
    description: 'a parent-directory sequence followed by a file name with an extension',
    targets: ['query', 'body', 'header'],
    pattern:
      // The window ends at the next `../`, so that a long run of them costs linear time. An
      // extension is never `../`, so the nearest sequence before it matches whenever an earlier one would.
      /\.\.[\\/](?:[^\s.]|\.(?!\.[\\/])){0,100}?\.(?:json|ya?ml|env|ini|conf|cfg|config|xml|php|log|key|pem|sql|db|bak|txt|sh|py|js|properties)\b/i,
  },
];
