import { ConditionClause, PolicyDocument, PolicyStatement, PrincipalRef, Str } from '../model';
import { nestsTooDeep } from './nesting';

/**
 * The workspace scan's policy extraction for strict JSON: one pass over the text that builds the statement
 * model directly, without a syntax tree, for the shape of an ECR repository policy (an object whose
 * `Statement` is an object or a list of them). The model is exactly what extract.ts builds from
 * jsonc-parser's tree (the unit tests compare them over every fixture); the caller falls back to that path
 * (`undefined`) for anything else: JSONC, a syntax error, Terraform JSON, deep nesting.
 *
 * Values outside `Statement` are validated but not built; inside a statement only the keys the model reads
 * are built, as extract.ts reads them (the last of duplicate keys wins; `Statement` itself is the first).
 */
export function extractStrictJsonPolicy(text: string): PolicyDocument[] | undefined {
  if (nestsTooDeep(text)) return undefined;
  const reader = new Reader(text);
  try {
    return reader.document();
  } catch (error) {
    if (error === FALLBACK || error instanceof RangeError) return undefined;
    throw error;
  }
}

const FALLBACK = new Error('not a strict JSON policy');
const WHITESPACE_RUN = /[ \t\n\r]*/y;

class Reader {
  private pos = 0;

  constructor(private readonly text: string) {}

  document(): PolicyDocument[] | undefined {
    this.whitespace();
    if (this.text.charCodeAt(this.pos) !== 123) {
      this.skipValue();
      this.end();
      return [];
    }
    const start = this.pos;
    this.pos++;
    let statements: PolicyStatement[] | undefined;
    let version: string | undefined;
    let sawOther = false;
    this.members(() => {
      const name = this.keyName();
      if (name === 'Statement' && statements === undefined) {
        statements = this.statementList();
      } else if (name === 'Version' && version === undefined && this.peekString()) {
        version = this.stringValue();
      } else {
        // Terraform JSON (data/resource at the top) is extracted from the tree: leave it to that path.
        if (name === 'data' || name === 'resource') sawOther = true;
        this.skipValue();
      }
    }, 125);
    const span = { offset: start, length: this.pos - start };
    this.end();
    if (statements === undefined) {
      if (sawOther) throw FALLBACK;
      return [];
    }
    return [{ span, syntax: { kind: 'json', span: { offset: 0, length: this.text.length } }, statements, ...(version === undefined ? {} : { version }) }];
  }

  private end(): void {
    this.whitespace();
    if (this.pos !== this.text.length) throw FALLBACK;
  }

  private statementList(): PolicyStatement[] {
    this.whitespace();
    const c = this.text.charCodeAt(this.pos);
    if (c === 123) return [this.statement(0)];
    if (c !== 91) {
      this.skipValue();
      return [];
    }
    const statements: PolicyStatement[] = [];
    this.pos++;
    this.elements(() => {
      this.whitespace();
      if (this.text.charCodeAt(this.pos) === 123) statements.push(this.statement(statements.length));
      else this.skipValue();
    });
    return statements;
  }

  private statement(index: number): PolicyStatement {
    const start = this.pos;
    const statement: PolicyStatement = { index, span: { offset: start, length: 0 }, notPrincipal: false, principals: [], notAction: false, actions: [], conditions: [] };
    this.pos++;
    this.members(() => {
      const keyStart = this.pos;
      const name = this.keyName();
      // The key's own Str only where the model keeps it (principalKey, actionKey, conditionKey).
      const key = (): Str => ({ value: name, span: { offset: keyStart, length: this.keyEnd - keyStart } });
      switch (name) {
        case 'Sid':
        case 'Effect': {
          this.whitespace();
          const start = this.pos;
          let value: Str | undefined;
          if (this.text.charCodeAt(start) === 34) value = { value: this.stringValue(), span: { offset: start, length: 0 } };
          else this.skipValue();
          if (value) value.span.length = this.pos - start;
          statement[name === 'Sid' ? 'sid' : 'effect'] = value;
          break;
        }
        case 'Principal':
        case 'NotPrincipal':
          statement.principalKey = key();
          statement.notPrincipal = name === 'NotPrincipal';
          statement.principals = this.principals();
          break;
        case 'Action':
        case 'NotAction':
          statement.actionKey = key();
          statement.notAction = name === 'NotAction';
          statement.actions = this.strings();
          break;
        case 'Condition':
          statement.conditionKey = key();
          statement.conditions = this.conditions();
          break;
        case 'Resource':
        case 'NotResource':
          statement.resourceKey = key();
          statement.notResource = name === 'NotResource';
          statement.resources = this.strings();
          break;
        default:
          this.skipValue();
      }
    }, 125);
    statement.span.length = this.pos - start;
    return statement;
  }

