/**
 * The parsed keyword as PostgreSQL prints a `tsquery`, such as
 * `'comput' & 'scienc' | !'art'`, read back into a tree. The search's
 * in-memory match index evaluates such trees; PostgreSQL parses and stems
 * the typed text, so both sides agree on the words.
 */
export type KeywordNode =
  | { kind: 'word'; lexeme: string }
  | { kind: 'not'; operand: KeywordNode }
  | { kind: 'and' | 'or'; left: KeywordNode; right: KeywordNode }
  /** Words in sequence (`<->`, `<N>`), which need positions to test. */
  | { kind: 'phrase'; distance: number; left: KeywordNode; right: KeywordNode };

type Token =
  | { kind: 'word'; lexeme: string }
  | { kind: '&' | '|' | '!' | '(' | ')' }
  | { kind: 'phrase'; distance: number };

const PHRASE_OPERATOR = /^<(-|\d+)>/;

/** Reads a quoted lexeme that starts at `start`, where PostgreSQL doubles `'` and `\` inside. */
function readLexeme(text: string, start: number): { lexeme: string; end: number } | null {
  let lexeme = '';
  let at = start + 1;
  while (at < text.length) {
    const char = text[at] as string;
    const next = text[at + 1];
    if ((char === "'" || char === '\\') && next === char) {
      lexeme += char;
      at += 2;
    } else if (char === "'") {
      return { lexeme, end: at + 1 };
    } else {
      lexeme += char;
      at += 1;
    }
  }
  return null;
}

/**
 * Splits a printed `tsquery` into tokens. Returns `null` for anything the
 * match index does not evaluate, such as a prefix or weight label (`:*`, `:A`)
 * after a lexeme, which `websearch_to_tsquery` never produces.
 */
function tokenize(text: string): Token[] | null {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text[at] as string;
    if (char === ' ') {
      at += 1;
    } else if (char === "'") {
      const read = readLexeme(text, at);
      if (read === null || text[read.end] === ':') return null;
      tokens.push({ kind: 'word', lexeme: read.lexeme });
      at = read.end;
    } else if (char === '&' || char === '|' || char === '!' || char === '(' || char === ')') {
      tokens.push({ kind: char });
      at += 1;
    } else {
      const phrase = PHRASE_OPERATOR.exec(text.slice(at, at + 8));
      if (phrase === null) return null;
      const distance = phrase[1] === '-' ? 1 : Number(phrase[1]);
      tokens.push({ kind: 'phrase', distance });
      at += phrase[0].length;
    }
  }
  return tokens;
}

/**
 * Recursive descent in PostgreSQL's order of binding, loosest first: `|`,
 * `&`, phrase operators, then `!`. Operators of one level group from the left.
 */
class Parser {
  private at = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parse(): KeywordNode | null {
    const node = this.or();
    return node !== null && this.at === this.tokens.length ? node : null;
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private or(): KeywordNode | null {
    let left = this.and();
    while (left !== null && this.peek()?.kind === '|') {
      this.at += 1;
      const right = this.and();
      left = right === null ? null : { kind: 'or', left, right };
    }
    return left;
  }

  private and(): KeywordNode | null {
    let left = this.phrase();
    while (left !== null && this.peek()?.kind === '&') {
      this.at += 1;
      const right = this.phrase();
      left = right === null ? null : { kind: 'and', left, right };
    }
    return left;
  }

  private phrase(): KeywordNode | null {
    let left = this.unary();
    let token = this.peek();
    while (left !== null && token?.kind === 'phrase') {
      this.at += 1;
      const right = this.unary();
      left = right === null ? null : { kind: 'phrase', distance: token.distance, left, right };
      token = this.peek();
    }
    return left;
  }

  private unary(): KeywordNode | null {
    const token = this.peek();
    this.at += 1;
    if (token?.kind === 'word') return { kind: 'word', lexeme: token.lexeme };
    if (token?.kind === '!') {
      const operand = this.unary();
      return operand === null ? null : { kind: 'not', operand };
    }
    if (token?.kind === '(') {
      const inner = this.or();
      if (inner === null || this.peek()?.kind !== ')') return null;
      this.at += 1;
      return inner;
    }
    return null;
  }
}

/**
 * Parses a `tsquery` as PostgreSQL prints it. Returns `null` for the empty
 * query and for text outside the forms above.
 */
export function parseKeywordQuery(text: string): KeywordNode | null {
  const tokens = tokenize(text);
  if (tokens === null || tokens.length === 0) return null;
  return new Parser(tokens).parse();
}

/** Returns whether the tree tests word order with phrase operators. */
export function hasPhrase(node: KeywordNode): boolean {
  switch (node.kind) {
    case 'word':
      return false;
    case 'not':
      return hasPhrase(node.operand);
    case 'phrase':
      return true;
    default:
      return hasPhrase(node.left) || hasPhrase(node.right);
  }
}

/** Returns the distinct lexemes of the tree, in order of first appearance. */
export function lexemesOf(node: KeywordNode): string[] {
  const seen = new Set<string>();
  const visit = (current: KeywordNode): void => {
    if (current.kind === 'word') seen.add(current.lexeme);
    else if (current.kind === 'not') visit(current.operand);
    else {
      visit(current.left);
      visit(current.right);
    }
  };
  visit(node);
  return [...seen];
}
