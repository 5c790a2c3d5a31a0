import type { Node } from 'web-tree-sitter';
import { PolicyDocument, ReplicationConfiguration, Span } from '../model';
import { ECR_POLICY_RESOURCES, POLICY_DOCUMENT, REPLICATION_RESOURCE, TerraformModuleContext } from './module';
import { documentPolicies } from './documentPolicies';
import { modulePolicies, moduleReplications } from './moduleCalls';
import { resourceReplications } from './replication';
import { resourcePolicies } from './resourcePolicies';
import { blocksOf, configBody, HclBlock } from './syntax';
import { spanOf } from './values';

export interface TerraformPolicies {
  documents: PolicyDocument[];
  /**
   * Ranges tree-sitter could not parse (half-typed code). Nothing new is reported inside them; the LSP
   * layer keeps the last good findings there so blocks the user is not editing do not flicker.
   */
  damaged: Span[];
  /** Registry replication configurations: the resource's, or a registry module's built from its inputs. */
  replications?: ReplicationConfiguration[];
}

/** Every ECR-relevant policy of one .tf file, given what its module knows. */
export function extractTerraformPolicies(root: Node, module: TerraformModuleContext, file: string): TerraformPolicies {
  const documents: PolicyDocument[] = [];
  const replications: ReplicationConfiguration[] = [];
  const damaged: Span[] = root.namedChildren.filter((child) => child?.type === 'ERROR').map((child) => spanOf(child!));
  const body = configBody(root);
  for (const child of body?.namedChildren ?? []) if (child?.type === 'ERROR') damaged.push(spanOf(child));
  for (const block of blocksOf(body)) {
    if (block.node.hasError) {
      damaged.push(spanOf(block.node));
      continue;
    }
    documents.push(...blockPolicies(block, module, file));
    replications.push(...blockReplications(block, module, file));
  }
  return { documents, damaged: damaged.sort((a, b) => a.offset - b.offset), ...(replications.length > 0 ? { replications } : {}) };
}

/** The policies one top-level block defines: one per instance of a block with count or for_each. */
export function blockPolicies(block: HclBlock, module: TerraformModuleContext, file: string): PolicyDocument[] {
  try {
    if (block.type === 'data' && block.labels[0] === POLICY_DOCUMENT) return documentPolicies(block, module, file);
    if (block.type === 'resource' && ECR_POLICY_RESOURCES.has(block.labels[0])) return resourcePolicies(block, module, file);
    if (block.type === 'module') return modulePolicies(block, module, file);
  } catch (error) {
    // Expressions nested thousands deep overflow the stack; such a block holds no policy anyone wrote. Any
    // other failure on hostile text costs this block only, never the file's other policies.
    if (!(error instanceof Error)) throw error;
  }
  return [];
}

/** The replication configurations one top-level block defines (an instance each), failing alone like blockPolicies. */
export function blockReplications(block: HclBlock, module: TerraformModuleContext, file: string): ReplicationConfiguration[] {
  try {
    if (block.type === 'resource' && block.labels[0] === REPLICATION_RESOURCE) return resourceReplications(block, module, file);
    if (block.type === 'module') return moduleReplications(block, module, file);
  } catch (error) {
    if (!(error instanceof Error)) throw error;
  }
  return [];
}
