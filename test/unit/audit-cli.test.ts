import * as assert from 'assert';
import { UsageError } from '../../server/src/cli/arguments';
import { parseAuditArguments } from '../../server/src/cli/auditArguments';
import { auditFindings, auditJson } from '../../server/src/cli/auditReport';
import { auditText } from '../../server/src/cli/auditText';
import { analyzeDeployed } from '../../server/src/core/deployed/analyze';
import { deployedResources } from '../../server/src/core/deployed/resources';
import { RegistrySnapshot } from '../../server/src/core/deployed/snapshot';
import type { AuditReport } from '../../server/src/audit/runAudit';
import * as path from 'path';
import { workspacePolicies } from './deployedSupport';
import { loadWasmParser } from './support';

const refused = (args: string[], message: RegExp): void => assert.throws(() => parseAuditArguments(args), (error: Error) => error instanceof UsageError && message.test(error.message));

describe('ecr-guard audit arguments', () => {
  it('takes regions, profile, workspace, drift, format, fail-on, output and concurrency', () => {
    assert.deepStrictEqual(parseAuditArguments(['--regions', 'us-east-1, eu-west-1,us-east-1', '--profile', 'sec.audit', '--workspace', 'infra', '--no-drift', '--format', 'csv', '--fail-on', 'warning', '--output', 'a.csv', '--concurrency', '8', '--trust', 't.json']), {
      regions: ['us-east-1', 'eu-west-1'], profile: 'sec.audit', trust: 't.json', workspace: 'infra', drift: false, format: 'csv', failOn: 'warning', output: 'a.csv', concurrency: 8,
    });
    const defaults = parseAuditArguments(['--regions=all']);
    assert.deepStrictEqual([defaults.regions, defaults.workspace, defaults.drift, defaults.format, defaults.failOn], ['all', '.', true, 'text', 'error']);
  });

  it('lets through nothing but region names, which become host names', () => {
    for (const region of ['us-east-1.evil.example', 'us-east-1/..', 'US-EAST-1', 'localhost', 'us-east-1:443']) refused(['--regions', region], /is not a region name/);
    assert.deepStrictEqual(parseAuditArguments(['--regions', 'us-gov-west-1,cn-northwest-1,ap-southeast-4']).regions, ['us-gov-west-1', 'cn-northwest-1', 'ap-southeast-4']);
    refused(['--regions', ','], /--regions takes/);
  });

  it('refuses a profile name that could rewrite the config files read, and other mistakes', () => {
    refused(['--regions', 'all', '--profile', 'a b'], /--profile takes a profile NAME/);
    refused(['--regions', 'all', '--profile', 'x]\n[default'], /--profile takes/);
    refused(['--regions', 'all', '--concurrency', '0'], /--concurrency takes a number of calls, 1 to 64/);
    refused(['--regions', 'all', '--concurrency', '65'], /--concurrency takes/);
    refused(['--regions', 'all', '--format', 'xml'], /--format takes text, json, sarif, markdown, csv/);
    refused(['--regions', 'all', '--endpoint', 'http://x'], /unknown option --endpoint for audit/);
    refused(['--regoins', 'all'], /did you mean --regions\?/);
    refused(['--regions'], /--regions needs a value/);
    refused(['--profile', 'p'], /audit needs --regions/);
  });
});

describe('ecr-guard audit reports', () => {
  const snapshot: RegistrySnapshot = {
    account: '111122223333', region: 'eu-west-1', partition: 'aws', creationTemplates: [], pullThroughCacheRules: [], errors: [],
    repositories: [{ name: 'web', arn: 'arn:aws:ecr:eu-west-1:111122223333:repository/web', policyText: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' }] }, null, 2) }],
  };
  const results = analyzeDeployed(deployedResources(snapshot), {});
  const report: AuditReport = {
    regions: ['eu-west-1'], accounts: ['111122223333'], repositoriesScanned: 1, results, snapshots: [snapshot],
    errors: [{ region: 'eu-west-1', operation: 'GetRegistryPolicy', code: 'AccessDeniedException', message: 'not authorized' }],
  };

  it('writes the JSON contract first, a statement without Sid as Statement[N], and the failed calls', () => {
    const json = JSON.parse(auditJson(report, auditFindings(results)));
    assert.deepStrictEqual(Object.keys(json).slice(0, 4), ['repositoriesScanned', 'regions', 'findings', 'errors']);
    assert.deepStrictEqual(json.findings.map((finding: Record<string, unknown>) => [finding.resource, finding.rule, finding.statement, finding.line]), [['arn:aws:ecr:eu-west-1:111122223333:repository/web', 'wildcard-principal', 'Statement[0]', 6]]);
    assert.deepStrictEqual(json.errors, [{ region: 'eu-west-1', operation: 'GetRegistryPolicy', code: 'AccessDeniedException', message: 'not authorized' }]);
  });

  it('prints text grouped by ARN, the failed calls and a summary', () => {
    const text = auditText(report, auditFindings(results), { colour: false, failOn: 'error' });
    assert.match(text, /^arn:aws:ecr:eu-west-1:111122223333:repository\/web\n {2}6:\d+ {2}error {2}Public: .* {2}wildcard-principal {2}\(Statement\[0\]\)\n/);
    assert.match(text, /1 call failed \(the audit went on without it\):\n {2}eu-west-1 GetRegistryPolicy: AccessDeniedException: not authorized\n/);
    assert.match(text, /1 error in 1 resource \(1 repository in 1 region audited; 1 call failed\)\. Fix them/);
    const clean: AuditReport = { ...report, results: [], errors: [] };
    assert.strictEqual(auditText(clean, auditFindings([]), { colour: false, failOn: 'error' }), 'No findings (1 repository in 1 region audited).');
  });

  it('names the policies it could not compare with their IaC, and why, in text and JSON (no drift claimed)', async () => {
    const arn = 'arn:aws:ecr:eu-west-1:111122223333:repository/app';
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Readers', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222233334444:root' }, Action: 'ecr:BatchGetImage' }] }, null, 2);
    const deployed: RegistrySnapshot = { ...snapshot, repositories: [{ name: 'app', arn, policyText: policy }] };
    // The policy's readers come from a variable without a value: not known before deployment.
    const workspace = workspacePolicies(path.resolve(__dirname, '..', 'deployed-fixtures', 'terraform-unresolved', 'workspace'), await loadWasmParser());
    const judged = analyzeDeployed(deployedResources(deployed), {}, workspace);
    const found = auditFindings(judged);
    assert.ok(!found.findings.some((finding) => finding.rule === 'policy-drift' || finding.rule === 'unmanaged-policy'), JSON.stringify(found.findings));
    assert.deepStrictEqual(found.notCompared.map(({ resource, definedIn }) => [resource, path.basename(definedIn)]), [[arn, 'main.tf']]);
    assert.match(found.notCompared[0].reason, /^Not compared with aws_ecr_repository_policy\.app \(.*main\.tf\): var\.readers is not known before deployment\.$/);
    const text = auditText({ ...report, results: judged, errors: [] }, found, { colour: false, failOn: 'error' });
    assert.match(text, new RegExp(`1 policy not compared with the IaC \\(no drift is claimed\\):\\n {2}${arn.replace(/[.*/]/g, '\\$&')}: Not compared with`));
    assert.deepStrictEqual(JSON.parse(auditJson(report, found)).notCompared, found.notCompared);
    assert.strictEqual(JSON.parse(auditJson(report, auditFindings(results))).notCompared, undefined, 'absent when every policy was compared');
  });
});
