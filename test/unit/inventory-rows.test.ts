import * as assert from 'assert';
import { analyzeFile } from '../../server/src/core/batch';
import { preferredFix } from '../../server/src/core/fixes';
import { parseTrustList } from '../../server/src/core/trust';
import { RULE_IDS } from '../../server/src/protocol';
import type { InventoryGrant } from '../../server/src/protocol';
import { InventoryModel } from '../../client/src/scan/inventoryModel';
import {
  countsText, grantContextValue, granteeContextValue, granteeLabel, LABEL_WIDTH, policyLabel, PREFERRED_FIX_RULES, shortArn, shortened, statementText,
} from '../../client/src/scan/inventoryLabels';
import { defaultExportFolder, exportFileName } from '../../client/src/scan/exportNames';

/** The inventory view's rows (client/src/scan): what each row counts, how it reads in a narrow sidebar, what its context menu offers. */

const grant = (id: string, line: number, overrides: Partial<InventoryGrant> = {}): InventoryGrant => ({
  grantee: { kind: 'account', id, trust: 'untrusted' }, via: 'principal', documentIndex: 0, statementIndex: 0, actions: ['ecr:BatchGetImage'], notAction: false,
  granted: ['ecr:BatchGetImage'], access: 'pull', rules: [], range: [line, 4, line, 20], ...overrides,
});

describe('inventory view: rows count what they hold', () => {
  it('a file row under a grantee counts that grantee\'s grants and their findings, not the whole file\'s', () => {
    const model = new InventoryModel();
    model.replace({
      scanned: true, trustLists: [], files: [{
        uri: 'file:///w/policy.json', source: 'scan', grants: [
          grant('444455556666', 3, { rules: ['untrusted-account'], severity: 'warning' }),
          grant('999900001111', 9, { rules: ['external-write', 'untrusted-account'], severity: 'error' }),
          grant('999900001111', 15, { rules: ['untrusted-account'], severity: 'warning', statementIndex: 1 }),
          grant('*', 20, { grantee: { kind: 'public', id: '*', trust: 'unchecked' }, rules: ['wildcard-principal', 'external-write'], severity: 'error' }),
        ],
      }, {
        uri: 'file:///w/other.json', source: 'scan', grants: [grant('444455556666', 1, { grantee: { kind: 'account', id: '444455556666', trust: 'untrusted' } })],
      }],
    });
    const groups = model.groups((uri) => uri.slice('file:///w/'.length));
    const summary = groups.map((group) => [group.granteeId, group.grantCount, group.findingCount, group.policies.map((policy) => [policy.uri.slice(10), policy.grants.length, policy.findingCount])]);
    assert.deepStrictEqual(summary, [
      ['*', 1, 2, [['policy.json', 1, 2]]],
      ['999900001111', 2, 3, [['policy.json', 2, 3]]],
      ['444455556666', 2, 1, [['other.json', 1, 0], ['policy.json', 1, 1]]],
    ]);
  });

  it('says grants and findings, findings only when there are some', () => {
    assert.strictEqual(countsText(1, 0), '1 grant');
    assert.strictEqual(countsText(3, 1), '3 grants · 1 finding');
    assert.strictEqual(countsText(2, 4), '2 grants · 4 findings');
  });
});

