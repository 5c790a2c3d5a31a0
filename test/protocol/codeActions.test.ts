import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Command, CreateFile, MessageType, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { fileUri, LspClient, makeWorkspace, PlainDiagnostic, removeFolder, WAIT_MS } from './lspClient';
import { TrustEditResult } from '../../server/src/protocol';
import { json, ORG_ID, OWN_ACCOUNT, STAGING_ACCOUNT, trustList, VENDOR_ACCOUNT } from './policies';
import { applyAction, asActions, codeActions, codes, EditApplier, executeCommand, wholeDocument } from './codeActionHelpers';

/**
 * Quick fixes over the protocol: textDocument/codeAction with context.only = quickfix and
 * source.fixAll.ecrGuard, edits applied client-side and sent back as didChange, then the new diagnostics;
 * the commands behind fixes that need an answer (organisation ID, account name), which make the server
 * send workspace/applyEdit (the test client applies it as VS Code would: edits to open documents as
 * didChange, after checking their version; CreateFile and edits to closed files on disk, then reported as
 * watched-file changes); and requests that arrive after the document changed.
 */

const FIX_ALL = 'source.fixAll.ecrGuard';
const PULL = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'];

/** Public pull, a write grant to the staging account (trusted for pull), and an untrusted vendor. */
const POLICY = json({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Public', Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] },
    { Sid: 'StagingPush', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${STAGING_ACCOUNT}:root` }, Action: ['ecr:BatchGetImage', 'ecr:PutImage'] },
    { Sid: 'Vendor', Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${OWN_ACCOUNT}:root`, `arn:aws:iam::${VENDOR_ACCOUNT}:role/scanner`] }, Action: 'ecr:BatchGetImage' },
  ],
});

/** The same three grants in Terraform: a policy document, jsonencode and a heredoc. */
const MAIN_TF = `data "aws_iam_policy_document" "public" {
  statement {
    sid = "Public"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions = ["ecr:BatchGetImage"]
  }
}

resource "aws_ecr_repository_policy" "public" {
  repository = "public"
  policy     = data.aws_iam_policy_document.public.json
}

resource "aws_ecr_repository_policy" "staging" {
  repository = "staging"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "StagingPush"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${STAGING_ACCOUNT}:root" }
        Action    = ["ecr:BatchGetImage", "ecr:PutImage"]
      },
    ]
  })
}

resource "aws_ecr_repository_policy" "vendor" {
  repository = "vendor"
  policy     = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Vendor",
      "Effect": "Allow",
      "Principal": { "AWS": ["arn:aws:iam::${OWN_ACCOUNT}:root", "arn:aws:iam::${VENDOR_ACCOUNT}:role/scanner"] },
      "Action": "ecr:BatchGetImage"
    },
    {
      "Sid": "Everyone",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "ecr:BatchGetImage"
    }
  ]
}
EOF
}
`;

/** The trust list of the examples, without organisation IDs. */
const TRUST_WITHOUT_ORGANIZATIONS = json({ ownAccounts: [OWN_ACCOUNT], organizationIds: [], trustedAccounts: { [STAGING_ACCOUNT]: { name: 'staging', access: 'pull' } } });

