import { Registry, SERVICE_PREFIX } from './actions';
import { PolicyDocument } from './model';

/** CloudFormation's ECR Public repository; its policy governs `ecr-public:` actions. */
const PUBLIC_RESOURCE = 'AWS::ECR::PublicRepository ';
/** The AWS provider's ECR Public policy, by a Terraform address (`module.m.TYPE.NAME[KEY]`) of that type. */
const PUBLIC_TERRAFORM_ADDRESS = /(?:^|\.)aws_ecrpublic_repository_policy\.[A-Za-z_][\w-]*(?:\[.*\])?$/;

/**
 * Which ECR a policy governs. The resource that holds it says so when there is one (every other ECR policy
 * resource is private); a policy on its own (a JSON file, a Terraform policy document) is public when its
 * actions name `ecr-public:` and never `ecr:`, so a private policy is judged as before whatever it holds.
 */
export function registryOf(document: PolicyDocument): Registry {
  const place = document.provenance;
  if (place?.resource !== undefined && (place.resource.startsWith(PUBLIC_RESOURCE) || PUBLIC_TERRAFORM_ADDRESS.test(place.resource))) return 'public';
  if (place?.property !== undefined || document.ecrRelevant) return 'private';
  let namesPublic = false;
  for (const statement of document.statements) {
    for (const action of statement.actions) {
      if (action.origin !== undefined) continue;
      const lower = action.value.slice(0, SERVICE_PREFIX.public.length).toLowerCase();
      if (lower.startsWith(SERVICE_PREFIX.private)) return 'private';
      if (lower === SERVICE_PREFIX.public) namesPublic = true;
    }
  }
  return namesPublic ? 'public' : 'private';
}
