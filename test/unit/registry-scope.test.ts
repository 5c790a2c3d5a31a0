import * as assert from 'assert';
import { extractCloudFormation } from '../../server/src/core/cloudformation/extract';
import { hoverAt } from '../../server/src/core/hover';
import { PolicyDocument } from '../../server/src/core/model';
import { moduleContext, summarizeTerraform, TerraformBlockCache, TerraformParser } from '../../server/src/core/terraform';
import { loadWasmParser } from './support';

const REGISTRY_POLICY = `resource "aws_ecr_registry_policy" "registry" {
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = ["ecr:PutImage", "ecr:ReplicateImage", "ecr:*", "ecr:Describe*"]
    }]
  })
}
`;

const DOCUMENT = `data "aws_iam_policy_document" "registry" {
  statement {
    actions = ["ecr:PutImage"]
    principals {
      type        = "AWS"
      identifiers = ["444455556666"]
    }
  }
}
`;

function setting(value: string): string {
  return `resource "aws_ecr_account_setting" "scope" {\n  name  = "REGISTRY_POLICY_SCOPE"\n  value = "${value}"\n}\n`;
}

describe('registry policy scope', () => {
  let parser: TerraformParser;
  before(async () => {
    parser = await loadWasmParser();
  });

  /** The policies of `main` as the language server computes them, in the module of `others`, through one block cache. */
  function analyzer(): (main: string, others: string[]) => PolicyDocument[] {
    const blocks = new TerraformBlockCache('main.tf');
    return (main, others) => {
      const trees = [main, ...others].map((text) => parser.parse(text));
      try {
        const summaries = trees.map((tree, index) => index === 0 ? blocks.summarize(tree.rootNode) : summarizeTerraform(tree.rootNode, `other${index}.tf`));
        return blocks.analyze(trees[0].rootNode, moduleContext(summaries)).documents;
      } finally {
        for (const tree of trees) tree.delete();
      }
    };
  }

  it('takes the scope from aws_ecr_account_setting in another file, and re-evaluates cached blocks when it changes', () => {
    const analyze = analyzer();
    assert.strictEqual(analyze(REGISTRY_POLICY, [setting('V1')])[0].registryScope, 'V1');
    assert.strictEqual(analyze(REGISTRY_POLICY, [setting('V2')])[0].registryScope, 'V2');
    assert.strictEqual(analyze(REGISTRY_POLICY, [])[0].registryScope, 'V2');
    assert.strictEqual(analyze(REGISTRY_POLICY, [setting('V1')])[0].registryScope, 'V1');
  });

  it('ignores other account settings and unknown values: V2, the default', () => {
    const analyze = analyzer();
    const other = 'resource "aws_ecr_account_setting" "scan" {\n  name  = "BASIC_SCAN_TYPE_VERSION"\n  value = "V1"\n}\n';
    assert.strictEqual(analyze(REGISTRY_POLICY, [other])[0].registryScope, 'V2');
    const unknown = 'variable "scope" {}\nresource "aws_ecr_account_setting" "scope" {\n  name  = "REGISTRY_POLICY_SCOPE"\n  value = var.scope\n}\n';
    assert.strictEqual(analyze(REGISTRY_POLICY, [unknown])[0].registryScope, 'V2');
  });

  it('scopes a policy document when a registry policy uses it, and follows the reference as it is edited', () => {
    const analyze = analyzer();
    const registry = 'resource "aws_ecr_registry_policy" "r" {\n  policy = data.aws_iam_policy_document.registry.json\n}\n';
    const repository = 'resource "aws_ecr_repository_policy" "r" {\n  repository = "app"\n  policy     = data.aws_iam_policy_document.registry.json\n}\n';
    assert.strictEqual(analyze(DOCUMENT, [setting('V1')])[0].registryScope, undefined);
    assert.strictEqual(analyze(DOCUMENT, [setting('V1'), registry])[0].registryScope, 'V1');
    assert.strictEqual(analyze(DOCUMENT, [registry])[0].registryScope, 'V2');
    // Deployed as a repository policy too, where every action counts: no scope.
    assert.strictEqual(analyze(DOCUMENT, [setting('V1'), registry, repository])[0].registryScope, undefined);
  });

  it('gives a registry policy terraform-aws-modules/ecr builds the calling module\'s scope', () => {
    const call = `module "ecr" {
  source                 = "terraform-aws-modules/ecr/aws"
  create_repository      = false
  create_registry_policy = true
  registry_policy        = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "444455556666" }, Action = "ecr:PutImage" }] })
}
`;
    const analyze = analyzer();
    assert.deepStrictEqual(analyze(call, [setting('V1')]).map((document) => [document.provenance?.resource, document.registryScope]), [['module.ecr.aws_ecr_registry_policy.this[0]', 'V1']]);
    assert.deepStrictEqual(analyze(call, []).map((document) => document.registryScope), ['V2']);
  });

  it('hovers an action of a registry policy with the scope and whether it is enforced', () => {
    const hover = (others: string[], action: string): string => {
      const documents = analyzer()(REGISTRY_POLICY, others);
      return hoverAt(documents, REGISTRY_POLICY.indexOf(`"${action}"`) + 2)?.contents ?? '';
    };
    const v1 = 'Registry policy scope V1 (aws_ecr_account_setting): only ecr:ReplicateImage, ecr:BatchImportUpstreamImage and ecr:CreateRepository are enforced';
    assert.ok(hover([setting('V1')], 'ecr:PutImage').endsWith(`${v1}; this action is not.`), hover([setting('V1')], 'ecr:PutImage'));
    assert.ok(hover([setting('V1')], 'ecr:ReplicateImage').endsWith(`${v1}; this action is.`));
    assert.ok(hover([setting('V1')], 'ecr:*').endsWith(`${v1}; of the actions it matches, only ecr:BatchImportUpstreamImage, ecr:CreateRepository and ecr:ReplicateImage are.`));
    assert.ok(hover([setting('V1')], 'ecr:Describe*').endsWith(`${v1}; it matches none of them.`));
    assert.ok(hover([], 'ecr:PutImage').endsWith('\n\nRegistry policy scope V2 (the default; set with REGISTRY_POLICY_SCOPE): every ECR action is enforced.'));
  });

  it('adds no scope line to a repository policy\'s action', () => {
    const text = REGISTRY_POLICY.replace('aws_ecr_registry_policy', 'aws_ecr_repository_policy');
    const documents = analyzer()(text, [setting('V1')]);
    assert.strictEqual(documents[0].registryScope, undefined);
    assert.strictEqual(hoverAt(documents, text.indexOf('"ecr:PutImage"') + 2)?.contents, '`ecr:PutImage`: Write access.');
  });

  it('judges a CloudFormation registry policy under V2, the default (CloudFormation has no account setting)', () => {
    const template = JSON.stringify({
      Resources: {
        Registry: { Type: 'AWS::ECR::RegistryPolicy', Properties: { PolicyText: { Statement: [{ Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'ecr:ReplicateImage' }] } } },
        Repo: { Type: 'AWS::ECR::Repository', Properties: { RepositoryPolicyText: { Statement: [{ Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'ecr:PutImage' }] } } },
      },
    });
    const documents = extractCloudFormation(template).documents;
    assert.deepStrictEqual(documents.map((document) => [document.provenance?.resource, document.registryScope]), [['AWS::ECR::RegistryPolicy Registry', 'V2'], ['AWS::ECR::Repository Repo', undefined]]);
  });
});
