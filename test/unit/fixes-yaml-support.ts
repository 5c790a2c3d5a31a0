import { Node as JsonNode } from 'jsonc-parser';
import { isMap, isPair, isSeq, parseDocument, YAMLMap } from 'yaml';
import { checkPolicies } from '../../server/src/core/analyze';
import { parseJson, policyAt } from '../../server/src/core/json/extract';
import { PolicyDocument } from '../../server/src/core/model';
import { contentEnd } from '../../server/src/core/fixes/yamlTree';
import { TrustList } from '../../server/src/core/trust';
import { Analyzer, jsonParts, jsonRegions, jsonSyntaxState, StatementPart } from './fixes-support';
import { CFN_TAGS, yamlPolicies } from './yamlPolicies';

/**
 * Analyzers for the fix checks of fixes-support.ts over CloudFormation templates: YAML (policies as
 * mappings, or JSON in block scalars) through the test stand-in for the CloudFormation source, and JSON
 * templates with the policy nested in them.
 */

export function yamlAnalyzer(options: { trust?: TrustList; now?: Date }): Analyzer {
  return {
    syntax: 'yaml',
    trust: options.trust,
    analyze(text, trust = options.trust) {
      const documents = yamlPolicies(text);
      const findings = checkPolicies(documents, { trust, now: options.now });
      const errors = parseDocument(text, { customTags: CFN_TAGS }).errors.map((error) => `${error.code} at ${error.pos[0]}`);
      return { text, source: { text, documents, trust }, findings, syntax: { lenient: errors, strict: [], regions: jsonRegions(text, documents), duplicates: [] } };
    },
    parts: (text, offset, json) => (json ? jsonParts(text, offset) : yamlParts(text, offset)),
  };
}

/** The pairs of the mapping at `offset`, each from its key to the end of its value (comments left out). */
function yamlParts(text: string, offset: number): StatementPart[] {
  const map = mappingAt(parseDocument(text, { customTags: CFN_TAGS }).contents, offset);
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

/** A JSON template: each object with a `Statement` is a policy whose JSON region is that object. */
export function jsonTemplateAnalyzer(options: { trust?: TrustList; now?: Date }): Analyzer {
  return {
    syntax: 'json',
    trust: options.trust,
    analyze(text, trust = options.trust) {
      const documents = jsonTemplatePolicies(text);
      const findings = checkPolicies(documents, { trust, now: options.now });
      return { text, source: { text, documents, trust }, findings, syntax: jsonSyntaxState(text, documents) };
    },
    parts: jsonParts,
  };
}

export function jsonTemplatePolicies(text: string): PolicyDocument[] {
  const found: PolicyDocument[] = [];
  const visit = (node: JsonNode): void => {
    const document = node.type === 'object' ? policyAt(node, { kind: 'json', span: { offset: node.offset, length: node.length } }) : undefined;
    if (document) found.push({ ...document, ecrRelevant: true });
    else for (const child of node.children ?? []) visit(child);
  };
  const root = parseJson(text);
  if (root) visit(root);
  return found;
}
