import * as assert from 'assert';
import { Connection, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { DeployedModel, resourceFindings, resourceLabel } from '../../client/src/audit/deployedModel';
import { listProfiles, profileFiles, profileNames } from '../../client/src/audit/profiles';
import { parseRegionNames } from '../../client/src/audit/regionNames';
import { analyzeDeployed, extractResource, WorkspacePolicy } from '../../server/src/core/deployed/analyze';
import { deployedResources } from '../../server/src/core/deployed/resources';
import { RegistrySnapshot } from '../../server/src/core/deployed/snapshot';
import { parseTrustList } from '../../server/src/core/trust';
import { checkedRegions } from '../../server/src/lsp/auditRequest';
import type { AuditReport } from '../../server/src/audit/runAudit';
import { DeployedResults } from '../../server/src/lsp/deployedResults';
import { exportText } from '../../server/src/lsp/exportRequests';
import { DEPLOYED_SCHEME, deployedUri, deployedView } from '../../server/src/protocol';
import * as path from 'path';
import { workspacePolicies } from './deployedSupport';
import { loadWasmParser } from './support';

/** The editor's side of the audit: profile and region choices, virtual documents, the Deployed branch, exports. */
const NOW = new Date('2026-06-01T12:00:00Z');
const ACCOUNT = '111122223333';
// The audited account is one of the user's own only because the trust list says so.
const TRUST = parseTrustList(JSON.stringify({ ownAccounts: [ACCOUNT] }), '/w/.ecr-trust.json').list;
const policy = (principal: unknown, action: string | string[]): string => JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'S', Effect: 'Allow', Principal: principal, Action: action }] }, null, 2);

function snapshot(): RegistrySnapshot {
  const repo = (name: string, policyText?: string) => ({ name, arn: `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/${name}`, ...(policyText ? { policyText } : {}) });
  return {
    account: ACCOUNT, region: 'eu-west-1', partition: 'aws', creationTemplates: [], pullThroughCacheRules: [],
    repositories: [repo('team/public', policy('*', 'ecr:BatchGetImage')), repo('quiet', policy({ AWS: `arn:aws:iam::${ACCOUNT}:root` }, 'ecr:BatchGetImage')), repo('none')],
    replication: { rules: [{ destinations: [{ region: 'us-east-1', registryId: '999988887777' }] }] },
    errors: [{ region: 'eu-west-1', operation: 'GetRepositoryPolicy', resource: 'hidden', code: 'AccessDeniedException', message: 'not allowed' }],
  };
}

function report(): AuditReport {
  const resources = deployedResources(snapshot());
  return { regions: ['eu-west-1'], accounts: [ACCOUNT], repositoriesScanned: 3, results: analyzeDeployed(resources, { trust: TRUST, now: NOW }), snapshots: [snapshot()], errors: snapshot().errors };
}

function fakeConnection(published: PublishDiagnosticsParams[]): Connection {
  return { sendDiagnostics: (params: PublishDiagnosticsParams) => { published.push(params); return Promise.resolve(); } } as unknown as Connection;
}

