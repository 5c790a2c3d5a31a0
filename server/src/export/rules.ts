import { RuleId, Severity } from '../core/model';

/** What each rule means, for reports that travel without the README (SARIF, exports). */
export interface RuleInfo {
  id: RuleId;
  name: string;
  severity: Severity;
  summary: string;
  description: string;
}

export const RULE_INFO: Record<RuleId, RuleInfo> = {
  'wildcard-principal': {
    id: 'wildcard-principal',
    name: 'WildcardPrincipal',
    severity: 'error',
    summary: 'The repository is public: anyone may call it.',
    description: 'An Allow statement whose principal is anyone ("*", {"AWS": "*"}, an ARN with * as its account, or NotPrincipal) and that no condition binds to your accounts or organisation. Conditions ending in IfExists, using ForAllValues:, negated, or with a wildcard in the account or organisation part do not bind.',
  },
  'external-write': {
    id: 'external-write',
    name: 'ExternalWrite',
    severity: 'error',
    summary: 'Someone outside your accounts may push, delete or change policy: a supply-chain attack path.',
    description: 'An Allow statement grants a write, permissions-management or tagging ECR action (wildcards and NotAction expanded) to a principal that is not one of your own accounts and is not trusted for that access in the trust list.',
  },
  'untrusted-account': {
    id: 'untrusted-account',
    name: 'UntrustedAccount',
    severity: 'warning',
    summary: 'An account or organisation nobody approved in the trust list.',
    description: 'An account ID or organisation ID, in a principal or in a binding condition, that is neither one of your own nor on the trust list (.ecr-trust.json), or whose trust has expired.',
  },
  'unresolved-principal': {
    id: 'unresolved-principal',
    name: 'UnresolvedPrincipal',
    severity: 'information',
    summary: 'A principal that is not a literal and cannot be checked.',
    description: 'Terraform: a principal or binding condition value that is not a literal (a variable without a literal default, a resource attribute). ECR Guard does not guess what it holds.',
  },
};
