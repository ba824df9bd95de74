import type { PatternRule, PredicateRule, WafRule } from '../waf-rule';

/** Header names that security scanners add to their requests. */
const SCANNER_HEADERS = [
  'acunetix-aspect',
  'acunetix-aspect-password',
  'acunetix-aspect-queries',
  'acunetix-product',
  'acunetix-scanning-agreement',
  'acunetix-user-agreement',
  'x-wipp',
  'x-scan-memo',
  'x-scanner',
  'x-wapiti',
];

const SCANNER_HEADER_RULE: PredicateRule = {
  id: 'scanner-header',
  category: 'scanner',
  score: 5,
  description: 'a header that security scanners send',
  test: (view) => {
    const name = SCANNER_HEADERS.find((header) => view.headers[header] !== undefined);
    return name === undefined ? undefined : `header.${name}`;
  },
};

const SCANNER_PATTERNS: readonly PatternRule[] = [
  {
    id: 'scanner-user-agent',
    category: 'scanner',
    score: 5,
    description: 'the User-Agent of a vulnerability scanner or attack tool',
    targets: ['header'],
    headers: ['user-agent'],
    pattern:
      /\b(?:sqlmap|nikto|nuclei|nmap|masscan|zgrab|dirbuster|gobuster|dirb|wpscan|acunetix|nessus|openvas|w3af|wfuzz|ffuf|feroxbuster|hydra|havij|netsparker|appscan|arachni|skipfish|whatweb|jaeles|commix|xsstrike|fimap|joomscan|droopescan|metasploit|zmeu|jorgee|paros|webinspect|qualys|morfeus|nuclei|httpx-toolkit|interactsh|sqlninja|bbqsql|pangolin|grendel|vega|zap|burp(?:suite|collaborator)?|masscan|nsehttp)\b/i,
  },
  {
    id: 'scanner-probe-path',
    category: 'scanner',
    score: 5,
    description: 'a path that scanners probe for leaked files or admin consoles',
    targets: ['path'],
    pattern:
      /(?:^|\/)(?:\.env(?:\.[\w-]+)?|\.git|\.svn|\.hg|\.bzr|\.ds_store|\.aws|\.ssh|\.docker|\.vscode|\.idea|\.npmrc|\.htaccess|\.htpasswd|wp-admin|wp-login\.php|wp-content|wp-includes|wp-config[\w.-]*|xmlrpc\.php|phpmyadmin|pma|myadmin|adminer(?:\.php)?|server-status|server-info|actuator|cgi-bin|vendor\/phpunit|boaform|hnap1|manager\/html|jmx-console|web-console|solr|_ignition|telescope|owa|autodiscover|elmah\.axd|trace\.axd|console|debug\/default|config\.json|backup|dump\.sql|database\.sql|id_rsa|\.well-known\/acme-challenge\/\.\.)(?:\/|$|\?)/i,
  },
  {
    id: 'scanner-script-extension',
    category: 'scanner',
    score: 5,
    description: 'a script, archive or backup file extension, which this API never serves',
    targets: ['path'],
    pattern:
      /\.(?:php\d?|phtml|aspx?|ashx|asmx|axd|jspx?|do|action|cgi|pl|cfm|shtml|bak|old|orig|swp|save|sql|tar|tgz|gz|zip|rar|7z|war|ini|log|inc)$/i,
  },
  {
    id: 'scanner-callback-domain',
    category: 'scanner',
    score: 5,
    description: 'an out-of-band callback domain that scanners use to confirm a finding',
    targets: ['path', 'query', 'body', 'header'],
    pattern:
      /\b(?:burpcollaborator\.net|oastify\.com|interact\.sh|oast\.(?:pro|live|site|online|fun|me)|dnslog\.cn|ceye\.io|requestbin\.net|canarytokens\.com|pipedream\.net|xss\.ht|bxss\.me)\b/i,
  },
];

/** Vulnerability scanners and probes for files and consoles this API never serves. */
export const SCANNER_RULES: readonly WafRule[] = [SCANNER_HEADER_RULE, ...SCANNER_PATTERNS];
