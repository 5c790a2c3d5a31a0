import { FUNCTIONS } from '../../../server/src/core/terraform/eval/functions';
import { FunctionContext } from '../../../server/src/core/terraform/eval/functions/types';
import { bool, EvalError, list, NULL, num, object, Origin, str, Value } from '../../../server/src/core/terraform/eval/value';

/*
 * Just enough HCL to run the console table: function calls of literals (strings, numbers, bools, null,
 * tuples, objects) and of other calls, each evaluated with the functions under test. Every value gets
 * the origin of the text it was parsed from, every call a context whose files come from `files`.
 */

export const FILE = 'cases.tf';

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

class Parser {
  private at = 0;

  constructor(private readonly source: string, private readonly files: Readonly<Record<string, string>>) {}

  expression(): Value {
    this.space();
    const start = this.at;
    const char = this.source[this.at];
    let value: Value;
    if (char === '"') value = str(this.string());
    else if (char === '[') value = list(this.sequence('[', ']', () => this.expression()));
    else if (char === '{') value = object(new Map(this.sequence('{', '}', () => this.entry())));
    else if (/[-\d.]/.test(char)) value = num(Number(this.take(/-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/y)));
    else return this.word(start);
    return { ...value, origin: this.origin(start) };
  }

  finish(value: Value): Value {
    this.space();
    if (this.at !== this.source.length) throw new Error(`unexpected "${this.source.slice(this.at)}"`);
    return value;
  }

  private word(start: number): Value {
    const name = this.take(/[A-Za-z_][\w-]*/y);
    if (name === 'true' || name === 'false') return bool(name === 'true', this.origin(start));
    if (name === 'null') return { ...NULL, origin: this.origin(start) };
    const args = this.sequence('(', ')', () => this.expression());
    const call = FUNCTIONS.get(name);
    if (!call) throw new Error(`no function ${name}`);
    return call(args, this.context(start));
  }

  private context(start: number): FunctionContext {
    const origin = this.origin(start);
    return {
      text: this.source.slice(start, this.at),
      origin,
      readFile: (path) => (path in this.files ? { text: this.files[path], file: path } : undefined),
      renderTemplate: (text, _file, variables) => renderTemplate(text, variables, origin),
    };
  }

  private origin(start: number): Origin {
    return { file: FILE, span: { offset: start, length: this.at - start } };
  }

  private entry(): [string, Value] {
    this.space();
    const key = this.source[this.at] === '"' ? this.string() : this.take(/[A-Za-z_][\w-]*/y);
    this.space();
    this.take(/[=:]/y);
    return [key, this.expression()];
  }

  private sequence<T>(open: string, close: string, item: () => T): T[] {
    this.take(new RegExp(`\\${open}`, 'y'));
    const items: T[] = [];
    for (this.space(); this.source[this.at] !== close; this.space()) {
      items.push(item());
      this.space();
      if (this.source[this.at] === ',') this.at++;
    }
    this.at++;
    return items;
  }

  /** A quoted string: HCL's escapes, and $${ and %%{ for a literal ${ and %{. */
  private string(): string {
    let value = '';
    for (this.at++; this.source[this.at] !== '"'; this.at++) {
      if (this.at >= this.source.length) throw new Error('unterminated string');
      const char = this.source[this.at];
      if (char === '\\') {
        const escape = this.source[++this.at];
        if (escape === 'u') {
          value += String.fromCharCode(parseInt(this.source.slice(this.at + 1, this.at + 5), 16));
          this.at += 4;
        } else value += ESCAPES[escape];
      } else if ((char === '$' || char === '%') && this.source[this.at + 1] === '{') {
        throw new Error('templates are not supported here');
      } else if ((char === '$' || char === '%') && this.source.startsWith(`${char}${char}{`, this.at)) {
        value += `${char}{`;
        this.at += 2;
      } else value += char;
    }
    this.at++;
    return value;
  }

  private take(pattern: RegExp): string {
    pattern.lastIndex = this.at;
    const match = pattern.exec(this.source);
    if (!match) throw new Error(`expected ${pattern.source} at "${this.source.slice(this.at)}"`);
    this.at += match[0].length;
    return match[0];
  }

  private space(): void {
    while (/\s/.test(this.source[this.at] ?? '')) this.at++;
  }
}

/** A stand-in for the evaluator's template rendering: `${name}` of a string variable. */
function renderTemplate(text: string, variables: Value, origin: Origin): Value {
  return str(text.replace(/\$\{(\w+)\}/g, (_all, name: string) => {
    const value = variables.kind === 'object' ? variables.entries.get(name) : undefined;
    if (value?.kind !== 'string') throw new EvalError(`no string variable ${name}`);
    return value.value;
  }), origin);
}

/** Evaluates an expression of the table. */
export function evaluate(source: string, files: Readonly<Record<string, string>> = {}): Value {
  const parser = new Parser(source, files);
  return parser.finish(parser.expression());
}
