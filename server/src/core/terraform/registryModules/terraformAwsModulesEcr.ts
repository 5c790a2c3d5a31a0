import { Origin, str, unknown, Value } from '../eval/value';
import { conditionOf, literals, policyDocument, principalOf, statement } from './document';
import { and, flag, input, listInput, ListInput, nonEmpty, text } from './inputs';
import { decodePolicyText } from './json';
import { customStatements } from './statementInputs';
import { ModuleCall, ModulePolicy, ModuleReplication, RegistryModule } from './types';

/*
 * terraform-aws-modules/ecr/aws, main.tf as of commit f693de2 (v2.4.x, the newest main.tf stored), with
 * variables.tf of v3.x (commit 019cef5: `repository_policy_statements` is a map of objects, default null).
 * v3's modules/repository-template builds the same statements.
 *
 * | Input                                   | Default   | What it changes                                                       |
 * | --------------------------------------- | --------- | --------------------------------------------------------------------- |
 * | create, create_repository               | true      | false: no repository, no repository policy                            |
 * | repository_type                         | "private" | "private": aws_ecr_repository_policy.this[0];                         |
 * |                                         |           | "public": aws_ecrpublic_repository_policy.example[0]; else none       |
 * | attach_repository_policy                | true      | false: no private policy (the public one ignores it)                  |
 * | create_repository_policy                | true      | true: the document below; false: repository_policy (JSON text)        |
 * | repository_read_access_arns             | []        | PrivateReadOnly / PublicReadOnly principals                           |
 * | repository_read_write_access_arns       | []        | also PrivateReadOnly principals; non-empty: ReadWrite statement       |
 * |                                         |           | (both empty: PrivateReadOnly to the own account root, PublicReadOnly  |
 * |                                         |           | to "*")                                                               |
 * | repository_lambda_read_access_arns      | []        | non-empty (private): PrivateLambdaReadOnly to lambda.amazonaws.com,   |
 * |                                         |           | StringLike aws:sourceArn = these ARNs                                 |
 * | repository_policy_statements            | null      | one statement per entry (map: in key order), appended                 |
 * | create_registry_policy, registry_policy | false     | true: aws_ecr_registry_policy.this[0] with registry_policy (JSON)     |
 * | create_registry_replication_configuration | false   | true: aws_ecr_replication_configuration.this[0], one rule per element |
 * | registry_replication_rules              | []        | of registry_replication_rules, one destination per element of its     |
 * |                                         |           | `destinations` (`region`, `registry_id`)                              |
 *
 * Statements, in order: PublicReadOnly (public) or PrivateReadOnly (private), PrivateLambdaReadOnly,
 * ReadWrite, then the custom statements. `data.aws_partition.current.partition` is written `aws`, as
 * CloudFormation's AWS::Partition is: the partition does not change which account an ARN names.
 */

const PRIVATE_READ = [
  'ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:DescribeImageScanFindings',
  'ecr:DescribeImages', 'ecr:DescribeRepositories', 'ecr:GetDownloadUrlForLayer', 'ecr:GetLifecyclePolicy',
  'ecr:GetLifecyclePolicyPreview', 'ecr:GetRepositoryPolicy', 'ecr:ListImages', 'ecr:ListTagsForResource',
];
const PRIVATE_WRITE = ['ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload'];
const LAMBDA_READ = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'];
const PUBLIC_READ = ['ecr-public:BatchGetImage', 'ecr-public:GetDownloadUrlForLayer'];
const PUBLIC_WRITE = [
  'ecr-public:BatchCheckLayerAvailability', 'ecr-public:CompleteLayerUpload', 'ecr-public:InitiateLayerUpload',
  'ecr-public:PutImage', 'ecr-public:UploadLayerPart',
];
const OWN_ROOT = 'arn:aws:iam::${data.aws_caller_identity.current.account_id}:root';

type RepositoryType = 'private' | 'public';

export const terraformAwsModulesEcr: RegistryModule = {
  address: 'terraform-aws-modules/ecr/aws',
  version: 'v2.4.x main.tf (commit f693de2) with v3.x variables.tf (commit 019cef5)',
  policies(inputs, call) {
    const create = and(flag(inputs, 'create', true), flag(inputs, 'create_repository', true));
    return [...(create === false ? [] : repositoryPolicies(inputs, call)), ...registryPolicies(inputs)];
  },
  replications(inputs) {
    if (and(flag(inputs, 'create', true), flag(inputs, 'create_registry_replication_configuration', false)) === false) return [];
    const rules = input(inputs, 'registry_replication_rules');
    return rules ? [{ resource: 'aws_ecr_replication_configuration.this[0]', property: 'registry_replication_rules', rules } satisfies ModuleReplication] : [];
  },
};

