import { Origin, str, Value } from '../eval/value';
import { conditionOf, literals, policyDocument, principalOf, statement } from './document';
import { input, listInput, ListInput, nonEmpty, or, Tri } from './inputs';
import { labelEnabled, labelName } from './nullLabel';
import { ModuleCall, ModulePolicy, RegistryModule } from './types';

/*
 * cloudposse/ecr/aws, main.tf of the v0.42/v1.0 line (the `default_lifecycle_rules_settings` main.tf; its
 * policy part is unchanged from the stored commit 03446eb) with variables.tf of v1.0.x (which adds
 * image_tag_mutability_exclusion_filter, nothing that touches the policy).
 *
 * | Input                                   | Default | Statement (Sid), principal, actions                                      |
 * | --------------------------------------- | ------- | ------------------------------------------------------------------------ |
 * | principals_readonly_access              | []      | ReadonlyAccess: AWS these, 11 read actions (the source document)          |
 * | principals_pull_though_access (sic;     | []      | PullThroughAccess: AWS these, BatchImportUpstreamImage + TagResource,     |
 * |   also _pull_through_ accepted)         |         | only where the name's leading [a-z][a-z0-9._-]+ is in                     |
 * | prefixes_pull_through_repositories      | []      |   prefixes_pull_through_repositories                                      |
 * | principals_push_access                  | []      | PushAccess: AWS these, 6 push actions                                     |
 * | principals_full_access                  | []      | FullAccess: AWS these, ecr:*                                              |
 * | principals_lambda (account IDs)         | []      | LambdaECRImageCrossAccountRetrievalPolicy: Service lambda.amazonaws.com,  |
 * |                                         |         | StringLike aws:SourceArn arn:aws:lambda:*:ID:function:*; and              |
 * |                                         |         | CrossAccountPermission: AWS arn:aws:iam::ID:root; both BatchGetImage +    |
 * |                                         |         | GetDownloadUrlForLayer                                                    |
 * | organizations_full_access               | []      | OrganizationsFullAccess: "*", StringEquals aws:PrincipalOrgID, ecr:*       |
 * | organizations_readonly_access           | []      | OrganizationsReadonlyAccess: "*", StringEquals aws:PrincipalOrgID, read   |
 * | organizations_push_access               | []      | OrganizationsPushAccess: "*", StringEquals aws:PrincipalOrgID, push       |
 * | image_names                             | []      | one aws_ecr_repository_policy.name["NAME"] per distinct name; empty: one  |
 * | use_fullname + label inputs             | true    |   repository named module.this.id (or .name), see nullLabel.ts            |
 * | enabled / context.enabled               | true    | false: nothing                                                            |
 *
 * No policy at all when every list above is empty. Statements come in the order the source document and
 * then override_policy_documents give: the order of the table. `data.aws_partition.current.partition` is
 * written `aws`, as CloudFormation's AWS::Partition is.
 */

const READ = [
  'ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:DescribeImageScanFindings', 'ecr:DescribeImages',
  'ecr:DescribeRepositories', 'ecr:GetDownloadUrlForLayer', 'ecr:GetLifecyclePolicy', 'ecr:GetLifecyclePolicyPreview',
  'ecr:GetRepositoryPolicy', 'ecr:ListImages', 'ecr:ListTagsForResource',
];
const PUSH = [
  'ecr:CompleteLayerUpload', 'ecr:GetAuthorizationToken', 'ecr:UploadLayerPart', 'ecr:InitiateLayerUpload',
  'ecr:BatchCheckLayerAvailability', 'ecr:PutImage',
];
const PULL_THROUGH = ['ecr:BatchImportUpstreamImage', 'ecr:TagResource'];
const LAMBDA = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'];
const FULL = ['ecr:*'];
/** `regex("^[a-z][a-z0-9\\-\\.\\_]+", each.value)`: the repository name's prefix tested for pull-through. */
const PREFIX = /^[a-z][a-z0-9\-._]+/;

interface Grants {
  readonly: ListInput; pullThrough: ListInput; push: ListInput; full: ListInput; lambda: ListInput;
  orgReadonly: ListInput; orgFull: ListInput; orgPush: ListInput; prefixes: ListInput;
}

export const cloudposseEcr: RegistryModule = {
  address: 'cloudposse/ecr/aws',
  version: 'v0.42/v1.0 main.tf (policy as at commit 03446eb) with v1.0.x variables.tf',
  policies(inputs, call) {
    if (labelEnabled(inputs) === false) return [];
    const grants = grantsOf(inputs);
    const lists = [grants.readonly, grants.pullThrough, grants.push, grants.full, grants.lambda, grants.orgReadonly, grants.orgFull, grants.orgPush];
    if (or(...lists.map(nonEmpty)) === false) return [];
    return repositoryNames(inputs, call).map((name): ModulePolicy => ({
      resource: `aws_ecr_repository_policy.name[${name.kind === 'string' ? JSON.stringify(name.value) : '?'}]`,
      property: 'policy',
      repository: name,
      policy: policyDocument(statements(grants, name, call.origin), call.origin),
    }));
  },
};

