import * as assert from 'assert';
import { cli, jsonOutput } from './cliRun';
import { makeWorkspace, removeFolder } from './lspClient';
import { json, OWN_ACCOUNT, PUBLIC_POLICY } from './policies';

/** A base-image repository that is public by design, accepted with a comment. */
function publicBaseTf(comment: string): string {
  return `resource "aws_ecr_repository_policy" "base" {
  repository = "base-images"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      ${comment}
      {
        Sid       = "PublicPull"
        Effect    = "Allow"
        Principal = "*"
        Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
      }
    ]
  })
}
`;
}

interface SarifLog { runs: { results: { ruleId: string; suppressions?: { kind: string; status: string; justification: string }[]; properties?: Record<string, string> }[] }[] }
interface JsonReport { findings: { rule: string; suppression?: { expired: boolean; until?: string } }[]; suppressed?: { rule: string; file: string; suppression: { kind: string; reason: string; expired: boolean } }[] }

/** Issue 13's "done when": a suppression passes the gate and shows in SARIF; once expired, it fails the gate again. */
describe('cli: suppressions and the gate', function () {
  this.timeout(120_000);
  const folders: string[] = [];
  const workspace = (files: Record<string, string>): string => {
    const folder = makeWorkspace({ '.ecr-trust.json': json({ ownAccounts: [OWN_ACCOUNT] }), ...files });
    folders.push(folder);
    return folder;
  };

  after(() => folders.forEach(removeFolder));

  it('an intentionally public repository with a suppression comment passes --fail-on error and is in SARIF as suppressed', () => {
    const folder = workspace({ 'ecr.tf': publicBaseTf('# ecr-guard-ignore wildcard-principal -- public base images, reviewed 2026-11') });
    const sarif = cli(['scan', '.', '--fail-on', 'error', '--format', 'sarif'], folder);
    assert.strictEqual(sarif.code, 0, sarif.stderr);
    const results = jsonOutput<SarifLog>(sarif).runs[0].results;
    assert.deepStrictEqual(results.map((result) => [result.ruleId, result.suppressions]), [
      ['wildcard-principal', [{ kind: 'inSource', status: 'accepted', justification: 'public base images, reviewed 2026-11' }]],
    ]);
    const text = cli(['scan', '.', '--fail-on', 'error'], folder);
    assert.strictEqual(text.code, 0);
    assert.strictEqual(text.stdout.trim(), 'No findings (1 file scanned; 1 suppressed).');
  });

  it('an expired suppression fails the gate again and says so', () => {
    const folder = workspace({ 'ecr.tf': publicBaseTf('# ecr-guard-ignore wildcard-principal until=2025-12-31 -- public until the mirror ships') });
    const run = cli(['scan', '.', '--fail-on', 'error', '--format', 'json'], folder);
    assert.strictEqual(run.code, 1);
    const report = jsonOutput<JsonReport>(run);
    assert.deepStrictEqual(report.findings.map((finding) => [finding.rule, finding.suppression?.expired, finding.suppression?.until]), [['wildcard-principal', true, '2025-12-31']]);
    assert.strictEqual(report.suppressed, undefined, 'present only when some are');
    const text = cli(['scan', '.', '--fail-on', 'error'], folder);
    assert.match(text.stdout, /\(suppression expired on 2025-12-31\)/);
    assert.match(text.stdout, /1 error in 1 file \(1 file scanned; 1 suppression expired\)\./);
    const sarif = jsonOutput<SarifLog>(cli(['scan', '.', '--format', 'sarif', '--fail-on', 'never'], folder));
    assert.strictEqual(sarif.runs[0].results[0].suppressions, undefined);
    assert.strictEqual(sarif.runs[0].results[0].properties?.suppressionExpired, '2025-12-31');
  });

  it('a comment without a reason suppresses nothing and is itself reported', () => {
    const folder = workspace({ 'ecr.tf': publicBaseTf('# ecr-guard-ignore wildcard-principal') });
    const run = cli(['scan', '.', '--fail-on', 'error', '--format', 'json'], folder);
    assert.strictEqual(run.code, 1);
    assert.deepStrictEqual(jsonOutput<JsonReport>(run).findings.map((finding) => finding.rule), ['invalid-suppression', 'wildcard-principal']);
  });

  it('a strict JSON policy is suppressed by the trust list, and only the statement and rule it names', () => {
    const folder = workspace({
      '.ecr-trust.json': json({
        ownAccounts: [OWN_ACCOUNT],
        suppressions: [{ file: 'policies/*.json', sid: 'PullForEveryone', rule: 'wildcard-principal', reason: 'public mirror' }],
      }),
      'policies/public.json': PUBLIC_POLICY,
      'elsewhere/public.json': PUBLIC_POLICY,
    });
    const run = cli(['scan', '.', '--format', 'json'], folder);
    assert.strictEqual(run.code, 1);
    const report = jsonOutput<JsonReport>(run);
    assert.deepStrictEqual((report.suppressed ?? []).map((finding) => [finding.file, finding.rule, finding.suppression.kind, finding.suppression.reason]), [
      ['policies/public.json', 'wildcard-principal', 'external', 'public mirror'],
    ]);
    assert.deepStrictEqual(report.findings.map((finding) => finding.rule), ['wildcard-principal']);
    // The same from another directory, with the files named by absolute path.
    const elsewhere = cli(['scan', `${folder}/policies/public.json`, '--format', 'json'], '/');
    assert.strictEqual(elsewhere.code, 0, elsewhere.stdout);
  });
});
