import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { WorkDoneProgress, WorkDoneProgressBegin, WorkDoneProgressEnd, WorkDoneProgressReport } from 'vscode-languageserver-protocol';
import { fileUri, LspClient, makeWorkspace, positionInside, PlainDiagnostic, rangeOfText, removeFolder, writeFile } from './lspClient';
import { json, MIXED_POLICY, PACKAGE_JSON, PUBLIC_POLICY, S3_POLICY, STAGING_ACCOUNT, trustList, VENDOR_ACCOUNT, VENDOR_POLICY } from './policies';
import type { ExportResult, InventoryChangedParams, InventoryResult, ScanSummary } from '../../server/src/protocol';

const SCAN = 'ecrGuard/scanWorkspace';
const INVENTORY = 'ecrGuard/inventory';
const INVENTORY_CHANGED = 'ecrGuard/inventoryChanged';
const CLEAR = 'ecrGuard/clearScan';
const EXPORT = 'ecrGuard/export';

const LOCALS_TF = `locals {\n  consumers = ["arn:aws:iam::${VENDOR_ACCOUNT}:root"]\n}\n`;
const ECR_TF = `data "aws_iam_policy_document" "pull" {
  statement {
    sid     = "ConsumersPull"
    actions = ["ecr:BatchGetImage"]
    principals {
      type        = "AWS"
      identifiers = local.consumers
    }
  }
}

resource "aws_ecr_repository_policy" "app" {
  repository = "app"
  policy     = data.aws_iam_policy_document.pull.json
}
`;

/** The fixture workspace: policies at several depths, a Terraform module, and files the scan must skip. */
const FILES: Record<string, string> = {
  '.ecr-trust.json': trustList(),
  '.gitignore': 'ignored/\n*.local.json\n',
  'public.json': PUBLIC_POLICY,
  'team/vendor.json': VENDOR_POLICY,
  'team/mixed.json': MIXED_POLICY,
  'team/s3.json': S3_POLICY,
  'package.json': PACKAGE_JSON,
  'infra/ecr.tf': ECR_TF,
  'infra/locals.tf': LOCALS_TF,
  'infra/network.tf': 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n',
  // Skipped: ignored by .gitignore, in node_modules, too large, excluded by the client (files.exclude).
  'ignored/public.json': PUBLIC_POLICY,
  'team/secrets.local.json': PUBLIC_POLICY,
  'node_modules/pkg/public.json': PUBLIC_POLICY,
  'big/public.json': PUBLIC_POLICY.replace('"Version"', `"Padding": "${'x'.repeat(3000)}",\n  "Version"`),
  'excluded/public.json': PUBLIC_POLICY,
};

/** What the scan must publish for the files that are not open: rule and the text each finding covers. */
const EXPECTED: Record<string, [string, string][]> = {
  'public.json': [['wildcard-principal', '"*"']],
  'team/vendor.json': [['untrusted-account', `"arn:aws:iam::${VENDOR_ACCOUNT}:role/scanner"`]],
  'team/mixed.json': [['external-write', '"ecr:Put*"'], ['untrusted-account', `"arn:aws:iam::${VENDOR_ACCOUNT}:role/scanner"`]],
  'infra/ecr.tf': [['untrusted-account', 'local.consumers']],
  'excluded/public.json': [['wildcard-principal', '"*"']],
};

type Progress = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

/** The text each diagnostic covers, with its code: comparable with EXPECTED. */
function covered(text: string, diagnostics: PlainDiagnostic[]): [string, string][] {
  const lines = text.split('\n');
  return diagnostics.map((diagnostic) => {
    const { start, end } = diagnostic.range;
    const slice = start.line === end.line ? lines[start.line].slice(start.character, end.character) : `${lines[start.line].slice(start.character)}…`;
    return [String(diagnostic.code), slice] as [string, string];
  }).sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
}

function sorted(rows: [string, string][]): [string, string][] {
  return [...rows].sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
}

