/**
 * The expressions of `<class>.get_all_records_where`, as xapi's database reads them:
 * `field "SR"="OpaqueRef:…"`, `"literal"`, `=` and `<>`, `and`, `or`, `not`, parentheses,
 * `true` and `false`; a value is compared as the text the database stores (a bool as
 * `true`/`false`, a number as its decimal digits). Field names use the database's column
 * names, where `name__label` is the field `name_label`. A set or map field equals no literal.
 */
import type { XapiRecord } from './types';

export type RecordFilter = (record: XapiRecord) => boolean;

export class FilterSyntaxError extends Error {}

type Token = { kind: 'word'; text: string } | { kind: 'string'; text: string } | { kind: 'punct'; text: string };

function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let text = '';
      i++;
      while (i < expr.length && expr[i] !== '"') {
        if (expr[i] === '\\' && i + 1 < expr.length) i++;
        text += expr[i++];
      }
      if (i >= expr.length) throw new FilterSyntaxError('unterminated string');
      i++;
      tokens.push({ kind: 'string', text });
    } else if (expr.startsWith('<>', i)) {
      tokens.push({ kind: 'punct', text: '<>' });
      i += 2;
    } else if (c === '=' || c === '(' || c === ')') {
      tokens.push({ kind: 'punct', text: c });
      i++;
    } else if (/[a-z]/i.test(c)) {
      const start = i;
      while (i < expr.length && /[a-z_]/i.test(expr[i])) i++;
      tokens.push({ kind: 'word', text: expr.slice(start, i).toLowerCase() });
    } else {
      throw new FilterSyntaxError(`unexpected character ${JSON.stringify(c)}`);
    }
  }
  return tokens;
}

/** What the database stores for a field: text for scalars, nothing comparable for sets and maps. */
function storedText(record: XapiRecord, field: string): string | null {
  const value = record[field];
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  return null;
}

/** The comparisons `field "F" = "literal"` (either way round), by the filter made of each. */
const fieldEqualities = new WeakMap<RecordFilter, { field: string; literal: string }>();

/**
 * `field "SR"="a" or field "SR"="b" or …` as one set lookup: the collector asks for the VDIs
 * of ~15 SRs at a time, and comparing each of 20,000 records 15 times costs the simulator
 * more than the answer.
 */
function anyOfField(parts: readonly RecordFilter[]): RecordFilter | null {
  const first = fieldEqualities.get(parts[0]);
  if (first === undefined) return null;
  const literals = new Set<string>();
  for (const part of parts) {
    const equality = fieldEqualities.get(part);
    if (equality?.field !== first.field) return null;
    literals.add(equality.literal);
  }
  return (record) => {
    const text = storedText(record, first.field);
    return text !== null && literals.has(text);
  };
}

type Operand = { kind: 'field'; field: string } | { kind: 'literal'; text: string };

function operandValue(operand: Operand): (record: XapiRecord) => string | null {
  if (operand.kind === 'literal') return () => operand.text;
  return (record) => storedText(record, operand.field);
}

class Parser {
  private at = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): RecordFilter {
    const filter = this.or();
    if (this.at < this.tokens.length) throw new FilterSyntaxError(`unexpected ${JSON.stringify(this.tokens[this.at].text)}`);
    return filter;
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private next(what: string): Token {
    const token = this.tokens[this.at++];
    if (token === undefined) throw new FilterSyntaxError(`expected ${what} at the end`);
    return token;
  }

  private isWord(text: string): boolean {
    const token = this.peek();
    return token?.kind === 'word' && token.text === text;
  }

  private or(): RecordFilter {
    const parts = [this.and()];
    while (this.isWord('or')) {
      this.at++;
      parts.push(this.and());
    }
    if (parts.length === 1) return parts[0];
    return anyOfField(parts) ?? ((record) => parts.some((part) => part(record)));
  }

  private and(): RecordFilter {
    const parts = [this.unary()];
    while (this.isWord('and')) {
      this.at++;
      parts.push(this.unary());
    }
    return parts.length === 1 ? parts[0] : (record) => parts.every((part) => part(record));
  }

  private unary(): RecordFilter {
    const token = this.peek();
    if (token?.kind === 'word' && token.text === 'not') {
      this.at++;
      const inner = this.unary();
      return (record) => !inner(record);
    }
    if (token?.kind === 'word' && (token.text === 'true' || token.text === 'false')) {
      this.at++;
      const result = token.text === 'true';
      return () => result;
    }
    if (token?.kind === 'punct' && token.text === '(') {
      this.at++;
      const inner = this.or();
      const close = this.next('")"');
      if (close.text !== ')') throw new FilterSyntaxError(`expected ")", found ${JSON.stringify(close.text)}`);
      return inner;
    }
    return this.comparison();
  }

  private value(): Operand {
    const token = this.next('a value');
    if (token.kind === 'string') return { kind: 'literal', text: token.text };
    if (token.kind === 'word' && token.text === 'field') {
      const name = this.next('a field name');
      if (name.kind !== 'string') throw new FilterSyntaxError('expected a quoted field name');
      return { kind: 'field', field: name.text.replaceAll('__', '_') };
    }
    throw new FilterSyntaxError(`expected a value, found ${JSON.stringify(token.text)}`);
  }

  private comparison(): RecordFilter {
    const left = this.value();
    const op = this.next('"=" or "<>"');
    if (op.kind !== 'punct' || (op.text !== '=' && op.text !== '<>')) throw new FilterSyntaxError(`expected "=" or "<>", found ${JSON.stringify(op.text)}`);
    const right = this.value();
    const leftValue = operandValue(left);
    const rightValue = operandValue(right);
    const equal = (record: XapiRecord): boolean => {
      const a = leftValue(record);
      return a !== null && a === rightValue(record);
    };
    if (op.text !== '=') return (record) => !equal(record);
    if (left.kind === 'field' && right.kind === 'literal') fieldEqualities.set(equal, { field: left.field, literal: right.text });
    if (left.kind === 'literal' && right.kind === 'field') fieldEqualities.set(equal, { field: right.field, literal: left.text });
    return equal;
  }
}

/** The filter an expression describes; throws FilterSyntaxError when it is not one. */
export function parseRecordFilter(expr: string): RecordFilter {
  return new Parser(tokenize(expr)).parse();
}
