import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { fileUri, LspClient, makeWorkspace, rangeOfText, README_MD, removeFolder, rulePageUri } from './lspClient';
import { MIXED_POLICY, OWN_ACCOUNT, PACKAGE_JSON, PUBLIC_POLICY, S3_POLICY, STAGING_ACCOUNT, trustList, VENDOR_ACCOUNT, VENDOR_POLICY } from './policies';

describe('protocol: diagnostics over stdio', () => {
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

  it('initializes with incremental sync and hovers', () => {
    const capabilities = client.initializeResult?.capabilities;
    assert.strictEqual(capabilities?.textDocumentSync, 2, 'textDocumentSync must be Incremental (2)');
    assert.strictEqual(capabilities?.hoverProvider, true);
    assert.strictEqual(client.initializeResult?.serverInfo?.name, 'ECR Guard');
  });

  it('publishes a wildcard-principal error with rule code, exact range, source, link and data', async () => {
    const uri = client.uri('public.json');
    const published = await client.open(uri, PUBLIC_POLICY);
    assert.strictEqual(published.version, 1);
    assert.strictEqual(published.diagnostics.length, 1, JSON.stringify(published.diagnostics, null, 2));
    const [diagnostic] = published.diagnostics;
    assert.strictEqual(diagnostic.code, 'wildcard-principal');
    assert.strictEqual(diagnostic.severity, DiagnosticSeverity.Error);
    assert.strictEqual(diagnostic.source, 'ECR Guard');
    assert.deepStrictEqual(diagnostic.range, rangeOfText(PUBLIC_POLICY, '"*"'));
    assert.match(diagnostic.message, /^Public: anyone may pull \(Principal "\*"; no binding condition\)$/);
    assert.strictEqual(diagnostic.codeDescription?.href, rulePageUri('wildcard-principal'));
    const data = diagnostic.data as Record<string, unknown>;
    assert.strictEqual(data.rule, 'wildcard-principal');
    assert.strictEqual(data.statementIndex, 0);
    assert.strictEqual(data.sid, 'PullForEveryone');
    await client.close(uri);
  });

  it("links every rule to its page, the build's copy of the rule's README section", async () => {
    const { rulePages } = await import('../../scripts/rule-pages.mjs');
    const pages = rulePages(fs.readFileSync(README_MD, 'utf8'));
    const uri = client.uri('mixed-links.json');
    const published = await client.open(uri, MIXED_POLICY);
    const rules = new Set(published.diagnostics.map((diagnostic) => String(diagnostic.code)));
    assert.deepStrictEqual([...rules].sort(), ['external-write', 'untrusted-account']);
    for (const diagnostic of published.diagnostics) {
      const href = diagnostic.codeDescription?.href ?? '';
      assert.strictEqual(href, rulePageUri(String(diagnostic.code)));
      const page = pages.find((candidate) => candidate.rule === diagnostic.code);
      assert.ok(page, `the README has a section for ${String(diagnostic.code)}`);
      assert.strictEqual(fs.readFileSync(URI.parse(href).fsPath, 'utf8'), page.text, `${href} is stale: run npm run build`);
    }
    await client.close(uri);
  });

  it('warns about an unbound service principal and points external-write at the Deny that narrowed it (issue 12)', async () => {
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Builds', Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] },
        { Sid: 'Everyone', Effect: 'Allow', Principal: '*', Action: 'ecr:*' },
        { Sid: 'DenyOutsideOrg', Effect: 'Deny', Principal: '*', Action: 'ecr:*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } },
      ],
    }, null, 2);
    const uri = client.uri('service-and-guard.json');
    const published = await client.open(uri, text);
    assert.deepStrictEqual(published.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity]), [
      ['unscoped-service-principal', DiagnosticSeverity.Warning],
      ['external-write', DiagnosticSeverity.Error],
    ]);
    const [service, write] = published.diagnostics;
    assert.deepStrictEqual(service.range, rangeOfText(text, '"codebuild.amazonaws.com"'));
    assert.strictEqual(service.codeDescription?.href, rulePageUri('unscoped-service-principal'));
    assert.match(write.message, /^Every account of organisation o-a1b2c3d4e5: may push/);
    const deny = (write.relatedInformation ?? []).find((related) => /DenyOutsideOrg/.test(related.message));
    assert.ok(deny, JSON.stringify(write.relatedInformation));
    assert.strictEqual(deny.location.range.start.line, rangeOfText(text, '"DenyOutsideOrg"').start.line - 1);
    await client.close(uri);
  });

  it('marks only the offending strings of a mixed policy, with severities and trust-list related information', async () => {
    const uri = client.uri('mixed.json');
    const published = await client.open(uri, MIXED_POLICY);
    const summary = published.diagnostics.map((diagnostic) => ({ code: diagnostic.code, severity: diagnostic.severity, range: diagnostic.range }));
    assert.deepStrictEqual(summary, [
      { code: 'external-write', severity: DiagnosticSeverity.Error, range: rangeOfText(MIXED_POLICY, '"ecr:Put*"') },
      { code: 'untrusted-account', severity: DiagnosticSeverity.Warning, range: rangeOfText(MIXED_POLICY, `"arn:aws:iam::${VENDOR_ACCOUNT}:role/scanner"`) },
    ]);
    const [write, untrusted] = published.diagnostics;
    assert.match(write.message, /PutImage/);
    assert.match(write.message, new RegExp(STAGING_ACCOUNT));
    assert.strictEqual((write.data as Record<string, unknown>).account, STAGING_ACCOUNT);
    assert.strictEqual((write.data as Record<string, unknown>).trustedAccess, 'pull');
    const related = write.relatedInformation ?? [];
    assert.strictEqual(related.length, 2, 'external-write to a trusted account points at its trust list entry, and gives its long form');
    const trustText = trustList();
    assert.strictEqual(related[0].location.uri, client.uri('.ecr-trust.json'));
    assert.deepStrictEqual(related[0].location.range, rangeOfText(trustText, `"${STAGING_ACCOUNT}"`));
    // The long form sits on the statement: every action by access level, why it matters, what to do.
    assert.strictEqual(related[1].location.uri, uri);
    assert.match(related[1].message, /^"ecr:Put\*" grants Write \(\d+\): .*PutImage.* supply-chain attack path; grant only the pull actions\.$/);
    assert.match(untrusted.message, new RegExp(`^Account ${VENDOR_ACCOUNT} \\(untrusted\\): not on \\.ecr-trust\\.json$`));
    assert.strictEqual((untrusted.data as Record<string, unknown>).account, VENDOR_ACCOUNT);
    assert.ok(!published.diagnostics.some((diagnostic) => diagnostic.message.includes(OWN_ACCOUNT)), 'the own account is never reported');
    await client.close(uri);
  });

  it('follows incremental range edits: fixing the principal clears the error, breaking it again re-reports at the shifted range', async () => {
    const uri = client.uri('edited.json');
    const opened = await client.open(uri, PUBLIC_POLICY);
    assert.strictEqual(opened.diagnostics.length, 1);

    // A bare ARN string is no valid Principal (invalid-policy): the own account is written as {"AWS": ...}.
    const fixed = await client.change(uri, [client.replaceEdit(uri, '"*"', `{ "AWS": "arn:aws:iam::${OWN_ACCOUNT}:root" }`)]);
    assert.strictEqual(fixed.version, 2);
    assert.deepStrictEqual(fixed.diagnostics, [], 'an own-account principal is fine');

    // Two edits in one notification, applied in order: a new statement above, then the principal back to "*".
    const insertAt = rangeOfText(client.text(uri), '    {').start;
    const newStatement = '    {\n      "Sid": "DenyDelete",\n      "Effect": "Deny",\n      "Principal": "*",\n      "Action": "ecr:BatchDeleteImage"\n    },\n';
    const changes = [{ range: { start: insertAt, end: insertAt }, text: newStatement }];
    const version3 = await client.change(uri, changes);
    assert.deepStrictEqual(version3.diagnostics, [], 'a Deny statement never produces findings');

    const broken = await client.change(uri, [client.replaceEdit(uri, `{ "AWS": "arn:aws:iam::${OWN_ACCOUNT}:root" }`, '"*"')]);
    assert.strictEqual(broken.version, 4);
    assert.strictEqual(broken.diagnostics.length, 1);
    // The public principal is now the second "*" (the Deny statement above holds the first one).
    assert.deepStrictEqual(broken.diagnostics[0].range, rangeOfText(client.text(uri), '"*"', 1));
    assert.strictEqual((broken.diagnostics[0].data as Record<string, unknown>).statementIndex, 1);

    // Character-by-character typing: delete one quote (invalid JSON), then put it back.
    const star = rangeOfText(client.text(uri), '"*"', 1);
    const deleted = await client.change(uri, [{ range: { start: star.start, end: { line: star.start.line, character: star.start.character + 1 } }, text: '' }]);
    assert.strictEqual(deleted.version, 5);
    const retyped = await client.change(uri, [{ range: { start: star.start, end: star.start }, text: '"' }]);
    assert.strictEqual(retyped.diagnostics.length, 1);
    assert.deepStrictEqual(retyped.diagnostics[0].range, star);
    await client.close(uri);
  });

  it('clears the diagnostics of a document when it is closed', async () => {
    const uri = client.uri('closed.json');
    const opened = await client.open(uri, PUBLIC_POLICY);
    assert.strictEqual(opened.diagnostics.length, 1);
    const cleared = await client.close(uri);
    assert.deepStrictEqual(cleared.diagnostics, []);
  });

  it('publishes empty diagnostics for package.json, an S3 bucket policy and an identity policy', async () => {
    const identity = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecr:*', Resource: '*' }] }, null, 2);
    for (const [name, text] of [['package.json', PACKAGE_JSON], ['bucket-policy.json', S3_POLICY], ['identity.json', identity]]) {
      const uri = client.uri(path.join('other', name));
      const published = await client.open(uri, text);
      assert.deepStrictEqual(published.diagnostics, [], `${name} must get no diagnostics`);
      await client.close(uri);
    }
  });

  it('checks JSONC policies with comments and trailing commas', async () => {
    const uri = client.uri('policy.jsonc');
    const text = '// repository policy\n{\n  "Statement": [\n    {\n      "Effect": "Allow", /* everyone */\n      "Principal": { "AWS": "*" },\n      "Action": "ecr:BatchGetImage",\n    },\n  ],\n}\n';
    const published = await client.open(uri, text, 'jsonc');
    assert.deepStrictEqual(published.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range]), [['wildcard-principal', rangeOfText(text, '"*"')]]);
    await client.close(uri);
  });

  it('ignores documents that are not JSON', async () => {
    const uri = client.uri('notes.txt');
    client.openOnly(uri, PUBLIC_POLICY, 'plaintext');
    await client.roundTrip();
    assert.strictEqual(client.latest(uri), undefined, 'a plaintext document gets no diagnostics');
    client.closeOnly(uri);
  });

  it('sent nothing the protocol contract forbids (all diagnostic messages plain strings)', () => {
    assert.deepStrictEqual(client.violations, []);
  });
});

