import type { PatternRule, WafTarget } from '../waf-rule';

const TARGETS: readonly WafTarget[] = ['path', 'query', 'body', 'header'];

function cmdi(id: string, score: number, description: string, pattern: RegExp): PatternRule {
  return { id, category: 'command-injection', score, description, targets: TARGETS, pattern };
}

/** Commands that appear in injection payloads and hardly ever as words in prose. */
const SHELL_ONLY_COMMANDS =
  'ls|whoami|uname|pwd|ifconfig|ipconfig|netstat|wget|nc|ncat|netcat|bash|zsh|ksh|nslookup|chmod|chown|mkdir|telnet|powershell|pwsh|certutil|bitsadmin|systeminfo|tasklist|base64|printenv|awk|sed|grep|crontab|useradd|sudo|nohup|busybox|xterm|nmap|tftp|scp';

/**
 * Commands that are also words or names in what students type ("java & python", "dog & cat",
 * "science & env", "r & d; ps"), so only arguments after them make them a command.
 */
const WORD_COMMANDS = 'cat|id|curl|sh|dash|python[23]?|perl|ruby|php|ping|echo|rm|cmd|ps|env';

const COMMANDS = `${SHELL_ONLY_COMMANDS}|${WORD_COMMANDS}`;

/** Shell separators that start a new command: `;`, pipes, `&&`, `&`, backticks, `$(`, newlines. */
const SEPARATOR = '(?:[;|`\\n\\r]|&&?|\\$\\()';

/**
 * White space after a separator, without line breaks. A line break is a separator itself, so a
 * match that `\s*` would find also starts at the last line break. With `\s*`, every line break of
 * a long run started a scan over the rest of the run, which took seconds on a 100 KiB body.
 */
const SPACE_AFTER_SEPARATOR = '[^\\S\\n\\r]*';

/**
 * Arguments of a command in a payload: a redirection, an option, a path, an IP address, a number
 * at the end, a quoted argument, a URL or a dotted host name.
 */
const COMMAND_CONTINUATION =
  '(?=\\s*[<>]|\\s+-{1,2}[a-z]|\\s+\\+[a-z]\\b|\\s+[/\\\\~$]|\\s+\\.{1,2}/|\\s+\\d{1,3}(?:\\.\\d{1,3}){3}\\b|\\s+\\d+\\s*(?:$|[;|&`)])|\\s+[\'"]|\\s+[a-z]+://|\\s+[\\w-]+(?:\\.[\\w-]+)+)';

/** The end of a command: the end of the value, another separator or a redirection. */
const COMMAND_END = '(?=\\s*$|\\s*[;|&`)\\n<>])';

/**
 * OS command injection and server-side code execution. A command name alone is ordinary text
 * ("dogs; cat videos"), so the strong rules need a separator before it and, after it, arguments,
 * or the end of the command for names that are not words.
 */