describe('protocol: quick fixes (textDocument/codeAction)', () => {
  let workspace: string;
  let client: LspClient;

  before(async () => {
    workspace = makeWorkspace({ '.ecr-trust.json': trustList() });
    client = await LspClient.start({ workspace });
    new EditApplier(client);
  });

  after(async () => {
    await client?.dispose();
    removeFolder(workspace);
  });

  it('advertises quickfix and source.fixAll.ecrGuard, and the seven server commands', () => {
    const capabilities = client.initializeResult?.capabilities;
    const provider = capabilities?.codeActionProvider;
    assert.ok(provider && typeof provider === 'object', JSON.stringify(provider));
    assert.deepStrictEqual([...(provider.codeActionKinds ?? [])].sort(), ['quickfix', FIX_ALL].sort());
    assert.deepStrictEqual([...(capabilities?.executeCommandProvider?.commands ?? [])].sort(), [
      'ecrGuard.server.applyOrganizationFix', 'ecrGuard.server.applySourceAccountFix', 'ecrGuard.server.extendTrustList', 'ecrGuard.server.fixAllInFile', 'ecrGuard.server.markOwnAccount', 'ecrGuard.server.showRuleDocumentation',
      'ecrGuard.server.suppressFinding', 'ecrGuard.server.trustAccount',
    ]);
  });

  it('offers the fixes of each diagnostic with context.only = quickfix, one preferred where one needs no input', async () => {
    const uri = client.uri('offers.json');
    const { diagnostics } = await client.open(uri, POLICY);
    assert.deepStrictEqual(codes(diagnostics), ['external-write', 'untrusted-account', 'wildcard-principal']);
    const offered: Record<string, { title: string; preferred: boolean; edit: boolean; command?: string }[]> = {};
    for (const diagnostic of diagnostics) {
      const actions = asActions(await codeActions(client, uri, diagnostic.range, [diagnostic], ['quickfix']));
      for (const action of actions) {
        assert.strictEqual(action.kind, 'quickfix');
        // The menu's entries about the file and the rule resolve no diagnostic, and say so.
        const menuEntry = action.command?.command === 'ecrGuard.server.fixAllInFile' || action.command?.command === 'ecrGuard.server.showRuleDocumentation';
        assert.deepStrictEqual(action.diagnostics, menuEntry ? undefined : [diagnostic], 'each fix names the diagnostic it fixes');
        assert.ok(Boolean(action.edit) !== Boolean(action.command), `${action.title}: an edit or a command`);
      }
      offered[String(diagnostic.code)] = actions.map((action) => ({ title: action.title, preferred: action.isPreferred === true, edit: Boolean(action.edit), ...(action.command ? { command: action.command.command } : {}) }));
    }
    assert.deepStrictEqual(offered, {
      'wildcard-principal': [
        { title: `Add an aws:PrincipalOrgID condition (${ORG_ID})`, preferred: true, edit: true },
        { title: 'Remove statement Public', preferred: false, edit: true },
        { title: 'Suppress wildcard-principal for statement Public (trust list)...', preferred: false, edit: false, command: 'ecrGuard.suppressFinding' },
        { title: 'Fix all ECR Guard problems in this file', preferred: false, edit: false, command: 'ecrGuard.server.fixAllInFile' },
        { title: 'Show documentation for wildcard-principal', preferred: false, edit: false, command: 'ecrGuard.server.showRuleDocumentation' },
      ],
      'external-write': [
        // (its only principal cannot be removed: the statement would grant nobody, or everybody)
        { title: 'Restrict to pull-only', preferred: true, edit: true },
        { title: 'Remove statement StagingPush', preferred: false, edit: true },
        { title: 'Suppress external-write for statement StagingPush (trust list)...', preferred: false, edit: false, command: 'ecrGuard.suppressFinding' },
        { title: 'Fix all ECR Guard problems in this file', preferred: false, edit: false, command: 'ecrGuard.server.fixAllInFile' },
        { title: 'Show documentation for external-write', preferred: false, edit: false, command: 'ecrGuard.server.showRuleDocumentation' },
      ],
      'untrusted-account': [
        { title: `Trust account ${VENDOR_ACCOUNT} for pull`, preferred: false, edit: false, command: 'ecrGuard.trustAccount' },
        { title: `Mark ${VENDOR_ACCOUNT} as one of my own accounts`, preferred: false, edit: false, command: 'ecrGuard.markOwnAccount' },
        { title: `Remove principal arn:aws:iam::${VENDOR_ACCOUNT}:role/scanner`, preferred: false, edit: true },
        { title: 'Remove statement Vendor', preferred: false, edit: true },
        { title: 'Suppress untrusted-account for statement Vendor (trust list)...', preferred: false, edit: false, command: 'ecrGuard.suppressFinding' },
        { title: 'Fix all ECR Guard problems in this file', preferred: false, edit: false, command: 'ecrGuard.server.fixAllInFile' },
        { title: 'Show documentation for untrusted-account', preferred: false, edit: false, command: 'ecrGuard.server.showRuleDocumentation' },
      ],
    });
    const fixAll = await codeActions(client, uri, wholeDocument(POLICY), diagnostics, ['quickfix']);
    assert.ok(asActions(fixAll).every((action) => action.kind === 'quickfix'), 'context.only = quickfix returns no source action');
    await client.close(uri);
  });

  it('applying the preferred quick fixes one by one clears their diagnostics and keeps the rest of the file', async () => {
    const uri = client.uri('apply.json');
    let published = await client.open(uri, POLICY);
    for (const code of ['wildcard-principal', 'external-write']) {
      const diagnostic = published.diagnostics.find((candidate) => candidate.code === code);
      assert.ok(diagnostic, `${code} in ${JSON.stringify(published.diagnostics)}`);
      const [preferred] = asActions(await codeActions(client, uri, diagnostic.range, [diagnostic], ['quickfix'])).filter((action) => action.isPreferred);
      published = await applyAction(client, uri, preferred);
      assert.ok(!published.diagnostics.some((candidate) => candidate.code === code), `${code} is gone: ${JSON.stringify(published.diagnostics)}`);
    }
    assert.deepStrictEqual(codes(published.diagnostics), ['untrusted-account']);
    const fixed = JSON.parse(client.text(uri));
    assert.deepStrictEqual(fixed.Statement[0].Condition, { StringEquals: { 'aws:PrincipalOrgID': ORG_ID } });
    assert.deepStrictEqual(fixed.Statement[1].Action, PULL);
    assert.deepStrictEqual(fixed.Statement[2], JSON.parse(POLICY).Statement[2], 'the third statement is untouched');
    assert.ok(client.text(uri).endsWith(`    }\n  ]\n}\n`), 'the layout after the statements is kept');

    // The non-preferred fixes work as well: removing the untrusted principal clears the last warning.
    const untrusted = published.diagnostics[0];
    const remove = asActions(await codeActions(client, uri, untrusted.range, [untrusted], ['quickfix'])).find((action) => action.title.startsWith('Remove principal'));
    assert.ok(remove);
    published = await applyAction(client, uri, remove);
    assert.deepStrictEqual(published.diagnostics, []);
    assert.deepStrictEqual(JSON.parse(client.text(uri)).Statement[2].Principal, { AWS: [`arn:aws:iam::${OWN_ACCOUNT}:root`] });
    await client.close(uri);
  });

  it('invalid-policy: "Replace with" fixes a misspelt action; fix-all leaves it, since the real action grants more', async () => {
    const uri = client.uri('typo.json');
    const text = json({ Version: '2012-10-17', Statement: [{ Sid: 'OwnPull', Effect: 'Allow', Principal: { AWS: OWN_ACCOUNT }, Action: ['ecr:BatchGetImages'] }] });
    let published = await client.open(uri, text);
    assert.deepStrictEqual(codes(published.diagnostics), ['invalid-policy']);
    assert.match(published.diagnostics[0].message, /Did you mean ecr:BatchGetImage\?/);
    const [fixAll] = asActions(await codeActions(client, uri, wholeDocument(text), [], [FIX_ALL]));
    assert.ok(!fixAll?.edit, `fix-all edits nothing: ${JSON.stringify(fixAll)}`);
    const actions = asActions(await codeActions(client, uri, published.diagnostics[0].range, published.diagnostics, ['quickfix']));
    assert.deepStrictEqual(actions.map((action) => [action.title, action.isPreferred ?? false]), [
      ['Replace with ecr:BatchGetImage', false], ['Suppress invalid-policy for statement OwnPull (trust list)...', false], ['Show documentation for invalid-policy', false],
    ], 'no "Fix all in this file": fix-all has nothing to apply');
    published = await applyAction(client, uri, actions[0]);
    assert.deepStrictEqual(published.diagnostics, []);
    assert.strictEqual(client.text(uri), text.replace('ecr:BatchGetImages', 'ecr:BatchGetImage'));
    await client.close(uri);
  });

  it('quick fixes in Terraform: a policy document, jsonencode and a heredoc', async () => {
    const uri = client.uri('main.tf');
    let published = await client.open(uri, MAIN_TF, 'terraform');
    assert.deepStrictEqual(codes(published.diagnostics), ['external-write', 'untrusted-account', 'wildcard-principal', 'wildcard-principal']);
    for (let round = 0; round < 10; round++) {
      const diagnostic = published.diagnostics.find((candidate) => candidate.code !== 'untrusted-account');
      if (!diagnostic) break;
      const actions = asActions(await codeActions(client, uri, diagnostic.range, [diagnostic], ['quickfix']));
      const preferred = actions.filter((action) => action.isPreferred);
      assert.strictEqual(preferred.length, 1, `${diagnostic.code}: ${JSON.stringify(actions.map((action) => action.title))}`);
      const before = published.diagnostics.length;
      published = await applyAction(client, uri, preferred[0]);
      assert.strictEqual(published.diagnostics.length, before - 1, `${preferred[0].title} cleared its diagnostic: ${JSON.stringify(published.diagnostics)}`);
    }
    assert.deepStrictEqual(codes(published.diagnostics), ['untrusted-account']);
    const text = client.text(uri);
    const contains = (part: string): void => assert.ok(text.includes(part), `expected ${JSON.stringify(part)} in:\n${text}`);
    // policy document: a condition block after the last attribute, indented like the block
    contains('    actions = ["ecr:BatchGetImage"]\n    condition {\n      test     = "StringEquals"\n      variable = "aws:PrincipalOrgID"\n      values   = ["o-a1b2c3d4e5"]\n    }\n  }\n}');
    // jsonencode: the aligned list stays aligned and inline
    contains('Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]');
    // heredoc JSON: formatted like the heredoc
    contains('"Principal": "*",\n      "Action": "ecr:BatchGetImage",\n      "Condition": {\n        "StringEquals": {\n          "aws:PrincipalOrgID": "o-a1b2c3d4e5"\n        }\n      }\n    }\n  ]\n}\nEOF\n');
    await client.close(uri);
  });

  it('source.fixAll.ecrGuard applies every preferred fix that needs no input, in one edit', async () => {
    for (const [name, text, languageId] of [['fix-all.json', POLICY, 'json'], ['fix-all.tf', MAIN_TF, 'terraform']] as const) {
      const uri = client.uri(name);
      const { diagnostics } = await client.open(uri, text, languageId);
      const quickfixOnly = asActions(await codeActions(client, uri, wholeDocument(text), [], ['quickfix']));
      assert.deepStrictEqual(quickfixOnly, [], 'no diagnostics in the context, no quick fix; and no source action');
      for (const only of [[FIX_ALL], ['source.fixAll'], ['source']]) {
        const actions = asActions(await codeActions(client, uri, wholeDocument(text), diagnostics, only));
        assert.deepStrictEqual(actions.map((action) => action.kind), [FIX_ALL], `only = ${JSON.stringify(only)}: ${JSON.stringify(actions.map((action) => action.title))}`);
      }
      const [fixAll] = asActions(await codeActions(client, uri, wholeDocument(text), [], [FIX_ALL]));
      assert.strictEqual(fixAll.title, 'Fix all ECR Guard problems that need no input');
      assert.strictEqual(fixAll.isPreferred, undefined);
      const published = await applyAction(client, uri, fixAll);
      assert.deepStrictEqual(codes(published.diagnostics), ['untrusted-account'], `${name}: only the finding that needs a name is left`);
      const again = asActions(await codeActions(client, uri, wholeDocument(client.text(uri)), published.diagnostics, [FIX_ALL]));
      assert.deepStrictEqual(again, [], 'nothing left to fix: no fix-all action');
      await client.close(uri);
    }
  });

  it('source.fixAll.ecrGuard on a large policy lets hovers through: they are answered before it finishes (regression: it blocked the server)', async () => {
    const uri = client.uri('large-fix-all.json');
    const statements = Array.from({ length: 1500 }, (_, index) => ({
      Sid: `Everyone${index}`, Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage', 'ecr:PutImage', 'ecr:InitiateLayerUpload'],
    }));
    const text = json({ Version: '2012-10-17', Statement: statements });
    await client.open(uri, text);
    const hoverAt = { line: text.slice(0, text.indexOf('"ecr:PutImage"')).split('\n').length - 1, character: 12 };
    let fixAllDone = false;
    const fixAll = codeActions(client, uri, wholeDocument(text), [], [FIX_ALL]).then((result) => {
      fixAllDone = true;
      return result;
    });
    // Hovers one after another, each sent once the previous one is answered: a fix-all that held the
    // server would answer all of them after its own response.
    let answeredBefore = 0;
    for (let hover = 0; hover < 3; hover++) {
      await client.hover(uri, hoverAt);
      if (!fixAllDone) answeredBefore++;
    }
    const [action] = asActions(await fixAll);
    assert.strictEqual(answeredBefore, 3, 'every hover was answered while fix-all was still running');
    assert.ok(action?.edit, 'fix-all still produced its edit');
    await client.close(uri);
  });

  it('source.fixAll.ecrGuard stops when the document changes while it runs, and offers no edit for the old text', async () => {
    const uri = client.uri('large-fix-all-edited.json');
    const statements = Array.from({ length: 1500 }, (_, index) => ({
      Sid: `Everyone${index}`, Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage', 'ecr:PutImage', 'ecr:InitiateLayerUpload'],
    }));
    const text = json({ Version: '2012-10-17', Statement: statements });
    await client.open(uri, text);
    let fixAllDone = false;
    const fixAll = codeActions(client, uri, wholeDocument(text), [], [FIX_ALL]).then((result) => {
      fixAllDone = true;
      return result;
    });
    // A hover round trip first: fix-all has started and paused at least once before the edit arrives.
    await client.hover(uri, { line: 1, character: 2 });
    assert.strictEqual(fixAllDone, false, 'fix-all was still running when the user typed');
    await client.change(uri, [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: '\n  "Id": "typed",' }]);
    assert.deepStrictEqual(asActions(await fixAll), []);
    await client.close(uri);
  });

  it('answers a stale request with nothing: diagnostics of an older version match no finding', async () => {
    const uri = client.uri('stale.json');
    const { diagnostics } = await client.open(uri, POLICY);
    // Two lines inserted above: every finding moved.
    await client.change(uri, [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: '\n  "Id": "moved",\n  "Comment": "two lines down",' }]);
    for (const diagnostic of diagnostics) {
      assert.deepStrictEqual(await codeActions(client, uri, diagnostic.range, [diagnostic], ['quickfix']), [], `${diagnostic.code} at its old range`);
    }
    await client.close(uri);
  });
});

