import type { Node } from 'web-tree-sitter';
import { AnalysisOptions, checkPolicies } from '../analyze';
import { Finding, PolicyDocument, ReplicationConfiguration, Span } from '../model';
import { shiftDocument, shiftFinding, shiftReplication } from '../shift';
import { TrustList } from '../trust';
import { blockPolicies, blockReplications } from './extract';
import { mergeSummaries, summarizeInto, TerraformFileSummary, TerraformModuleContext, emptySummary } from './module';
import { configBody, toBlock } from './syntax';
import { spanOf } from './values';

interface BlockEntry {
  /** Where the block started when the results below were computed. */
  offset: number;
  summary: TerraformFileSummary;
  signature?: string;
  documents?: PolicyDocument[];
  replications?: ReplicationConfiguration[];
  findingsKey?: string;
  findings?: Finding[];
  generation: number;
}

export interface BlockAnalysis {
  documents: PolicyDocument[];
  replications: ReplicationConfiguration[];
  findings: Finding[];
  damaged: Span[];
}

/**
 * Per-block results of one open Terraform document, keyed by the block's text. An edit changes one
 * block; every other block's summary, policy and findings are reused, moved to where the block now
 * stands. That keeps re-analysis of a large file proportional to the edit, not to the file.
 */
export class TerraformBlockCache {
  private readonly entries = new Map<string, BlockEntry>();
  private generation = 0;
  private readonly trustIds = new WeakMap<TrustList, number>();
  private nextTrustId = 1;
  /** The last walk over a tree's top-level blocks: summarize and analyze of one version share it. */
  private lastWalk?: { tree: unknown; children: { node: Node; entry?: BlockEntry }[] };

  /** `file` names the document (a URI) in the values it defines, which other files' findings point at. */
  constructor(private readonly file: string) {}

  summarize(root: Node): TerraformFileSummary {
    const parts = this.blocks(root).flatMap((child) => child.entry ? [child.entry.summary] : []);
    return mergeSummaries(this.file, parts, root.hasError);
  }

  /** Policies and, given analysis options, findings of the file; without options (hovers) only policies. */
  analyze(root: Node, module: TerraformModuleContext, options?: AnalysisOptions): BlockAnalysis {
    const result: BlockAnalysis = { documents: [], replications: [], findings: [], damaged: [] };
    const findingsKey = options && `${module.signature}|${this.trustId(options.trust)}|${(options.now ?? new Date()).toISOString().slice(0, 10)}|${options.trustFileHint ?? ''}`;
    for (const child of this.blocks(root)) {
      const { node, entry } = child;
      if (!entry) {
        result.damaged.push(spanOf(node));
        continue;
      }
      this.move(entry, node.startIndex);
      if (entry.signature !== module.signature) {
        entry.documents = blockPolicies(toBlock(node), module, this.file);
        entry.replications = blockReplications(toBlock(node), module, this.file);
        entry.findings = undefined;
        entry.signature = module.signature;
      }
      const documents = entry.documents ?? [];
      const replications = entry.replications ?? [];
      if (documents.length === 0 && replications.length === 0) continue;
      const first = result.documents.length;
      result.documents.push(...documents);
      result.replications.push(...replications);
      if (!options || !findingsKey) continue;
      if (entry.findingsKey !== findingsKey || !entry.findings) {
        entry.findingsKey = findingsKey;
        entry.findings = checkPolicies(documents, options, replications);
      }
      // A replication destination's finding is on no document (documentIndex -1): it stays so.
      result.findings.push(...entry.findings.map((finding) => finding.data.documentIndex < 0 ? finding : { ...finding, data: { ...finding.data, documentIndex: first + finding.data.documentIndex } }));
    }
    this.evict();
    return result;
  }

  private blocks(root: Node): { node: Node; entry?: BlockEntry }[] {
    if (this.lastWalk?.tree === root.tree) return this.lastWalk.children;
    this.generation++;
    const children: { node: Node; entry?: BlockEntry }[] = [];
    for (const node of root.namedChildren) if (node?.type === 'ERROR') children.push({ node });
    for (const node of configBody(root)?.namedChildren ?? []) {
      if (!node) continue;
      if (node.type === 'ERROR' || (node.type === 'block' && node.hasError)) children.push({ node });
      else if (node.type === 'block') children.push({ node, entry: this.entry(node) });
    }
    children.sort((a, b) => a.node.startIndex - b.node.startIndex);
    this.lastWalk = { tree: root.tree, children };
    return children;
  }

  private entry(node: Node): BlockEntry {
    const key = node.text;
    let entry = this.entries.get(key);
    if (!entry) {
      const summary = emptySummary(this.file);
      summarizeInto(toBlock(node), summary);
      entry = { offset: node.startIndex, summary, generation: this.generation };
      this.entries.set(key, entry);
    }
    entry.generation = this.generation;
    return entry;
  }

  private move(entry: BlockEntry, offset: number): void {
    const delta = offset - entry.offset;
    if (delta === 0) return;
    entry.offset = offset;
    if (entry.documents) entry.documents = entry.documents.map((document) => shiftDocument(document, delta));
    if (entry.replications) entry.replications = entry.replications.map((replication) => shiftReplication(replication, delta));
    if (entry.findings) entry.findings = entry.findings.map((finding) => shiftFinding(finding, delta));
  }

  /** Blocks not seen for a few passes are gone from the file (or were edited into something else). */
  private evict(): void {
    for (const [key, entry] of this.entries) if (this.generation - entry.generation > 4) this.entries.delete(key);
  }

  private trustId(trust: TrustList | undefined): number {
    if (!trust) return 0;
    let id = this.trustIds.get(trust);
    if (id === undefined) {
      id = this.nextTrustId++;
      this.trustIds.set(trust, id);
    }
    return id;
  }
}