function repositoryPolicies(inputs: ReadonlyMap<string, Value>, call: ModuleCall): ModulePolicy[] {
  const type = text(inputs, 'repository_type', 'private');
  const repository = input(inputs, 'repository_name') ?? str('', call.origin);
  // Which resource exists depends on the type: one policy the user is told cannot be checked.
  if (typeof type !== 'string') return [{ resource: 'aws_ecr_repository_policy.this[0]', property: 'policy', repository, policy: undecided(type, 'repository_type') }];
  if (type === 'private' && flag(inputs, 'attach_repository_policy', true) === false) return [];
  if (type !== 'private' && type !== 'public') return [];
  const policy = repositoryPolicy(inputs, type, call.origin);
  if (!policy) return [];
  const resource = type === 'private' ? 'aws_ecr_repository_policy.this[0]' : 'aws_ecrpublic_repository_policy.example[0]';
  return [{ resource, property: 'policy', repository, policy }];
}

function repositoryPolicy(inputs: ReadonlyMap<string, Value>, type: RepositoryType, origin: Origin): Value | undefined {
  const generate = flag(inputs, 'create_repository_policy', true);
  if (generate === 'unknown') return undecided(input(inputs, 'create_repository_policy')!, 'create_repository_policy');
  if (generate) return policyDocument(statements(inputs, type, origin), origin);
  // The provider requires a policy: without repository_policy the plan fails and nothing is created.
  const written = input(inputs, 'repository_policy');
  return written ? decodePolicyText(written) : undefined;
}

function statements(inputs: ReadonlyMap<string, Value>, type: RepositoryType, origin: Origin): Value[] {
  const read = listInput(inputs, 'repository_read_access_arns');
  const readWrite = listInput(inputs, 'repository_read_write_access_arns');
  const lambda = listInput(inputs, 'repository_lambda_read_access_arns');
  const aws = (identifiers: Value[]) => principalOf([{ type: str('AWS', origin), identifiers }], origin);
  const result: Value[] = [];
  if (type === 'public') {
    result.push(statement({ sid: str('PublicReadOnly', origin), principal: aws(coalesce(read, '*', origin)), actions: literals(PUBLIC_READ, origin) }, origin));
  } else {
    const readers = { items: [...read.items, ...readWrite.items], open: read.open || readWrite.open };
    result.push(statement({ sid: str('PrivateReadOnly', origin), principal: aws(coalesce(readers, OWN_ROOT, origin)), actions: literals(PRIVATE_READ, origin) }, origin));
    if (nonEmpty(lambda) !== false) {
      result.push(statement({
        sid: str('PrivateLambdaReadOnly', origin),
        principal: principalOf([{ type: str('Service', origin), identifiers: [str('lambda.amazonaws.com', origin)] }], origin),
        actions: literals(LAMBDA_READ, origin),
        condition: conditionOf([{ test: str('StringLike', origin), variable: str('aws:sourceArn', origin), values: lambda.items }], origin),
      }, origin));
    }
  }
  if (nonEmpty(readWrite) !== false) {
    result.push(statement({ sid: str('ReadWrite', origin), principal: aws(readWrite.items), actions: literals(type === 'private' ? PRIVATE_WRITE : PUBLIC_WRITE, origin) }, origin));
  }
  return [...result, ...customStatements(input(inputs, 'repository_policy_statements'), origin)];
}

/**
 * `coalescelist(list, [fallback])`. A list of unknown length keeps only its own elements: the fallback
 * (the own account, or `*` on a public repository, whose reads are public anyway) adds no finding.
 */
function coalesce(list: ListInput, fallback: string, origin: Origin): Value[] {
  if (list.items.length > 0) return list.items;
  return [fallback === OWN_ROOT ? { kind: 'string', value: fallback, origin, own: true } : str(fallback, origin)];
}

/** The input that decides which policy there is, when it cannot be computed: the policy is unknown there. */
function undecided(choice: Value, name: string): Value {
  return choice.kind === 'unknown' ? choice : unknown(`${name} of the wrong type`, choice.origin);
}

function registryPolicies(inputs: ReadonlyMap<string, Value>): ModulePolicy[] {
  if (and(flag(inputs, 'create', true), flag(inputs, 'create_registry_policy', false)) === false) return [];
  const written = input(inputs, 'registry_policy');
  return written ? [{ resource: 'aws_ecr_registry_policy.this[0]', property: 'policy', policy: decodePolicyText(written) }] : [];
}