  /** `"*"`, or `{"AWS": "..." | [...], "Service": ...}`; anything else names no principal. */
  private principals(): PrincipalRef[] {
    this.whitespace();
    const c = this.text.charCodeAt(this.pos);
    if (c === 34) {
      const start = this.pos;
      const value = this.stringValue();
      return [{ kind: '*', value: { value, span: { offset: start, length: this.pos - start } } }];
    }
    if (c !== 123) {
      this.skipValue();
      return [];
    }
    this.pos++;
    const principals: PrincipalRef[] = [];
    this.members(() => {
      const kind = this.keyName();
      for (const value of this.strings()) principals.push({ kind, value });
    }, 125);
    return principals;
  }

  /** `{"Operator": {"key": "value" | [...]}}` as one clause per key. */
  private conditions(): ConditionClause[] {
    this.whitespace();
    if (this.text.charCodeAt(this.pos) !== 123) {
      this.skipValue();
      return [];
    }
    this.pos++;
    const clauses: ConditionClause[] = [];
    this.members(() => {
      const operator = this.key();
      this.whitespace();
      if (this.text.charCodeAt(this.pos) !== 123) {
        this.skipValue();
        return;
      }
      this.pos++;
      this.members(() => {
        const key = this.key();
        clauses.push({ operator: { value: operator.value, span: operator.span }, key, values: this.strings() });
      }, 125);
    }, 125);
    return clauses;
  }

  /** A string or a list of strings; numbers and booleans keep their text, other values are skipped. */
  private strings(): Str[] {
    this.whitespace();
    if (this.text.charCodeAt(this.pos) !== 91) {
      const single = this.scalar();
      return single ? [single] : [];
    }
    // An inline loop rather than elements(): this is the hottest path of a scan.
    this.pos++;
    const result: Str[] = [];
    this.whitespace();
    if (this.text.charCodeAt(this.pos) === 93) {
      this.pos++;
      return result;
    }
    for (;;) {
      const single = this.scalar();
      if (single) result.push(single);
      this.whitespace();
      const c = this.text.charCodeAt(this.pos++);
      if (c === 44) continue;
      if (c === 93) return result;
      throw FALLBACK;
    }
  }

  private scalar(): Str | undefined {
    this.whitespace();
    const start = this.pos;
    const c = this.text.charCodeAt(start);
    if (c === 34) {
      const value = this.stringValue();
      return { value, span: { offset: start, length: this.pos - start } };
    }
    if (c === 116 || c === 102) {
      const word = c === 116 ? 'true' : 'false';
      if (!this.text.startsWith(word, start)) throw FALLBACK;
      this.pos += word.length;
      return { value: word, span: { offset: start, length: word.length } };
    }
    if (c === 45 || (c >= 48 && c <= 57)) {
      this.number();
      return { value: String(Number(this.text.slice(start, this.pos))), span: { offset: start, length: this.pos - start } };
    }
    this.skipValue();
    return undefined;
  }

  /** The members of an object whose `{` was consumed, up to and including its `}`. */
  private members(member: () => void, close: number): void {
    this.whitespace();
    if (this.text.charCodeAt(this.pos) === close) {
      this.pos++;
      return;
    }
    for (;;) {
      this.whitespace();
      member();
      this.whitespace();
      const c = this.text.charCodeAt(this.pos++);
      if (c === 44) continue;
      if (c === close) return;
      throw FALLBACK;
    }
  }

  /** The elements of an array whose `[` was consumed, up to and including its `]`. */
  private elements(element: () => void): void {
    this.whitespace();
    if (this.text.charCodeAt(this.pos) === 93) {
      this.pos++;
      return;
    }
    for (;;) {
      element();
      this.whitespace();
      const c = this.text.charCodeAt(this.pos++);
      if (c === 44) continue;
      if (c === 93) return;
      throw FALLBACK;
    }
  }

