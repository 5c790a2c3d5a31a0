import { Span, Str } from '../model';

const CALLER_ACCOUNT = /^data\.aws_caller_identity\.[A-Za-z_][\w-]*\.account_id$/;

/**
 * Resolves `${...}` interpolations in a template's raw text where nothing is evaluated (Terraform JSON
 * syntax): the caller identity's account ID marks the value as the team's own; anything else leaves the
 * whole value unresolved.
 */
export function resolveTemplate(raw: string, span: Span, decode: (literal: string) => string): Str {
  const pieces = splitTemplate(raw);
  if (pieces.every((piece) => typeof piece === 'string')) return { value: decode(raw), span };
  let own = false;
  let value = '';
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      value += decode(piece);
      continue;
    }
    const expression = piece.expression.trim();
    if (CALLER_ACCOUNT.test(expression)) {
      own = true;
      value += `\${${expression}}`;
      continue;
    }
    return { value: raw, span, origin: 'unresolved' };
  }
  return own ? { value, span, origin: 'own-account' } : { value, span };
}

/** Literal text and `${...}` / `%{...}` parts of a template; `$${` and `%%{` are escapes, not parts. */
export function splitTemplate(raw: string): (string | { expression: string; directive: boolean })[] {
  const pieces: (string | { expression: string; directive: boolean })[] = [];
  let literal = '';
  let i = 0;
  while (i < raw.length) {
    if ((raw.startsWith('$${', i) || raw.startsWith('%%{', i))) {
      literal += raw.slice(i, i + 3);
      i += 3;
      continue;
    }
    if ((raw.startsWith('${', i) || raw.startsWith('%{', i))) {
      const end = closingBrace(raw, i + 2);
      if (literal) pieces.push(literal);
      literal = '';
      pieces.push({ expression: raw.slice(i + 2, end), directive: raw[i] === '%' });
      i = end + 1;
      continue;
    }
    literal += raw[i];
    i += 1;
  }
  if (literal) pieces.push(literal);
  return pieces;
}

export function closingBrace(raw: string, from: number): number {
  let depth = 0;
  for (let i = from; i < raw.length; i++) {
    if (raw[i] === '{') depth++;
    else if (raw[i] === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return raw.length;
}

export function unescapeTemplate(text: string): string {
  return text.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}