describe('inventory view: labels fit the default sidebar width', () => {
  it('cuts long text in the middle, keeping its start and end', () => {
    assert.strictEqual(shortened('short'), 'short');
    const cut = shortened('a'.repeat(20) + 'b'.repeat(20), 11);
    assert.strictEqual(cut, 'aaaaa…bbbbb');
    assert.strictEqual(shortened('x'.repeat(100)).length, LABEL_WIDTH);
  });

  it('drops what every ARN shares, keeps service and account whole, cuts the resource from the left', () => {
    assert.strictEqual(shortArn('arn:aws:iam::123456789012:role/ci'), 'iam 123456789012 role/ci');
    assert.strictEqual(shortArn('arn:aws:codebuild:us-east-1:123456789012:project/build'), 'codebuild 123456789012 …/build');
    assert.strictEqual(shortArn('arn:aws:codebuild:us-east-1:123456789012:project/build', 40), 'codebuild 123456789012 project/build');
    assert.strictEqual(shortArn('arn:aws:s3:::my-bucket'), 's3 my-bucket');
    assert.strictEqual(shortArn('var.readers'), 'var.readers');
  });

  it('labels grantees with their ID, at most the width, the full title in the tooltip', () => {
    assert.strictEqual(granteeLabel({ kind: 'account', id: '111122223333', name: 'staging' }), '111122223333 (staging)');
    assert.strictEqual(granteeLabel({ kind: 'public', id: '*' }), 'Anyone (public)');
    assert.strictEqual(granteeLabel({ kind: 'organization', id: 'o-a1b2c3d4e5' }), 'Org o-a1b2c3d4e5');
    const long = [
      granteeLabel({ kind: 'account', id: '111122223333', name: 'the-platform-team-shared-services-account' }),
      granteeLabel({ kind: 'organization', id: `o-${'a'.repeat(32)}` }),
      granteeLabel({ kind: 'resource', id: 'arn:aws:codebuild:eu-central-1:123456789012:project/a-very-long-project-name-indeed' }),
      granteeLabel({ kind: 'unresolved', id: 'module.accounts.outputs.consumer_account_ids_for_production' }),
      granteeLabel({ kind: 'service', id: 'pullthroughcache.ecr.amazonaws.com.cn' }),
    ];
    for (const label of long) assert.ok(label.length <= LABEL_WIDTH, `${label} (${label.length})`);
    assert.strictEqual(long[2], 'codebuild 123456789012 …indeed');
  });

  it('labels a policy with its file, or its short resource name', () => {
    assert.strictEqual(policyLabel(undefined, 'external-push.json'), 'external-push.json');
    assert.strictEqual(policyLabel('aws_ecr_repository_policy.app', 'main.tf'), 'repository_policy.app');
    assert.strictEqual(policyLabel('module.ecr.aws_ecr_repository_policy.this[0]', 'main.tf'), 'repository_policy.this[0]');
    assert.strictEqual(policyLabel('aws_ecrpublic_repository_policy.site', 'main.tf'), 'repository_policy.site');
    assert.strictEqual(policyLabel('AWS::ECR::Repository AppRepo', 'template.yaml'), 'AppRepo');
    assert.ok(policyLabel(undefined, `${'long-name-'.repeat(6)}.json`).length <= LABEL_WIDTH - 3);
  });

  it('labels a statement with its Sid, shortened, or its place', () => {
    assert.strictEqual(statementText({ sid: 'AllowPull', statementIndex: 0 }), 'AllowPull');
    assert.strictEqual(statementText({ statementIndex: 2 }), 'statement #3');
    assert.ok(statementText({ sid: 'AllowCrossAccountPullForTheWholeOrganisation', statementIndex: 0 }).length <= LABEL_WIDTH - 6);
  });
});

