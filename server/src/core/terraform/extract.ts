import type { Node } from 'web-tree-sitter';
import { PolicyDocument, Span } from '../model';
import { embeddedPolicy } from './embedded';
import { documentReference, ECR_POLICY_RESOURCES, POLICY_DOCUMENT, TerraformModuleContext } from './module';
import { policyDocumentFromBlock } from './policyDocument';
import { attributesOf, blocksOf, configBody, HclBlock } from './syntax';
import { spanOf, valueOf } from './values';

export interface TerraformPolicies {
  documents: PolicyDocument[];
  /**
   * Ranges tree-sitter could not parse (half-typed code). Nothing new is reported inside them; the LSP
   * layer keeps the last good findings there so blocks the user is not editing do not flicker.
   */
  damaged: Span[];
}

/** Every ECR-relevant policy of one .tf file, given what its module knows. */
export function extractTerraformPolicies(root: Node, module: TerraformModuleContext): TerraformPolicies {
  const documents: PolicyDocument[] = [];
  const damaged: Span[] = root.namedChildren.filter((child) => child?.type === 'ERROR').map((child) => spanOf(child!));
  const body = configBody(root);
  for (const child of body?.namedChildren ?? []) if (child?.type === 'ERROR') damaged.push(spanOf(child));
  for (const block of blocksOf(body)) {
    if (block.node.hasError) {
      damaged.push(spanOf(block.node));
      continue;
    }
    const document = blockPolicy(block, module);
    if (document) documents.push(document);
  }
  return { documents, damaged: damaged.sort((a, b) => a.offset - b.offset) };
}

/** The policy one top-level block defines, if any. */
export function blockPolicy(block: HclBlock, module: TerraformModuleContext): PolicyDocument | undefined {
  try {
    if (block.type === 'data' && block.labels[0] === POLICY_DOCUMENT) {
      const document = policyDocumentFromBlock(block, module.scope);
      if (block.labels[1] && module.ecrDocuments.has(block.labels[1])) document.ecrRelevant = true;
      document.provenance = { source: 'terraform', resource: `data.${block.labels[0]}.${block.labels[1] ?? ''}` };
      return document;
    }
    if (block.type === 'resource' && ECR_POLICY_RESOURCES.has(block.labels[0])) {
      const attributes = attributesOf(block.body);
      const policy = attributes.get('policy');
      const value = policy && valueOf(policy);
      const document = value && !documentReference(value) ? embeddedPolicy(value, module.scope) : undefined;
      if (document) document.provenance = { source: 'terraform', resource: `${block.labels[0]}.${block.labels[1] ?? ''}`, property: 'policy', ...repositoryOf(attributes.get('repository')) };
      return document;
    }
  } catch {
    // Expressions nested thousands deep overflow the stack; such a block holds no policy anyone wrote. Any
    // other failure on hostile text costs this block only, never the file's other policies.
  }
  return undefined;
}

// `repository = aws_ecr_repository.NAME.name` (or `.id`, `.repository_url`): the repository resource's address.
const REPOSITORY_REFERENCE = /^aws_ecr_repository\.([A-Za-z_][\w-]*)\.(?:name|id|repository_url)$/;

/** The repository an `aws_ecr_repository_policy` names: a literal name, or a repository resource it references. */
function repositoryOf(node: Node | undefined): { repository?: string } {
  const value = node && valueOf(node);
  if (value?.kind === 'string' && !value.raw.includes('${') && !value.raw.includes('\\')) return { repository: value.raw };
  const reference = value?.kind === 'reference' ? REPOSITORY_REFERENCE.exec(value.text) : undefined;
  return reference ? { repository: reference[1] } : {};
}
