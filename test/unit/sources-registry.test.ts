import * as assert from 'assert';
import { isWalkCandidate, maxCharsFor, mayBePolicyFile, moduleSourceFor, sizeRefusal, sourceFor } from '../../server/src/core/sources/registry';

const TEMPLATE_JSON = '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}';
const TEMPLATE_YAML = 'Resources:\n  Repo:\n    Type: AWS::ECR::Repository\n';
const POLICY_JSON = '{"Version": "2012-10-17", "Statement": []}';
const MANIFEST = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n';
const PLAN_RESOURCE = '{"address": "aws_ecr_repository_policy.app", "type": "aws_ecr_repository_policy", "values": {"policy": "{}"}}';
const PLAN = `{"format_version": "1.2", "terraform_version": "1.11.4", "planned_values": {"root_module": {"resources": [${PLAN_RESOURCE}]}}}`;

describe('policy sources: the registry decides which source reads a file', () => {
  it('reads .json as a template when its text shows one, else as a policy file', () => {
    assert.strictEqual(sourceFor('/w/stack.template.json', TEMPLATE_JSON)?.id, 'cloudformation');
    assert.strictEqual(sourceFor('/w/policy.json', POLICY_JSON)?.id, 'json');
  });

  it('reads a Terraform plan as a plan, never as a policy file or a template', () => {
    assert.strictEqual(sourceFor('/w/plan.json', PLAN)?.id, 'terraform-plan');
    assert.strictEqual(sourceFor('Untitled-1', PLAN, 'json')?.id, 'terraform-plan');
    const stack = PLAN.replace('"planned_values"', '"resource_changes": [{"type": "aws_cloudformation_stack", "change": {"after": {"template_body": "Resources:\\n  R:\\n    Type: AWS::ECR::Repository\\n"}}}], "planned_values"');
    assert.strictEqual(sourceFor('/w/plan.json', stack)?.id, 'terraform-plan', 'a stack\'s template inside the plan does not make it a template');
    const state = PLAN.replace('"planned_values"', '"values"');
    assert.strictEqual(sourceFor('/w/state.json', state)?.id, 'json', 'Terraform state output is not a plan');
    assert.strictEqual(sourceFor('/w/plan.json', PLAN.replace('"format_version": "1.2", "terraform_version": "1.11.4", ', ''))?.id, 'json');
    const plans = sourceFor('/w/plan.json', PLAN)!;
    assert.ok(plans.mayHold(PLAN));
    assert.ok(!plans.mayHold(PLAN.replaceAll('aws_ecr_repository_policy', 'aws_s3_bucket_policy')), 'a plan without ECR policy resources is not parsed');
    assert.match(sizeRefusal(plans, 'x'.repeat(50_000_001)) ?? '', /larger than the Terraform plan limit/);
  });

  it('reads YAML only when it is a template, and .tf as Terraform whatever its text', () => {
    assert.strictEqual(sourceFor('/w/stack.yaml', TEMPLATE_YAML)?.id, 'cloudformation');
    assert.strictEqual(sourceFor('/w/k8s/config.yml', MANIFEST), undefined);
    assert.strictEqual(sourceFor('/w/main.tf', '')?.id, 'terraform');
    assert.strictEqual(moduleSourceFor('/w/main.tf')?.id, 'terraform');
    assert.strictEqual(moduleSourceFor('/w/policy.json'), undefined);
  });

  it('goes by the language ID when the name tells nothing (an untitled document)', () => {
    assert.strictEqual(sourceFor('Untitled-1', POLICY_JSON, 'json')?.id, 'json');
    assert.strictEqual(sourceFor('Untitled-1', TEMPLATE_YAML, 'yaml')?.id, 'cloudformation');
    assert.strictEqual(sourceFor('Untitled-1', POLICY_JSON, 'plaintext'), undefined);
    assert.strictEqual(sourceFor('/w/notes.txt', POLICY_JSON), undefined);
  });

  it('walks the files some source may read, outside skipped folders, never the trust list', () => {
    for (const name of ['a.json', 'a.jsonc', 'a.tf', 'a.tf.json', 'a.yaml', 'a.yml', 'a.template']) assert.ok(mayBePolicyFile(name), name);
    assert.ok(!mayBePolicyFile('a.txt'));
    assert.ok(isWalkCandidate('/w/infra/stack.yaml', '.ecr-trust.json'));
    assert.ok(!isWalkCandidate('/w/node_modules/x/stack.yaml', '.ecr-trust.json'));
    assert.ok(!isWalkCandidate('/w/.ecr-trust.json', '.ecr-trust.json'));
  });

  it('reads a name as far as its most generous source parses, and refuses a text too large for the one that claims it', () => {
    assert.strictEqual(maxCharsFor('/w/policy.json'), Number.POSITIVE_INFINITY, 'a JSON policy has no limit of its own');
    assert.strictEqual(maxCharsFor('/w/stack.yaml'), 2_000_000);
    assert.strictEqual(maxCharsFor('/w/main.tf'), 5_000_000);
    assert.strictEqual(maxCharsFor('-x'), Number.POSITIVE_INFINITY, 'no source: the caller\'s own limit applies');
    const big = `${TEMPLATE_JSON.slice(0, -1)}, "Description": "${'x'.repeat(2_000_000)}"}`;
    assert.match(sizeRefusal(sourceFor('/w/stack.json', big)!, big) ?? '', /larger than the CloudFormation limit/);
    assert.strictEqual(sizeRefusal(sourceFor('/w/stack.json', TEMPLATE_JSON)!, TEMPLATE_JSON), undefined);
  });
});
