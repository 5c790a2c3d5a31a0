import { toExpr } from './eval/ast';
import { moduleEnv } from './eval/context';
import { evaluateOrUnknown } from './eval/evaluate';
import { str, Value } from './eval/value';
import { jsonValue } from './eval/json';
import { baseName } from '../names';
import { TerraformParser } from './parser';
import { attributesOf, configBody } from './syntax';

/**
 * The variable files Terraform loads for a root module, in the order later ones win: terraform.tfvars,
 * terraform.tfvars.json, then *.auto.tfvars and *.auto.tfvars.json in lexical order of their names.
 */
export function automaticVarFiles(names: readonly string[]): string[] {
  const base = (name: string): string => baseName(name);
  const fixed = ['terraform.tfvars', 'terraform.tfvars.json'].flatMap((wanted) => names.filter((name) => base(name) === wanted));
  const auto = names.filter((name) => /\.auto\.tfvars(\.json)?$/.test(base(name))).sort((a, b) => (base(a) < base(b) ? -1 : base(a) > base(b) ? 1 : 0));
  return [...fixed, ...auto];
}

/** A variable file's values, each placed where it is written. Values must be literals; others are unknown. */
export function readVarFile(parser: TerraformParser, name: string, text: string): Map<string, Value> {
  if (name.toLowerCase().endsWith('.json')) return jsonVarFile(name, text);
  const values = new Map<string, Value>();
  const tree = parser.parse(text);
  try {
    const env = moduleEnv({ locals: new Map(), variables: new Map() });
    for (const [key, node] of attributesOf(configBody(tree.rootNode))) {
      values.set(key, evaluateOrUnknown(toExpr(node), { module: env, file: name, bindings: new Map(), depth: 0 }, () => node.text));
    }
  } catch {
    // Hostile text (nesting that overflows the stack) gives no values rather than a failed analysis.
  } finally {
    tree.delete();
  }
  return values;
}

function jsonVarFile(name: string, text: string): Map<string, Value> {
  const origin = { file: name, span: { offset: 0, length: 0 } };
  const parsed = jsonValue(text, { origin });
  return parsed?.kind === 'object' ? new Map(parsed.entries) : new Map();
}

/**
 * `--var NAME=VALUE`: a list or object value is read as HCL (as Terraform reads a -var of such a type),
 * anything else as a string.
 */
export function commandLineVar(parser: TerraformParser, assignment: string): [string, Value] | undefined {
  const at = assignment.indexOf('=');
  if (at <= 0) return undefined;
  const name = assignment.slice(0, at).trim();
  const value = assignment.slice(at + 1);
  if (!/^\s*[[{]/.test(value)) return [name, str(value)];
  const parsed = readVarFile(parser, `--var ${name}`, `${name} = ${value}`).get(name);
  return parsed ? [name, parsed] : undefined;
}
