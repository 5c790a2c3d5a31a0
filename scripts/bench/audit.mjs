// The audit of deployed registries: `ecr-guard audit` (the built CLI, the real AWS SDK) against the local ECR
// endpoint of the tests (test/support/fakeEcr.js) with 2,000 repositories in each of 4 regions, 20 ms added
// to every call, half the repositories with a policy (the benchmark's policy mix, some with findings). The
// time is the whole run: process start, loading the audit bundle, every call, the analysis and the report.
//
//   node scripts/bench.mjs --only audit      this part alone (needs `npm run build`)
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { account, count, ms, ORG, OWN, TRUSTED_PULL, trustList } from './common.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(ROOT, 'server', 'out', 'cli.js');
const { startFakeEcr, fakeEcrEnvironment } = createRequire(import.meta.url)(path.join(ROOT, 'test', 'support', 'fakeEcr.js'));
export const AUDIT_SPEC = { repositoriesPerRegion: 2_000, regions: ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'], latencyMs: 20, targetMs: 30_000 };

function policyOf(i) {
  const pull = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'];
  const statements = [
    { Sid: 'OrgPull', Effect: 'Allow', Principal: '*', Action: pull, Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } },
    { Sid: 'StagingPull', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TRUSTED_PULL}:root` }, Action: pull },
  ];
  // One in ten grants an account nobody approved (untrusted-account), one in fifty is public.
  if (i % 10 === 4) statements.push({ Sid: 'Partner', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account(i)}:root` }, Action: pull });
  if (i % 50 === 8) statements.push({ Sid: 'Public', Effect: 'Allow', Principal: '*', Action: pull });
  return { Version: '2012-10-17', Statement: statements };
}

function scenario(spec) {
  const regions = {};
  for (const region of spec.regions) {
    regions[region] = { repositories: Array.from({ length: spec.repositoriesPerRegion }, (_, i) => ({ name: `team-${i % 40}/service-${i}`, ...(i % 2 === 0 ? { policy: policyOf(i) } : {}) })) };
  }
  regions[spec.regions[0]].replication = { rules: [{ destinations: [{ region: spec.regions[1], registryId: OWN }] }] };
  return { account: OWN, latencyMs: spec.latencyMs, regions };
}

function run(args, cwd, env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    execFile(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      const elapsed = performance.now() - started;
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ ms: elapsed, code: error ? error.code : 0, stdout, stderr });
    });
  });
}

export async function benchAudit(spec = AUDIT_SPEC) {
  const fake = await startFakeEcr(scenario(spec));
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-guard-bench-audit-'));
  fs.writeFileSync(path.join(workspace, '.ecr-trust.json'), trustList());
  try {
    const result = await run(['audit', '--regions', spec.regions.join(','), '--format', 'json', '--no-drift', '--fail-on', 'never'], workspace, fakeEcrEnvironment(fake.url));
    if (result.code !== 0) throw new Error(`audit exited ${result.code}: ${result.stderr}`);
    const report = JSON.parse(result.stdout);
    const calls = fake.state.requests.length;
    return { spec, ms: result.ms, repositories: report.repositoriesScanned, findings: report.findings.length, errors: report.errors.length, calls, maxInFlight: fake.state.maxInFlight };
  } finally {
    await fake.close();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

export function auditSection(result) {
  const { spec } = result;
  return [
    '### Audit of deployed registries',
    '',
    `\`ecr-guard audit\` against the local ECR endpoint: ${count(result.repositories)} repositories in ${spec.regions.length} regions (${count(spec.repositoriesPerRegion)} each, half with a policy), ${spec.latencyMs} ms added to every call.`,
    '',
    '| Repositories | Calls | Calls in flight (max) | Findings | Time | Target |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${count(result.repositories)} | ${count(result.calls)} | ${result.maxInFlight} | ${count(result.findings)} | ${ms(result.ms)} | < ${ms(spec.targetMs)} ${result.ms < spec.targetMs ? 'met' : '**missed**'} |`,
  ];
}