describe('protocol: no trust list', () => {
  let workspace: string;
  let client: LspClient;

  before(async () => {
    workspace = makeWorkspace();
    client = await LspClient.start({ workspace });
  });

  after(async () => {
    await client?.dispose();
    removeFolder(workspace);
  });

  it('reports every explicit account and says how to create the list', async () => {
    const uri = client.uri('vendor.json');
    const published = await client.open(uri, VENDOR_POLICY);
    assert.strictEqual(published.diagnostics.length, 1);
    const [diagnostic] = published.diagnostics;
    assert.strictEqual(diagnostic.code, 'untrusted-account');
    assert.strictEqual(diagnostic.severity, DiagnosticSeverity.Warning);
    assert.deepStrictEqual(diagnostic.range, rangeOfText(VENDOR_POLICY, `"arn:aws:iam::${VENDOR_ACCOUNT}:role/scanner"`));
    assert.match(diagnostic.message, new RegExp(`^Account ${VENDOR_ACCOUNT} \\(no trust list\\): cannot be checked$`));
    assert.ok((diagnostic.relatedInformation ?? []).some((related) => /Create Trust List.*create \.ecr-trust\.json at the workspace root/.test(related.message)), JSON.stringify(diagnostic.relatedInformation));
  });
});

const PUBLIC_TF = 'data "aws_iam_policy_document" "pull" {\n  statement {\n    principals {\n      type        = "AWS"\n      identifiers = ["*"]\n    }\n    actions = ["ecr:BatchGetImage"]\n  }\n}\n';
const VENDOR_ARN = `"arn:aws:iam::${VENDOR_ACCOUNT}:root"`;

