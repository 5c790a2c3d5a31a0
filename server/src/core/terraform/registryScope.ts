import { Expr, toExpr } from './eval/ast';
import { ModuleEnv } from './eval/context';
import { evaluateOrUnknown } from './eval/evaluate';
import { attributesOf, HclBlock } from './syntax';

/**
 * The private registry's policy scope (Amazon ECR User Guide, "Private registry permissions"): V2, the
 * default and what new registries get, enforces every ECR action of the registry policy; V1 only
 * replication and pull-through cache actions. Terraform sets it with `resource "aws_ecr_account_setting"`
 * (`name = "REGISTRY_POLICY_SCOPE"`, `value = "V1"` or `"V2"`).
 */
export type RegistryScope = 'V1' | 'V2';

export const ACCOUNT_SETTING = 'aws_ecr_account_setting';
export const SCOPE_SETTING = 'REGISTRY_POLICY_SCOPE';

/** An `aws_ecr_account_setting` block's name and value expressions, with the file they are written in. */
export interface ScopeSetting {
  name: Expr;
  value: Expr;
  file: string;
}

export function scopeSettingOf(block: HclBlock, file: string): ScopeSetting | undefined {
  if (block.type !== 'resource' || block.labels[0] !== ACCOUNT_SETTING) return undefined;
  const attributes = attributesOf(block.body);
  const name = attributes.get('name');
  const value = attributes.get('value');
  return name && value ? { name: toExpr(name), value: toExpr(value), file } : undefined;
}

/**
 * V1 when a setting of the module evaluates to REGISTRY_POLICY_SCOPE = V1 and none to V2; V2 otherwise: a
 * value ECR Guard cannot compute, or no setting at all, leaves the default every new registry has.
 */
export function registryScopeOf(settings: readonly ScopeSetting[], env: ModuleEnv): RegistryScope {
  const values = settings.flatMap((setting) => {
    const context = { module: env, file: setting.file, bindings: new Map(), depth: 0 };
    const name = evaluateOrUnknown(setting.name, context, () => 'name');
    if (name.kind !== 'string' || name.value !== SCOPE_SETTING) return [];
    const value = evaluateOrUnknown(setting.value, context, () => 'value');
    return value.kind === 'string' ? [value.value] : [];
  });
  return scopeFromValues(values);
}

/** The scope the REGISTRY_POLICY_SCOPE values of a configuration give: V1 only if one says so and none says V2. */
export function scopeFromValues(values: readonly string[]): RegistryScope {
  return values.includes('V1') && !values.includes('V2') ? 'V1' : 'V2';
}

/**
 * The policy documents only registry policies use, directly or merged into them. A document that a
 * repository policy (or another ECR resource) uses too is deployed under both, and a repository policy
 * has no registry scope: its statements are judged whole, so it gets none.
 */
export function registryOnlyDocuments(registry: Iterable<string>, others: Iterable<string>, merged: (name: string) => readonly string[]): Set<string> {
  const shared = closure(others, merged);
  return new Set([...closure(registry, merged)].filter((name) => !shared.has(name)));
}

export function closure(start: Iterable<string>, merged: (name: string) => readonly string[]): Set<string> {
  const result = new Set<string>();
  const pending = [...start];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (result.has(name)) continue;
    result.add(name);
    pending.push(...merged(name));
  }
  return result;
}