function grantsOf(inputs: ReadonlyMap<string, Value>): Grants {
  const list = (name: string) => listInput(inputs, name);
  return {
    readonly: list('principals_readonly_access'),
    pullThrough: list(input(inputs, 'principals_pull_though_access') ? 'principals_pull_though_access' : 'principals_pull_through_access'),
    push: list('principals_push_access'), full: list('principals_full_access'), lambda: list('principals_lambda'),
    orgReadonly: list('organizations_readonly_access'), orgFull: list('organizations_full_access'), orgPush: list('organizations_push_access'),
    prefixes: list('prefixes_pull_through_repositories'),
  };
}

/** `toset(length(var.image_names) > 0 ? var.image_names : [local._name])`. */
function repositoryNames(inputs: ReadonlyMap<string, Value>, call: ModuleCall): Value[] {
  const names = listInput(inputs, 'image_names');
  if (names.items.length === 0) return [labelName(inputs, call.origin)];
  const seen = new Set<string>();
  const distinct: Value[] = [];
  for (const name of names.items) {
    if (name.kind === 'string' && seen.has(name.value)) continue;
    if (name.kind === 'string') seen.add(name.value);
    distinct.push(name);
  }
  return distinct;
}

function statements(grants: Grants, name: Value, origin: Origin): Value[] {
  const aws = (identifiers: Value[]) => principalOf([{ type: str('AWS', origin), identifiers }], origin);
  const everyone = principalOf([{ type: str('*', origin), identifiers: [str('*', origin)] }], origin);
  const orgCondition = (ids: ListInput) => conditionOf([{ test: str('StringEquals', origin), variable: str('aws:PrincipalOrgID', origin), values: ids.items }], origin);
  const grant = (sid: string, actions: string[], principal: Value | undefined, condition?: Value) =>
    statement({ sid: str(sid, origin), principal, actions: literals(actions, origin), condition }, origin);
  const result: Value[] = [];
  if (nonEmpty(grants.readonly) !== false) result.push(grant('ReadonlyAccess', READ, aws(grants.readonly.items)));
  if (nonEmpty(grants.pullThrough) !== false && pullThroughRepository(name, grants.prefixes) !== false) {
    result.push(grant('PullThroughAccess', PULL_THROUGH, aws(grants.pullThrough.items)));
  }
  if (nonEmpty(grants.push) !== false) result.push(grant('PushAccess', PUSH, aws(grants.push.items)));
  if (nonEmpty(grants.full) !== false) result.push(grant('FullAccess', FULL, aws(grants.full.items)));
  if (nonEmpty(grants.lambda) !== false) {
    const functions = grants.lambda.items.map((account) => accountArn(account, (id) => `arn:aws:lambda:*:${id}:function:*`));
    const lambda = principalOf([{ type: str('Service', origin), identifiers: [str('lambda.amazonaws.com', origin)] }], origin);
    result.push(grant('LambdaECRImageCrossAccountRetrievalPolicy', LAMBDA, lambda,
      conditionOf([{ test: str('StringLike', origin), variable: str('aws:SourceArn', origin), values: functions }], origin)));
    result.push(grant('CrossAccountPermission', LAMBDA, aws(grants.lambda.items.map((account) => accountArn(account, (id) => `arn:aws:iam::${id}:root`)))));
  }
  if (nonEmpty(grants.orgFull) !== false) result.push(grant('OrganizationsFullAccess', FULL, everyone, orgCondition(grants.orgFull)));
  if (nonEmpty(grants.orgReadonly) !== false) result.push(grant('OrganizationsReadonlyAccess', READ, everyone, orgCondition(grants.orgReadonly)));
  if (nonEmpty(grants.orgPush) !== false) result.push(grant('OrganizationsPushAccess', PUSH, everyone, orgCondition(grants.orgPush)));
  return result;
}

/** `contains(var.prefixes_pull_through_repositories, regex(PREFIX, name))`; a name without the prefix fails the plan: no grant. */
function pullThroughRepository(name: Value, prefixes: ListInput): Tri {
  if (name.kind !== 'string') return 'unknown';
  const prefix = PREFIX.exec(name.value)?.[0];
  if (prefix === undefined) return false;
  if (prefixes.items.some((item) => item.kind === 'string' && item.value === prefix)) return true;
  return prefixes.items.some((item) => item.kind !== 'string') ? 'unknown' : false;
}

/** `formatlist(pattern, partition, var.principals_lambda)` for one account: where the caller wrote it. An unknown account stays itself. */
function accountArn(account: Value, format: (id: string) => string): Value {
  return account.kind === 'string' ? { kind: 'string', value: format(account.value), origin: account.origin, site: account.site } : account;
}
