import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CodeAction, MessageType, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { TrustEditResult } from '../../server/src/protocol';
import { asActions, codeActions, EditApplier, executeCommand } from './codeActionHelpers';
import { fileUri, LspClient, makeWorkspace, PlainDiagnostic, removeFolder } from './lspClient';
import { CFN_TEMPLATE_YAML, json, OWN_ACCOUNT, STAGING_ACCOUNT, VENDOR_ACCOUNT } from './policies';

/**
 * "Suppress RULE for this statement...": offered on every finding but invalid-suppression, it runs the
 * client command that asks; the server command (given the answers here, as the client passes them) writes
 * a comment above the statement in Terraform and YAML, or a trust-list entry for JSON, and the finding goes.
 */

const SUPPRESS = 'ecrGuard.suppressFinding';
const SERVER_SUPPRESS = 'ecrGuard.server.suppressFinding';
const TRUST = json({ ownAccounts: [OWN_ACCOUNT], organizationIds: [], trustedAccounts: { [STAGING_ACCOUNT]: { name: 'staging', access: 'pull' } } });

/** One finding of every rule, and a suppression that names no rule. */
const EVERY_RULE_TF = `variable "consumer" {
  type = string
}

data "aws_iam_policy_document" "p" {
  statement {
    sid = "Public"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions = ["ecr:BatchGetImage"]
  }
  statement {
    sid = "StagingPush"
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${STAGING_ACCOUNT}:root"]
    }
    actions = ["ecr:BatchGetImage", "ecr:PutImage"]
  }
  statement {
    sid = "Vendor"
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${VENDOR_ACCOUNT}:root"]
    }
    actions = ["ecr:BatchGetImage"]
  }
  statement {
    sid = "Consumer"
    principals {
      type        = "AWS"
      identifiers = [var.consumer]
    }
    actions = ["ecr:BatchGetImage"]
  }
  statement {
    sid = "Build"
    principals {
      type        = "Service"
      identifiers = ["codebuild.amazonaws.com"]
    }
    actions = ["ecr:BatchGetImage"]
  }
  statement {
    sid = "Typo"
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${OWN_ACCOUNT}:root"]
    }
    actions = ["ecr:BatchGetImages"]
  }
}

resource "aws_ecr_repository_policy" "p" {
  repository = "p"
  policy     = data.aws_iam_policy_document.p.json
}

resource "aws_ecr_replication_configuration" "this" {
  replication_configuration {
    rule {
      destination {
        region      = "us-west-2"
        registry_id = "${VENDOR_ACCOUNT}"
      }
    }
  }
}

# ecr-guard-ignore not-a-rule -- typo
`;

