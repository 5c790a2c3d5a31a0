import { isolated } from '../isolate';
import { PolicyDocument, ReplicationConfiguration } from '../model';
import { shiftDocument, shiftReplication } from '../shift';
import { Extraction } from '../sources/types';
import { Evaluator } from './intrinsics';
import { readJsonTemplate } from './readJson';
import { readYamlTemplate } from './readYaml';
import { resourceReplications } from './replication';
import { resourcePolicies } from './resources';
import { ReadTemplate, TemplateResource } from './template';

/**
 * The ECR policies of a CloudFormation template (YAML or JSON; SAM and CDK output are templates too), and
 * the ranges that could not be read. A resource the core fails on costs that resource only; nothing
 * throws out of here.
 */
export function extractCloudFormation(text: string): Extraction {
  const template = isolated(() => readTemplate(text), undefined);
  return template ? extractTemplate(template) : { documents: [], damaged: [{ offset: 0, length: text.length }] };
}

/** The policies and replication configurations of a template already read. */
export function extractTemplate(template: ReadTemplate): Extraction {
  const evaluator = new Evaluator(template.scope);
  const documents: PolicyDocument[] = [];
  const replications: ReplicationConfiguration[] = [];
  for (const resource of template.resources) {
    for (const document of isolated(() => policiesOf(resource, template, evaluator), [])) documents.push(document);
    // Few templates hold one, and it is cheap to read: no memo.
    for (const replication of isolated(() => resourceReplications(resource.logicalId, resource.node, evaluator), [])) replications.push(shiftReplication(replication, resource.base));
  }
  return { documents, damaged: template.damaged, ...(replications.length > 0 ? { replications } : {}) };
}

/** JSON when the first thing in the text is an object; YAML (a superset of JSON) otherwise. */
function readTemplate(text: string): ReadTemplate {
  const first = text.search(/\S/);
  return first >= 0 && text[first] === '{' ? readJsonTemplate(text) : readYamlTemplate(text);
}

/**
 * A resource parsed on its own keeps its policies while the scope is unchanged, placed where the resource
 * stood; a resource that has not moved gives the very same documents again.
 */
function policiesOf(resource: TemplateResource, template: ReadTemplate, evaluator: Evaluator): PolicyDocument[] {
  const { memo, base } = resource;
  const compute = () => resourcePolicies(resource.logicalId, resource.node, evaluator, resource.source, template.json).map((document) => shiftDocument(document, base));
  if (!memo || template.scopeId === 0) return compute();
  if (memo.scopeId !== template.scopeId || !memo.documents) {
    memo.documents = compute();
    memo.scopeId = template.scopeId;
    memo.base = base;
  }
  if (memo.base !== base) {
    const delta = base - (memo.base ?? 0);
    memo.documents = memo.documents.map((document) => shiftDocument(document, delta));
    memo.base = base;
  }
  return memo.documents;
}
