import { Registry, SERVICE_PREFIX } from './actions';
import { PolicyDocument } from './model';

/** ECR Public repository policies (CloudFormation, Terraform, also inside a module): they govern `ecr-public:` actions. */
const PUBLIC_RESOURCES = ['AWS::ECR::PublicRepository ', 'aws_ecrpublic_repository_policy.'];

/**
 * Which ECR a policy governs. The resource that holds it says so when there is one (every other ECR policy
 * resource is private); a policy on its own (a JSON file, a Terraform policy document) is public when its
 * actions name `ecr-public:` and never `ecr:`, so a private policy is judged as before whatever it holds.
 */
export function registryOf(document: PolicyDocument): Registry {
  const place = document.provenance;
  if (PUBLIC_RESOURCES.some((prefix) => place?.resource?.startsWith(prefix) || place?.resource?.includes(`.${prefix}`))) return 'public';
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