const PUBLIC_JSON = json({ Version: '2012-10-17', Statement: [{ Sid: 'Public', Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' }] });

const HEREDOC_TF = `resource "aws_ecr_repository_policy" "vendor" {
  repository = "vendor"
  policy     = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    { "Sid": "Everyone", "Effect": "Allow", "Principal": "*", "Action": "ecr:BatchGetImage" }
  ]
}
EOF
}
`;

describe('protocol: Suppress RULE for this statement... (ecrGuard.server.suppressFinding)', () => {
  let workspace: string;
  let client: LspClient;
  let applier: EditApplier;

  async function start(files: Record<string, string>): Promise<void> {
    workspace = makeWorkspace(files);
    client = await LspClient.start({ workspace });
    applier = new EditApplier(client);
  }

  afterEach(async () => {
    await client?.dispose();
    removeFolder(workspace);
  });

  const trustFile = (): string => path.join(workspace, '.ecr-trust.json');

  /**
   * The suppress action of the diagnostic of `rule`, checked to be the last of those for the diagnostic: only
   * the menu's entries about the file and the rule (fix all in file, documentation; no diagnostics) follow it.
   */
  async function suppressAction(uri: string, diagnostics: PlainDiagnostic[], rule: string): Promise<CodeAction> {
    const diagnostic = diagnostics.find((candidate) => candidate.code === rule);
    assert.ok(diagnostic, `${rule} in ${diagnostics.map((candidate) => candidate.code).join(', ')}`);
    const actions = asActions(await codeActions(client, uri, diagnostic.range, [diagnostic], ['quickfix']));
    const own = actions.filter((candidate) => candidate.diagnostics !== undefined);
    const action = own[own.length - 1];
    assert.strictEqual(action?.command?.command, SUPPRESS, JSON.stringify(actions.map((candidate) => candidate.title)));
    assert.strictEqual(actions[own.length], actions.find((candidate) => candidate.diagnostics === undefined), 'the menu entries come after every fix of the diagnostic');
    return action;
  }

  /** Runs the server command with the answers, as the client does once it has asked. */
  function answer(action: CodeAction, answers: { reason: string; until?: string }): Promise<{ applied: boolean; trustUri?: string }> {
    return executeCommand(client, SERVER_SUPPRESS, { ...(action.command!.arguments![0] as object), ...answers });
  }

  it('is offered on every rule\'s diagnostic, last and never preferred, and not on invalid-suppression', async () => {
    await start({ '.ecr-trust.json': TRUST });
    const uri = client.uri('main.tf');
    const { diagnostics } = await client.open(uri, EVERY_RULE_TF, 'terraform');
    assert.deepStrictEqual([...new Set(diagnostics.map((diagnostic) => String(diagnostic.code)))].sort(), [
      'external-replication', 'external-write', 'invalid-policy', 'invalid-suppression', 'unresolved-principal', 'unscoped-service-principal', 'untrusted-account', 'wildcard-principal',
    ]);
    const offered: Record<string, unknown> = {};
    for (const diagnostic of diagnostics) {
      const actions = asActions(await codeActions(client, uri, diagnostic.range, [diagnostic], ['quickfix']));
      const suppress = actions.filter((action) => action.command?.command === SUPPRESS);
      if (diagnostic.code === 'invalid-suppression') {
        assert.deepStrictEqual(suppress, [], 'a broken suppression is fixed, not suppressed');
        continue;
      }
      assert.strictEqual(suppress.length, 1, `${diagnostic.code}: ${JSON.stringify(actions.map((action) => action.title))}`);
      const own = actions.filter((action) => action.diagnostics !== undefined);
      assert.strictEqual(own[own.length - 1], suppress[0], `${diagnostic.code}: after the real fixes`);
      assert.deepStrictEqual(actions.slice(own.length).map((action) => action.title).at(-1), `Show documentation for ${String(diagnostic.code)}`, 'then the menu entries, documentation last');
      assert.strictEqual(suppress[0].isPreferred, false);
      assert.strictEqual(suppress[0].edit, undefined, 'nothing is written before the reason is given');
      assert.deepStrictEqual(suppress[0].diagnostics, [diagnostic]);
      offered[String(diagnostic.code)] = { title: suppress[0].title, args: suppress[0].command?.arguments };
    }
    const args = (rule: string, sid?: string): unknown => [{ uri, rule, position: diagnostics.find((diagnostic) => diagnostic.code === rule)!.range.start, ...(sid ? { sid } : {}) }];
    assert.deepStrictEqual(offered, {
      'wildcard-principal': { title: 'Suppress wildcard-principal for this statement...', args: args('wildcard-principal', 'Public') },
      'external-write': { title: 'Suppress external-write for this statement...', args: args('external-write', 'StagingPush') },
      'untrusted-account': { title: 'Suppress untrusted-account for this statement...', args: args('untrusted-account', 'Vendor') },
      'unresolved-principal': { title: 'Suppress unresolved-principal for this statement...', args: args('unresolved-principal', 'Consumer') },
      'unscoped-service-principal': { title: 'Suppress unscoped-service-principal for this statement...', args: args('unscoped-service-principal', 'Build') },
      'invalid-policy': { title: 'Suppress invalid-policy for this statement...', args: args('invalid-policy', 'Typo') },
      'external-replication': { title: 'Suppress external-replication for this replication destination...', args: args('external-replication') },
    });
  });

  it('Terraform: writes the comment above the statement block at its indentation, and the finding goes', async () => {
    await start({ '.ecr-trust.json': TRUST });
    const uri = client.uri('main.tf');
    const { diagnostics } = await client.open(uri, EVERY_RULE_TF, 'terraform');
    const action = await suppressAction(uri, diagnostics, 'wildcard-principal');
    const others = diagnostics.filter((diagnostic) => diagnostic.code !== 'wildcard-principal').map((diagnostic) => diagnostic.code).sort();
    const gone = client.nextDiagnosticsWhere(uri, (found) => !found.some((diagnostic) => diagnostic.code === 'wildcard-principal'), 'the wildcard finding is gone');
    assert.deepStrictEqual(await answer(action, { reason: ' public base image, reviewed ', until: '2099-12-31' }), { applied: true });
    const published = await gone;
    assert.deepStrictEqual(published.diagnostics.map((diagnostic) => diagnostic.code).sort(), others, 'every other finding stays');
    assert.strictEqual(client.text(uri), EVERY_RULE_TF.replace('  statement {\n    sid = "Public"', '  # ecr-guard-ignore wildcard-principal until=2099-12-31 -- public base image, reviewed\n  statement {\n    sid = "Public"'));
    const changes = applier.requests[0].edit.documentChanges ?? [];
    assert.deepStrictEqual(changes.map((change) => TextDocumentEdit.is(change) && change.textDocument.uri), [uri], 'the trust list is not touched');
    assert.ok(!fs.readFileSync(trustFile(), 'utf8').includes('suppressions'));
  });

  it('Terraform: a replication destination gets its comment above the destination block', async () => {
    await start({ '.ecr-trust.json': TRUST });
    const uri = client.uri('main.tf');
    const { diagnostics } = await client.open(uri, EVERY_RULE_TF, 'terraform');
    const action = await suppressAction(uri, diagnostics, 'external-replication');
    const gone = client.nextDiagnosticsWhere(uri, (found) => !found.some((diagnostic) => diagnostic.code === 'external-replication'), 'the replication finding is gone');
    assert.deepStrictEqual(await answer(action, { reason: 'DR copy with the vendor' }), { applied: true });
    await gone;
    assert.match(client.text(uri), /\n {6}# ecr-guard-ignore external-replication -- DR copy with the vendor\n {6}destination \{\n/);
  });

  it('YAML: writes the comment above the sequence item, at the dash', async () => {
    await start({ '.ecr-trust.json': TRUST });
    const uri = client.uri('template.yaml');
    const { diagnostics } = await client.open(uri, CFN_TEMPLATE_YAML, 'yaml');
    const action = await suppressAction(uri, diagnostics, 'wildcard-principal');
    assert.strictEqual(action.title, 'Suppress wildcard-principal for this statement...');
    const gone = client.nextDiagnosticsWhere(uri, (found) => !found.some((diagnostic) => diagnostic.code === 'wildcard-principal'), 'the wildcard finding is gone');
    assert.deepStrictEqual(await answer(action, { reason: 'base images are public' }), { applied: true });
    await gone;
    assert.strictEqual(client.text(uri), CFN_TEMPLATE_YAML.replace('          - Sid: Public', '          # ecr-guard-ignore wildcard-principal -- base images are public\n          - Sid: Public'));
  });

  it('strict JSON without a trust list: the trust list is created with the entry, and the finding goes', async () => {
    await start({});
    const uri = client.uri('policies/public.json');
    const { diagnostics } = await client.open(uri, PUBLIC_JSON);
    const action = await suppressAction(uri, diagnostics, 'wildcard-principal');
    assert.strictEqual(action.title, 'Suppress wildcard-principal for statement Public (trust list)...');
    const gone = client.nextDiagnosticsWhere(uri, (found) => !found.some((diagnostic) => diagnostic.code === 'wildcard-principal'), 'the wildcard finding is gone');
    const result = await answer(action, { reason: 'public base image' }) as TrustEditResult;
    assert.deepStrictEqual({ ...result, newTrustList: undefined }, { applied: false, trustUri: fileUri(trustFile()), newTrustList: undefined }, 'the client creates the file, with its content');
    assert.deepStrictEqual(applier.requests, []);
    assert.strictEqual(result.newTrustList?.edit, undefined, 'nothing else to edit');
    assert.deepStrictEqual(applier.createTrustList(result.newTrustList!), { applied: true });
    await gone;
    assert.strictEqual(client.text(uri), PUBLIC_JSON, 'the policy is handed to AWS as it is: no comment');
    assert.deepStrictEqual(JSON.parse(fs.readFileSync(trustFile(), 'utf8')).suppressions, [{ file: 'policies/public.json', sid: 'Public', rule: 'wildcard-principal', reason: 'public base image' }]);
  });

  it('strict JSON with a trust list of other entries: the entry (with until) is appended, the rest kept as written', async () => {
    const existing = `{\n  "ownAccounts": ["${OWN_ACCOUNT}"],\n  "suppressions": [\n    { "file": "old/*.json", "rule": "external-write", "reason": "legacy" }\n  ]\n}\n`;
    await start({ '.ecr-trust.json': existing });
    const uri = client.uri('public.json');
    const policy = json({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' }] });
    const { diagnostics } = await client.open(uri, policy);
    const action = await suppressAction(uri, diagnostics, 'wildcard-principal');
    assert.strictEqual(action.title, 'Suppress wildcard-principal in this file (trust list)...', 'no Sid: the entry covers the whole file, and the title says so');
    const gone = client.nextDiagnosticsWhere(uri, (found) => found.length === 0, 'the wildcard finding is gone');
    assert.deepStrictEqual(await answer(action, { reason: 'public', until: '2099-01-31' }), { applied: true, trustUri: fileUri(trustFile()) });
    await gone;
    assert.strictEqual(fs.readFileSync(trustFile(), 'utf8'), existing.replace('"reason": "legacy" }', '"reason": "legacy" },\n    { "file": "public.json", "rule": "wildcard-principal", "reason": "public", "until": "2099-01-31" }'));
  });

  it('an expired entry that matches first: the new entry goes before it, since the first match counts', async () => {
    const expired = `{\n  "suppressions": [\n    { "file": "*.json", "rule": "wildcard-principal", "reason": "old", "until": "2001-01-01" }\n  ]\n}\n`;
    await start({ '.ecr-trust.json': expired });
    const uri = client.uri('public.json');
    const { diagnostics } = await client.open(uri, PUBLIC_JSON);
    assert.match(diagnostics[0].message, /suppression expired on 2001-01-01/);
    const action = await suppressAction(uri, diagnostics, 'wildcard-principal');
    const gone = client.nextDiagnosticsWhere(uri, (found) => found.length === 0, 'the wildcard finding is gone');
    assert.deepStrictEqual(await answer(action, { reason: 'renewed' }), { applied: true, trustUri: fileUri(trustFile()) });
    await gone;
    assert.strictEqual(fs.readFileSync(trustFile(), 'utf8'), expired.replace('[\n    {', '[\n    { "file": "public.json", "sid": "Public", "rule": "wildcard-principal", "reason": "renewed" },\n    {'));
  });

  it('a Terraform heredoc is JSON handed to AWS: the entry goes to the trust list, with the Sid', async () => {
    await start({ '.ecr-trust.json': TRUST });
    const uri = client.uri('infra/main.tf');
    const { diagnostics } = await client.open(uri, HEREDOC_TF, 'terraform');
    const action = await suppressAction(uri, diagnostics, 'wildcard-principal');
    assert.strictEqual(action.title, 'Suppress wildcard-principal for statement Everyone (trust list)...');
    const gone = client.nextDiagnosticsWhere(uri, (found) => found.length === 0, 'the wildcard finding is gone');
    assert.deepStrictEqual(await answer(action, { reason: 'mirror of a public image', until: '2099-06-30' }), { applied: true, trustUri: fileUri(trustFile()) });
    await gone;
    assert.strictEqual(client.text(uri), HEREDOC_TF);
    const saved = JSON.parse(fs.readFileSync(trustFile(), 'utf8'));
    assert.deepStrictEqual(saved.suppressions, [{ file: 'infra/main.tf', sid: 'Everyone', rule: 'wildcard-principal', reason: 'mirror of a public image', until: '2099-06-30' }]);
    assert.deepStrictEqual(saved.trustedAccounts, JSON.parse(TRUST).trustedAccounts, 'the rest of the list is kept');
  });

  it('refuses a missing or multi-line reason and a past date with a message, and a stale position with a warning; nothing is edited', async () => {
    await start({ '.ecr-trust.json': TRUST });
    const uri = client.uri('main.tf');
    const { diagnostics } = await client.open(uri, EVERY_RULE_TF, 'terraform');
    const action = await suppressAction(uri, diagnostics, 'wildcard-principal');
    for (const [answers, expected] of [[{ reason: '  ' }, /Say why/], [{ reason: 'a\nb' }, /one line/], [{ reason: 'ok', until: '2001-01-01' }, /is past/], [{ reason: 'ok', until: '2099-02-30' }, /YYYY-MM-DD/]] as const) {
      const message = client.nextMessage((params) => params.type === MessageType.Error, `the refusal of ${JSON.stringify(answers)}`);
      assert.deepStrictEqual(await answer(action, answers), { applied: false });
      assert.match((await message).message, expected);
    }
    const warning = client.nextMessage((params) => params.type === MessageType.Warning, 'the stale warning');
    const stale = { ...(action.command!.arguments![0] as object), position: { line: 0, character: 0 }, reason: 'ok' };
    assert.deepStrictEqual(await executeCommand(client, SERVER_SUPPRESS, stale), { applied: false });
    assert.match((await warning).message, /changed since/);
    assert.deepStrictEqual(applier.requests, []);
    assert.strictEqual(client.text(uri), EVERY_RULE_TF);
  });
});
