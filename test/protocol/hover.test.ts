import * as assert from 'assert';
import { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { LspClient, makeWorkspace, positionInside, rangeOfText, removeFolder } from './lspClient';
import { json, ORG_ID, OWN_ACCOUNT, STAGING_ACCOUNT, trustList, VENDOR_ACCOUNT } from './policies';

const POLICY = json({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Accounts',
      Effect: 'Allow',
      Principal: { AWS: [`arn:aws:iam::${STAGING_ACCOUNT}:root`, OWN_ACCOUNT, `arn:aws:iam::${VENDOR_ACCOUNT}:role/scanner`] },
      Action: ['ecr:BatchGetImage', 'ecr:Put*', 'ECR:batch*'],
    },
    {
      Sid: 'Organisation',
      Effect: 'Allow',
      Principal: '*',
      Action: 'ecr:GetDownloadUrlForLayer',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG_ID } },
    },
    {
      Sid: 'Service',
      Effect: 'Allow',
      Principal: { Service: 'codebuild.amazonaws.com' },
      Action: 'ecr:BatchGetImage',
    },
  ],
});

const TRUST = trustList();

/** Every `ecr:Put*` action in the AWS Service Authorization Reference, with its access level. */
/** The hover groups a wildcard's actions by access level, a line each, a few names per line. */
const PUT_ACTIONS: [string, string][] = [
  ['Write (8)', 'PutAccountSetting, PutImage, PutImageScanningConfiguration, PutImageTagMutability, PutLifecyclePolicy, PutRegistryScanningConfiguration, PutReplicationConfiguration and PutSigningConfiguration'],
  ['Permissions management (1)', 'PutRegistryPolicy'],
];

const BATCH_ACTIONS: [string, string][] = [
  ['Read (3)', 'BatchCheckLayerAvailability, BatchGetImage and BatchGetRepositoryScanningConfiguration'],
  ['Write (2)', 'BatchDeleteImage and BatchImportUpstreamImage'],
];

function markdown(hover: Hover | null): string {
  assert.ok(hover, 'expected a hover');
  const contents = hover.contents as MarkupContent;
  assert.strictEqual(contents.kind, 'markdown');
  return contents.value;
}

function levelRows(value: string): [string, string][] {
  return value.split('\n').flatMap((line) => {
    const row = /^- \*\*(.+):\*\* (.+)$/.exec(line);
    return row ? [[row[1], row[2]] as [string, string]] : [];
  });
}

describe('protocol: hovers', () => {
  let workspace: string;
  let client: LspClient;
  let uri: string;

  before(async () => {
    workspace = makeWorkspace({ '.ecr-trust.json': TRUST });
    client = await LspClient.start({ workspace });
    uri = client.uri('policy.json');
    await client.open(uri, POLICY);
  });

  after(async () => {
    await client?.dispose();
    removeFolder(workspace);
  });

  it('names a trusted account, its access and the trust list line that trusts it', async () => {
    const principal = `"arn:aws:iam::${STAGING_ACCOUNT}:root"`;
    const hover = await client.hover(uri, positionInside(POLICY, principal, 5));
    const value = markdown(hover);
    const trustLine = rangeOfText(TRUST, `"${STAGING_ACCOUNT}"`).start.line + 1;
    assert.match(value, new RegExp(`Account ${STAGING_ACCOUNT}`));
    assert.match(value, /"staging"/);
    assert.match(value, /\*\*pull\*\*/);
    assert.match(value, new RegExp(`\\.ecr-trust\\.json, line ${trustLine}\\b`));
    assert.deepStrictEqual(hover?.range, rangeOfText(POLICY, principal));
  });

  it('says when an account is one of the own accounts or not trusted', async () => {
    assert.match(markdown(await client.hover(uri, positionInside(POLICY, `"${OWN_ACCOUNT}"`))), /one of your own accounts/);
    const vendor = markdown(await client.hover(uri, positionInside(POLICY, `"arn:aws:iam::${VENDOR_ACCOUNT}:role/scanner"`, 20)));
    assert.match(vendor, new RegExp(`Account ${VENDOR_ACCOUNT}\\*\\*: not on the trust list`));
  });

  it('groups the actions a wildcard matches by access level', async () => {
    const hover = await client.hover(uri, positionInside(POLICY, '"ecr:Put*"', 3));
    const value = markdown(hover);
    assert.match(value, /`ecr:Put\*` matches 9 ECR actions/);
    assert.deepStrictEqual(levelRows(value), PUT_ACTIONS);
    assert.deepStrictEqual(hover?.range, rangeOfText(POLICY, '"ecr:Put*"'));
  });

  it('matches action wildcards case-insensitively', async () => {
    const value = markdown(await client.hover(uri, positionInside(POLICY, '"ECR:batch*"', 4)));
    assert.deepStrictEqual(levelRows(value), BATCH_ACTIONS);
  });

  it('gives the access level of a single action', async () => {
    assert.match(markdown(await client.hover(uri, positionInside(POLICY, '"ecr:BatchGetImage"', 6))), /`ecr:BatchGetImage`: Read access/);
  });

  it('explains a wildcard principal bound by an organisation condition and the organisation value', async () => {
    const wildcard = markdown(await client.hover(uri, positionInside(POLICY, '"*"', 1)));
    assert.match(wildcard, /Any AWS principal/);
    assert.match(wildcard, /narrowed/);
    const organisation = markdown(await client.hover(uri, positionInside(POLICY, `"${ORG_ID}"`, 3)));
    assert.match(organisation, new RegExp(`Organisation ${ORG_ID}\\*\\*: yours`));
  });

  it('says a service principal is not an account', async () => {
    assert.match(markdown(await client.hover(uri, positionInside(POLICY, '"codebuild.amazonaws.com"', 3))), /Service principal/);
  });

  it('returns null away from principals and actions, and for unknown documents', async () => {
    assert.strictEqual(await client.hover(uri, positionInside(POLICY, '"Version"', 2)), null);
    assert.strictEqual(await client.hover(uri, { line: 9999, character: 0 }), null);
    assert.strictEqual(await client.hover(client.uri('never-opened.json'), { line: 0, character: 0 }), null);
  });
});