describe('inventory view: the context menu offers what applies', () => {
  it('encodes kind, trust, rules and the actions that apply', () => {
    assert.strictEqual(grantContextValue(grant('999900001111', 1, { rules: ['external-write', 'untrusted-account'] })),
      'ecrGuard.grant;kind=account;trust=untrusted;rules=external-write,untrusted-account;fix;findings;trustable;');
    assert.strictEqual(grantContextValue(grant('999900001111', 1, { rules: ['untrusted-account'], grantee: { kind: 'account', id: '999900001111', trust: 'no-trust-list' } })),
      'ecrGuard.grant;kind=account;trust=no-trust-list;rules=untrusted-account;findings;trustable;');
    assert.strictEqual(grantContextValue(grant('222233334444', 1, { grantee: { kind: 'account', id: '222233334444', trust: 'pull' } })), 'ecrGuard.grant;kind=account;trust=pull;rules=;');
    assert.strictEqual(grantContextValue(grant('*', 1, { grantee: { kind: 'public', id: '*', trust: 'unchecked' }, rules: ['wildcard-principal'] })),
      'ecrGuard.grant;kind=public;trust=unchecked;rules=wildcard-principal;fix;findings;');
    assert.strictEqual(granteeContextValue({ kind: 'account', trust: 'untrusted' }), 'ecrGuard.grantee;kind=account;trust=untrusted;trustable;');
    assert.strictEqual(granteeContextValue({ kind: 'organization', trust: 'untrusted' }), 'ecrGuard.grantee;kind=organization;trust=untrusted;');
  });

  it('the when clauses in package.json match those values', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const manifest = require('../../package.json') as { contributes: { menus: Record<string, { command: string; when: string }[]> } };
    const when = (command: string): RegExp => {
      const entry = manifest.contributes.menus['view/item/context'].find((item) => item.command === command && !('group' in item && String((item as { group?: string }).group).startsWith('inline')));
      assert.ok(entry, command);
      return new RegExp(/viewItem =~ \/(.*)\/$/.exec(entry.when)![1]);
    };
    const untrusted = grantContextValue(grant('999900001111', 1, { rules: ['external-write', 'untrusted-account'] }));
    const trusted = grantContextValue(grant('222233334444', 1, { grantee: { kind: 'account', id: '222233334444', trust: 'pull' } }));
    const onlyUntrusted = grantContextValue(grant('999900001111', 1, { rules: ['untrusted-account'] }));
    assert.ok(when('ecrGuard.inventory.applyPreferredFix').test(untrusted) && !when('ecrGuard.inventory.applyPreferredFix').test(onlyUntrusted));
    assert.ok(when('ecrGuard.inventory.trustAccount').test(untrusted) && !when('ecrGuard.inventory.trustAccount').test(trusted));
    assert.ok(when('ecrGuard.inventory.markOwnAccount').test(untrusted) && !when('ecrGuard.inventory.markOwnAccount').test(trusted), 'Mark as My Own Account where Trust is offered');
    assert.ok(when('ecrGuard.inventory.suppressFinding').test(onlyUntrusted) && !when('ecrGuard.inventory.suppressFinding').test(trusted));
    assert.ok(when('ecrGuard.inventory.openGrant').test(trusted) && !when('ecrGuard.inventory.openGrant').test(granteeContextValue({ kind: 'account', trust: 'untrusted' })));
    assert.ok(when('ecrGuard.inventory.copyPrincipal').test(trusted) && when('ecrGuard.inventory.copyPrincipal').test(granteeContextValue({ kind: 'public', trust: 'unchecked' })));
  });

  it('offers "Apply Preferred Fix" for exactly the rules whose findings have a preferred fix', () => {
    const trust = parseTrustList(JSON.stringify({ ownAccounts: ['111122223333'], organizationIds: ['o-a1b2c3d4e5'] }), '.ecr-trust.json').list;
    const text = JSON.stringify({
      Version: '2012-10-17', Statement: [
        { Sid: 'Public', Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' },
        { Sid: 'Push', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: ['ecr:BatchGetImage', 'ecr:PutImage'] },
        { Sid: 'Service', Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'ecr:BatchGetImage' },
      ],
    }, null, 2);
    const result = analyzeFile({ name: 'policy.json', text }, { trust });
    const withFix = new Set(result.findings.filter((finding) => preferredFix(finding, { text, documents: result.documents, trust })).map((finding) => finding.rule));
    const seen = new Set(result.findings.map((finding) => finding.rule));
    assert.deepStrictEqual([...seen].sort(), ['external-write', 'unscoped-service-principal', 'untrusted-account', 'wildcard-principal']);
    assert.deepStrictEqual([...withFix].sort(), [...PREFERRED_FIX_RULES].sort());
    assert.ok(PREFERRED_FIX_RULES.every((rule) => RULE_IDS.includes(rule)));
  });
});

describe('inventory exports: where the save dialog starts', () => {
  it('names the file for what it holds, the workspace and the day', () => {
    const day = new Date('2026-06-01T10:00:00Z');
    assert.strictEqual(exportFileName('markdown', 'ecr infra', day), 'ecr-grants-ecr-infra-2026-06-01.md');
    assert.strictEqual(exportFileName('csv', 'team (Workspace)', day), 'ecr-grants-team-2026-06-01.csv');
    assert.strictEqual(exportFileName('sarif', undefined, day), 'ecr-guard-findings-2026-06-01.sarif');
    assert.strictEqual(exportFileName('csv', '../../etc', day), 'ecr-grants-etc-2026-06-01.csv');
  });

  it('starts outside the repository: Downloads, else home, else the temp folder', () => {
    assert.strictEqual(defaultExportFolder('/home/me', () => true), '/home/me/Downloads');
    assert.strictEqual(defaultExportFolder('/home/me', (folder) => folder === '/home/me'), '/home/me');
    assert.notStrictEqual(defaultExportFolder('/home/me', () => false), '/home/me');
    assert.notStrictEqual(defaultExportFolder('', () => true), '');
  });
});