describe('protocol: document versions', () => {
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

  const codesAndRanges = (published: { diagnostics: { code?: string | number; range: unknown }[] }): unknown[] =>
    published.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range]);

  for (const [name, text, languageId, wildcard] of [['versions.json', PUBLIC_POLICY, 'json', '"*"'], ['versions/main.tf', PUBLIC_TF, 'terraform', '["*"]']]) {
    it(`ignores a didChange whose version is not newer (repeated or lower), and logs it once: ${name}`, async () => {
      const uri = client.uri(name);
      const opened = await client.open(uri, text, languageId);
      assert.deepStrictEqual(opened.diagnostics.map((diagnostic) => diagnostic.code), ['wildcard-principal']);
      const logged = client.logs.next((params) => params.message.includes('Ignored a change') && params.message.includes(uri), 'the ignored change logged', 10_000);
      client.changeRaw(uri, 1, [{ text: S3_POLICY }]);
      client.changeRaw(uri, 0, [{ text: S3_POLICY }]);
      await logged;
      // The server still holds the text the client has: an edit made against it lands where the client put it.
      const replacement = name.endsWith('.tf') ? `[${VENDOR_ARN}]` : `{ "AWS": ${VENDOR_ARN} }`;
      const published = await client.change(uri, [client.replaceEdit(uri, wildcard, replacement)]);
      assert.strictEqual(published.version, 2);
      assert.deepStrictEqual(codesAndRanges(published), [['untrusted-account', rangeOfText(client.text(uri), VENDOR_ARN)]]);
      await client.roundTrip();
      assert.strictEqual(client.logs.history.filter((params) => params.message.includes('Ignored a change') && params.message.includes(uri)).length, 1, 'logged once');
      await client.close(uri);
    });
  }

  it('a second didOpen replaces the document (text, version, language) and re-analyses it, even at the same version', async () => {
    const uri = client.uri('reopened.json');
    assert.strictEqual((await client.open(uri, PUBLIC_POLICY)).diagnostics.length, 1);
    const reopened = await client.open(uri, S3_POLICY, 'json', 1);
    assert.deepStrictEqual(reopened.diagnostics, [], 'the findings are those of the new text');
    const edited = await client.change(uri, [client.replaceEdit(uri, '"s3:GetObject"', '"ecr:BatchGetImage"')]);
    assert.deepStrictEqual(edited.diagnostics.map((diagnostic) => diagnostic.code), ['wildcard-principal'], 'later edits apply to the new text');

    const terraform = client.uri('reopened/main.tf');
    assert.deepStrictEqual((await client.open(terraform, PUBLIC_TF, 'terraform')).diagnostics.map((diagnostic) => diagnostic.code), ['wildcard-principal']);
    const vendorTf = PUBLIC_TF.replace('["*"]', `[${VENDOR_ARN}]`);
    const reopenedTf = await client.open(terraform, vendorTf, 'terraform', 1);
    assert.deepStrictEqual(codesAndRanges(reopenedTf), [['untrusted-account', rangeOfText(vendorTf, VENDOR_ARN)]]);
    const editedTf = await client.change(terraform, [client.replaceEdit(terraform, VENDOR_ARN, '"*"')]);
    assert.deepStrictEqual(codesAndRanges(editedTf), [['wildcard-principal', rangeOfText(client.text(terraform), '"*"')]], 'the incremental tree is the new text\'s');

    const untitled = 'untitled:Untitled-7';
    assert.strictEqual((await client.open(untitled, PUBLIC_POLICY)).diagnostics.length, 1);
    const cleared = client.nextDiagnostics(untitled);
    client.openOnly(untitled, PUBLIC_POLICY, 'plaintext');
    assert.deepStrictEqual((await cleared).diagnostics, [], 'reopened in a language that is not analysed: the old findings go');
    for (const open of [uri, terraform]) await client.close(open);
    client.closeOnly(untitled);
  });
});

