import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { cli, jsonOutput } from './cliRun';
import { LspClient, makeWorkspace, rangeOfText, removeFolder, REPO_ROOT } from './lspClient';
import type { ScanSummary } from '../../server/src/protocol';

/** Real plans (test/fixtures/terraform-plan) through the built CLI and the language server. */
const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'terraform-plan');
const read = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const MODULES_PLAN = read('modules/plan.json');
const UPDATE_PLAN = read('update/plan.json');
const TRUST = read('.ecr-trust.json');

interface Report {
  filesScanned: number;
  findings: { file: string; rule: string; severity: string; line: number; column: number; message: string }[];
}

/** Where the first `needle` after `after` stands, as a 1-based line and column (the CLI's). */
function positionAfter(text: string, after: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle, text.indexOf(after));
  assert.ok(text.indexOf(after) >= 0 && offset >= 0, `${needle} after ${after}`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

describe('protocol: Terraform plans', function () {
  this.timeout(60_000);
  let folder: string;

  beforeEach(() => {
    folder = makeWorkspace({ '.ecr-trust.json': TRUST, 'plans/modules.json': MODULES_PLAN, 'plans/update.json': UPDATE_PLAN });
  });

  afterEach(() => removeFolder(folder));

  it('the CLI reports the public policy of a child module where its escaped "*" stands in planned_values', () => {
    const report = jsonOutput<Report>(cli(['scan', '.', '--format', 'json'], folder));
    const wildcard = report.findings.filter((finding) => finding.rule === 'wildcard-principal');
    assert.strictEqual(wildcard.length, 1, JSON.stringify(report.findings));
    assert.strictEqual(wildcard[0].file, path.join('plans', 'modules.json'));
    const planned = MODULES_PLAN.slice(0, MODULES_PLAN.indexOf('"resource_changes"'));
    const { line, column } = positionAfter(planned, '"address":"module.ecr.aws_ecr_repository_policy.this[0]"', '\\"*\\"');
    assert.deepStrictEqual({ line: wildcard[0].line, column: wildcard[0].column }, { line, column });
    const unknown = report.findings.find((finding) => finding.rule === 'unresolved-principal');
    assert.ok(unknown, 'the policy known only after apply');
    assert.deepStrictEqual({ line: unknown.line, column: unknown.column }, positionAfter(planned, '"planned_values"', '"aws_ecr_repository_policy.tools"'));
    const staging = report.findings.filter((finding) => finding.file === path.join('plans', 'update.json'));
    assert.deepStrictEqual(staging.map((finding) => [finding.rule, finding.line]), [['external-write', 16]], 'the pretty-printed plan: planned_values only');
  });

  it('a scan of the fixture folder reads the plans and not the configurations that made them', () => {
    const report = jsonOutput<Report>(cli(['scan', FIXTURES, '--format', 'json']));
    // Three plans and their three expected.json; the *.tf.txt configurations and the state are not candidates.
    assert.strictEqual(report.filesScanned, 6);
    assert.ok(report.findings.length > 0 && report.findings.every((finding) => finding.file.endsWith('plan.json')), JSON.stringify(report.findings.map((finding) => finding.file)));
  });

  it('the workspace scan publishes the findings of plans that are not open', async () => {
    const client = await LspClient.start({ workspace: folder });
    try {
      const summary = await client.withTimeout(client.connection.sendRequest<ScanSummary>('ecrGuard/scanWorkspace', {}), 'the scan', 30_000);
      await client.roundTrip();
      assert.strictEqual(summary.policies, 8, 'seven policies in the modules plan, one in the update plan');
      const latest = (relative: string) => client.latest(client.uri(relative))?.diagnostics ?? [];
      assert.deepStrictEqual(latest('plans/update.json').map((diagnostic) => [diagnostic.code, diagnostic.range]), [['external-write', rangeOfText(UPDATE_PLAN, '\\"ecr:PutImage\\"', 1)]]);
      assert.strictEqual(latest('plans/modules.json').length, 12);
    } finally {
      await client.dispose();
    }
  });

  it('the server publishes diagnostics for a plan opened in the editor, and hovers inside its policy strings', async () => {
    const client = await LspClient.start({ workspace: folder });
    try {
      const uri = client.uri('plans/update.json');
      const published = await client.open(uri, UPDATE_PLAN, 'json');
      assert.deepStrictEqual(published.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range]),
        [['external-write', rangeOfText(UPDATE_PLAN, '\\"ecr:PutImage\\"', 1)]], 'the staging statement\'s PutImage in planned_values');
      const hover = await client.hover(uri, rangeOfText(UPDATE_PLAN, 'arn:aws:iam::222233334444:root').start);
      assert.match(JSON.stringify(hover?.contents), /222233334444/);
      const modules = await client.open(client.uri('plans/modules.json'), MODULES_PLAN, 'json');
      assert.deepStrictEqual([...new Set(modules.diagnostics.map((diagnostic) => diagnostic.code))].sort(),
        ['external-write', 'unresolved-principal', 'untrusted-account', 'wildcard-principal']);
    } finally {
      await client.dispose();
    }
  });
});
