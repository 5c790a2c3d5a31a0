import { Str } from '../model';
import { cap, fitRow, ROW } from '../rowText';
import { detailOn, finding, Rule } from './context';

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
      finding(facts, 'unresolved-principal', source.span, fitRow(`Cannot check ${source.value}: not a literal account`, `Cannot check ${cap(source.value, ROW - 13)}`), {},
        [detailOn(facts.statement, `The value comes from ${source.value}, which ECR Guard cannot resolve to literal accounts; it does not guess. Check who it names by hand.`)])),
    ...uniqueIds.map(({ id, value }) =>
      finding(facts, 'unresolved-principal', value.span, `Cannot check ${id.startsWith('AROA') ? 'role' : 'user'} ${cap(id, 40)}: its account is not named`, {},
        [detailOn(facts.statement, `aws:userid names the ${id.startsWith('AROA') ? 'role' : 'user'} ${id} by its unique ID, not by account, so ECR Guard cannot tell whose it is.`)])),
  ];
};