describe('protocol: URI schemes', () => {
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

  it('analyses only file: and untitled: documents: nothing is published, hovered or fixed for git:, data:, output: or notebook cells', async () => {
    const others = [
      `git:${fileUri(path.join(workspace, 'public.json')).slice('file:'.length)}?${encodeURIComponent('{"ref":"HEAD~1"}')}`,
      'data:application/json,public.json',
      'output:extension-output-ecr-guard.ecr-guard-%231-ECR%20Guard',
      `vscode-notebook-cell:${fileUri(path.join(workspace, 'notebook.ipynb')).slice('file:'.length)}#W0sZmlsZQ%3D%3D`,
    ];
    for (const uri of others) client.openOnly(uri, PUBLIC_POLICY, 'json');
    const control = client.uri('control.json');
    const published = await client.open(control, PUBLIC_POLICY);
    assert.strictEqual(published.diagnostics.length, 1, 'the file: document is analysed');
    const [diagnostic] = published.diagnostics;
    assert.ok((await client.codeActions(control, diagnostic.range, [diagnostic]))?.length, 'the file: document has quick fixes');
    for (const uri of others) {
      assert.strictEqual(client.latest(uri), undefined, `no diagnostics for ${uri}`);
      assert.strictEqual(await client.hover(uri, diagnostic.range.start), null, `no hover for ${uri}`);
      assert.deepStrictEqual(await client.codeActions(uri, diagnostic.range, [diagnostic]), [], `no quick fixes for ${uri}`);
      assert.deepStrictEqual(await client.codeActions(uri, diagnostic.range, [], ['source.fixAll.ecrGuard']), [], `no fix-all for ${uri}`);
    }
    for (const uri of others) client.closeOnly(uri);
    await client.close(control);
    for (const uri of others) assert.strictEqual(client.latest(uri), undefined, `not even an empty publish when ${uri} closes`);
  });
});
