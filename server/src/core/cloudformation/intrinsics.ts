import { Str } from '../model';
import { Candidate, compose, Piece, subPieces, unresolved } from './compose';
import { mappingValues } from './mappings';
import { CfnNode, Intrinsic, intrinsicOf, literalOf } from './nodes';
import { isListParameter, isSsmParameter, TemplateScope } from './scope';

/** Values one expression is worked out to; more (a mapping searched with unknown keys) are cut off. */
const MAX_CANDIDATES = 1000;

/**
 * Works out what template values stand for, as far as the template itself tells: literals, parameter
 * defaults, mappings, `AWS::AccountId`, and the string functions over them. `Fn::If` counts both
 * branches; anything else (resource attributes, imports, parameters without a default) is unresolved.
 */
export class Evaluator {
  constructor(private readonly scope: TemplateScope) {}

  /**
   * The strings a policy value stands for (a string, a list, or an expression giving either), each with
   * the span a finding should cover: the literal itself, or the whole intrinsic call that produced it.
   */
  strings(node: CfnNode): Str[] {
    const call = intrinsicOf(node);
    if (call?.name === 'If') return this.branches(call).flatMap((branch) => this.strings(branch));
    if (call) return this.evaluate(call).map((candidate) => ({ ...strOf(candidate), span: call.span }));
    if (node.kind === 'seq') return node.items.flatMap((item) => this.strings(item));
    return node.kind === 'scalar' ? [{ value: node.value, span: node.span }] : [];
  }

  /** The nodes a structure may be: both branches of `Fn::If` (recursively), without `AWS::NoValue`. */
  alternatives(node: CfnNode): CfnNode[] {
    const call = intrinsicOf(node);
    if (call?.name === 'If') return this.branches(call).flatMap((branch) => this.alternatives(branch));
    return isNoValue(node) ? [] : [node];
  }

  /** Every value of one expression; a list counts as all of its elements. */
  candidates(node: CfnNode): Candidate[] {
    const call = intrinsicOf(node);
    if (call) return this.evaluate(call);
    if (node.kind === 'seq') return node.items.flatMap((item) => this.candidates(item)).slice(0, MAX_CANDIDATES);
    return node.kind === 'scalar' ? [{ value: node.value }] : [unresolved('an object')];
  }

  /** A value's variable for `Fn::Sub`: a pseudo parameter, a template parameter, or a resource attribute. */
  variable(name: string, variables?: CfnNode): Candidate[] {
    const own = variables?.kind === 'map' ? variables.entries.find((entry) => entry.key === name) : undefined;
    if (own) return this.candidates(own.value);
    return name.includes('.') && !name.startsWith('AWS::') ? [unresolved(`\${${name}}`)] : this.reference(name);
  }

  evaluate(call: Intrinsic): Candidate[] {
    switch (call.name) {
      case 'Ref': {
        const name = literalOf(call.argument);
        return name === undefined ? [unresolved(describe(call))] : this.reference(name);
      }
      case 'If': return this.branches(call).flatMap((branch) => this.candidates(branch)).slice(0, MAX_CANDIDATES);
      case 'Sub': return this.sub(call);
      case 'Join': return this.join(call);
      case 'Select': return this.select(call);
      case 'Split': return this.split(call)?.flat() ?? [unresolved(describe(call))];
      case 'FindInMap': return mappingValues(call, this.scope, (node) => this.candidates(node)) ?? [unresolved(describe(call))];
      default: return [unresolved(describe(call))];
    }
  }

  /** `Ref`: a pseudo parameter, or a parameter by its `Default` (not an SSM parameter's, which is a name). */
  reference(name: string): Candidate[] {
    if (name === 'AWS::AccountId') return [{ value: '${AWS::AccountId}', origin: 'own-account' }];
    if (name === 'AWS::NoValue') return [];
    if (name === 'AWS::Partition') return [{ ...unresolved('!Ref AWS::Partition'), partition: true }];
    const parameter = this.scope.parameters.get(name);
    const value = parameter?.default;
    if (!parameter || !value || isSsmParameter(parameter) || name.startsWith('AWS::')) return [unresolved(`!Ref ${name}`)];
    const definedAt = { span: value.span, message: `Default of parameter ${name}` };
    const literals = value.kind === 'seq' ? value.items.flatMap((item) => literalOf(item) ?? []) : [literalOf(value)].flatMap((item) => item ?? []);
    if (literals.length === 0) return [unresolved(`!Ref ${name}`)];
    const values = isListParameter(parameter) ? literals.flatMap((literal) => literal.split(',')) : literals;
    return values.map((item) => ({ value: item, definedAt }));
  }

