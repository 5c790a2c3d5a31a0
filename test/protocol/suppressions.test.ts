import * as assert from 'assert';
import { LspClient, makeWorkspace, rangeOfText, removeFolder } from './lspClient';
import { trustList } from './policies';
import type { ExportResult, InventoryResult } from '../../server/src/protocol';

const PUBLIC_TF = (comment: string): string => `data "aws_iam_policy_document" "pull" {
  ${comment}
  statement {
    sid = "PublicPull"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions = ["ecr:BatchGetImage"]
  }
}

resource "aws_ecr_repository_policy" "base" {
  repository = "base"
  policy     = data.aws_iam_policy_document.pull.json
}
`;

describe('protocol: suppressions in the editor', () => {
  let workspace: string;
  let client: LspClient;

  before(async () => {
    workspace = makeWorkspace({ '.ecr-trust.json': trustList() });
    client = await LspClient.start({ workspace });
  });

  after(async () => {
    await client?.dispose();
    removeFolder(workspace);
  });

  it('a suppressed finding leaves the Problems panel; the comment hover lists it; a broken comment is a warning', async () => {
    const uri = client.uri('main.tf');
    const good = PUBLIC_TF('# ecr-guard-ignore wildcard-principal -- public base image');
    const published = await client.open(uri, good, 'terraform');
    assert.deepStrictEqual(published.diagnostics, []);
    const hover = await client.hover(uri, rangeOfText(good, 'ecr-guard-ignore').start);
    assert.match(JSON.stringify(hover?.contents), /Suppresses 1 finding.*public base image.*wildcard-principal/);
    await client.close(uri);

    const brokenUri = client.uri('broken.tf');
    const broken = PUBLIC_TF('# ecr-guard-ignore wildcard-principal');
    const reported = await client.open(brokenUri, broken, 'terraform');
    assert.deepStrictEqual(reported.diagnostics.map((diagnostic) => diagnostic.code), ['invalid-suppression', 'wildcard-principal']);
    assert.deepStrictEqual(reported.diagnostics[0].range, rangeOfText(broken, '# ecr-guard-ignore wildcard-principal'));
    await client.close(brokenUri);
  });

  it('the SARIF export keeps a suppressed finding, marked suppressed with its reason', async () => {
    const uri = client.uri('export.tf');
    await client.open(uri, PUBLIC_TF('# ecr-guard-ignore wildcard-principal -- public base image'), 'terraform');
    const exported = await client.connection.sendRequest<ExportResult>('ecrGuard/export', { format: 'sarif' });
    const results = JSON.parse(exported.text).runs[0].results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; suppressions?: unknown }[];
    const ours = results.filter((result) => result.locations[0].physicalLocation.artifactLocation.uri === 'export.tf');
    assert.deepStrictEqual(ours.map((result) => [result.ruleId, result.suppressions]), [
      ['wildcard-principal', [{ kind: 'inSource', status: 'accepted', justification: 'public base image' }]],
    ]);
    await client.close(uri);
  });

  it('the inventory keeps a suppressed finding on its grant, with its reason, out of the grant\'s rules', async () => {
    const uri = client.uri('inventory.tf');
    await client.open(uri, PUBLIC_TF('# ecr-guard-ignore wildcard-principal -- public base image'), 'terraform');
    await client.roundTrip();
    const inventory = await client.connection.sendRequest<InventoryResult>('ecrGuard/inventory');
    const grants = inventory.files.find((file) => file.uri === uri)?.grants ?? [];
    assert.deepStrictEqual(grants.map((grant) => [grant.grantee.kind, grant.rules, grant.suppressed]), [
      ['public', [], [{ rule: 'wildcard-principal', reason: 'public base image', kind: 'inSource' }]],
    ]);
    await client.close(uri);
  });
});
