import { Origin, str, unknown, Value } from '../eval/value';
import { flag, input, Tri } from './inputs';

/*
 * What cloudposse modules take from their `module "this"` (cloudposse/label/null 0.25.0, context.tf):
 * `enabled` (var.enabled, else context.enabled, true by default) and the repository name the ECR module
 * falls back to, `id` (use_fullname) or `name`. The name is computed only for the plain case: namespace,
 * tenant, environment, stage, name, attributes and delimiter given directly. A `context` or a label setting
 * (label_order, regex_replace_chars, label_value_case, id_length_limit) leaves it unknown.
 */

const LABEL_SETTINGS = ['context', 'label_order', 'regex_replace_chars', 'label_value_case', 'id_length_limit'];
const ID_ORDER = ['namespace', 'environment', 'stage', 'name'];

export function labelEnabled(inputs: ReadonlyMap<string, Value>): Tri {
  if (input(inputs, 'enabled')) return flag(inputs, 'enabled', true);
  const context = input(inputs, 'context');
  if (!context) return true;
  if (context.kind !== 'object') return 'unknown';
  const enabled = context.entries.get('enabled');
  if (!enabled || enabled.kind === 'null') return true;
  return enabled.kind === 'bool' ? enabled.value : 'unknown';
}

/** `use_fullname ? module.this.id : module.this.name`, or unknown where the label's inputs are. */
export function labelName(inputs: ReadonlyMap<string, Value>, origin: Origin): Value {
  const unknownName = unknown('module.this.id', origin);
  if (LABEL_SETTINGS.some((name) => input(inputs, name))) return unknownName;
  const fullName = flag(inputs, 'use_fullname', true);
  if (fullName === 'unknown') return unknownName;
  const part = (name: string): string | undefined => {
    const value = input(inputs, name);
    return !value ? '' : value.kind === 'string' ? normalize(value.value) : undefined;
  };
  if (!fullName) return known(part('name'), origin) ?? unknownName;
  const delimiter = input(inputs, 'delimiter');
  if (delimiter && delimiter.kind !== 'string') return unknownName;
  const attributes = input(inputs, 'attributes');
  if (attributes && (attributes.kind !== 'list' || !attributes.items.every((item) => item.kind === 'string'))) return unknownName;
  const labels = ID_ORDER.map(part);
  if (labels.includes(undefined)) return unknownName;
  const attributeText = [...new Set((attributes?.kind === 'list' ? attributes.items : []).map((item) => normalize((item as { value: string }).value)))]
    .filter((item) => item !== '').join(delimiter?.value ?? '-');
  return str([...labels, attributeText].filter((label) => label !== '').join(delimiter?.value ?? '-'), origin);
}

/** The label's default normalisation: characters other than `-`, letters and digits removed, lower case. */
function normalize(value: string): string {
  return value.replace(/[^-a-zA-Z0-9]/g, '').toLowerCase();
}

function known(value: string | undefined, origin: Origin): Value | undefined {
  return value === undefined ? undefined : str(value, origin);
}