describe('protocol: workspace scan (ecrGuard/scanWorkspace)', function () {
  this.timeout(60_000);
  let workspace: string;
  let client: LspClient;
  const progress: Progress[] = [];

  /** Published diagnostics of every file of the workspace, latest first wins, from the whole history. */
  function latestByFile(): Map<string, PlainDiagnostic[]> {
    const latest = new Map<string, PlainDiagnostic[]>();
    for (const published of client.diagnostics.history) {
      const file = path.relative(workspace, new URL(published.uri).pathname);
      latest.set(file.split(path.sep).join('/'), published.diagnostics);
    }
    return latest;
  }

  async function scan(params: object = {}): Promise<ScanSummary> {
    const token = `scan-${progress.length}-${Date.now()}`;
    client.connection.onProgress(WorkDoneProgress.type, token, (value) => {
      progress.push(value);
    });
    const summary = await client.withTimeout(client.connection.sendRequest<ScanSummary>(SCAN, { workDoneToken: token, ...params }), 'the scan response', 30_000);
    await client.roundTrip();
    return summary;
  }

  before(async () => {
    workspace = makeWorkspace(FILES);
    client = await LspClient.start({ workspace, settings: { maxFileSize: 2000 } });
  });

  after(async () => {
    await client?.dispose();
    removeFolder(workspace);
  });

  it('walks the workspace, skips what it must, and publishes exactly the expected findings for files that are not open', async () => {
    const summary = await scan();
    const latest = latestByFile();
    const published = [...latest].filter(([, diagnostics]) => diagnostics.length > 0).map(([file]) => file).sort();
    assert.deepStrictEqual(published, Object.keys(EXPECTED).sort(), 'files with findings (ignored, node_modules and oversize files must have none)');
    for (const [file, rows] of Object.entries(EXPECTED)) {
      assert.deepStrictEqual(covered(FILES[file], latest.get(file)!), sorted(rows), file);
      for (const diagnostic of latest.get(file)!) {
        assert.strictEqual(diagnostic.source, 'ECR Guard');
        assert.match(String(diagnostic.codeDescription?.href), new RegExp(`/docs/rules/${String(diagnostic.code)}\\.md$`));
      }
    }
    const mixed = latest.get('team/mixed.json')!.find((diagnostic) => diagnostic.code === 'external-write')!;
    assert.strictEqual(mixed.relatedInformation?.[0].location.uri, client.uri('.ecr-trust.json'), 'verdicts that rely on the trust list point at it');
    assert.deepStrictEqual({ ...summary, durationMs: 0, skipped: summary.skipped.map((skip) => [path.relative(workspace, new URL(skip.uri).pathname), skip.reason]) }, {
      cancelled: false,
      // every .json and .tf outside node_modules, except the trust list
      candidates: 12,
      ignored: 2,
      scanned: 9,
      parsed: 7,
      skipped: [[path.join('big', 'public.json'), 'larger than 2000 bytes (ecrGuard.maxFileSize)']],
      skippedCount: 1,
      policies: 5,
      findings: 6,
      byRule: { 'wildcard-principal': 2, 'external-write': 1, 'untrusted-account': 3 },
      bySeverity: { error: 3, warning: 3, information: 0 },
      filesWithFindings: 5,
      grants: 6,
      durationMs: 0,
    });
  });

  it('reports work-done progress with the counts', () => {
    const kinds = progress.map((value) => value.kind);
    assert.strictEqual(kinds[0], 'begin');
    assert.strictEqual(kinds[kinds.length - 1], 'end');
    assert.strictEqual((progress[0] as WorkDoneProgressBegin).cancellable, true);
    const last = progress.filter((value): value is WorkDoneProgressReport => value.kind === 'report').pop();
    assert.strictEqual(last?.message, '10 of 10 files, 5 policies, 6 findings');
    assert.strictEqual(last?.percentage, 100);
  });

  it('scans only the files the client lists (its files.exclude), still honouring .gitignore', async () => {
    const listed = Object.keys(FILES).filter((file) => !file.startsWith('excluded/') && file !== '.gitignore').map((file) => client.uri(file));
    const summary = await scan({ files: listed });
    assert.strictEqual(summary.candidates, 11, 'node_modules and the trust list are never candidates');
    assert.strictEqual(summary.ignored, 2);
    assert.strictEqual(summary.findings, 5);
    const everything = await scan({ files: listed, useIgnoreFiles: false });
    assert.strictEqual(everything.ignored, 0);
    assert.strictEqual(everything.findings, 7, 'ignored/public.json and team/secrets.local.json are scanned when .gitignore is off');
  });

  it('gives the inventory of every scanned file', async () => {
    await scan();
    const inventory = await client.connection.sendRequest<InventoryResult>(INVENTORY);
    assert.strictEqual(inventory.scanned, true);
    const rows = inventory.files.flatMap((file) => file.grants.map((grant) => {
      const name = path.relative(workspace, new URL(file.uri).pathname).split(path.sep).join('/');
      return `${name} ${grant.grantee.kind}:${grant.grantee.id} ${grant.grantee.trust} ${grant.access} ${grant.rules.join(',')} ${grant.range[0]}:${grant.range[1]}`;
    })).sort();
    const at = (file: string, needle: string): string => {
      const range = rangeOfText(FILES[file], needle);
      return `${range.start.line}:${range.start.character}`;
    };
    assert.deepStrictEqual(rows, [
      `excluded/public.json public:* unchecked pull wildcard-principal ${at('excluded/public.json', '"*"')}`,
      `infra/ecr.tf account:${VENDOR_ACCOUNT} untrusted pull untrusted-account ${at('infra/ecr.tf', 'local.consumers')}`,
      `public.json public:* unchecked pull wildcard-principal ${at('public.json', '"*"')}`,
      `team/mixed.json account:${STAGING_ACCOUNT} pull admin external-write ${at('team/mixed.json', `"arn:aws:iam::${STAGING_ACCOUNT}:root"`)}`,
      `team/mixed.json account:${VENDOR_ACCOUNT} untrusted pull untrusted-account ${at('team/mixed.json', `"arn:aws:iam::${VENDOR_ACCOUNT}:role/scanner"`)}`,
      `team/vendor.json account:${VENDOR_ACCOUNT} untrusted pull untrusted-account ${at('team/vendor.json', `"arn:aws:iam::${VENDOR_ACCOUNT}:role/scanner"`)}`,
    ].sort());
    assert.deepStrictEqual(inventory.trustLists, [path.join(workspace, '.ecr-trust.json')]);
    // Each grant says where its statement is: external-write is reported on an action of it, not on the grantee.
    const mixed = inventory.files.find((file) => file.uri === client.uri('team/mixed.json'))!;
    const staging = mixed.grants.find((grant) => grant.grantee.id === STAGING_ACCOUNT)!;
    const [startLine, startCharacter, endLine] = staging.statementRange!;
    const put = rangeOfText(FILES['team/mixed.json'], '"ecr:Put*"');
    assert.ok(startLine < put.start.line && put.start.line < endLine, `${JSON.stringify(staging.statementRange)} holds ${JSON.stringify(put)}`);
    assert.strictEqual(FILES['team/mixed.json'].split('\n')[startLine][startCharacter], '{');
  });

  it('exports the inventory as CSV and Markdown and the findings as SARIF (ecrGuard/export)', async () => {
    const csv = await client.connection.sendRequest<ExportResult>(EXPORT, { format: 'csv' });
    assert.strictEqual(csv.count, 6);
    const lines = csv.text.split('\r\n');
    assert.strictEqual(lines.length, 8, 'a header, a row per grant and the final line break');
    assert.ok(lines.some((line) => line.startsWith(`account,${VENDOR_ACCOUNT},,untrusted,pull,team/mixed.json,`) && line.endsWith(',untrusted-account,warning,')), csv.text);
    const markdown = await client.connection.sendRequest<ExportResult>(EXPORT, { format: 'markdown', workspaceName: 'fixture' });
    assert.match(markdown.text, /^# ECR cross-account grants\n\nGenerated by ECR Guard: \d{4}-\d\d-\d\d \d\d:\d\d UTC, workspace fixture\.\n/);
    assert.ok(markdown.text.includes('6 grants to 3 grantees in 5 files; 6 with findings.'), markdown.text);
    assert.ok(markdown.text.includes('Trust list: `.ecr-trust.json`.'), markdown.text);
    assert.ok(!markdown.text.includes(workspace), 'no absolute path in the Markdown report');
    const sarif = await client.connection.sendRequest<ExportResult>(EXPORT, { format: 'sarif' });
    const run = JSON.parse(sarif.text).runs[0];
    assert.deepStrictEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: `${fileUri(workspace)}/` } });
    const results = (run.results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[])
      .map((result) => `${result.locations[0].physicalLocation.artifactLocation.uri}:${result.locations[0].physicalLocation.region.startLine} ${result.ruleId}`);
    const line = (file: string, needle: string): number => rangeOfText(FILES[file], needle).start.line + 1;
    assert.deepStrictEqual(results, [
      `excluded/public.json:${line('excluded/public.json', '"*"')} wildcard-principal`,
      `infra/ecr.tf:${line('infra/ecr.tf', 'local.consumers')} untrusted-account`,
      `public.json:${line('public.json', '"*"')} wildcard-principal`,
      `team/mixed.json:${line('team/mixed.json', '"ecr:Put*"')} external-write`,
      `team/mixed.json:${line('team/mixed.json', `"arn:aws:iam::${VENDOR_ACCOUNT}:role/scanner"`)} untrusted-account`,
      `team/vendor.json:${line('team/vendor.json', `"arn:aws:iam::${VENDOR_ACCOUNT}:role/scanner"`)} untrusted-account`,
    ]);
    assert.strictEqual(sarif.count, 6);
    // An open document's findings are the editor's; one outside the folder makes every URI absolute.
    const untitled = 'untitled:Untitled-9';
    await client.open(untitled, PUBLIC_POLICY);
    const withOpen = JSON.parse((await client.connection.sendRequest<ExportResult>(EXPORT, { format: 'sarif' })).text).runs[0];
    const uris = (withOpen.results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[])
      .map((result) => `${result.locations[0].physicalLocation.artifactLocation.uri} ${result.ruleId}`);
    assert.strictEqual(withOpen.originalUriBaseIds, undefined);
    assert.deepStrictEqual(uris.slice(-2), [`${client.uri('team/vendor.json')} untrusted-account`, `${untitled} wildcard-principal`]);
    await client.close(untitled);
  });

  it('leaves an open document to the editor, with its unsaved text, and re-checks a closed one from disk', async () => {
    const uri = client.uri('team/vendor.json');
    const unsaved = VENDOR_POLICY.replace(VENDOR_ACCOUNT, STAGING_ACCOUNT);
    const opened = await client.open(uri, unsaved);
    assert.deepStrictEqual(opened.diagnostics, [], 'the unsaved buffer trusts the account');
    const before = client.diagnostics.history.length;
    await scan();
    assert.ok(!client.diagnostics.history.slice(before).some((published) => published.uri === uri), 'the scan publishes nothing for an open document');
    // Closing it: the editor clears its diagnostics, then the scan's verdict on the file on disk comes back.
    const back = client.nextDiagnosticsWhere(uri, (diagnostics) => diagnostics.length === 1, 'the scan\'s finding for the file on disk');
    client.closeOnly(uri);
    const restored = await back;
    assert.deepStrictEqual(covered(FILES['team/vendor.json'], restored.diagnostics), EXPECTED['team/vendor.json']);
    // A document the scan never saw is cleared on close, as before.
    const untitled = 'untitled:Untitled-1';
    await client.open(untitled, PUBLIC_POLICY);
    const cleared = await client.close(untitled);
    assert.deepStrictEqual(cleared.diagnostics, []);
  });

  it('uses an open Terraform file\'s unsaved text as part of its module', async () => {
    const locals = client.uri('infra/locals.tf');
    await client.open(locals, LOCALS_TF.replace(VENDOR_ACCOUNT, STAGING_ACCOUNT), 'terraform');
    const ecr = client.uri('infra/ecr.tf');
    const trusted = client.nextDiagnosticsWhere(ecr, (diagnostics) => diagnostics.length === 0, 'ecr.tf without the untrusted account');
    await scan();
    await trusted;
    // Closed again: the module is re-checked from disk.
    const untrusted = client.nextDiagnosticsWhere(ecr, (diagnostics) => diagnostics.length === 1, 'ecr.tf with the untrusted account again');
    client.closeOnly(locals);
    await untrusted;
  });

  it('re-checks a scanned file that changes on disk and forgets one that is deleted', async () => {
    const publicUri = client.uri('public.json');
    writeFile(workspace, 'public.json', PUBLIC_POLICY.replace('"Principal": "*"', `"Principal": {"AWS": "arn:aws:iam::${STAGING_ACCOUNT}:root"}`));
    const fixed = client.nextDiagnosticsWhere(publicUri, (diagnostics) => diagnostics.length === 0, 'public.json without findings');
    client.notifyWatchedFiles([{ uri: publicUri, type: 2 }]);
    await fixed;
    const vendorUri = client.uri('team/vendor.json');
    fs.rmSync(path.join(workspace, 'team', 'vendor.json'));
    const gone = client.nextDiagnosticsWhere(vendorUri, (diagnostics) => diagnostics.length === 0, 'vendor.json cleared');
    client.notifyWatchedFiles([{ uri: vendorUri, type: 3 }]);
    await gone;
    const inventory = await client.connection.sendRequest<InventoryResult>(INVENTORY);
    assert.ok(!inventory.files.some((file) => file.uri === vendorUri), 'the deleted file\'s grants left the inventory');
    const publicGrants = inventory.files.find((file) => file.uri === publicUri)?.grants ?? [];
    assert.deepStrictEqual(publicGrants.map((grant) => [grant.grantee.id, grant.grantee.trust, grant.rules]), [[STAGING_ACCOUNT, 'pull', []]], 'the changed file\'s grants were updated');
  });

  it('re-checks every scanned policy when the trust list changes, and pushes the inventory change', async () => {
    const mixed = client.uri('team/mixed.json');
    const changes: InventoryChangedParams[] = [];
    client.connection.onNotification(INVENTORY_CHANGED, (params: InventoryChangedParams) => {
      changes.push(params);
    });
    writeFile(workspace, '.ecr-trust.json', trustList({ trustedAccounts: { [STAGING_ACCOUNT]: { name: 'staging', access: 'admin' }, [VENDOR_ACCOUNT]: { name: 'vendor', access: 'pull' } } }));
    const clean = client.nextDiagnosticsWhere(mixed, (diagnostics) => diagnostics.length === 0, 'mixed.json with both accounts trusted');
    client.notifyWatchedFiles([{ uri: client.uri('.ecr-trust.json'), type: 2 }]);
    await clean;
    await client.withTimeout(new Promise<void>((resolve) => {
      const check = (): void => {
        if (changes.some((change) => change.files.some((file) => file.uri === mixed))) resolve();
        else setTimeout(check, 20);
      };
      check();
    }), 'the inventoryChanged notification for mixed.json');
    const update = changes.flatMap((change) => change.files).filter((file) => file.uri === mixed).pop()!;
    assert.deepStrictEqual(update.grants.map((grant) => [grant.grantee.id, grant.grantee.trust, grant.rules]), [[STAGING_ACCOUNT, 'admin', []], [VENDOR_ACCOUNT, 'pull', []]]);
    writeFile(workspace, '.ecr-trust.json', trustList());
    const back = client.nextDiagnosticsWhere(mixed, (diagnostics) => diagnostics.length === 2, 'mixed.json findings back');
    client.notifyWatchedFiles([{ uri: client.uri('.ecr-trust.json'), type: 2 }]);
    await back;
  });

  it('pushes inventory changes of an open document as it is edited', async () => {
    const changes: InventoryChangedParams[] = [];
    client.connection.onNotification(INVENTORY_CHANGED, (params: InventoryChangedParams) => {
      changes.push(params);
    });
    const uri = client.uri('team/new.json');
    await client.open(uri, json({ Statement: [{ Effect: 'Allow', Principal: { AWS: VENDOR_ACCOUNT }, Action: 'ecr:BatchGetImage' }] }));
    await client.change(uri, [client.replaceEdit(uri, VENDOR_ACCOUNT, STAGING_ACCOUNT)]);
    await client.withTimeout(new Promise<void>((resolve) => {
      const check = (): void => {
        const last = changes.flatMap((change) => change.files).filter((file) => file.uri === uri).pop();
        if (last?.grants[0]?.grantee.id === STAGING_ACCOUNT) resolve();
        else setTimeout(check, 20);
      };
      check();
    }), 'the inventory of the edited document');
    await client.close(uri);
  });

  it('clears its diagnostics and inventory on ecrGuard/clearScan', async () => {
    const uri = client.uri('team/mixed.json');
    const cleared = client.nextDiagnosticsWhere(uri, (diagnostics) => diagnostics.length === 0, 'mixed.json cleared');
    await client.connection.sendRequest(CLEAR);
    await cleared;
    const inventory = await client.connection.sendRequest<InventoryResult>(INVENTORY);
    assert.strictEqual(inventory.scanned, false);
    assert.deepStrictEqual(inventory.files, []);
  });
});

