import { Str } from '../model';
import { finding, Rule } from './context';

/**
 * A principal or binding condition value that is not a literal (a Terraform variable without a literal
 * default, a resource attribute), or one that names a principal without its account (aws:userid with a
 * role's unique ID). It cannot be checked, and saying so beats both silence and a guess.
 */
export const unresolvedPrincipal: Rule = (facts) => {
  // Plain loops: this runs for every statement of every file of a workspace scan, and rarely finds anything.
  const sources: Str[] = [];
  const uniqueIds: { id: string; value: Str }[] = [];
  for (const { identity, source } of facts.named) if (identity.kind === 'unresolved') sources.push(source);
  for (const binding of facts.conditions.bindings) {
    if (binding.kind === 'unresolved') sources.push(binding.value);
    else if (binding.kind === 'unique-id') uniqueIds.push(binding);
  }
  return [
    ...sources.map((source) =>
      finding(facts, 'unresolved-principal', source.span, `Cannot check: value comes from ${source.value}, which ECR Guard cannot resolve to literal accounts.`)),
    ...uniqueIds.map(({ id, value }) =>
      finding(facts, 'unresolved-principal', value.span, `Cannot check the account of ${id.startsWith('AROA') ? 'role' : 'user'} ${id}: aws:userid names it by unique ID, not by account.`)),
  ];
};
