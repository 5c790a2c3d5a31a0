import { StatementFacts } from '../grants';
import { isolated } from '../isolate';
import { Finding } from '../model';
import { Rule, RuleContext } from './context';
import { externalWrite } from './externalWrite';
import { RULE_IDS, RuleId } from './metadata';
import { unresolvedPrincipal } from './unresolvedPrincipal';
import { untrustedAccount } from './untrustedAccount';
import { unscopedServicePrincipal } from './unscopedServicePrincipal';
import { wildcardPrincipal } from './wildcardPrincipal';

/** Each rule's implementation; what the rule is (severity, docs, ...) is in metadata.ts. */
export const RULES: Record<RuleId, Rule> = {
  'wildcard-principal': wildcardPrincipal,
  'external-write': externalWrite,
  'untrusted-account': untrustedAccount,
  'unresolved-principal': unresolvedPrincipal,
  'unscoped-service-principal': unscopedServicePrincipal,
};

const ALL_RULES = RULE_IDS.map((id) => RULES[id]);

export function runRules(facts: readonly StatementFacts[], context: RuleContext): Finding[] {
  // Plain loops: this runs for every statement of every file of a workspace scan.
  const findings: Finding[] = [];
  for (const statement of facts) {
    for (const rule of ALL_RULES) {
      // Policy text is hostile input: a rule that fails on one statement loses only its own findings there.
      const found = isolated(() => rule(statement, context), []);
      for (let i = 0; i < found.length; i++) findings.push(found[i]);
    }
  }
  return findings;
}

export type { RuleContext };