describe('protocol: a large workspace scan', function () {
  this.timeout(180_000);
  const FILE_COUNT = 10_000;
  let workspace: string;
  let client: LspClient;

  /** 10,000 files, half of them ECR policies (each with a public statement), half other JSON. */
  before(() => {
    workspace = makeWorkspace({ '.ecr-trust.json': trustList() });
    for (let i = 0; i < FILE_COUNT; i++) {
      const folder = path.join(workspace, `service-${Math.floor(i / 100)}`);
      if (i % 100 === 0) fs.mkdirSync(folder, { recursive: true });
      const text = i % 2 === 0
        ? json({ Version: '2012-10-17', Statement: Array.from({ length: 12 }, (_, n) => ({ Sid: `S${i}x${n}`, Effect: 'Allow', Principal: n === 0 ? '*' : { AWS: `arn:aws:iam::${n % 2 ? STAGING_ACCOUNT : '111122223333'}:root` }, Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] })) })
        : json({ name: `package-${i}`, version: '1.0.0', dependencies: Object.fromEntries(Array.from({ length: 60 }, (_, n) => [`dep-${n}`, `^${n}.0.0`])) });
      fs.writeFileSync(path.join(folder, i % 2 === 0 ? `policy-${i}.json` : `data-${i}.json`), text);
    }
  });

  beforeEach(async () => {
    client = await LspClient.start({ workspace });
  });

  afterEach(async () => {
    await client?.dispose();
  });

  after(() => removeFolder(workspace));

  /** Starts a scan and resolves once the server has reported progress (it is working through the files). */
  async function startScan(token?: CancellationTokenSource): Promise<{ done: Promise<ScanSummary>; finished: () => boolean }> {
    const workDoneToken = `large-${Date.now()}`;
    let reported!: () => void;
    const working = new Promise<void>((resolve) => { reported = resolve; });
    client.connection.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
      if (value.kind === 'report' && (value.percentage ?? 0) > 0) reported();
    });
    let finished = false;
    const request = token ? client.connection.sendRequest<ScanSummary>(SCAN, { workDoneToken }, token.token) : client.connection.sendRequest<ScanSummary>(SCAN, { workDoneToken });
    const done = request.then((summary) => {
      finished = true;
      return summary;
    });
    await client.withTimeout(working, 'the first progress report', 60_000);
    return { done, finished: () => finished };
  }

  it('answers hovers and edits while it scans 10,000 files', async () => {
    const uri = fileUri(path.join(workspace, 'open.json'));
    await client.open(uri, MIXED_POLICY);
    const position = positionInside(MIXED_POLICY, `"arn:aws:iam::${STAGING_ACCOUNT}:root"`, 5);
    const scan = await startScan();
    const latencies: number[] = [];
    let editAnsweredDuringScan = false;
    let edits = 0;
    while (!scan.finished()) {
      const started = performance.now();
      const hover = await client.hover(uri, position);
      // A hover answered after the scan's response does not count: the scan was no longer in the way.
      if (scan.finished()) break;
      latencies.push(performance.now() - started);
      assert.match(JSON.stringify(hover?.contents), /staging/);
      if (latencies.length === 1) {
        edits++;
        const changed = await client.change(uri, [client.replaceEdit(uri, '"StagingPulls"', `"StagingPulls${edits}"`)]);
        editAnsweredDuringScan = !scan.finished();
        assert.strictEqual(changed.diagnostics.length, 2, 'the edit is analysed as usual');
      }
    }
    const summary = await scan.done;
    assert.strictEqual(summary.scanned, FILE_COUNT);
    assert.strictEqual(summary.policies, FILE_COUNT / 2);
    assert.strictEqual(summary.findings, FILE_COUNT / 2);
    latencies.sort((a, b) => a - b);
    const median = latencies[Math.floor(latencies.length / 2)];
    const max = latencies[latencies.length - 1];
    process.stdout.write(`      ${latencies.length} hovers answered during a ${summary.durationMs} ms scan of ${FILE_COUNT} files: median ${median.toFixed(1)} ms, max ${max.toFixed(1)} ms\n`);
    // The server yields after every 8 ms of work, so a hover waits for at most one slice plus one file (the
    // files here are about 3 KB) and the round trip: hovers keep being answered throughout the scan. A server
    // that blocked would answer none (or one) before the scan's response, and each would wait for the rest of
    // the scan. The bounds are relative to the scan, so a slow or busy machine does not make them flaky:
    // several hovers answered while it runs, each in a small fraction of it.
    assert.ok(latencies.length >= 5, `only ${latencies.length} hovers were answered during the scan`);
    assert.ok(median < summary.durationMs / 4, `median hover latency ${median.toFixed(1)} ms against a ${summary.durationMs} ms scan`);
    assert.ok(editAnsweredDuringScan, 'an edit made during the scan is analysed before the scan ends');
  });

  it('stops when the request is cancelled, keeping what it published', async () => {
    const source = new CancellationTokenSource();
    const scan = await startScan(source);
    source.cancel();
    const summary = await client.withTimeout(scan.done, 'the cancelled scan\'s response', 30_000);
    assert.strictEqual(summary.cancelled, true);
    assert.ok(summary.scanned < FILE_COUNT, `a cancelled scan stops early (scanned ${summary.scanned})`);
    assert.ok(summary.scanned > 0);
    // Nothing is published after the response: each round trip lets the server's event loop run any slice
    // a scan could still have queued.
    const count = client.diagnostics.history.length;
    for (let turn = 0; turn < 5; turn++) await client.roundTrip();
    assert.strictEqual(client.diagnostics.history.length, count, 'no diagnostics after the cancelled scan answered');
  });
});
