import { Span } from '../model';

/** One value an expression may have: a literal, the stack's own account ID, or something unknown. */
export interface Candidate {
  value: string;
  origin?: 'own-account' | 'unresolved';
  /** Where a literal was defined when not where it is used (a parameter's `Default`, a mapping's value). */
  definedAt?: { span: Span; message: string };
  /** `AWS::Partition`: `aws` where it fills an ARN's partition field, unknown anywhere else. */
  partition?: true;
}

/** A piece of a string being built by `Fn::Sub` or `Fn::Join`: literal text, or the values a part may have. */
export type Piece = string | readonly Candidate[];

/** What `${AWS::AccountId}` reads as in a value known to be the stack's own account. */
export const OWN_ACCOUNT = '${AWS::AccountId}';
/** ... and elsewhere in a literal (a role name): text that is no account ID and no policy variable. */
const OWN_ACCOUNT_ELSEWHERE = '<own-account-id>';

/** Combinations of part values a built string is worked out for; more, and the value is unresolved. */
const MAX_COMBINATIONS = 64;

export function unresolved(expression: string): Candidate {
  return { value: expression, origin: 'unresolved' };
}

/**
 * The strings `pieces` build, one per combination of their parts' values. A part that is unknown leaves
 * the whole string unknown (`expression` stands for it), except that an ARN whose account field is the
 * stack's own account ID is the stack's own whatever else it holds, and `AWS::Partition` right after `arn:`
 * changes nothing ECR Guard reads. The own account ID anywhere else (a role name) is known, not unknown.
 */
export function compose(pieces: readonly Piece[], expression: string): Candidate[] {
  let combinations = 1;
  for (const piece of pieces) if (typeof piece !== 'string') combinations *= Math.max(1, piece.length);
  if (combinations > MAX_COMBINATIONS) return [unresolved(expression)];
  const results: Candidate[] = [];
  const seen = new Set<string>();
  for (let index = 0; index < combinations; index++) {
    const result = build(pieces, index, expression);
    const key = `${result.origin ?? ''}|${result.value}`;
    if (!seen.has(key)) {
      seen.add(key);
      results.push(result);
    }
  }
  return results;
}

/** The `index`-th combination of part values, counted in mixed radix over the parts. */
function build(pieces: readonly Piece[], index: number, expression: string): Candidate {
  let text = '';
  let definedAt: Candidate['definedAt'];
  // Where each own-account part and the first unknown part stand in `text`.
  const own: number[] = [];
  let firstUnknown = -1;
  let rest = index;
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      text += piece;
      continue;
    }
    if (piece.length === 0) continue;
    const candidate = piece[rest % piece.length];
    rest = Math.floor(rest / piece.length);
    definedAt ??= candidate.definedAt;
    if (candidate.partition && text === 'arn:') {
      text += 'aws';
    } else if (candidate.origin === 'own-account') {
      own.push(text.length);
      text += OWN_ACCOUNT;
    } else if (candidate.origin === 'unresolved' || candidate.partition) {
      if (firstUnknown < 0) firstUnknown = text.length;
      text += '?';
    } else {
      text += candidate.value;
    }
  }
  if (own.length > 0 && isOwnAccount(text, own, firstUnknown)) return { value: text, origin: 'own-account' };
  if (firstUnknown >= 0) return unresolved(expression);
  const value = own.length > 0 ? text.split(OWN_ACCOUNT).join(OWN_ACCOUNT_ELSEWHERE) : text;
  return definedAt ? { value, definedAt } : { value };
}

/** Whether the value is the own account ID itself, or an ARN whose account field is exactly that ID. */
function isOwnAccount(text: string, own: readonly number[], firstUnknown: number): boolean {
  if (text === OWN_ACCOUNT) return true;
  if (!text.startsWith('arn:')) return false;
  let start = 0;
  for (let field = 0; field < 4; field++) {
    start = text.indexOf(':', start) + 1;
    if (start === 0) return false;
  }
  // An unknown part before the account field might hold colons of its own: the fields cannot be told.
  if (firstUnknown >= 0 && firstUnknown < start) return false;
  return own.includes(start) && text.startsWith(`${OWN_ACCOUNT}:`, start);
}

/**
 * The pieces of a `Fn::Sub` template: `${Name}` parts resolved by `variable`, `${!Literal}` kept as the
 * literal `${Literal}` (how a template writes an IAM policy variable).
 */
export function subPieces(template: string, variable: (name: string) => readonly Candidate[]): Piece[] {
  const pieces: Piece[] = [];
  let literal = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('${', i);
    const close = open < 0 ? -1 : template.indexOf('}', open + 2);
    if (close < 0) break;
    literal += template.slice(i, open);
    const inner = template.slice(open + 2, close);
    if (inner.startsWith('!')) {
      literal += `\${${inner.slice(1)}}`;
    } else {
      if (literal) pieces.push(literal);
      literal = '';
      pieces.push(variable(inner.trim()));
    }
    i = close + 1;
  }
  literal += template.slice(i);
  if (literal) pieces.push(literal);
  return pieces;
}