  /** Where the last key read by keyName ends (before its colon). */
  private keyEnd = 0;

  /** A property name and its colon; only the name. */
  private keyName(): string {
    if (this.text.charCodeAt(this.pos) !== 34) throw FALLBACK;
    const value = this.stringValue();
    this.keyEnd = this.pos;
    this.whitespace();
    if (this.text.charCodeAt(this.pos) !== 58) throw FALLBACK;
    this.pos++;
    return value;
  }

  /** A property name and its colon. */
  private key(): Str {
    if (this.text.charCodeAt(this.pos) !== 34) throw FALLBACK;
    const start = this.pos;
    const value = this.stringValue();
    const key = { value, span: { offset: start, length: this.pos - start } };
    this.whitespace();
    if (this.text.charCodeAt(this.pos) !== 58) throw FALLBACK;
    this.pos++;
    return key;
  }

  /** Any value, validated and skipped. */
  private skipValue(): void {
    this.whitespace();
    const c = this.text.charCodeAt(this.pos);
    if (c === 34) this.skipString();
    else if (c === 123) {
      this.pos++;
      this.members(() => {
        this.keyName();
        this.skipValue();
      }, 125);
    } else if (c === 91) {
      this.pos++;
      this.elements(() => this.skipValue());
    } else if (c === 116 || c === 102 || c === 110) {
      const word = c === 116 ? 'true' : c === 102 ? 'false' : 'null';
      if (!this.text.startsWith(word, this.pos)) throw FALLBACK;
      this.pos += word.length;
    } else {
      this.number();
    }
  }

  private number(): void {
    const text = this.text;
    let pos = this.pos;
    let c = text.charCodeAt(pos);
    if (c === 45) c = text.charCodeAt(++pos);
    if (c === 48) c = text.charCodeAt(++pos);
    else if (c >= 49 && c <= 57) do c = text.charCodeAt(++pos); while (c >= 48 && c <= 57);
    else throw FALLBACK;
    if (c === 46) {
      c = text.charCodeAt(++pos);
      if (!(c >= 48 && c <= 57)) throw FALLBACK;
      do c = text.charCodeAt(++pos); while (c >= 48 && c <= 57);
    }
    if (c === 101 || c === 69) {
      c = text.charCodeAt(++pos);
      if (c === 43 || c === 45) c = text.charCodeAt(++pos);
      if (!(c >= 48 && c <= 57)) throw FALLBACK;
      do c = text.charCodeAt(++pos); while (c >= 48 && c <= 57);
    }
    this.pos = pos;
  }

  /** Moves past the string starting at `pos` (after its closing quote); whether it has escapes. */
  private scanString(): boolean {
    const text = this.text;
    let pos = this.pos + 1;
    let escaped = false;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        pos += 2;
      } else if (c < 32 || Number.isNaN(c)) {
        // A control character (jsonc-parser ends the string at a line break) or the end of the text.
        throw FALLBACK;
      } else {
        pos++;
      }
    }
    this.pos = pos + 1;
    return escaped;
  }

  private skipString(): void {
    const start = this.pos;
    // Escapes are validated by decoding them: jsonc-parser and JSON.parse reject the same ones.
    if (this.scanString()) this.decode(start);
  }

  /** Whether the next value is a string (skipping whitespace). */
  private peekString(): boolean {
    this.whitespace();
    return this.text.charCodeAt(this.pos) === 34;
  }

  private stringValue(): string {
    const start = this.pos;
    return this.scanString() ? this.decode(start) : this.text.slice(start + 1, this.pos - 1);
  }

  private decode(start: number): string {
    try {
      return JSON.parse(this.text.slice(start, this.pos)) as string;
    } catch {
      throw FALLBACK;
    }
  }

  private whitespace(): void {
    const c = this.text.charCodeAt(this.pos);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return;
    // Indentation runs are long in pretty-printed policies: V8's regex engine skips them faster.
    WHITESPACE_RUN.lastIndex = this.pos + 1;
    WHITESPACE_RUN.test(this.text);
    this.pos = WHITESPACE_RUN.lastIndex;
  }


}
