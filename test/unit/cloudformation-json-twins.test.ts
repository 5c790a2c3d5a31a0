import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { checkPolicies } from '../../server/src/core/analyze';
import { extractCloudFormation } from '../../server/src/core/cloudformation/extract';
import { extractJsonPolicies } from '../../server/src/core/json/extract';
import { registryOf } from '../../server/src/core/registryOf';
import { parseTrustList } from '../../server/src/core/trust';

/**
 * Every JSON fixture policy, written into a CloudFormation template three ways (a JSON template's object, a
 * YAML template's flow mapping, a YAML `|` block string), must give the findings the JSON policy gives, on
 * the same text: the template reader sees what the JSON reader sees.
 */
const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'json');
const TRUST = parseTrustList(fs.readFileSync(path.join(FIXTURES, '.ecr-trust.json'), 'utf8'), '.ecr-trust.json').list;

function policies(folder = FIXTURES): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return policies(full);
    return entry.name === 'policy.json' ? [full] : [];
  });
}

function indent(text: string, spaces: number): string {
  return text.split('\n').map((line, index) => (index === 0 || line === '' ? line : `${' '.repeat(spaces)}${line}`)).join('\n');
}

const TWINS: Record<string, (policy: string, type: string) => string> = {
  'JSON template': (policy, type) => `{"Resources": {"Repo": {"Type": "${type}", "Properties": {"RepositoryPolicyText": ${policy}}}}}`,
  'YAML flow mapping': (policy, type) => `Resources:\n  Repo:\n    Type: ${type}\n    Properties:\n      RepositoryPolicyText: ${indent(policy, 8)}\n`,
  'YAML | block': (policy, type) => `Resources:\n  Repo:\n    Type: ${type}\n    Properties:\n      RepositoryPolicyText: |\n        ${indent(policy, 8)}\n`,
};

/** A policy of ecr-public: actions belongs on a public repository, as its JSON file is judged. */
function resourceType(policy: string): string {
  return extractJsonPolicies(policy).some((document) => registryOf(document) === 'public') ? 'AWS::ECR::PublicRepository' : 'AWS::ECR::Repository';
}

describe('CloudFormation templates: the JSON fixture policies as templates', () => {
  const now = new Date('2026-06-01T12:00:00Z');
  const files = policies();

  it('finds the JSON fixture policies', () => assert.ok(files.length >= 100, `${files.length}`));

  for (const [kind, twin] of Object.entries(TWINS)) {
    it(`gives each policy's findings on the same text: ${kind}`, () => {
      let compared = 0;
      for (const file of files) {
        const policy = fs.readFileSync(file, 'utf8').trimEnd();
        const template = twin(policy, resourceType(policy));
        const extraction = extractCloudFormation(template);
        // A half-typed policy damages its resource, which then keeps its last findings in the editor (stability.ts).
        if (extraction.damaged.length > 0) continue;
        // A policy's length is its own file's (invalid-policy); CloudFormation policies are not measured.
        const covered = (text: string, findings: ReturnType<typeof checkPolicies>) => findings.filter((finding) => !finding.message.startsWith('The policy is')).map((finding) => `${finding.rule} ${text.slice(finding.span.offset, finding.span.offset + finding.span.length)}`);
        const expected = covered(policy, checkPolicies(extractJsonPolicies(policy), { trust: TRUST, now }));
        const actual = covered(template, checkPolicies(extraction.documents, { trust: TRUST, now }));
        assert.deepStrictEqual(actual, expected, `${path.relative(FIXTURES, file)}\n${template}`);
        compared++;
      }
      assert.ok(compared >= 100);
    });
  }
});