describe('protocol: fixes that need an answer (workspace/executeCommand, workspace/applyEdit)', () => {
  let workspace: string;
  let client: LspClient;
  let applier: EditApplier;
  const PUBLIC = json({ Version: '2012-10-17', Statement: [{ Sid: 'Public', Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' }] });
  const VENDOR = json({ Version: '2012-10-17', Statement: [{ Sid: 'Vendor', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${VENDOR_ACCOUNT}:role/scanner` }, Action: 'ecr:BatchGetImage' }] });
  const TYPED = 'o-typed1by2user';
  const SERVICE = json({ Version: '2012-10-17', Statement: [{ Sid: 'Build', Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'ecr:BatchGetImage' }] });
  const TYPED_ACCOUNT = '999988887777';

  beforeEach(async () => {
    workspace = makeWorkspace({ '.ecr-trust.json': TRUST_WITHOUT_ORGANIZATIONS });
    client = await LspClient.start({ workspace });
    applier = new EditApplier(client);
  });

  afterEach(async () => {
    await client?.dispose();
    removeFolder(workspace);
  });

  const trustFile = (): string => path.join(workspace, '.ecr-trust.json');

  /** The command behind the organisation fix, as the quick-fix menu offers it. */
  async function organizationCommand(uri: string, diagnostics: PlainDiagnostic[]): Promise<Command> {
    const diagnostic = diagnostics.find((candidate) => candidate.code === 'wildcard-principal');
    assert.ok(diagnostic);
    const actions = asActions(await codeActions(client, uri, diagnostic.range, [diagnostic], ['quickfix']));
    const [preferred] = actions.filter((action) => action.isPreferred);
    assert.ok(preferred, JSON.stringify(actions));
    assert.strictEqual(preferred.title, 'Add an aws:PrincipalOrgID condition');
    assert.strictEqual(preferred.edit, undefined, 'no edit until the user has named the organisation');
    assert.strictEqual(preferred.command?.command, 'ecrGuard.addOrganizationCondition');
    assert.deepStrictEqual(preferred.command?.arguments, [{ uri, position: diagnostic.range.start }]);
    return preferred.command!;
  }

  it('organisation ID: the command binds the statement and saves the ID into the trust list (closed file: written on disk)', async () => {
    const uri = client.uri('public.json');
    const { diagnostics } = await client.open(uri, PUBLIC);
    const command = await organizationCommand(uri, diagnostics);
    // The quick-fix menu cannot fix it without input, so fix-all leaves it alone.
    assert.deepStrictEqual(await codeActions(client, uri, wholeDocument(PUBLIC), diagnostics, [FIX_ALL]), []);

    const cleared = client.nextDiagnosticsWhere(uri, (found) => found.length === 0, 'the wildcard finding is gone');
    const result = await executeCommand<{ applied: boolean; trustUri?: string }>(client, 'ecrGuard.server.applyOrganizationFix', { ...(command.arguments![0] as object), organizationId: ` ${TYPED} ` });
    assert.deepStrictEqual(result, { applied: true, trustUri: fileUri(trustFile()) });
    await cleared;
    assert.strictEqual(applier.requests.length, 1, 'one workspace edit for both files');
    assert.match(applier.requests[0].label ?? '', new RegExp(TYPED));
    assert.deepStrictEqual(JSON.parse(client.text(uri)).Statement[0].Condition, { StringEquals: { 'aws:PrincipalOrgID': TYPED } });
    const saved = fs.readFileSync(trustFile(), 'utf8');
    assert.deepStrictEqual(JSON.parse(saved), { ...JSON.parse(TRUST_WITHOUT_ORGANIZATIONS), organizationIds: [TYPED] });
    assert.strictEqual(saved.replace(`"${TYPED}"`, ''), TRUST_WITHOUT_ORGANIZATIONS, 'only the ID was added to the trust list');
  });

  it('organisation ID with no trust list at all: the server hands back the whole new .ecr-trust.json and the policy edit, for the client to apply as one', async () => {
    fs.rmSync(trustFile());
    client.notifyWatchedFiles([{ uri: fileUri(trustFile()), type: 3 }]);
    const uri = client.uri('no-trust.tf');
    const tf = `resource "aws_ecr_repository_policy" "app" {\n  repository = "app"\n  policy = jsonencode({\n    Statement = [{\n      Effect    = "Allow"\n      Principal = "*"\n      Action    = "ecr:BatchGetImage"\n    }]\n  })\n}\n`;
    const { diagnostics } = await client.open(uri, tf, 'terraform');
    const command = await organizationCommand(uri, diagnostics);
    const cleared = client.nextDiagnosticsWhere(uri, (found) => !found.some((diagnostic) => diagnostic.code === 'wildcard-principal'), 'the wildcard finding is gone');
    const result = await executeCommand<TrustEditResult>(client, 'ecrGuard.server.applyOrganizationFix', { ...(command.arguments![0] as object), organizationId: TYPED });
    assert.strictEqual(result.applied, false, 'nothing applied by the server: LSP would create the file empty');
    assert.deepStrictEqual(applier.requests, []);
    assert.ok(!fs.existsSync(trustFile()), 'no file yet');
    const created = result.newTrustList!;
    assert.strictEqual(created.uri, fileUri(trustFile()));
    assert.strictEqual(result.trustUri, created.uri);
    assert.deepStrictEqual(JSON.parse(created.text), { ownAccounts: [], organizationIds: [TYPED], trustedAccounts: {} });
    assert.ok(!(created.edit?.documentChanges ?? []).some((change) => CreateFile.is(change) || (TextDocumentEdit.is(change) && change.textDocument.uri === created.uri)), 'the trust list is only in `text`');
    assert.deepStrictEqual(applier.createTrustList(created), { applied: true });
    await cleared;
    assert.deepStrictEqual(JSON.parse(fs.readFileSync(trustFile(), 'utf8')), { ownAccounts: [], organizationIds: [TYPED], trustedAccounts: {} });
    assert.match(client.text(uri), new RegExp(`Action    = "ecr:BatchGetImage"\\n      Condition = \\{ StringEquals = \\{ "aws:PrincipalOrgID" = "${TYPED}" \\} \\}\\n    \\}\\]`));
  });

  it('organisation ID: an open trust list is edited in the editor (unsaved), at its version', async () => {
    const trustUri = fileUri(trustFile());
    client.openOnly(trustUri, TRUST_WITHOUT_ORGANIZATIONS);
    const uri = client.uri('public.json');
    const { diagnostics } = await client.open(uri, PUBLIC);
    const command = await organizationCommand(uri, diagnostics);
    const cleared = client.nextDiagnosticsWhere(uri, (found) => found.length === 0, 'the wildcard finding is gone');
    const result = await executeCommand<{ applied: boolean }>(client, 'ecrGuard.server.applyOrganizationFix', { ...(command.arguments![0] as object), organizationId: TYPED });
    assert.strictEqual(result.applied, true);
    await cleared;
    const trustEdit = (applier.requests[0].edit.documentChanges ?? []).find((change) => TextDocumentEdit.is(change) && change.textDocument.uri === trustUri) as TextDocumentEdit;
    assert.strictEqual(trustEdit.textDocument.version, 1, 'the open trust list is edited at the version the editor holds');
    assert.deepStrictEqual(JSON.parse(client.text(trustUri)).organizationIds, [TYPED]);
    assert.strictEqual(fs.readFileSync(trustFile(), 'utf8'), TRUST_WITHOUT_ORGANIZATIONS, 'nothing written to disk');
  });

  it('organisation ID: an invalid ID is refused with a message; nothing is edited', async () => {
    const uri = client.uri('public.json');
    const { diagnostics } = await client.open(uri, PUBLIC);
    const command = await organizationCommand(uri, diagnostics);
    const message = client.nextMessage((params) => params.type === MessageType.Error, 'the invalid-ID error');
    const result = await executeCommand<{ applied: boolean }>(client, 'ecrGuard.server.applyOrganizationFix', { ...(command.arguments![0] as object), organizationId: 'o-SHORT' });
    assert.deepStrictEqual(result, { applied: false });
    assert.match((await message).message, /"o-SHORT" is not an organisation ID/);
    assert.deepStrictEqual(applier.requests, []);
    assert.strictEqual(client.text(uri), PUBLIC);
  });

  it('organisation ID: a stale command (the document changed since the fix was offered) changes nothing', async () => {
    const uri = client.uri('public.json');
    const { diagnostics } = await client.open(uri, PUBLIC);
    const command = await organizationCommand(uri, diagnostics);
    await client.change(uri, [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: '\n  "Id": "edited meanwhile",' }]);
    const edited = client.text(uri);
    const warning = client.nextMessage((params) => params.type === MessageType.Warning, 'the stale-fix warning');
    const result = await executeCommand<{ applied: boolean }>(client, 'ecrGuard.server.applyOrganizationFix', { ...(command.arguments![0] as object), organizationId: TYPED });
    assert.deepStrictEqual(result, { applied: false });
    assert.match((await warning).message, /changed since the fix was offered; nothing was changed/);
    assert.deepStrictEqual(applier.requests, [], 'no workspace edit was sent');
    assert.strictEqual(client.text(uri), edited);
    assert.strictEqual(fs.readFileSync(trustFile(), 'utf8'), TRUST_WITHOUT_ORGANIZATIONS);
  });

  it('organisation ID: an edit the client rejects (its version moved on meanwhile) reports applied: false', async () => {
    const uri = client.uri('public.json');
    const { diagnostics } = await client.open(uri, PUBLIC);
    const command = await organizationCommand(uri, diagnostics);
    // The user types while the server builds the edit: the client holds a newer version by the time it arrives.
    const typed = new Promise<void>((resolve) => {
      const original = applier.apply.bind(applier);
      applier.apply = (params) => {
        client.changeOnly(uri, [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: ' ' }]);
        resolve();
        return original(params);
      };
    });
    const result = await executeCommand<{ applied: boolean }>(client, 'ecrGuard.server.applyOrganizationFix', { ...(command.arguments![0] as object), organizationId: TYPED });
    await typed;
    assert.strictEqual(result.applied, false);
    assert.strictEqual(fs.readFileSync(trustFile(), 'utf8'), TRUST_WITHOUT_ORGANIZATIONS, 'all or nothing: the trust list is untouched too');
    assert.doesNotMatch(client.text(uri), /PrincipalOrgID/);
  });

  /** The command behind the source-account fix, once the trust list names no own account (else the fix names it). */
  async function sourceAccountCommand(uri: string): Promise<Command> {
    const noOwnAccount = json({ ownAccounts: [], organizationIds: [], trustedAccounts: {} });
    fs.writeFileSync(trustFile(), noOwnAccount);
    client.notifyWatchedFiles([{ uri: fileUri(trustFile()), type: 2 }]);
    const { diagnostics } = await client.open(uri, SERVICE);
    assert.deepStrictEqual(codes(diagnostics), ['unscoped-service-principal']);
    const actions = asActions(await codeActions(client, uri, diagnostics[0].range, diagnostics, ['quickfix']));
    assert.deepStrictEqual(actions.map((action) => [action.title, action.isPreferred, action.edit, action.command?.command]), [
      ['Add an aws:SourceAccount condition', true, undefined, 'ecrGuard.addSourceAccountCondition'],
      ['Suppress unscoped-service-principal for statement Build (trust list)...', false, undefined, 'ecrGuard.suppressFinding'],
      ['Show documentation for unscoped-service-principal', false, undefined, 'ecrGuard.server.showRuleDocumentation'],
    ], 'no "Fix all in this file": the only fix needs an answer');
    assert.deepStrictEqual(actions[0].command?.arguments, [{ uri, position: diagnostics[0].range.start }]);
    return actions[0].command!;
  }

  it('own account ID: the command binds the service to the account and saves it into ownAccounts', async () => {
    const uri = client.uri('service.json');
    const command = await sourceAccountCommand(uri);
    const cleared = client.nextDiagnosticsWhere(uri, (found) => found.length === 0, 'the unscoped-service-principal finding is gone');
    const result = await executeCommand<{ applied: boolean; trustUri?: string }>(client, 'ecrGuard.server.applySourceAccountFix', { ...(command.arguments![0] as object), account: ` ${TYPED_ACCOUNT} ` });
    assert.deepStrictEqual(result, { applied: true, trustUri: fileUri(trustFile()) });
    await cleared;
    assert.strictEqual(applier.requests.length, 1, 'one workspace edit for both files');
    assert.match(applier.requests[0].label ?? '', new RegExp(TYPED_ACCOUNT));
    assert.deepStrictEqual(JSON.parse(client.text(uri)).Statement[0].Condition, { StringEquals: { 'aws:SourceAccount': TYPED_ACCOUNT } });
    assert.deepStrictEqual(JSON.parse(fs.readFileSync(trustFile(), 'utf8')), { ownAccounts: [TYPED_ACCOUNT], organizationIds: [], trustedAccounts: {} });
  });

  it('own account ID: one that is not 12 digits is refused with a message; nothing is edited', async () => {
    const uri = client.uri('service.json');
    const command = await sourceAccountCommand(uri);
    const message = client.nextMessage((params) => params.type === MessageType.Error, 'the invalid-account error');
    const result = await executeCommand<{ applied: boolean }>(client, 'ecrGuard.server.applySourceAccountFix', { ...(command.arguments![0] as object), account: '1234' });
    assert.deepStrictEqual(result, { applied: false });
    assert.match((await message).message, /"1234" is not an AWS account ID/);
    assert.deepStrictEqual(applier.requests, []);
    assert.strictEqual(client.text(uri), SERVICE);
  });

  it('trust account: the command adds the account for pull under the typed name; its warning goes', async () => {
    const uri = client.uri('vendor.json');
    const { diagnostics } = await client.open(uri, VENDOR);
    const [diagnostic] = diagnostics;
    assert.strictEqual(diagnostic.code, 'untrusted-account');
    const actions = asActions(await codeActions(client, uri, diagnostic.range, [diagnostic], ['quickfix']));
    const trust = actions.find((action) => action.command?.command === 'ecrGuard.trustAccount');
    assert.ok(trust, JSON.stringify(actions));
    assert.strictEqual(trust.isPreferred, false);
    assert.deepStrictEqual(trust.command?.arguments, [{ uri, account: VENDOR_ACCOUNT }]);
    assert.deepStrictEqual(actions.map((action) => action.title), [`Trust account ${VENDOR_ACCOUNT} for pull`, `Mark ${VENDOR_ACCOUNT} as one of my own accounts`, 'Suppress untrusted-account for statement Vendor (trust list)...', 'Show documentation for untrusted-account'], 'the only principal and statement cannot be removed');

    const cleared = client.nextDiagnosticsWhere(uri, (found) => found.length === 0, 'the untrusted warning is gone');
    const result = await executeCommand<{ applied: boolean; trustUri?: string }>(client, 'ecrGuard.server.trustAccount', { ...(trust.command!.arguments![0] as object), name: ' vendor scanner ' });
    assert.deepStrictEqual(result, { applied: true, trustUri: fileUri(trustFile()) });
    await cleared;
    assert.strictEqual(client.text(uri), VENDOR, 'the policy itself is not edited');
    assert.deepStrictEqual(JSON.parse(fs.readFileSync(trustFile(), 'utf8')).trustedAccounts, {
      [STAGING_ACCOUNT]: { name: 'staging', access: 'pull' },
      [VENDOR_ACCOUNT]: { name: 'vendor scanner', access: 'pull' },
    });
  });

  it('trust account: refused without a name or with an account that is not 12 digits', async () => {
    assert.deepStrictEqual(await executeCommand(client, 'ecrGuard.server.trustAccount', { uri: client.uri('vendor.json'), account: VENDOR_ACCOUNT, name: '  ' }), { applied: false });
    assert.deepStrictEqual(await executeCommand(client, 'ecrGuard.server.trustAccount', { uri: client.uri('vendor.json'), account: '1234', name: 'x' }), { applied: false });
    assert.deepStrictEqual(applier.requests, []);
    assert.strictEqual(fs.readFileSync(trustFile(), 'utf8'), TRUST_WITHOUT_ORGANIZATIONS);
  });

  it('answers within the protocol timeout even for many diagnostics at once', async () => {
    const statements = Array.from({ length: 60 }, (_, index) => ({ Sid: `S${index}`, Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage', 'ecr:PutImage'] }));
    // Compact, to stay under ECR's 10,240 characters (else invalid-policy reports the length too).
    const text = JSON.stringify({ Version: '2012-10-17', Statement: statements });
    const uri = client.uri('many.json');
    const { diagnostics } = await client.open(uri, text);
    assert.strictEqual(diagnostics.length, 120);
    const started = Date.now();
    const actions = asActions(await codeActions(client, uri, wholeDocument(text), diagnostics, ['quickfix']));
    assert.strictEqual(actions.length, 60 * 6 + 3, 'per statement: organisation (asks), remove-statement and suppress; restrict to pull, remove-statement and suppress; then fix all in file and the two rules\' documentation');
    const [fixAll] = asActions(await codeActions(client, uri, wholeDocument(text), [], [FIX_ALL]));
    const published = await applyAction(client, uri, fixAll);
    assert.deepStrictEqual(codes(published.diagnostics), Array(60).fill('wildcard-principal'), 'restricted to pull; the wildcards need an organisation');
    assert.ok(Date.now() - started < WAIT_MS, `took ${Date.now() - started} ms`);
  });

});
