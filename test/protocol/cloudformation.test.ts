import * as assert from 'assert';
import { CodeAction, CodeActionParams, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient, makeWorkspace, PlainDiagnostic, Published, rangeOfText, removeFolder } from './lspClient';
import { CFN_TEMPLATE_YAML, ORG_ID, STAGING_ACCOUNT, trustList, VENDOR_ACCOUNT } from './policies';

const K8S_MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1.0
`;

function has(diagnostics: PlainDiagnostic[], code: string, text: string, covered: string): boolean {
  const range = rangeOfText(text, covered);
  return diagnostics.some((d) => d.code === code && d.range.start.line === range.start.line && d.range.start.character === range.start.character);
}

async function preferredFix(client: LspClient, uri: string, diagnostic: PlainDiagnostic): Promise<CodeAction> {
  const params: CodeActionParams = { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic as Diagnostic], only: ['quickfix'] } };
  const actions = await client.withTimeout(client.connection.sendRequest<CodeAction[] | null>('textDocument/codeAction', params), 'code actions');
  const preferred = (actions ?? []).find((action) => action.isPreferred);
  assert.ok(preferred, `a preferred fix for ${diagnostic.code}: ${JSON.stringify(actions)}`);
  return preferred;
}

async function apply(client: LspClient, uri: string, action: CodeAction): Promise<Published> {
  const [change] = action.edit?.documentChanges ?? [];
  assert.ok(change && TextDocumentEdit.is(change), JSON.stringify(action.edit));
  const edits = [...(change.edits as TextEdit[])].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
  return client.change(uri, edits.map((edit) => ({ range: edit.range, text: edit.newText })));
}

describe('protocol: CloudFormation', () => {
  let folder: string;
  let client: LspClient;

  beforeEach(async () => {
    folder = makeWorkspace({ '.ecr-trust.json': trustList() });
    client = await LspClient.start({ workspace: folder });
  });

  afterEach(async () => {
    await client.dispose();
    removeFolder(folder);
  });

  it('reports a public repository, a staging account given ecr:*, a partner from a parameter default and a registry policy, on the exact scalars', async () => {
    const uri = client.uri('stack.yaml');
    const published = await client.open(uri, CFN_TEMPLATE_YAML, 'yaml');
    const text = client.text(uri);
    assert.ok(has(published.diagnostics, 'wildcard-principal', text, "'*'"), JSON.stringify(published.diagnostics));
    assert.ok(published.diagnostics.some((d) => d.code === 'external-write' && d.message.includes(STAGING_ACCOUNT)), 'staging granted ecr:*');
    const partner = published.diagnostics.find((d) => d.code === 'untrusted-account' && d.message.includes(VENDOR_ACCOUNT));
    assert.ok(partner, 'the partner account from the parameter default');
    assert.deepStrictEqual(partner.range, rangeOfText(text, '!Ref PartnerAccount'), 'reported on the reference');
    assert.ok(partner.relatedInformation?.some((related) => related.location.uri === uri && related.location.range.start.line === rangeOfText(text, `'${VENDOR_ACCOUNT}'`).start.line),
      `related information points at the default: ${JSON.stringify(partner.relatedInformation)}`);
    assert.ok(published.diagnostics.some((d) => d.code === 'untrusted-account' && d.message.includes('777788889999')), 'the replication account of the registry policy');
    assert.ok(published.diagnostics.some((d) => d.code === 'external-write' && d.message.includes('777788889999')), 'ReplicateImage is a write');
  });

  it('hovers a principal in a YAML template', async () => {
    const uri = client.uri('stack.yaml');
    await client.open(uri, CFN_TEMPLATE_YAML, 'yaml');
    const hover = await client.hover(uri, rangeOfText(client.text(uri), `arn:aws:iam::${STAGING_ACCOUNT}:root`).start);
    assert.match(JSON.stringify(hover?.contents), new RegExp(STAGING_ACCOUNT));
  });

  it('binds the public statement to the organisation with the preferred fix, keeping comments and the rest of the template', async () => {
    const uri = client.uri('stack.yaml');
    const published = await client.open(uri, CFN_TEMPLATE_YAML, 'yaml');
    const wildcard = published.diagnostics.find((d) => d.code === 'wildcard-principal');
    assert.ok(wildcard);
    const fixed = await apply(client, uri, await preferredFix(client, uri, wildcard));
    const text = client.text(uri);
    assert.ok(!fixed.diagnostics.some((d) => d.code === 'wildcard-principal'), JSON.stringify(fixed.diagnostics));
    assert.ok(text.includes(ORG_ID), text);
    assert.ok(text.includes('# Base images everyone may pull'), 'comments are kept');
    assert.strictEqual(fixed.diagnostics.filter((d) => d.code !== 'wildcard-principal').length, published.diagnostics.filter((d) => d.code !== 'wildcard-principal').length);
  });

  it('leaves other YAML alone, and clears a template that stops being one', async () => {
    const manifest = client.uri('deploy.yaml');
    client.openOnly(manifest, K8S_MANIFEST, 'yaml');
    const uri = client.uri('becoming.yaml');
    const published = await client.open(uri, CFN_TEMPLATE_YAML, 'yaml');
    assert.ok(published.diagnostics.length > 0);
    assert.strictEqual(client.latest(manifest), undefined, 'nothing is published for a Kubernetes manifest');
    const plain = CFN_TEMPLATE_YAML.replace("AWSTemplateFormatVersion: '2010-09-09'\n", '').replaceAll('AWS::ECR::', 'Custom::');
    const cleared = await client.change(uri, [{ text: plain }]);
    assert.deepStrictEqual(cleared.diagnostics, [], 'no longer a CloudFormation template: its findings go');
  });
});
