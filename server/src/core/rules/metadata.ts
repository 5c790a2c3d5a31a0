import type { Severity } from '../model';

/**
 * What each rule is, in one place: the rule modules take their severity from here, SARIF its descriptors,
 * the editor its diagnostic links, quick fixes whether to look for a fix, the client its rule list. Plain
 * data, so the protocol module and the VS Code client may import it.
 */

const IDS = ['wildcard-principal', 'external-write', 'untrusted-account', 'unresolved-principal', 'unscoped-service-principal', 'invalid-policy', 'external-replication', 'invalid-suppression', 'policy-drift', 'unmanaged-policy'] as const;

export type RuleId = (typeof IDS)[number];
/** In reporting order: SARIF's rule indexes and a grant's list of rules follow it. */
export const RULE_IDS: readonly RuleId[] = IDS;

export interface RuleMetadata {
  id: RuleId;
  /** SARIF's reportingDescriptor.name. */
  sarifName: string;
  severity: Severity;
  title: string;
  /** One sentence, for reports that travel without the README (SARIF's shortDescription). */
  summary: string;
  description: string;
  /** The rule's section in README.md, the target of the diagnostic's codeDescription link. */
  docsAnchor: string;
  /** Whether quick fixes exist for the rule's findings. */
  fixable: boolean;
}