export const COMMAND_INJECTION_RULES: readonly PatternRule[] = [
  cmdi(
    'cmdi-chained-command',
    5,
    'a shell separator followed by a command and its arguments',
    new RegExp(
      `${SEPARATOR}${SPACE_AFTER_SEPARATOR}(?:${COMMANDS})(?:\\.exe)?${COMMAND_CONTINUATION}`,
      'i',
    ),
  ),
  cmdi(
    'cmdi-bare-command',
    5,
    'a shell separator followed by a command that is no word, with no arguments',
    new RegExp(
      `${SEPARATOR}${SPACE_AFTER_SEPARATOR}(?:${SHELL_ONLY_COMMANDS})(?:\\.exe)?${COMMAND_END}`,
      'i',
    ),
  ),
  // Case-sensitive, because a shell runs `id` and not `ID`, which is Idaho or an identifier.
  cmdi(
    'cmdi-bare-id',
    5,
    'a shell separator followed by the id command, with no arguments',
    new RegExp(`${SEPARATOR}${SPACE_AFTER_SEPARATOR}id${COMMAND_END}`),
  ),
  cmdi(
    'cmdi-command-after-separator',
    2,
    'a shell separator followed by a command name',
    new RegExp(`${SEPARATOR}${SPACE_AFTER_SEPARATOR}(?:${COMMANDS})\\b`, 'i'),
  ),
  cmdi(
    'cmdi-sleep',
    5,
    'a shell separator followed by sleep, used for blind injection',
    /(?:[;|`\n]|&&?|\$\()[^\S\n]*(?:sleep|timeout)\s+\d+(?:\.\d+)?\s*(?:$|[;|&`)#])/i,
  ),
  cmdi(
    'cmdi-windows-command',
    5,
    'a Windows command with a drive path, or a net command that lists accounts or shares',
    /(?:[;|&`]|^)\s*(?:dir|type|copy|del|more)\s+[a-z]:[\\/]|(?:[;|&`]|\$\()\s*net\s+(?:user|localgroup|group|view|share|session|accounts)\b/i,
  ),
  cmdi(
    'cmdi-shell-path',
    5,
    'a shell binary path, a shell with -c, or a network device path',
    /\/(?:usr\/)?(?:local\/)?s?bin\/(?:ba|z|k|da|c|tc)?sh\b|\/bin\/(?:cat|ls|id|busybox|nc|echo)\b|\/dev\/(?:tcp|udp)\/|\bcmd(?:\.exe)?\s+\/[ck]\b|\bpowershell(?:\.exe)?\s+-(?:e|enc|encodedcommand|nop|noprofile|w|windowstyle|c|command|exec|executionpolicy)\b/i,
  ),
  cmdi('cmdi-pipe-to-shell', 5, 'a pipe into a shell', /\|\s*(?:ba|z|k|da)?sh(?:\s|$|;)/i),
  cmdi(
    'cmdi-run-temp-file',
    5,
    'a shell separator followed by a program in a temporary or binary directory',
    /(?:[;|&`\n]|\$\()[^\S\n]*(?:\.{0,2}\/)?(?:tmp|var\/tmp|dev\/shm|usr\/bin|bin)\/[\w.-]+/i,
  ),
  cmdi(
    'cmdi-shell-variable',
    5,
    'a shell variable used to hide spaces or paths',
    /\$\{?ifs\b|\$\{(?:path|home|shell|pwd|user|lang)(?:[:%#][^}]{0,10})?\}|\$\{[a-z_]+:[0-9-]+:[0-9]+\}/i,
  ),
  cmdi(
    'cmdi-redirection',
    3,
    'a shell redirection to a file or descriptor',
    /\d>&\d|>\s*\/(?:tmp|dev|var)\//,
  ),
  cmdi(
    'cmdi-jndi-lookup',
    5,
    'a JNDI or nested lookup, as in the Log4Shell exploit',
    /\$\{\s*jndi\s*:|\$\{\s*\$\{|\$\{\s*(?:lower|upper|env|sys|java|date|::-[a-z])\s*:[^}]{0,30}\}/i,
  ),
  cmdi(
    'cmdi-code-execution',
    5,
    'a call that runs code or commands on the server',
    /<\?php|\b(?:system|exec|shell_exec|passthru|popen|proc_open|assert|pcntl_exec)\s*\(\s*(?:\$_(?:get|post|request|cookie|server)|['"](?:id|whoami|ls|cat|uname|nc|bash|sh|curl|wget)\b)|\beval\s*\(\s*(?:base64_decode|gzinflate|str_rot13|atob|request|\$_)|__import__\s*\(\s*['"](?:os|subprocess)['"]|\brequire\s*\(\s*['"]child_process['"]\s*\)|\bprocess\s*\.\s*(?:mainmodule|binding)\b|\bruntime\s*\.\s*getruntime\s*\(\s*\)\s*\.\s*exec\b|\bsubprocess\s*\.\s*(?:popen|call|run|check_output)\s*\(|\bos\s*\.\s*(?:system|popen)\s*\(/i,
  ),
  cmdi(
    'cmdi-server-template',
    5,
    'a server-side template expression that reaches classes or globals',
    // Each window ends at the next opener of its kind, so that windows do not overlap and a long
    // run of openers costs linear time. No keyword starts with `{`, so the nearest opener before a
    // keyword matches whenever an earlier one would.
    /\{\{(?:[^{}]|\{(?!\{)){0,80}?(?:__class__|__globals__|__builtins__|__subclasses__|config\.items|self\._TemplateReference|request\.application|lipsum\.__)|\$\{(?:[^$}]|\$(?!\{)){0,80}?(?:getruntime|processbuilder|\.exec\s*\()|<%=?\s*(?:system|exec|`)|#\{(?:[^#}]|#(?!\{)){0,80}?(?:system|exec|`)/i,
  ),
];
