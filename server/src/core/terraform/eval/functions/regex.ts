/*
 * Terraform's patterns are RE2 (Go's regexp). Most of RE2 means the same in a JavaScript RegExp with the
 * `u` flag once written differently: `.` must not match \r, `\s` is ASCII, `(?m)^` starts only after \n,
 * `\A`, `\z`, POSIX classes and octal escapes have to be spelled out. A pattern using anything not
 * translated here (inner flag groups, ungreedy mode, what RE2 rejects) gives undefined, and the
 * function's result is unknown rather than a guess.
 */

import { CATEGORIES, literal, POSIX, SIMPLE_ESCAPES, SPACE } from './re2';

/** A pattern as a JavaScript RegExp (global, unicode) and the names of its capture groups. */
export interface Translated {
  regexp: RegExp;
  /** One entry per capture group, in order: its name, or undefined for an unnamed group. */
  names: (string | undefined)[];
}

class Untranslatable {}

const UNTRANSLATABLE = new Untranslatable();

function untranslatable(): never {
  throw UNTRANSLATABLE;
}

class Translator {
  private at = 0;
  readonly names: (string | undefined)[] = [];
  caseless = false;
  private dotAll = false;
  private multiline = false;

  constructor(private readonly pattern: string) {}

  translate(): string {
    let flags: RegExpExecArray | null;
    while ((flags = /\(\?([ims]+)\)/y.exec(this.pattern.slice(this.at)))) {
      this.caseless ||= flags[1].includes('i');
      this.dotAll ||= flags[1].includes('s');
      this.multiline ||= flags[1].includes('m');
      this.at += flags[0].length;
    }
    let out = '';
    while (this.at < this.pattern.length) out += this.atom();
    return out;
  }

  private next(): number {
    const code = this.pattern.codePointAt(this.at) ?? untranslatable();
    this.at += code > 0xffff ? 2 : 1;
    return code;
  }

