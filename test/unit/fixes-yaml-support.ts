import { isMap, isPair, isSeq, YAMLMap } from 'yaml';
import { checkPolicies } from '../../server/src/core/analyze';
import { fromYaml } from '../../server/src/core/cloudformation/fromYaml';
import { CfnNode, intrinsicOf } from '../../server/src/core/cloudformation/nodes';
import { parseYaml } from '../../server/src/core/cloudformation/yaml';
import { contentEnd } from '../../server/src/core/fixes/yamlTree';
import { cloudFormationSource } from '../../server/src/core/sources/cloudformation';
import { Extraction } from '../../server/src/core/sources/types';
import { TrustList } from '../../server/src/core/trust';
import { Analyzer, jsonParts, jsonRegions, jsonSyntaxState, StatementPart } from './fixes-support';

/**
 * Analyzers for the fix checks of fixes-support.ts over CloudFormation templates, read by the real
 * CloudFormation source as the language server reads them (its documents, and its damaged ranges in the
 * fix source): YAML templates (policies as mappings, or JSON in block scalars) and JSON templates.
 */

/** What the CloudFormation source extracts from the template. */
export function templatePolicies(text: string): Extraction {
  return cloudFormationSource.extract(text, {});
}

export function yamlAnalyzer(options: { trust?: TrustList; now?: Date }): Analyzer {
  return {
    syntax: 'yaml',
    trust: options.trust,
    analyze(text, trust = options.trust) {
      const { documents, damaged } = templatePolicies(text);
      const findings = checkPolicies(documents, { trust, now: options.now });
      const errors = (parseYaml(text)?.errors ?? [{ offset: 0 }]).map((error) => `YAML error at ${error.offset}`);
      return { text, source: { text, documents, trust, damaged }, findings, syntax: { lenient: errors, strict: [], regions: jsonRegions(text, documents), duplicates: [] } };
    },
    parts: (text, offset, json) => (json ? jsonParts(text, offset) : yamlParts(text, offset)),
  };
}

/** A JSON template: the source's JSON documents, whose regions are the policy objects. */
export function jsonTemplateAnalyzer(options: { trust?: TrustList; now?: Date }): Analyzer {
  return {
    syntax: 'json',
    trust: options.trust,
    analyze(text, trust = options.trust) {
      const { documents, damaged } = templatePolicies(text);
      const findings = checkPolicies(documents, { trust, now: options.now });
      return { text, source: { text, documents, trust, damaged }, findings, syntax: jsonSyntaxState(text, documents) };
    },
    parts: jsonParts,
  };
}

/** The template as CloudFormation reads it, as plain data: short forms in their long form (`!Ref X` is `{ Ref: X }`). */
export function templateData(text: string): unknown {
  const parsed = parseYaml(text);
  if (!parsed || parsed.errors.length > 0) throw new Error(`the template does not parse: ${JSON.stringify(parsed?.errors)}`);
  const root = fromYaml(parsed.document.contents, text, parsed.document);
  return root && plainData(root);
}

function plainData(node: CfnNode): unknown {
  if (node.tag) {
    const call = intrinsicOf(node)!;
    return { [call.name === 'Ref' || call.name === 'Condition' ? call.name : `Fn::${call.name}`]: plainData(call.argument) };
  }
  switch (node.kind) {
    case 'scalar': return node.value;
    case 'seq': return node.items.map(plainData);
    case 'map': return Object.fromEntries(node.entries.map((entry) => [entry.key, plainData(entry.value)]));
  }
}

/** The pairs of the mapping at `offset`, each from its key to the end of its value (comments left out). */
function yamlParts(text: string, offset: number): StatementPart[] {
  const map = mappingAt(parseYaml(text)?.document.contents, offset);
  return (map?.items ?? []).map((pair) => {
    const key = pair.key as { value: unknown; range: [number, number, number] };
    return { name: String(key.value), text: text.slice(key.range[0], contentEnd(text, pair.value) ?? key.range[1]) };
  });
}

function mappingAt(node: unknown, offset: number): YAMLMap | undefined {
  if (isMap(node) && node.range?.[0] === offset) return node;
  const children = isMap(node) ? node.items.map((pair) => (isPair(pair) ? pair.value : undefined)) : isSeq(node) ? node.items : [];
  for (const child of children) {
    const found = mappingAt(child, offset);
    if (found) return found;
  }
  return undefined;
}
