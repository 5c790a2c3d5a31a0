import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import type { InventoryResult } from '../../server/src/protocol';
import { cli } from './cliRun';
import { LspClient, makeWorkspace, positionInside, rangeOfText, removeFolder, rulePageUri } from './lspClient';
import { json, OWN_ACCOUNT, STAGING_ACCOUNT, trustList, VENDOR_ACCOUNT } from './policies';

const DR_ACCOUNT = '555566667777';

const REPLICATION_JSON = json({
  rules: [{ destinations: [
    { region: 'eu-west-1', registryId: OWN_ACCOUNT },
    { region: 'us-west-2', registryId: DR_ACCOUNT },
    { region: 'us-west-2', registryId: VENDOR_ACCOUNT },
    { region: 'us-east-2', registryId: STAGING_ACCOUNT },
  ] }],
});

const REPLICATION_TF = `data "aws_caller_identity" "current" {}

resource "aws_ecr_replication_configuration" "this" {
  replication_configuration {
    rule {
      destination {
        region      = "eu-west-1"
        registry_id = data.aws_caller_identity.current.account_id
      }
      destination {
        region      = "us-west-2"
        registry_id = "${VENDOR_ACCOUNT}"
      }
    }
  }
}
`;

describe('protocol: replication destinations (external-replication)', () => {
  let workspace: string;
  let client: LspClient;

  before(async () => {
    workspace = makeWorkspace({ '.ecr-trust.json': trustList({ trustedAccounts: { [STAGING_ACCOUNT]: { name: 'staging', access: 'pull' }, [DR_ACCOUNT]: { name: 'dr', access: 'replicate' } } }) });
    client = await LspClient.start({ workspace });
  });

  after(async () => {
    await client?.dispose();
    removeFolder(workspace);
  });

  it('publishes the untrusted and the pull-trusted destination of a JSON configuration, with its link, the trust list line and hovers', async () => {
    const uri = client.uri('replication.json');
    const published = await client.open(uri, REPLICATION_JSON);
    assert.deepStrictEqual(published.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.range]), [
      ['external-replication', DiagnosticSeverity.Error, rangeOfText(REPLICATION_JSON, `"${VENDOR_ACCOUNT}"`)],
      ['external-replication', DiagnosticSeverity.Error, rangeOfText(REPLICATION_JSON, `"${STAGING_ACCOUNT}"`)],
    ]);
    const [untrusted, staging] = published.diagnostics;
    assert.match(untrusted.message, new RegExp(`^Account ${VENDOR_ACCOUNT} \\(untrusted\\): receives replicated images`));
    assert.strictEqual(untrusted.codeDescription?.href, rulePageUri('external-replication'));
    assert.strictEqual(staging.relatedInformation?.[0]?.location.uri, client.uri('.ecr-trust.json'));
    const hover = await client.hover(uri, positionInside(REPLICATION_JSON, `"${DR_ACCOUNT}"`));
    const contents = hover?.contents as { value: string } | undefined;
    assert.match(contents?.value ?? '', new RegExp(`\\*\\*Account ${DR_ACCOUNT}\\*\\* "dr": trusted for \\*\\*replicate\\*\\*`));
    assert.match(contents?.value ?? '', /Replication destination: images pushed to this registry are copied to its registry in us-west-2\./);
    const actions = (await client.codeActions(uri, untrusted.range, [untrusted]) ?? []) as { title: string }[];
    assert.deepStrictEqual(actions.map((action) => action.title), ['Suppress external-replication in this file (trust list)...', 'Show documentation for external-replication'], 'no fix is offered for a replication destination; only its suppression');
    await client.close(uri);
  });

  it('publishes a Terraform destination and lists it in the editor\'s inventory', async () => {
    const uri = client.uri('replication.tf');
    const published = await client.open(uri, REPLICATION_TF, 'terraform');
    assert.deepStrictEqual(published.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range]), [
      ['external-replication', rangeOfText(REPLICATION_TF, `"${VENDOR_ACCOUNT}"`)],
    ]);
    const inventory = await client.connection.sendRequest<InventoryResult>('ecrGuard/inventory');
    const grants = inventory.files.filter((file) => file.uri === uri).flatMap((file) => file.grants);
    assert.deepStrictEqual(grants.map((grant) => [grant.grantee.id, grant.grantee.trust, grant.via, grant.rules]), [[VENDOR_ACCOUNT, 'untrusted', 'replication', ['external-replication']]]);
    await client.close(uri);
  });

  it('the CLI fails the run on them, writes them to SARIF and lists them in --inventory', () => {
    fs.writeFileSync(path.join(workspace, 'replication.json'), REPLICATION_JSON);
    const run = cli(['scan', '.', '--format', 'sarif', '--inventory', 'grants.csv'], workspace);
    assert.strictEqual(run.code, 1, run.stderr);
    const log = JSON.parse(run.stdout) as { runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    const line = REPLICATION_JSON.split('\n').findIndex((text) => text.includes(`"${VENDOR_ACCOUNT}"`)) + 1;
    assert.deepStrictEqual(log.runs[0].results.filter((result) => result.locations[0].physicalLocation.region.startLine === line).map((result) => [result.ruleId, result.level]), [['external-replication', 'error']]);
    const csv = fs.readFileSync(path.join(workspace, 'grants.csv'), 'utf8');
    assert.match(csv, new RegExp(`account,${VENDOR_ACCOUNT},,untrusted,pull,replication\\.json,${line},`));
    assert.match(csv, new RegExp(`account,${DR_ACCOUNT},dr,trusted for replicate,pull,replication\\.json,`));
  });
});
