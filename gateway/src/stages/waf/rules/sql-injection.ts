import type { PatternRule, WafTarget } from '../waf-rule';

const TARGETS: readonly WafTarget[] = ['path', 'query', 'body', 'header'];

/** Whitespace, `+` or an inline comment, which MySQL accepts between keywords. */
const GAP = String.raw`(?:\s|\+|/\*[^*]{0,64}\*/)+`;

function sql(id: string, score: number, description: string, source: string): PatternRule {
  return {
    id,
    category: 'sql-injection',
    score,
    description,
    targets: TARGETS,
    pattern: new RegExp(source, 'i'),
  };
}

/**
 * SQL injection. Strong rules need SQL structure: a quote that closes a literal and then logic,
 * UNION SELECT with a column list, time delays, catalog tables. Single keywords such as `select`
 * or `union` are weak, because search terms like "select committee" and "union college" and
 * names like O'Brien are ordinary input.
 */
export const SQL_INJECTION_RULES: readonly PatternRule[] = [
  sql(
    'sqli-union-select',
    5,
    'UNION SELECT with a column list',
    String.raw`\bunion${GAP}(?:all${GAP}|distinct${GAP})?select${GAP}(?:null\b|\d|['"(*@]|(?:concat|char|group_concat|database|version|user|load_file)\s*\(|[a-z_][\w.]*\s*,|[a-z_][\w.]*${GAP}from${GAP}[a-z_][\w.]*\s*(?:--|#|;|$|where\b|limit\b|order\b))`,
  ),
  sql(
    'sqli-union-keywords',
    2,
    'UNION followed by SELECT',
    String.raw`\bunion${GAP}(?:all${GAP})?select\b`,
  ),
  sql(
    'sqli-quote-tautology',
    5,
    'a closing quote followed by an always-true comparison',
    String.raw`['"\x60)]\s*(?:or|and|xor|\|\||&&)(?:\s|/\*[^*]{0,64}\*/)*(?:not\s+)?(?:[('"\x60]{1,2}\s*)?(?:[\w.@]+|['"]{2})\s*(?:['"\x60)]\s*)?(?:=|<>|!=|<=?|>=?|\blike\b|\bis\b|\bregexp\b|\bbetween\b|\bin\s*\()`,
  ),
  sql(
    'sqli-numeric-tautology',
    5,
    'OR or AND with a comparison of two equal values',
    String.raw`\b(?:or|and)\s+(?:(\d+)\s*=\s*\1|'(\w*)'\s*=\s*'\2'|"(\w*)"\s*=\s*"\3")(?!\w)`,
  ),
  sql(
    'sqli-boolean-condition',
    3,
    'OR or AND followed by a comparison of literals',
    String.raw`\b(?:or|and)\s+(?:\d+|'[^']{0,20}'|true|false|null)\s*(?:=|<>|!=|<|>|\bis\b|\blike\b)`,
  ),
  sql(
    'sqli-quote-boolean',
    4,
    'a closing quote followed by OR or AND and a boolean literal or function call',
    String.raw`['"]\s*(?:or|and)\s+(?:true|false|not\b|\d+\b|[a-z_]+\s*\()`,
  ),
  sql(
    'sqli-quote-subquery',
    5,
    'a closing quote followed by logic or concatenation with a subquery',
    String.raw`['"\x60)]\s*(?:or|and|xor|\|\||&&|\+)\s*[\w(]{0,40}\(\s*select\b`,
  ),
  sql(
    'sqli-error-function',
    5,
    'an XML or math function used to leak data through error messages',
    String.raw`\b(?:extractvalue|updatexml)\s*\(\s*(?:[\w'"]+\s*)?,\s*(?:concat|0x|\(|select|char)|\bexp\s*\(\s*~|\bfloor\s*\(\s*rand\s*\(`,
  ),
  sql(
    'sqli-quote-comment-end',
    5,
    'a closing quote followed by a comment that cuts off the rest of the query',
    String.raw`\w['"\x60]\s*(?:\)\s*)?(?:--[\s-]*|#|/\*[^*]{0,32})$`,
  ),
  sql(
    'sqli-quote-comment',
    3,
    'a quote followed by a comment sign',
    String.raw`['"]\s*(?:#|/\*|--\s*$)`,
  ),
  sql(
    'sqli-quote-statement',
    5,
    'a closing quote that ends the statement and starts another',
    String.raw`['"\x60]\s*[;)]\s*(?:select|insert|update|delete|drop|exec|execute|declare|shutdown|union|create|alter|truncate|waitfor)\b`,
  ),
  sql(
    'sqli-quote-clause',
    4,
    'a closing quote followed by a SQL clause',
    String.raw`['"\x60]\s+(?:union|having|order\s+by|group\s+by|waitfor|procedure\s+analyse|limit\s+\d)\b`,
  ),
  sql(
    'sqli-stacked-statement',
    5,
    'a statement separator followed by a data-changing statement',
    // GRANT needs a privilege keyword or a pg_ role after it, because "grant" is an everyday word
    // in scholarship text, as in "renewable; grant recipients keep a 3.0 GPA". EXEC needs what a
    // call has (parentheses, a parameter, a quoted argument, a system procedure or schema), because
    // "plan; execute the project" is prose.
    String.raw`;\s*(?:drop\s+(?:table|database|schema|user)|delete\s+from|insert\s+into|update\s+[\w.\x60"]+\s+set|truncate\s+(?:table\s+)?\w|alter\s+(?:table|user)|create\s+(?:table|user|database|function|procedure)|exec(?:ute)?(?:\s*[(@']|\s+(?:immediate\b|(?:sp|xp)_\w+|(?:master|msdb|tempdb|dbo|sys)\.|[\w.]+\s*(?:\(|'|@|--)))|declare\s+@|shutdown\b|grant\s+(?:all(?:\s+privileges)?\s+(?:on|to)\b|(?:select|insert|update|delete|truncate|references|trigger|usage|execute|connect|temporary|temp|create)\b|pg_\w+))`,
  ),
  sql(
    'sqli-stacked-select',
    3,
    'a statement separator followed by SELECT ... FROM',
    // The window of 60 characters starts at the first character after `select` that is not white
    // space. `select  from`, which PostgreSQL runs, has no such character and takes the second
    // branch.
    String.raw`;\s*select\s(?:\s*[\w*@,][\w*@,\s]{0,59}|\s+)\bfrom\b`,
  ),
  sql(
    'sqli-time-delay',
    5,
    'a time-delay function used for blind injection',
    String.raw`\b(?:sleep|pg_sleep)\s*\(\s*\d+(?:\.\d+)?\s*\)|\bbenchmark\s*\(\s*\d+\s*,|\bwaitfor\s+(?:delay|time)\s+['"]|\bdbms_pipe\.receive_message\s*\(|\brandomblob\s*\(\s*\d{5,}`,
  ),
  sql(
    'sqli-catalog-probe',
    5,
    'a database catalog table, system variable or file function',
    String.raw`\b(?:information_schema|pg_catalog|sqlite_master|sqlite_schema|sysobjects|syscolumns|sys\.tables|mysql\.user|all_tables|user_tables|pg_shadow|pg_user|msysobjects|dba_users)\b|@@(?:version|datadir|hostname|basedir|servername)\b|\b(?:load_file|utl_http\.request|utl_inaddr\.get_host_address|dbms_ldap\.init)\s*\(|\binto\s+(?:out|dump)file\b|\b(?:xp_cmdshell|xp_dirtree|sp_executesql|sp_oacreate|sp_configure)\b|\bpg_read_file\s*\(`,
  ),
  sql(
    'sqli-ddl',
    4,
    'a schema-changing statement',
    String.raw`\b(?:drop|truncate|alter)\s+(?:table|database|schema)\s+[\w.\x60"]+`,
  ),
  sql(
    'sqli-dml',
    3,
    'an INSERT INTO ... VALUES or DELETE FROM statement',
    String.raw`\binsert\s+into\s+[\w.\x60"]+\s*(?:\(|values\b)|\bdelete\s+from\s+[\w.\x60"]+\s*(?:where\b|;|$)`,
  ),
  sql(
    'sqli-order-by-probe',
    4,
    'ORDER BY or GROUP BY with a column number, used to count columns',
    String.raw`\b(?:order|group)\s+by\s+\d+\s*(?:--|#|/\*|;|$)`,
  ),
  sql('sqli-versioned-comment', 5, 'a MySQL executable comment', String.raw`/\*!\d*\s*[a-z]`),
  sql(
    'sqli-keyword-comment',
    4,
    'an inline comment that splits SQL keywords',
    String.raw`\b(?:select|union|from|where|and|or|insert|update)/\*[^*]{0,64}\*/`,
  ),
  sql(
    'sqli-functions',
    2,
    'a string or metadata function common in injection payloads',
    String.raw`\b(?:concat|group_concat|concat_ws|char|chr|ascii|substring|substr|hex|unhex|extractvalue|updatexml|current_user|session_user|cast|convert)\s*\(`,
  ),
  sql('sqli-hex-literal', 2, 'a long hexadecimal literal', String.raw`\b0x[0-9a-f]{6,}\b`),
  sql(
    'sqli-line-comment-end',
    2,
    'a SQL line comment at the end of a value',
    String.raw`(?:--|;\s*--)\s*$`,
  ),
];
