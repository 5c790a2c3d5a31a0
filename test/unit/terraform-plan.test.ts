import * as assert from 'assert';
import { checkPolicies } from '../../server/src/core/analyze';
import { Finding, PolicyDocument } from '../../server/src/core/model';
import { registryOf } from '../../server/src/core/registryOf';
import { planPolicies } from '../../server/src/core/terraformPlan/policies';
import { parseTrustList } from '../../server/src/core/trust';

/** Plans written here so that each escape, module depth and unknown value is the one under test. */
const NOW = new Date('2026-06-01T12:00:00Z');
const TRUST = parseTrustList(JSON.stringify({ ownAccounts: ['111122223333'], trustedAccounts: { '222233334444': { access: 'pull' } } }), 'trust.json').list;

type Resource = { address: string; type: string; values?: Record<string, unknown> };

const statement = (principal: unknown, actions: string[], sid = 'S'): object => ({ Sid: sid, Effect: 'Allow', Principal: principal, Action: actions });
const policyText = (...statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const PUBLIC = policyText(statement('*', ['ecr:BatchGetImage']));
const PRIVATE = policyText(statement({ AWS: 'arn:aws:iam::222233334444:root' }, ['ecr:BatchGetImage']));

function resource(address: string, type: string, values?: Record<string, unknown>): Resource {
  return { address, type, ...(values ? { values } : {}) };
}

/** A plan in Terraform's shape: format and version, planned values, then whatever else the case adds. */
function plan(rootResources: Resource[], childModules: object[] = [], rest: Record<string, unknown> = {}): string {
  return JSON.stringify({
    format_version: '1.2', terraform_version: '1.11.4',
    planned_values: { root_module: { resources: rootResources, child_modules: childModules } },
    ...rest,
  });
}

function findings(text: string): Finding[] {
  return checkPolicies(planPolicies(text), { trust: TRUST, now: NOW });
}

const covered = (text: string, finding: Finding): string => text.slice(finding.span.offset, finding.span.offset + finding.span.length);

describe('Terraform plans: the policies a plan will deploy', () => {
  it('reads each ECR policy resource of the root module and of child modules at any depth, with its address, attribute and repository', () => {
    const text = plan(
      [resource('aws_ecr_registry_policy.r', 'aws_ecr_registry_policy', { policy: PRIVATE }), resource('aws_iam_role.x', 'aws_iam_role', { assume_role_policy: PUBLIC })],
      [{
        address: 'module.a',
        resources: [resource('module.a.aws_ecr_repository_creation_template.t', 'aws_ecr_repository_creation_template', { prefix: 'cache', repository_policy: PUBLIC })],
        child_modules: [{
          address: 'module.a.module.b',
          resources: [
            resource('module.a.module.b.aws_ecr_repository_policy.p["k"]', 'aws_ecr_repository_policy', { repository: 'app', policy: PUBLIC }),
            resource('module.a.module.b.aws_ecrpublic_repository_policy.q', 'aws_ecrpublic_repository_policy', { repository_name: 'pub', policy: PRIVATE }),
          ],
        }],
      }],
    );
    assert.deepStrictEqual(planPolicies(text).map((document) => document.provenance), [
      { source: 'terraform-plan', resource: 'aws_ecr_registry_policy.r', property: 'policy' },
      { source: 'terraform-plan', resource: 'module.a.aws_ecr_repository_creation_template.t', property: 'repository_policy', repository: 'cache' },
      { source: 'terraform-plan', resource: 'module.a.module.b.aws_ecr_repository_policy.p["k"]', property: 'policy', repository: 'app' },
      { source: 'terraform-plan', resource: 'module.a.module.b.aws_ecrpublic_repository_policy.q', property: 'policy', repository: 'pub' },
    ]);
    assert.ok(planPolicies(text).every((document) => document.ecrRelevant && document.syntax.kind === 'opaque'));
  });

  it('maps every span through the string\'s escapes onto the characters that spell it', () => {
    // Terraform writes < > & as \u003c \u003e \u0026; a heredoc's policy keeps its line breaks (\n) and indentation.
    const inner = '{\n  "Statement": [{"Sid": "S\uD83D\uDD12", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::99998888777\u0037:root"}, "Action": "ecr:PutImage", "Condition": {"StringLike": {"aws:PrincipalArn": "a/b<&>"}}}]\n}';
    const literal = JSON.stringify(inner).replace('99998888777' + '7', '99998888777\\u0037').replace('a/b<&>', 'a\\/b\\u003c\\u0026\\u003e').replace('\uD83D\uDD12', '\\ud83d\\udd12');
    const text = plan([]).replace('"resources":[]', `"resources":[{"address":"aws_ecr_repository_policy.x","type":"aws_ecr_repository_policy","values":{"policy":${literal}}}]`);
    const [document] = planPolicies(text);
    assert.ok(document, text);
    const start = text.indexOf(literal);
    assert.deepStrictEqual(document.span, { offset: start + 1, length: literal.length - 2 }, 'the document is the string\'s content');
    const [only] = document.statements;
    assert.strictEqual(text.slice(only.span.offset, only.span.offset + 2), '{\\');
    assert.strictEqual(only.sid?.value, 'S\uD83D\uDD12');
    assert.strictEqual(covered(text, { span: only.sid!.span } as Finding), '\\"S\\ud83d\\udd12\\"');
    assert.strictEqual(covered(text, { span: only.conditions[0].values[0].span } as Finding), '\\"a\\/b\\u003c\\u0026\\u003e\\"');
    const untrusted = findings(text).filter((finding) => finding.rule === 'untrusted-account');
    assert.deepStrictEqual(untrusted.map((finding) => covered(text, finding)), ['\\"arn:aws:iam::99998888777\\u0037:root\\"']);
    assert.match(untrusted[0].message, /999988887777/);
  });

  it('reads what will be deployed, not the prior state nor a change\'s before', () => {
    const text = plan([resource('aws_ecr_repository_policy.app', 'aws_ecr_repository_policy', { repository: 'app', policy: PRIVATE })], [], {
      resource_changes: [
        { address: 'aws_ecr_repository_policy.app', type: 'aws_ecr_repository_policy', change: { actions: ['update'], before: { policy: PUBLIC }, after: { policy: PRIVATE }, after_unknown: {} } },
        { address: 'aws_ecr_repository_policy.old', type: 'aws_ecr_repository_policy', change: { actions: ['delete'], before: { policy: PUBLIC }, after: null, after_unknown: {} } },
      ],
      prior_state: { values: { root_module: { resources: [
        resource('aws_ecr_repository_policy.app', 'aws_ecr_repository_policy', { policy: PUBLIC }),
        resource('aws_ecr_repository_policy.old', 'aws_ecr_repository_policy', { policy: PUBLIC }),
      ] } } },
      configuration: { root_module: { resources: [{ address: 'aws_ecr_repository_policy.app', expressions: { policy: { constant_value: PUBLIC } } }] } },
    });
    assert.deepStrictEqual(planPolicies(text).map((document) => document.provenance?.resource), ['aws_ecr_repository_policy.app']);
    assert.deepStrictEqual(findings(text), []);
  });

  it('reports a policy known only after apply on its resource\'s address, and nothing for an attribute that is merely absent', () => {
    const changes = (unknown: Record<string, unknown>, type = 'aws_ecr_repository_policy'): object[] =>
      [{ address: 'module.m.aws_ecr_repository_policy.tools', type, change: { actions: ['create'], after: { repository: 'tools' }, after_unknown: unknown } }];
    const planned = [resource('module.m.aws_ecr_repository_policy.tools', 'aws_ecr_repository_policy', { repository: 'tools' })];
    const unknownText = plan([], [{ resources: planned }], { resource_changes: changes({ id: true, policy: true }) });
    const [finding, ...others] = findings(unknownText);
    assert.deepStrictEqual(others, []);
    assert.strictEqual(finding.rule, 'unresolved-principal');
    assert.strictEqual(covered(unknownText, finding), '"module.m.aws_ecr_repository_policy.tools"');
    assert.ok(finding.span.offset < unknownText.indexOf('resource_changes'), 'on the planned resource');
    assert.match(finding.message, /module\.m\.aws_ecr_repository_policy\.tools\.policy \(known after apply\)/);
    assert.deepStrictEqual(planPolicies(unknownText)[0].provenance, { source: 'terraform-plan', resource: 'module.m.aws_ecr_repository_policy.tools', property: 'policy', repository: 'tools' });
    assert.deepStrictEqual(planPolicies(plan([], [{ resources: planned }], { resource_changes: changes({ id: true, policy: false }) })), []);
    assert.deepStrictEqual(planPolicies(plan([], [{ resources: planned }], { resource_changes: changes({ id: true }) })), []);
    assert.deepStrictEqual(planPolicies(plan([], [{ resources: planned }])), [], 'no resource_changes: nothing is said to be unknown');
    const template = [resource('aws_ecr_repository_creation_template.t', 'aws_ecr_repository_creation_template', { prefix: 'p', repository_policy: null })];
    assert.deepStrictEqual(planPolicies(plan(template)), [], 'a creation template without a policy');
  });

  it('judges an ECR Public policy over ecr-public: actions, by its address at any module depth', () => {
    const describeAll = policyText(statement('*', ['ecr-public:DescribeImages']));
    const text = plan([], [{ resources: [resource('module.a["x.y"].aws_ecrpublic_repository_policy.p["k"]', 'aws_ecrpublic_repository_policy', { repository_name: 'pub', policy: describeAll })] }]);
    assert.strictEqual(registryOf(planPolicies(text)[0]), 'public');
    assert.deepStrictEqual(findings(text), [], 'anyone may describe a public repository');
    const named = (address: string): PolicyDocument => ({ ...planPolicies(text)[0], provenance: { source: 'terraform-plan', resource: address, property: 'policy' } });
    assert.strictEqual(registryOf(named('aws_ecr_repository_policy.aws_ecrpublic_repository_policy')), 'private');
    assert.strictEqual(registryOf(named('module.aws_ecrpublic_repository_policy.aws_ecr_repository_policy.x')), 'private');
  });

  it('refuses a format of another major version, as Terraform\'s documentation asks', () => {
    const text = plan([resource('aws_ecr_repository_policy.a', 'aws_ecr_repository_policy', { policy: PUBLIC })]);
    assert.strictEqual(planPolicies(text).length, 1);
    assert.deepStrictEqual(planPolicies(text.replace('"format_version":"1.2"', '"format_version":"2.0"')), []);
    assert.deepStrictEqual(planPolicies(text.replace('"format_version":"1.2"', '"format_version":2')), []);
    assert.strictEqual(planPolicies(text.replace('"format_version":"1.2"', '"format_version":"0.2"')).length, 1);
  });
});