export const RULE_METADATA: Readonly<Record<RuleId, RuleMetadata>> = {
  'wildcard-principal': {
    id: 'wildcard-principal',
    sarifName: 'WildcardPrincipal',
    severity: 'error',
    title: 'Public repository',
    summary: 'The repository is public: anyone may call it.',
    description: 'An Allow statement whose principal is anyone ("*", {"AWS": "*"}, an ARN with * as its account, or NotPrincipal), that no condition binds to your accounts or organisation and no Deny of the policy takes back. Conditions ending in IfExists, using ForAllValues:, negated, comparing with a policy variable that follows the caller, or with a wildcard in the account or organisation part (StringLike, ArnLike and ArnEquals alike) do not bind.',
    docsAnchor: 'wildcard-principal',
    fixable: true,
  },
  'external-write': {
    id: 'external-write',
    sarifName: 'ExternalWrite',
    severity: 'error',
    title: 'Write access outside your accounts',
    summary: 'Someone outside your accounts may push, delete or change policy: a supply-chain attack path.',
    description: 'An Allow statement grants a write, permissions-management or tagging ECR action (wildcards and NotAction expanded, less what a Deny of the policy provably takes back) to a principal, or to the account a service principal acts for, that is not one of your own accounts and is not trusted for that access in the trust list.',
    docsAnchor: 'external-write',
    fixable: true,
  },
  'untrusted-account': {
    id: 'untrusted-account',
    sarifName: 'UntrustedAccount',
    severity: 'warning',
    title: 'Untrusted account',
    summary: 'An account or organisation nobody approved in the trust list.',
    description: 'An account ID or organisation ID, in a principal or in a binding condition, that is neither one of your own nor on the trust list (.ecr-trust.json), or whose trust has expired.',
    docsAnchor: 'untrusted-account',
    fixable: true,
  },
  'unresolved-principal': {
    id: 'unresolved-principal',
    sarifName: 'UnresolvedPrincipal',
    severity: 'information',
    title: 'Unresolved principal',
    summary: 'A principal that is not a literal and cannot be checked.',
    description: 'A principal or binding condition value that is not a literal (a Terraform variable without a literal default, a resource attribute, a CloudFormation import), or an aws:userid condition naming a role or user by unique ID, whose account the policy does not say. ECR Guard does not guess.',
    docsAnchor: 'unresolved-principal',
    fixable: false,
  },
  'unscoped-service-principal': {
    id: 'unscoped-service-principal',
    sarifName: 'UnscopedServicePrincipal',
    severity: 'warning',
    title: 'Service principal not bound to an account',
    summary: 'A service principal may use the grant for any account: bind it with aws:SourceAccount or aws:SourceArn.',
    description: 'An Allow statement to a service principal ({"Service": "codebuild.amazonaws.com"}) that no positive aws:SourceAccount, aws:SourceArn, aws:SourceOrgID or aws:SourceOrgPaths condition binds: the service may act on behalf of any account (the confused deputy problem). Accounts such conditions name are checked like principals.',
    docsAnchor: 'unscoped-service-principal',
    fixable: true,
  },
  'invalid-policy': {
    id: 'invalid-policy',
    sarifName: 'InvalidPolicy',
    severity: 'error',
    title: 'Invalid policy',
    summary: 'A policy AWS rejects or that cannot mean what it says: a misspelt action, a bad Effect or Principal, too long.',
    description: 'Any statement of an ECR resource policy, Deny included: an ecr: or ecr-public: action name the registry does not have (with the closest real name), a missing Action/NotAction or Effect, an Effect other than Allow or Deny (case-sensitive), a condition operator IAM does not know (names are case-sensitive), a Principal string other than "*", or a policy over the 10,240 characters SetRepositoryPolicy and PutRegistryPolicy accept.',
    docsAnchor: 'invalid-policy',
    fixable: true,
  },
  'external-replication': {
    id: 'external-replication',
    sarifName: 'ExternalReplication',
    severity: 'error',
    title: 'Replication to an outside account',
    summary: 'Replication rules copy every image of the registry to an account outside yours that is not trusted for it.',
    description: 'A replication rule (Terraform aws_ecr_replication_configuration, CloudFormation AWS::ECR::ReplicationConfiguration, a module\'s replication input, or the JSON put-replication-configuration takes) whose destination registry is not one of your own accounts and is not trusted for replicate (or admin) in the trust list.',
    docsAnchor: 'external-replication',
    // Quick fixes are built on the finding's policy statement (fixes/fixesFor.ts), and "Trust account" writes
    // `access: pull`, which would not clear this finding: none is offered until it can write `replicate`.
    fixable: false,
  },
  'invalid-suppression': {
    id: 'invalid-suppression',
    sarifName: 'InvalidSuppression',
    severity: 'warning',
    title: 'Suppression that does not apply',
    summary: 'An ecr-guard-ignore comment without a reason, naming an unknown rule or an impossible date: the findings it meant stay reported.',
    description: 'A comment starting with ecr-guard-ignore that cannot be applied: it names no rule or a rule ECR Guard does not have, its until= is not a date written YYYY-MM-DD, or it gives no reason after " -- ". Accepting a finding must say why, and a typo must not pass a gate, so the findings it meant stay reported.',
    docsAnchor: 'invalid-suppression',
    fixable: false,
  },
  'policy-drift': {
    id: 'policy-drift',
    sarifName: 'PolicyDrift',
    severity: 'warning',
    title: 'Deployed policy differs from the IaC',
    summary: 'A deployed policy (ecr-guard audit) is not what the workspace\'s Terraform or CloudFormation defines for it.',
    description: 'A repository, registry or creation-template policy read from the account that differs from its definition in the workspace (matched by repository name, template prefix, or as the registry policy) once both are put in the same form: statement order, action order and case, a single value or a list, an account ID or its root ARN, and a missing Version (2008-10-17) do not count. A definition holding values not known before deployment (an unresolved variable, a CloudFormation Fn::If) is not compared.',
    docsAnchor: 'policy-drift',
    fixable: false,
  },
  'unmanaged-policy': {
    id: 'unmanaged-policy',
    sarifName: 'UnmanagedPolicy',
    severity: 'information',
    title: 'Deployed policy no IaC defines',
    summary: 'A deployed policy (ecr-guard audit) that no Terraform or CloudFormation in the workspace defines.',
    description: 'A repository, registry or creation-template policy read from the account for which the workspace holds no definition: no Terraform aws_ecr_repository_policy (or module, or plan) for the repository name, no CloudFormation RepositoryName, no template for the prefix, no registry policy. Reported only when the audit compares with a workspace.',
    docsAnchor: 'unmanaged-policy',
    fixable: false,
  },
};