  private branches(call: Intrinsic): CfnNode[] {
    const items = call.argument.kind === 'seq' ? call.argument.items : [];
    return items.slice(1, 3).filter((branch) => !isNoValue(branch));
  }

  private sub(call: Intrinsic): Candidate[] {
    const { argument } = call;
    const template = argument.kind === 'seq' ? argument.items[0] : argument;
    const variables = argument.kind === 'seq' ? argument.items[1] : undefined;
    const text = literalOf(template);
    if (text === undefined) return [unresolved(describe(call))];
    return compose(subPieces(text, (name) => this.variable(name, variables)), describe(call));
  }

  private join(call: Intrinsic): Candidate[] {
    const [delimiterNode, listNode] = call.argument.kind === 'seq' ? call.argument.items : [];
    const delimiter = literalOf(delimiterNode);
    const list = delimiter === undefined || !listNode ? undefined : this.list(listNode);
    if (!list) return [unresolved(describe(call))];
    const pieces: Piece[] = [];
    list.forEach((item, index) => {
      if (index > 0) pieces.push(delimiter!);
      pieces.push(item);
    });
    return compose(pieces, describe(call));
  }

  private select(call: Intrinsic): Candidate[] {
    const [indexNode, listNode] = call.argument.kind === 'seq' ? call.argument.items : [];
    const index = Number(literalOf(indexNode));
    const list = Number.isInteger(index) && listNode ? this.list(listNode) : undefined;
    return list?.[index] ?? [unresolved(describe(call))];
  }

  /** A list's elements, each with its values; undefined when the list itself cannot be known. */
  private list(node: CfnNode): Candidate[][] | undefined {
    const call = intrinsicOf(node);
    if (!call) return node.kind === 'seq' ? node.items.map((item) => this.candidates(item)) : undefined;
    if (call.name === 'Split') return this.split(call);
    const name = call.name === 'Ref' ? literalOf(call.argument) : undefined;
    const parameter = name === undefined ? undefined : this.scope.parameters.get(name);
    if (!parameter || !isListParameter(parameter)) return undefined;
    const values = this.reference(name!);
    return values.some((value) => value.origin) ? undefined : values.map((value) => [value]);
  }

  private split(call: Intrinsic): Candidate[][] | undefined {
    const [delimiterNode, sourceNode] = call.argument.kind === 'seq' ? call.argument.items : [];
    const delimiter = literalOf(delimiterNode);
    const source = sourceNode && this.candidates(sourceNode);
    if (!delimiter || !source || source.length !== 1 || source[0].origin || source[0].partition) return undefined;
    const { definedAt } = source[0];
    return source[0].value.split(delimiter).map((value) => [definedAt ? { value, definedAt } : { value }]);
  }
}

function isNoValue(node: CfnNode): boolean {
  const call = intrinsicOf(node);
  return call?.name === 'Ref' && literalOf(call.argument) === 'AWS::NoValue';
}

function strOf(candidate: Candidate): Omit<Str, 'span'> {
  return { value: candidate.value, ...(candidate.origin ? { origin: candidate.origin } : {}), ...(candidate.definedAt ? { definedAt: candidate.definedAt } : {}) };
}

/** A short text of a call, for values ECR Guard cannot work out: `!GetAtt Role.Arn`, `!ImportValue Shared`. */
export function describe(call: Intrinsic): string {
  const argument = call.argument;
  const text = argument.kind === 'scalar' ? argument.value
    : argument.kind === 'seq' && argument.items.every((item) => literalOf(item) !== undefined)
      ? argument.items.map((item) => literalOf(item)).join(call.name === 'GetAtt' ? '.' : ', ')
      : '(...)';
  const short = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return `!${call.name} ${short}`;
}
