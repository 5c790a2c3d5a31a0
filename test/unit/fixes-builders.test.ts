import * as assert from 'assert';
import { addOrganization, applyEdits, extendTrustList, Fix, FixAnswers, fixesFor, newTrustList, trustAccount } from '../../server/src/core/fixes';
import { parseTrustList, TrustList } from '../../server/src/core/trust';
import { Analyzer, coverKey, jsonAnalyzer, terraformAnalyzer } from './fixes-support';
import { loadWasmParser } from './support';

/**
 * What each fix writes, text for text, in every syntax (these are the README's before/after examples), and
 * the cases where the fixtures and the property test found the builders wrong (each marked "regression").
 */
const NOW = new Date('2026-06-01T12:00:00Z');
const ORG = 'o-a1b2c3d4e5';
const trustOf = (organizationIds: string[] = [ORG]): TrustList => parseTrustList(JSON.stringify({
  ownAccounts: ['111122223333'],
  organizationIds,
  trustedAccounts: { '222233334444': { name: 'staging', access: 'pull' }, '333344445555': { name: 'ci', access: 'push' } },
}), 'trust.json').list;

describe('quick fixes: what each fix writes', () => {
  let analyzerFor: (name: string, trust?: TrustList) => Analyzer;

  before(async () => {
    const parser = await loadWasmParser();
    analyzerFor = (name, trust = trustOf()) => name.endsWith('.tf') ? terraformAnalyzer(parser, { trust, now: NOW }) : jsonAnalyzer({ trust, now: NOW });
  });

  /** The fixes of the finding that covers `covered` (the first such), as `* id` (preferred) or `id`, with `?` when they ask. */
  function offered(name: string, text: string, covered: string, trust?: TrustList): string[] {
    return fixesOf(name, text, covered, trust).map((fix) => `${fix.isPreferred ? '* ' : ''}${fix.id}${fix.needs ? '?' : ''}`);
  }

  function fixesOf(name: string, text: string, covered: string, trust?: TrustList, answers?: FixAnswers): Fix[] {
    const analysis = analyzerFor(name, trust).analyze(text);
    const finding = analysis.findings.find((candidate) => text.slice(candidate.span.offset, candidate.span.offset + candidate.span.length) === covered);
    assert.ok(finding, `no finding covers ${covered}: ${analysis.findings.map((candidate) => coverKey(text, candidate)).join(', ')}`);
    return fixesFor(finding, analysis.source, answers);
  }

  /** The text after applying fix `id` of the finding that covers `covered`. */
  function fixed(name: string, text: string, covered: string, id: Fix['id'], options: { trust?: TrustList; answers?: FixAnswers } = {}): string {
    const fix = fixesOf(name, text, covered, options.trust, options.answers).find((candidate) => candidate.id === id);
    assert.ok(fix?.edits, `${id} with edits is not offered for ${covered}`);
    return applyEdits(text, fix.edits);
  }

  describe('JSON', () => {
    const POLICY = [
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    {',
      '      "Sid": "StagingPulls",',
      '      "Effect": "Allow",',
      '      "Principal": { "AWS": "arn:aws:iam::222233334444:root" },',
      '      "Action": ["ecr:BatchGetImage", "ecr:Put*"]',
      '    },',
      '    {',
      '      "Sid": "Everyone",',
      '      "Effect": "Allow",',
      '      "Principal": "*",',
      '      "Action": "ecr:BatchGetImage",',
      '      "Condition": {',
      '        "StringEqualsIfExists": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" },',
      '        "Bool": { "aws:SecureTransport": "true" }',
      '      }',
      '    },',
      '    {',
      '      "Sid": "Vendor",',
      '      "Effect": "Allow",',
      '      "Principal": { "AWS": ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:role/scanner"] },',
      '      "NotAction": "ecr:DeleteRepository"',
      '    }',
      '  ]',
      '}',
      '',
    ].join('\n');
    const replaced = (from: string, to: string): string => {
      assert.ok(POLICY.includes(from), from);
      return POLICY.replace(from, to);
    };

    it('offers one preferred fix per finding where one needs no input', () => {
      assert.deepStrictEqual(offered('p.json', POLICY, '"ecr:Put*"'), ['* restrict-to-pull', 'remove-statement']);
      assert.deepStrictEqual(offered('p.json', POLICY, '"*"'), ['* add-organization-condition', 'remove-statement']);
      assert.deepStrictEqual(offered('p.json', POLICY, '"arn:aws:iam::444455556666:role/scanner"'), ['trust-account?', 'mark-own-account?', 'remove-principal', 'remove-statement']);
      assert.deepStrictEqual(offered('p.json', POLICY, '"NotAction"'), ['* restrict-to-pull', 'remove-principal', 'remove-statement']);
    });

    it('"Mark as own" is not offered for an account whose trust expired: its trustedAccounts entry would still hold', () => {
      const expired = parseTrustList(JSON.stringify({ ownAccounts: ['111122223333'], trustedAccounts: { '444455556666': { access: 'pull', expires: '2020-01-31' } } }), '/w/.ecr-trust.json').list;
      assert.deepStrictEqual(offered('p.json', POLICY, '"arn:aws:iam::444455556666:role/scanner"', expired), ['trust-account?', 'remove-principal', 'remove-statement']);
    });

    it('restrict to pull-only: an inline list stays inline; NotAction becomes Action where it stands', () => {
      assert.strictEqual(fixed('p.json', POLICY, '"ecr:Put*"', 'restrict-to-pull'),
        replaced('"Action": ["ecr:BatchGetImage", "ecr:Put*"]', '"Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]'));
      assert.strictEqual(fixed('p.json', POLICY, '"NotAction"', 'restrict-to-pull'),
        replaced('"NotAction": "ecr:DeleteRepository"', '"Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]'));
    });

    it('restrict to push and pull, for an account the trust list trusts for push', () => {
      const text = replaced('arn:aws:iam::222233334444:root', 'arn:aws:iam::333344445555:role/ci').replace('"ecr:Put*"', '"ecr:DeleteRepository"');
      const [restrict] = fixesOf('p.json', text, '"ecr:DeleteRepository"');
      assert.deepStrictEqual([restrict.id, restrict.title, restrict.isPreferred], ['restrict-to-push-and-pull', 'Restrict to push and pull', true]);
      assert.ok(applyEdits(text, restrict.edits!).includes('"Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage"]'));
    });

    it('organisation condition: replaces the weak IfExists clause inside the existing Condition, formatted like the file', () => {
      assert.strictEqual(fixed('p.json', POLICY, '"*"', 'add-organization-condition'), replaced([
        '      "Condition": {',
        '        "StringEqualsIfExists": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" },',
        '        "Bool": { "aws:SecureTransport": "true" }',
        '      }',
      ].join('\n'), [
        '      "Condition": {',
        '        "Bool": { "aws:SecureTransport": "true" },',
        '        "StringEquals": {',
        '          "aws:PrincipalOrgID": "o-a1b2c3d4e5"',
        '        }',
        '      }',
      ].join('\n')));
    });

    it('organisation condition: a new Condition after an inline list leaves the list\'s line alone (regression)', () => {
      const text = replaced('"Action": "ecr:BatchGetImage",\n      "Condition": {\n        "StringEqualsIfExists": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" },\n        "Bool": { "aws:SecureTransport": "true" }\n      }',
        '"Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]');
      assert.ok(fixed('p.json', text, '"*"', 'add-organization-condition').includes([
        '      "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],',
        '      "Condition": {',
        '        "StringEquals": {',
        '          "aws:PrincipalOrgID": "o-a1b2c3d4e5"',
        '        }',
        '      }',
        '    },',
      ].join('\n')));
    });

    it('a one-line statement stays on one line; a minified policy stays minified (regression)', () => {
      const oneLine = '{"Statement": [{ "Effect": "Allow", "Principal": "*", "Action": "ecr:BatchGetImage" }]}';
      assert.strictEqual(fixed('p.json', oneLine, '"*"', 'add-organization-condition'),
        '{"Statement": [{ "Effect": "Allow", "Principal": "*", "Action": "ecr:BatchGetImage", "Condition": { "StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } }]}');
      const minified = '{"Statement":[{"Sid":"A","Effect":"Allow","Principal":"*","Action":["ecr:BatchGetImage","ecr:PutImage"]},{"Sid":"B","Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"ecr:BatchGetImage"}]}';
      assert.strictEqual(fixed('p.json', minified, '"*"', 'add-organization-condition'),
        '{"Statement":[{"Sid":"A","Effect":"Allow","Principal":"*","Action":["ecr:BatchGetImage","ecr:PutImage"],"Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}},{"Sid":"B","Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"ecr:BatchGetImage"}]}');
      assert.strictEqual(fixed('p.json', minified, '"ecr:PutImage"', 'restrict-to-pull'), minified.replace('["ecr:BatchGetImage","ecr:PutImage"]', '["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer","ecr:BatchCheckLayerAvailability"]'));
      // jsonc-parser's own removal of a last element left "}ut"-like debris here, re-formatted into invalid JSON
      assert.strictEqual(fixed('p.json', minified, '"444455556666"', 'remove-statement'), '{"Statement":[{"Sid":"A","Effect":"Allow","Principal":"*","Action":["ecr:BatchGetImage","ecr:PutImage"]}]}');
      assert.strictEqual(fixed('p.json', minified, '"*"', 'remove-statement'), '{"Statement":[{"Sid":"B","Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"ecr:BatchGetImage"}]}');
    });

    it('NotPrincipal becomes Principal "*" bound to the organisation', () => {
      const text = '{\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "NotPrincipal": { "AWS": "arn:aws:iam::444455556666:root" },\n      "Action": "ecr:BatchGetImage"\n    }\n  ]\n}\n';
      assert.deepStrictEqual(offered('p.json', text, '"NotPrincipal"'), ['* not-principal-to-organization']);
      assert.strictEqual(fixed('p.json', text, '"NotPrincipal"', 'not-principal-to-organization'),
        '{\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": "*",\n      "Action": "ecr:BatchGetImage",\n      "Condition": {\n        "StringEquals": {\n          "aws:PrincipalOrgID": "o-a1b2c3d4e5"\n        }\n      }\n    }\n  ]\n}\n');
    });

    it('several organisations on the trust list: one fix each, none preferred (fix-all must not choose)', () => {
      const fixes = fixesOf('p.json', POLICY, '"*"', trustOf([ORG, 'o-f6g7h8i9j0']));
      assert.deepStrictEqual(fixes.map((fix) => [fix.title, fix.isPreferred, Boolean(fix.edits)]), [
        [`Add an aws:PrincipalOrgID condition (${ORG})`, false, true],
        ['Add an aws:PrincipalOrgID condition (o-f6g7h8i9j0)', false, true],
        ['Remove statement Everyone', false, true],
      ]);
    });

    it('no organisation on the trust list: the fix asks; answered, it edits', () => {
      const [question] = fixesOf('p.json', POLICY, '"*"', trustOf([]));
      assert.deepStrictEqual(question, { id: 'add-organization-condition', title: 'Add an aws:PrincipalOrgID condition', isPreferred: true, needs: { kind: 'organization-id' }, rule: 'wildcard-principal' });
      const answered = fixed('p.json', POLICY, '"*"', 'add-organization-condition', { trust: trustOf([]), answers: { organizationId: 'o-typed0by0user' } });
      assert.ok(answered.includes('"StringEquals": {\n          "aws:PrincipalOrgID": "o-typed0by0user"\n        }'), answered);
    });

    it('remove principal and remove statement; a JSONC neighbour keeps its comment and trailing comma', () => {
      assert.strictEqual(fixed('p.json', POLICY, '"arn:aws:iam::444455556666:role/scanner"', 'remove-principal'),
        replaced('["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:role/scanner"]', '["arn:aws:iam::111122223333:root"]'));
      const jsonc = [
        '{',
        '  "Statement": [',
        '    {',
        '      "Sid": "Staging",',
        '      "Effect": "Allow",',
        '      "Principal": { "AWS": "222233334444" },',
        '      "Action": "ecr:BatchGetImage",',
        '    }, // staging pulls',
        '    {',
        '      "Sid": "Vendor",',
        '      "Effect": "Allow",',
        '      "Principal": { "AWS": "444455556666" },',
        '      "Action": "ecr:BatchGetImage"',
        '    }',
        '  ]',
        '}',
      ].join('\n');
      assert.strictEqual(fixed('p.jsonc', jsonc, '"444455556666"', 'remove-statement'), [
        '{',
        '  "Statement": [',
        '    {',
        '      "Sid": "Staging",',
        '      "Effect": "Allow",',
        '      "Principal": { "AWS": "222233334444" },',
        '      "Action": "ecr:BatchGetImage",',
        '    } // staging pulls',
        '  ]',
        '}',
      ].join('\n'));
    });

    it('remove principal is offered only where it ends the grant (regression)', () => {
      const statement = (principal: string, extra = ''): string => `{"Statement": [{"Effect": "Allow", ${principal}, "Action": ["ecr:BatchGetImage", "ecr:PutImage"]${extra}}, {"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "ecr:BatchGetImage"}]}`;
      // the account named twice: removing one principal leaves the other
      assert.deepStrictEqual(offered('p.json', statement('"Principal": {"AWS": ["444455556666", "arn:aws:iam::444455556666:role/scanner"]}'), '"ecr:PutImage"'), ['* restrict-to-pull', 'remove-statement']);
      // a wildcard bound to the account by a condition grants it whatever principal goes
      assert.deepStrictEqual(offered('p.json', statement('"Principal": {"AWS": ["*", "444455556666"]}', ', "Condition": {"StringEquals": {"aws:PrincipalAccount": "444455556666"}}'), '"ecr:PutImage"'), ['* restrict-to-pull', 'remove-statement']);
      // from a NotPrincipal, removing a principal would widen the grant
      assert.deepStrictEqual(offered('p.json', statement('"NotPrincipal": {"AWS": ["444455556666", "111122223333"]}', ', "Condition": {"StringEquals": {"aws:PrincipalAccount": "444455556666"}}'), '"ecr:PutImage"'), ['* restrict-to-pull', 'remove-statement']);
      // one of two: offered
      assert.deepStrictEqual(offered('p.json', statement('"Principal": {"AWS": ["444455556666", "111122223333"]}'), '"ecr:PutImage"'), ['* restrict-to-pull', 'remove-principal', 'remove-statement']);
    });
  });

  describe('Terraform policy documents', () => {
    const DOCUMENT = `data "aws_iam_policy_document" "ecr" {
  statement {
    sid = "Everyone"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    not_actions = [
      "ecr:DeleteRepository",
    ]
  }

  statement {
    sid = "AllButVendor"
    not_principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::444455556666:root"]
    }
    actions = ["ecr:BatchGetImage"]
    condition {
      test     = "StringLike"
      variable = "aws:PrincipalOrgID"
      values   = ["o-*"]
    }
  }
}

resource "aws_ecr_repository_policy" "app" {
  repository = "app"
  policy     = data.aws_iam_policy_document.ecr.json
}
`;
    const replaced = (from: string, to: string): string => {
      assert.ok(DOCUMENT.includes(from), from);
      return DOCUMENT.replace(from, to);
    };

    it('restrict to pull-only: not_actions becomes actions, the list keeps its lines and trailing comma', () => {
      assert.strictEqual(fixed('main.tf', DOCUMENT, 'not_actions', 'restrict-to-pull'), replaced('    not_actions = [\n      "ecr:DeleteRepository",\n    ]',
        '    actions = [\n      "ecr:BatchGetImage",\n      "ecr:GetDownloadUrlForLayer",\n      "ecr:BatchCheckLayerAvailability",\n    ]'));
    });

    it('organisation condition: a condition block after the statement\'s last attribute', () => {
      assert.strictEqual(fixed('main.tf', DOCUMENT, '"*"', 'add-organization-condition'), replaced('      "ecr:DeleteRepository",\n    ]\n',
        '      "ecr:DeleteRepository",\n    ]\n    condition {\n      test     = "StringEquals"\n      variable = "aws:PrincipalOrgID"\n      values   = ["o-a1b2c3d4e5"]\n    }\n'));
    });

    it('not_principals becomes principals "*"; the weak StringLike o-* block becomes the binding, not a second block (regression: the edit used stale offsets)', () => {
      assert.strictEqual(fixed('main.tf', DOCUMENT, 'not_principals', 'not-principal-to-organization'), replaced(
        '    not_principals {\n      type        = "AWS"\n      identifiers = ["arn:aws:iam::444455556666:root"]\n    }\n    actions = ["ecr:BatchGetImage"]\n    condition {\n      test     = "StringLike"\n      variable = "aws:PrincipalOrgID"\n      values   = ["o-*"]\n    }',
        '    principals {\n      type        = "*"\n      identifiers = ["*"]\n    }\n    actions = ["ecr:BatchGetImage"]\n    condition {\n      test     = "StringEquals"\n      variable = "aws:PrincipalOrgID"\n      values   = ["o-a1b2c3d4e5"]\n    }'));
    });

    it('a condition with no values on the key is replaced, not joined by a second one (regression)', () => {
      const text = replaced('      "ecr:DeleteRepository",\n    ]\n', '      "ecr:DeleteRepository",\n    ]\n    condition {\n      test     = "StringEquals"\n      variable = "aws:PrincipalOrgID"\n      values   = []\n    }\n');
      assert.strictEqual(fixed('main.tf', text, '"*"', 'add-organization-condition'), text.replace('values   = []', 'values   = ["o-a1b2c3d4e5"]'));
    });

    it('remove statement takes its lines and nothing else', () => {
      assert.strictEqual(fixed('main.tf', DOCUMENT, 'not_principals', 'remove-statement'), replaced(DOCUMENT.slice(DOCUMENT.indexOf('\n\n  statement {\n    sid = "AllButVendor"'), DOCUMENT.indexOf('\n}\n\nresource')), ''));
      assert.ok(fixed('main.tf', DOCUMENT, 'not_principals', 'remove-statement').includes('      "ecr:DeleteRepository",\n    ]\n  }\n}\n\nresource'));
    });
  });

  describe('Terraform jsonencode and heredoc', () => {
    const JSONENCODE = `resource "aws_ecr_repository_policy" "mirror" {
  repository = "mirror"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Vendor"
        Effect    = "Allow"
        Principal = { AWS = ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:role/scanner"] }
        Action    = ["ecr:BatchGetImage", "ecr:PutImage"]
      },
      {
        Sid          = "AllButVendor"
        Effect       = "Allow"
        NotPrincipal = { AWS = "arn:aws:iam::444455556666:root" }
        Action       = "ecr:BatchGetImage"
        Condition = {
          "ForAllValues:StringEquals" = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" }
        }
      },
    ]
  })
}
`;
    const HEREDOC = `resource "aws_ecr_repository_policy" "legacy" {
  repository = "legacy"
  policy     = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Sid": "OrgPull",
        "Effect": "Allow",
        "Principal": "*",
        "Action": "ecr:BatchGetImage",
        "Condition": { "ForAllValues:StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }
      }]
    }
  EOF
}
`;

    it('jsonencode: restrict to pull-only and remove a principal, in HCL object syntax', () => {
      assert.strictEqual(fixed('main.tf', JSONENCODE, '"ecr:PutImage"', 'restrict-to-pull'),
        JSONENCODE.replace('Action    = ["ecr:BatchGetImage", "ecr:PutImage"]', 'Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]'));
      assert.strictEqual(fixed('main.tf', JSONENCODE, '"arn:aws:iam::444455556666:role/scanner"', 'remove-principal'),
        JSONENCODE.replace('["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:role/scanner"]', '["arn:aws:iam::111122223333:root"]'));
    });

    it('jsonencode: NotPrincipal becomes Principal "*" and the weak ForAllValues: clause the binding (regression: stale offsets left the weak clause beside the new one)', () => {
      assert.strictEqual(fixed('main.tf', JSONENCODE, 'NotPrincipal', 'not-principal-to-organization'), JSONENCODE.replace(
        '        NotPrincipal = { AWS = "arn:aws:iam::444455556666:root" }\n        Action       = "ecr:BatchGetImage"\n        Condition = {\n          "ForAllValues:StringEquals" = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" }\n        }',
        '        Principal = "*"\n        Action       = "ecr:BatchGetImage"\n        Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }'));
    });

    it('heredoc JSON is edited as JSON, in the heredoc\'s layout (regression: no fix was offered in heredocs)', () => {
      assert.deepStrictEqual(offered('main.tf', HEREDOC, '"*"'), ['* add-organization-condition']);
      assert.strictEqual(fixed('main.tf', HEREDOC, '"*"', 'add-organization-condition'),
        HEREDOC.replace('{ "ForAllValues:StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }', '{ "StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }'));
    });

    it('JSON in a quoted HCL string cannot be edited safely: no fix, and no question whose answer could not be used (regression)', () => {
      const quoted = 'resource "aws_ecr_repository_policy" "q" {\n  repository = "q"\n  policy     = "{\\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Principal\\": \\"*\\", \\"Action\\": \\"ecr:BatchGetImage\\"}]}"\n}\n';
      assert.deepStrictEqual(offered('main.tf', quoted, '\\"*\\"'), []);
      assert.deepStrictEqual(offered('main.tf', quoted, '\\"*\\"', trustOf([])), []);
    });
  });

  describe('trust list edits', () => {
    const TRUST = [
      '{',
      '  "ownAccounts": ["111122223333"],',
      '  "organizationIds": [],',
      '  "trustedAccounts": {',
      '    "222233334444": { "name": "staging", "access": "pull" },',
      '    "333344445555": { "name": "ci-builder", "access": "push", "expires": "2027-03-31" }',
      '  }',
      '}',
      '',
    ].join('\n');

    it('trust account: a new entry written like the others; the others keep their layout (regression: the last one was spread over lines)', () => {
      assert.strictEqual(trustAccount(TRUST, '444455556666', 'vendor scanner'), TRUST.replace(
        '"expires": "2027-03-31" }\n',
        '"expires": "2027-03-31" },\n    "444455556666": { "name": "vendor scanner", "access": "pull" }\n'));
    });

    it('organisation: added inline to the list (regression: the list was spread over lines)', () => {
      assert.strictEqual(addOrganization(TRUST, ORG), TRUST.replace('"organizationIds": []', `"organizationIds": ["${ORG}"]`));
      assert.strictEqual(addOrganization(addOrganization(TRUST, ORG), 'o-f6g7h8i9j0'), TRUST.replace('"organizationIds": []', `"organizationIds": ["${ORG}", "o-f6g7h8i9j0"]`));
      assert.strictEqual(addOrganization(addOrganization(TRUST, ORG), ORG), addOrganization(TRUST, ORG), 'already there: unchanged');
    });

    it('Create Trust List on an existing list: answers added in ID order, skipped ones and the rest kept', () => {
      const answers = {
        accounts: { '999900001111': 'push', '444455556666': 'own', '555566667777': 'skip', '222233334444': 'admin' } as const,
        organizations: { [ORG]: 'own', 'o-f6g7h8i9j0': 'skip' } as const,
        names: { '999900001111': ' builder ' },
      };
      const extended = extendTrustList(TRUST, answers);
      assert.strictEqual(extended, [
        '{',
        '  "ownAccounts": ["111122223333", "444455556666"],',
        `  "organizationIds": ["${ORG}"],`,
        '  "trustedAccounts": {',
        '    "222233334444": { "name": "staging", "access": "admin" },',
        '    "333344445555": { "name": "ci-builder", "access": "push", "expires": "2027-03-31" },',
        '    "999900001111": { "name": "builder", "access": "push" }',
        '  }',
        '}',
        '',
      ].join('\n'));
      assert.deepStrictEqual(parseTrustList(extended, 't').problems, []);
      assert.strictEqual(extendTrustList(TRUST, { accounts: { '555566667777': 'skip' }, organizations: {}, names: {} }), TRUST, 'all skipped: unchanged');
    });

    it('no trust list yet: created in the documented shape', () => {
      assert.strictEqual(newTrustList(), '{\n  "ownAccounts": [],\n  "organizationIds": [],\n  "trustedAccounts": {}\n}\n');
      assert.strictEqual(trustAccount(undefined, '444455556666', 'vendor'), '{\n  "ownAccounts": [],\n  "organizationIds": [],\n  "trustedAccounts": {\n    "444455556666": { "name": "vendor", "access": "pull" }\n  }\n}\n');
      assert.strictEqual(addOrganization(undefined, ORG), `{\n  "ownAccounts": [],\n  "organizationIds": ["${ORG}"],\n  "trustedAccounts": {}\n}\n`);
      assert.deepStrictEqual(parseTrustList(trustAccount(addOrganization(undefined, ORG), '444455556666', 'vendor'), 't').problems, []);
    });
  });
});
