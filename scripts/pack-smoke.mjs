// The npm package as a user gets it: `npm pack`, install the tarball into a temporary prefix (offline: the
// package has no dependencies to fetch), and run the installed `ecr-guard` outside the checkout on a JSON
// policy, a Terraform module and a CloudFormation template. Then the README's GitHub Actions steps and
// pre-commit hook, taken from the README itself so the two cannot drift.
import assert from 'assert';
import { execFile, execFileSync, spawnSync } from 'child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { createRequire } from 'module';
import { fileURLToPath } from 'url';
import { readmeGitHubActions, readmePreCommitHook } from './pack-smoke-readme.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'test', 'fixtures');
const temp = mkdtempSync(join(tmpdir(), 'ecr-guard-pack-'));
const prefix = join(temp, 'prefix');
const bin = join(prefix, 'bin');
// Global installs go to the temporary prefix and never to the network; PATH finds the installed binary first.
const env = { ...process.env, npm_config_prefix: prefix, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', PATH: `${bin}:${process.env.PATH}` };

/** A workspace made of fixture cases, each under its format's folder beside that format's trust list. */
const CASES = [
  ['json', 'wildcard-principal/star-string'],
  ['terraform', 'module/cross-file/document-in-other-file'],
  ['cloudformation', 'public-repository/failed'],
];
const PASSING = [['cloudformation', 'public-repository/passed']];

function workspace(name, cases) {
  const folder = join(temp, name);
  for (const [format, fixture] of cases) {
    cpSync(join(fixtures, format, '.ecr-trust.json'), join(folder, format, '.ecr-trust.json'));
    cpSync(join(fixtures, format, fixture), join(folder, format, fixture), { recursive: true });
  }
  return folder;
}

/** rule, severity, file and line of every finding the fixtures' expected.json files promise. */
function expectedFindings(cases) {
  return cases.flatMap(([format, fixture]) => {
    const expected = JSON.parse(readFileSync(join(fixtures, format, fixture, 'expected.json'), 'utf8'));
    return expected.findings.map((finding) => {
      const file = finding.file ?? defaultFile(format, fixture);
      return `${format}/${fixture}/${file} ${finding.rule} ${finding.severity} ${finding.line}`;
    });
  }).sort();
}

function defaultFile(format, fixture) {
  const inputs = ['policy.json', 'template.yaml', 'template.json', 'main.tf'].filter((name) => existsSync(join(fixtures, format, fixture, name)));
  assert.strictEqual(inputs.length, 1, `one input file in ${format}/${fixture}`);
  return inputs[0];
}

function run(command, args, cwd) {
  return spawnSync(command, args, { cwd, env, encoding: 'utf8' });
}

try {
  const started = Date.now();
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', temp], { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
  const files = packed.files.map((file) => file.path).sort();
  for (const required of ['LICENSE', 'README.md', 'package.json', 'schemas/ecr-trust.schema.json', 'server/out/cli.js', 'server/out/audit.js', 'server/out/tree-sitter.wasm', 'server/out/tree-sitter-terraform.wasm']) {
    assert.ok(files.includes(required), `the package holds ${required}`);
  }
  // The rule pages diagnostics link to, and the AWS facts they cite, are the only documentation shipped.
  const documentation = (file) => /^docs\/rules\/[a-z-]+\.md$/.test(file) || file === 'docs/aws-ecr-policy-facts.md';
  const unwanted = files.filter((file) => !documentation(file) && /^(test|scripts|client|examples|docs|node_modules)\/|fixtures|\.map$|\.ts$|^server\/src\//.test(file));
  assert.ok(files.includes('docs/rules/wildcard-principal.md'), 'the package holds the rule pages its diagnostics link to');
  assert.deepStrictEqual(unwanted, [], 'no tests, fixtures, scripts, sources or source maps in the package');
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  assert.deepStrictEqual(Object.keys(manifest.dependencies ?? {}), [], 'the bundles need no runtime dependencies from the registry');
  const tarball = join(temp, packed.filename);
  console.log(`packed ${packed.filename}: ${files.length} files, ${packed.size} bytes (${packed.unpackedSize} unpacked)`);

  const install = run('npm', ['install', '--global', tarball], temp);
  assert.strictEqual(install.status, 0, install.stderr);
  const cli = join(bin, 'ecr-guard');

  const failing = workspace('failing', CASES);
  const scan = run(cli, ['scan', '.', '--format', 'json', '--fail-on', 'error'], failing);
  assert.strictEqual(scan.status, 1, `an error finding fails the scan: ${scan.stderr}`);
  const found = JSON.parse(scan.stdout).findings.map((finding) => `${finding.file} ${finding.rule} ${finding.severity} ${finding.line}`).sort();
  assert.deepStrictEqual(found, expectedFindings(CASES));
  const passing = workspace('passing', PASSING);
  const clean = run(cli, ['scan', '.', '--fail-on', 'error'], passing);
  assert.strictEqual(clean.status, 0, clean.stdout + clean.stderr);

  // The installed audit loads its own bundle (server/out/audit.js, the AWS SDK) and reaches the tests' local
  // ECR endpoint through the SDK's standard endpoint setting. Run without blocking: the endpoint is in this process.
  const { startFakeEcr, fakeEcrEnvironment } = createRequire(import.meta.url)(join(root, 'test', 'support', 'fakeEcr.js'));
  const fake = await startFakeEcr({ account: '111122223333', regions: { 'us-east-1': { repositories: [{ name: 'web', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' }] } }] } } });
  try {
    const audit = await new Promise((resolve) => execFile(cli, ['audit', '--regions', 'us-east-1', '--no-drift', '--format', 'json'], { cwd: passing, env: { ...fakeEcrEnvironment(fake.url, env), PATH: env.PATH }, encoding: 'utf8' }, (error, stdout, stderr) => resolve({ status: error ? error.code : 0, stdout, stderr })));
    assert.strictEqual(audit.status, 1, `the installed audit reports the public repository: ${audit.stderr}`);
    assert.deepStrictEqual(JSON.parse(audit.stdout).findings.map((finding) => `${finding.resource} ${finding.rule}`), ['arn:aws:ecr:us-east-1:111122223333:repository/web wildcard-principal']);
  } finally {
    await fake.close();
  }

  const actions = readmeGitHubActions(readFileSync(join(root, 'README.md'), 'utf8'));
  // The workflow installs the package the README names; here that is the tarball just packed.
  const actionsEnv = { ...env, ...actions.env, ECR_GUARD_PACKAGE: tarball, RUNNER_TEMP: temp };
  rmSync(prefix, { recursive: true, force: true });
  const installStep = spawnSync('bash', ['-e', '-c', actions.install], { cwd: failing, env: actionsEnv, encoding: 'utf8' });
  assert.strictEqual(installStep.status, 0, installStep.stderr);
  const scanStep = spawnSync('bash', ['-e', '-c', actions.scan], { cwd: failing, env: actionsEnv, encoding: 'utf8' });
  assert.strictEqual(scanStep.status, 1, `the README's scan step fails the job on an error finding: ${scanStep.stderr}`);
  const sarif = JSON.parse(readFileSync(join(failing, actions.sarifFile), 'utf8'));
  const results = sarif.runs[0].results.map((result) => `${result.locations[0].physicalLocation.artifactLocation.uri} ${result.ruleId} ${result.locations[0].physicalLocation.region.startLine}`).sort();
  assert.deepStrictEqual(results, expectedFindings(CASES).map((line) => line.split(' ')).map(([file, rule, , startLine]) => `${file} ${rule} ${startLine}`));
  for (const artifact of actions.artifacts) assert.ok(existsSync(join(failing, artifact)), `the scan step writes ${artifact}`);

  const hook = readmePreCommitHook(readFileSync(join(root, 'README.md'), 'utf8'));
  assert.strictEqual(run(hook[0], hook.slice(1), failing).status, 1, 'the pre-commit hook rejects the failing workspace');
  const hookClean = run(hook[0], hook.slice(1), passing);
  assert.strictEqual(hookClean.status, 0, hookClean.stdout + hookClean.stderr);
  console.log(`pack smoke test passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  rmSync(temp, { recursive: true, force: true });
}
