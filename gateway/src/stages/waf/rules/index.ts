import type { WafRule } from '../waf-rule';
import { COMMAND_INJECTION_RULES } from './command-injection';
import { PATH_TRAVERSAL_RULES } from './path-traversal';
import { PROTOCOL_RULES } from './protocol';
import { SCANNER_RULES } from './scanner';
import { SQL_INJECTION_RULES } from './sql-injection';
import { XSS_RULES } from './xss';

/** Every rule the WAF applies, in no particular order: each adds its score once per request. */
export const DEFAULT_WAF_RULES: readonly WafRule[] = [
  ...SQL_INJECTION_RULES,
  ...XSS_RULES,
  ...PATH_TRAVERSAL_RULES,
  ...COMMAND_INJECTION_RULES,
  ...PROTOCOL_RULES,
  ...SCANNER_RULES,
];
