import { StatementFacts } from '../grants';
import { Finding, RuleId } from '../model';
import { Rule, RuleContext } from './context';
import { externalWrite } from './externalWrite';
import { unresolvedPrincipal } from './unresolvedPrincipal';
import { untrustedAccount } from './untrustedAccount';
import { wildcardPrincipal } from './wildcardPrincipal';

export const RULES: Record<RuleId, Rule> = {
  'wildcard-principal': wildcardPrincipal,
  'external-write': externalWrite,
  'untrusted-account': untrustedAccount,
  'unresolved-principal': unresolvedPrincipal,
};

export function runRules(facts: readonly StatementFacts[], context: RuleContext): Finding[] {
  const rules = Object.values(RULES);
  return facts.flatMap((statement) => rules.flatMap((rule) => rule(statement, context)));
}

export type { RuleContext };
