import * as assert from 'assert';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { LspClient, makeWorkspace, rangeOfText, removeFolder } from './lspClient';
import { trustList, VENDOR_ACCOUNT } from './policies';

const POLICIES_TF = `data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "pull" {
  statement {
    sid = "Consumers"
    principals {
      type        = "AWS"
      identifiers = local.consumers
    }
    actions = ["ecr:BatchGetImage"]
  }
}

data "aws_iam_policy_document" "public" {
  statement {
    sid = "Public"
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    actions = ["ecr:BatchGetImage", "ecr:PutImage"]
  }
}
`;

const LOCALS_TF = `locals {
  consumers = ["arn:aws:iam::${VENDOR_ACCOUNT}:root"]
}
`;

describe('protocol: Terraform', () => {
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

  for (const languageId of ['terraform', 'plaintext']) {
    it(`checks a .tf file opened with language ID ${languageId}`, async () => {
      const uri = client.uri('policies.tf');
      const published = await client.open(uri, POLICIES_TF.replace('local.consumers', `["arn:aws:iam::${VENDOR_ACCOUNT}:root"]`), languageId);
      const text = client.text(uri);
      assert.deepStrictEqual(published.diagnostics.map((d) => [d.code, d.severity, d.range]), [
        ['untrusted-account', DiagnosticSeverity.Warning, rangeOfText(text, `"arn:aws:iam::${VENDOR_ACCOUNT}:root"`)],
        ['wildcard-principal', DiagnosticSeverity.Error, rangeOfText(text, '"*"')],
        ['external-write', DiagnosticSeverity.Error, rangeOfText(text, '"ecr:PutImage"')],
      ]);
    });
  }

  it('hovers a principal and an action in Terraform', async () => {
    const uri = client.uri('policies.tf');
    await client.open(uri, POLICIES_TF, 'terraform');
    const text = client.text(uri);
    const onStar = await client.hover(uri, rangeOfText(text, '"*"').start);
    assert.match(JSON.stringify(onStar?.contents), /Any AWS principal/);
    const onAction = await client.hover(uri, rangeOfText(text, '"ecr:PutImage"').start);
    assert.match(JSON.stringify(onAction?.contents), /Write/);
  });

  it('an edit of locals.tf updates an open policies.tf of the same module', async () => {
    const policies = client.uri('policies.tf');
    const locals = client.uri('locals.tf');
    await client.open(locals, LOCALS_TF, 'terraform');
    const opened = await client.open(policies, POLICIES_TF, 'terraform');
    assert.ok(opened.diagnostics.some((d) => d.code === 'untrusted-account' && rangeOfText(POLICIES_TF, 'local.consumers').start.line === d.range.start.line),
      'the vendor account from locals.tf is reported on the reference');
    const updated = client.nextDiagnosticsWhere(policies, (diagnostics) => !diagnostics.some((d) => d.code === 'untrusted-account'), 'policies.tf without the untrusted account');
    await client.change(locals, [client.replaceEdit(locals, VENDOR_ACCOUNT, '111122223333')]);
    await updated;
  });

  it('an unopened locals.tf on disk is part of the module', async () => {
    removeFolder(folder);
    folder = makeWorkspace({ '.ecr-trust.json': trustList(), 'locals.tf': LOCALS_TF });
    await client.dispose();
    client = await LspClient.start({ workspace: folder });
    const policies = client.uri('policies.tf');
    const published = await client.open(policies, POLICIES_TF, 'terraform');
    const untrusted = published.diagnostics.filter((d) => d.code === 'untrusted-account');
    assert.strictEqual(untrusted.length, 1);
    assert.deepStrictEqual(untrusted[0].range, rangeOfText(POLICIES_TF, 'local.consumers'));
  });

  it('keeps the findings of other blocks while a string is half typed, and recovers after', async () => {
    const uri = client.uri('policies.tf');
    const resolved = POLICIES_TF.replace('local.consumers', `["arn:aws:iam::${VENDOR_ACCOUNT}:root"]`);
    const before = await client.open(uri, resolved, 'terraform');
    assert.strictEqual(before.diagnostics.length, 3);
    // An unterminated string in the first block: tree-sitter's ERROR swallows the rest of the file.
    const broken = await client.change(uri, [client.replaceEdit(uri, 'sid = "Consumers"', 'sid = "Consum')]);
    const codes = broken.diagnostics.map((d) => d.code).sort();
    assert.deepStrictEqual(codes, ['external-write', 'untrusted-account', 'wildcard-principal'], 'the findings stand while the block is broken');
    const text = client.text(uri);
    assert.deepStrictEqual(broken.diagnostics.find((d) => d.code === 'wildcard-principal')?.range, rangeOfText(text, '"*"'), 'they moved with the text');
    const fixed = await client.change(uri, [client.replaceEdit(uri, 'sid = "Consum', 'sid = "Consumers"')]);
    assert.deepStrictEqual(fixed.diagnostics.map((d) => [d.code, d.range]), before.diagnostics.map((d) => [d.code, d.range]));
  });

  it('incremental reparsing after many edits agrees with a fresh parse', async () => {
    const uri = client.uri('edited.tf');
    await client.open(uri, POLICIES_TF, 'terraform');
    const edits: [string, string][] = [
      ['"ecr:PutImage"', '"ecr:Put*"'],
      ['identifiers = ["*"]', `identifiers = ["${VENDOR_ACCOUNT}", "*"]`],
      ['sid = "Public"', 'sid = "Public2"\n    effect = "Allow"'],
      ['local.consumers', '["arn:aws-cn:iam::999988887777:root"]'],
    ];
    let last;
    for (const [from, to] of edits) last = await client.change(uri, [client.replaceEdit(uri, from, to)]);
    const fresh = await client.open(client.uri('fresh.tf'), client.text(uri), 'terraform');
    assert.deepStrictEqual(last!.diagnostics.map((d) => [d.code, d.range, d.message]), fresh.diagnostics.map((d) => [d.code, d.range, d.message]));
    assert.ok(fresh.diagnostics.length >= 4);
  });
});
