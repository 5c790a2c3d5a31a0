import { finding, Rule } from './context';

/**
 * A principal or binding condition value that is not a literal (a Terraform variable without a literal
 * default, a resource attribute). It cannot be checked, and saying so beats both silence and a guess.
 */
export const unresolvedPrincipal: Rule = (facts) => {
  const fromPrincipals = facts.named.filter(({ identity }) => identity.kind === 'unresolved').map(({ source }) => source);
  const fromConditions = facts.conditions.bindings.filter((binding) => binding.kind === 'unresolved').map((binding) => binding.value);
  return [...fromPrincipals, ...fromConditions].map((source) =>
    finding(facts, 'unresolved-principal', 'information', source.span, `Cannot check: value comes from ${source.value}, which ECR Guard cannot resolve to literal accounts.`));
};