describe('audit in the editor', () => {
  it('lists profile names of the config and credentials files, never other sections', () => {
    const config = '[default]\nregion = eu-west-1\n[profile prod]\nsso_session = corp\n[sso-session corp]\nsso_start_url = https://x\n[services local]\necr =\n  endpoint_url = http://127.0.0.1\n[ profile  spaced ]\n';
    assert.deepStrictEqual(profileNames(config, 'config'), ['default', 'prod', 'spaced']);
    assert.deepStrictEqual(profileNames('[ci]\naws_access_key_id = AKIA\n[default]\n', 'credentials'), ['ci', 'default']);
    const files = { config: '/c', credentials: '/k' };
    const texts: Record<string, string> = { '/c': config, '/k': '[ci]\n[prod]\n' };
    assert.deepStrictEqual(listProfiles(files, (file) => texts[file]), ['default', 'ci', 'prod', 'spaced']);
    assert.deepStrictEqual(listProfiles(files, () => undefined), []);
    assert.deepStrictEqual(profileFiles({ AWS_CONFIG_FILE: '/x/config' }, '/home/u'), { config: '/x/config', credentials: '/home/u/.aws/credentials' });
  });

  it('accepts region names and nothing else, from the picker and at the server', () => {
    assert.deepStrictEqual(parseRegionNames('eu-west-1, us-gov-west-1 eu-west-1'), ['eu-west-1', 'us-gov-west-1']);
    assert.strictEqual(parseRegionNames('eu-west-1, 127.0.0.1'), undefined);
    assert.strictEqual(parseRegionNames(' '), undefined);
    assert.strictEqual(checkedRegions('all'), 'all');
    assert.deepStrictEqual(checkedRegions(['us-east-1', 'us-east-1']), ['us-east-1']);
    assert.strictEqual(checkedRegions(['us-east-1', 'evil.example.com']), undefined);
    assert.strictEqual(checkedRegions([]), undefined);
    assert.strictEqual(checkedRegions('us-east-1'), undefined);
  });

  it('names each deployed resource by a virtual URI, with the diff views as a query', () => {
    const uri = deployedUri({ account: ACCOUNT, region: 'eu-west-1', kind: 'repository-policy', repository: 'team/app' });
    assert.strictEqual(uri, `${DEPLOYED_SCHEME}:/${ACCOUNT}/eu-west-1/repository/team/app.json`);
    assert.strictEqual(deployedUri({ account: ACCOUNT, region: 'eu-west-1', kind: 'replication' }), `${DEPLOYED_SCHEME}:/${ACCOUNT}/eu-west-1/registry/replication.json`);
    assert.deepStrictEqual(deployedView(`${uri}?view%3Dcanonical`), { uri, view: 'canonical' });
    assert.deepStrictEqual(deployedView(`${uri}?view=workspace`), { uri, view: 'workspace' });
    assert.deepStrictEqual(deployedView(uri), { uri, view: 'deployed' });
  });

  it('keeps the audit as documents with diagnostics, hovers and inventory rows', () => {
    const published: PublishDiagnosticsParams[] = [];
    const results = new DeployedResults(fakeConnection(published));
    const inventory = results.replace(report(), { trust: TRUST, now: NOW, drift: false });
    const publicUri = deployedUri({ account: ACCOUNT, region: 'eu-west-1', kind: 'repository-policy', repository: 'team/public' });
    const shown = inventory.resources.find((resource) => resource.uri === publicUri);
    assert.ok(shown, 'the public repository is a resource');
    assert.strictEqual(shown.arn, `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/team/public`);
    assert.deepStrictEqual(shown.findings.map((finding) => finding.rule), ['wildcard-principal']);
    assert.strictEqual(shown.grants[0].grantee.kind, 'public');
    assert.deepStrictEqual(published.find((params) => params.uri === publicUri)?.diagnostics.map((diagnostic) => diagnostic.code), ['wildcard-principal']);
    assert.strictEqual(results.document(publicUri)?.text, report().results[0].resource.text);
    assert.strictEqual(results.document(`${publicUri}?view=workspace`), null, 'no drift: no diff');
    const line = shown.grants[0].range[0];
    const hover = results.hover({ textDocument: { uri: publicUri }, position: { line, character: shown.grants[0].range[1] + 1 } });
    assert.ok(hover && JSON.stringify(hover.contents).length > 20, 'a hover on the principal');
    assert.deepStrictEqual(inventory.errors.map((error) => error.code), ['AccessDeniedException']);

    // A second audit without the public repository clears its diagnostics.
    published.length = 0;
    const next = report();
    next.results = next.results.filter((result) => result.resource.repository !== 'team/public');
    results.replace(next, { trust: TRUST, now: NOW, drift: false });
    assert.deepStrictEqual(published.find((params) => params.uri === publicUri)?.diagnostics, []);
    assert.strictEqual(results.document(publicUri), null);
  });

  it('serves the canonical sides of a drifted policy and names the file that defines it', () => {
    const resources = deployedResources(snapshot());
    const quiet = resources.find((resource) => resource.repository === 'quiet');
    assert.ok(quiet);
    // The workspace defines `quiet` with another action: Terraform's aws_ecr_repository_policy, as the scan reads it.
    const text = policy({ AWS: ACCOUNT }, ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer']);
    const [document] = extractResource({ ...quiet, text }).documents;
    const defined: WorkspacePolicy = {
      file: '/w/infra/main.tf', text,
      document: { ...document, provenance: { source: 'terraform', resource: 'aws_ecr_repository_policy.quiet', property: 'policy', repository: 'quiet' } },
    };
    const audit = { ...report(), results: analyzeDeployed(resources, { trust: TRUST, now: NOW }, [defined]) };
    const results = new DeployedResults(fakeConnection([]));
    const inventory = results.replace(audit, { trust: TRUST, now: NOW, drift: true, displayFile: (file) => file.replace('/w/', '') });
    const shown = inventory.resources.find((resource) => resource.repository === 'quiet');
    assert.ok(shown && shown.findings.some((finding) => finding.rule === 'policy-drift'), JSON.stringify(shown?.findings));
    assert.strictEqual(shown.definedIn, 'infra/main.tf');
    const left = results.document(`${shown.uri}?view=workspace`);
    const right = results.document(`${shown.uri}?view%3Dcanonical`);
    assert.ok(left && right);
    assert.strictEqual(left.file, 'infra/main.tf');
    assert.deepStrictEqual(JSON.parse(left.text).Statement[0].Action, ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer']);
    assert.deepStrictEqual(JSON.parse(right.text).Statement[0].Action, ['ecr:BatchGetImage']);
    const unmanaged = inventory.resources.find((resource) => resource.repository === 'team/public');
    assert.ok(unmanaged && unmanaged.findings.some((finding) => finding.rule === 'unmanaged-policy'));
    assert.strictEqual(results.document(`${unmanaged.uri}?view=workspace`), null, 'no definition: no diff');
  });

  it('says which policies were not compared with their IaC, and lists them though they have no finding', async () => {
    // The workspace defines `quiet` with a variable without a value: what it grants is not known before deployment.
    const folder = path.resolve(__dirname, '..', 'deployed-fixtures', 'terraform-unresolved', 'workspace');
    const workspace = workspacePolicies(folder, await loadWasmParser()).map((policy) => ({ ...policy, document: { ...policy.document, provenance: { ...policy.document.provenance!, repository: 'quiet' } } }));
    const audit = { ...report(), results: analyzeDeployed(deployedResources(snapshot()), { trust: TRUST, now: NOW }, workspace) };
    const inventory = new DeployedResults(fakeConnection([])).replace(audit, { trust: TRUST, now: NOW, drift: true });
    const quiet = inventory.resources.find((resource) => resource.repository === 'quiet');
    assert.ok(quiet, JSON.stringify(inventory.resources.map((resource) => resource.repository)));
    assert.deepStrictEqual(quiet.findings, [], 'no drift claimed, and not unmanaged');
    assert.match(quiet.notCompared ?? '', /^Not compared with aws_ecr_repository_policy\.app \(.*main\.tf\): var\.readers is not known before deployment\.$/);
    const model = new DeployedModel();
    model.replace(inventory);
    assert.ok(model.accounts()[0].regions[0].resources.some((resource) => resource.repository === 'quiet'), 'listed, for its note');
    assert.strictEqual(inventory.resources.find((resource) => resource.repository === 'team/public')?.notCompared, undefined);
  });

  it('groups the Deployed branch by account and region, listing only resources with grants or findings', () => {
    const results = new DeployedResults(fakeConnection([]));
    const model = new DeployedModel();
    assert.deepStrictEqual(model.accounts(), []);
    model.replace(results.replace(report(), { trust: TRUST, now: NOW, drift: false }));
    const [account] = model.accounts();
    assert.strictEqual(account.account, ACCOUNT);
    const labels = account.regions[0].resources.map(resourceLabel);
    assert.deepStrictEqual(labels, ['replication', 'team/public'], 'by severity, then ARN; the own account\'s grant is not listed');
    assert.strictEqual(account.severity, 'error');
    const replication = account.regions[0].resources[1];
    assert.deepStrictEqual(resourceFindings(replication), [], 'the replication finding is on its grant row');
  });

  it('exports deployed grants by ARN (Markdown, CSV) and deployed findings with the ARN as the SARIF location', () => {
    const results = new DeployedResults(fakeConnection([]));
    results.replace(report(), { trust: TRUST, now: NOW, drift: false });
    const source = {
      inventory: () => ({ scanned: true, files: [], trustLists: [] }), findings: () => [],
      deployed: () => ({ grants: results.grants(), findings: results.sarifFindings() }),
    };
    const folders = [{ uri: 'file:///w', name: 'w' }];
    const csv = exportText({ format: 'csv' }, source, folders, '1.0.0', NOW);
    assert.ok(csv.text.includes(`arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/team/public`), csv.text);
    assert.strictEqual(csv.count, 2);
    const markdown = exportText({ format: 'markdown' }, source, folders, '1.0.0', NOW);
    assert.ok(markdown.text.includes('repository/team/public'));
    const sarif = JSON.parse(exportText({ format: 'sarif' }, source, folders, '1.0.0', NOW).text);
    const locations = sarif.runs[0].results.map((result: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => result.locations[0].physicalLocation.artifactLocation.uri);
    assert.ok(locations.includes(`arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/team/public`), JSON.stringify(locations));
  });
});