  private atom(): string {
    const char = String.fromCodePoint(this.next());
    switch (char) {
      case '\\': return this.escape(false);
      case '[': return this.characterClass();
      case '(': return this.group();
      case ')': case '|': case '*': case '+': case '?': return char;
      case '{': {
        const repeat = /(\d+)(,(\d*))?\}/y.exec(this.pattern.slice(this.at));
        if (!repeat) return literal(0x7b);
        if (Number(repeat[1]) > 1000 || Number(repeat[3] || 0) > 1000) untranslatable();
        this.at += repeat[0].length;
        return `{${repeat[0]}`;
      }
      case '.': return this.dotAll ? '[\\s\\S]' : '[^\\n]';
      case '^': return this.multiline ? '(?<![^\\n])' : '^';
      case '$': return this.multiline ? '(?![^\\n])' : '$';
      default: return literal(char.codePointAt(0)!);
    }
  }

  private group(): string {
    const named = /\?P?<([A-Za-z0-9_]+)>/y.exec(this.pattern.slice(this.at));
    if (named) {
      this.at += named[0].length;
      this.names.push(named[1]);
      return `(?<${named[1]}>`;
    }
    if (this.pattern.startsWith('?:', this.at)) {
      this.at += 2;
      return '(?:';
    }
    if (this.pattern[this.at] === '?') untranslatable();
    this.names.push(undefined);
    return '(';
  }

  /** An escape after its backslash: a class (in or out of brackets) or one character. */
  private escape(inClass: boolean): string {
    const char = String.fromCodePoint(this.next());
    if ('dDwW'.includes(char) || (!inClass && 'bB'.includes(char))) return `\\${char}`;
    if (char === 's') return inClass ? SPACE : `[${SPACE}]`;
    if (char === 'S' && !inClass) return `[^${SPACE}]`;
    if (char === 'A' && !inClass) return '(?<![\\s\\S])';
    if (char === 'z' && !inClass) return '(?![\\s\\S])';
    if (char === 'p' || char === 'P') return this.property(char === 'P');
    if (char === 'Q' && !inClass) {
      const end = this.pattern.indexOf('\\E', this.at);
      const quoted = this.pattern.slice(this.at, end < 0 ? undefined : end);
      this.at = end < 0 ? this.pattern.length : end + 2;
      return Array.from(quoted, (part) => literal(part.codePointAt(0)!)).join('');
    }
    return literal(this.escapedCode(char));
  }

  private escapedCode(char: string): number {
    if (char in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[char];
    if (char === 'x') {
      const hex = /\{([0-9A-Fa-f]{1,6})\}|([0-9A-Fa-f]{2})/y.exec(this.pattern.slice(this.at)) ?? untranslatable();
      this.at += hex[0].length;
      return parseInt(hex[1] ?? hex[2], 16);
    }
    if (/[0-7]/.test(char)) {
      // \1 to \7 alone would be a back reference, which RE2 does not have.
      const more = /[0-7]{0,2}/y.exec(this.pattern.slice(this.at))![0];
      if (char !== '0' && more === '') untranslatable();
      this.at += more.length;
      return parseInt(char + more, 8);
    }
    const code = char.codePointAt(0)!;
    return code < 0x80 && !/[0-9A-Za-z]/.test(char) ? code : untranslatable();
  }

  /** \pL, \p{Greek}, \P{Lu}, \p{^Lu}: a Unicode general category or script. */
  private property(negated: boolean): string {
    const braced = /\{(\^?)([A-Za-z_]+)\}|([A-Za-z])/y.exec(this.pattern.slice(this.at)) ?? untranslatable();
    this.at += braced[0].length;
    const name = braced[2] ?? braced[3];
    if (name === 'Any') untranslatable();
    const inverse = negated !== (braced[1] === '^');
    return `\\${inverse ? 'P' : 'p'}{${CATEGORIES.has(name) ? name : `Script=${name}`}}`;
  }

  private characterClass(): string {
    const negated = this.pattern[this.at] === '^';
    if (negated) this.at++;
    let out = '';
    for (let first = true; this.pattern[this.at] !== ']' || first; first = false) {
      const posix = /\[:(\^?)([a-z]+):\]/y.exec(this.pattern.slice(this.at));
      if (posix) {
        if (posix[1] || !POSIX[posix[2]]) untranslatable();
        this.at += posix[0].length;
        out += POSIX[posix[2]].map(([low, high]) => `${literal(low)}-${literal(high)}`).join('');
        continue;
      }
      const low = this.classMember();
      if (typeof low === 'string') {
        out += low;
      } else if (this.pattern[this.at] === '-' && this.pattern[this.at + 1] !== ']' && this.at + 1 < this.pattern.length) {
        this.at++;
        const high = this.classMember();
        if (typeof high === 'string') untranslatable();
        out += `${literal(low)}-${literal(high)}`;
      } else {
        out += literal(low);
      }
    }
    this.at++;
    return `[${negated ? '^' : ''}${out}]`;
  }

  /** A character of a class (a code point) or a class escape in it (JavaScript text). */
  private classMember(): number | string {
    const code = this.next();
    return code === 0x5c ? this.classEscape() : code;
  }

  private classEscape(): number | string {
    const char = this.pattern[this.at] ?? untranslatable();
    if ('dDwWspP'.includes(char)) return this.escape(true);
    this.at++;
    return this.escapedCode(char);
  }
}

/** The RE2 pattern as a JavaScript RegExp, or undefined when it cannot be translated safely. */
export function translate(pattern: string): Translated | undefined {
  const translator = new Translator(pattern);
  try {
    const source = translator.translate();
    return { regexp: new RegExp(source, translator.caseless ? 'giu' : 'gu'), names: translator.names };
  } catch (error) {
    if (error === UNTRANSLATABLE || error instanceof SyntaxError) return undefined;
    throw error;
  }
}
