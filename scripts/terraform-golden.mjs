// Terraform as the oracle: plans every case of test/fixtures/terraform-eval and writes the ECR policies
// Terraform computes to the case's golden.json, which test/unit/terraform-golden.test.ts compares with what
// ECR Guard extracts. CI has no Terraform: the goldens are committed, and this script is run by hand after a
// case changes.
//
//   node scripts/terraform-golden.mjs                  every case
//   node scripts/terraform-golden.mjs CASE [CASE...]   the named cases
//   node scripts/terraform-golden.mjs --check          plans again and fails if any golden.json differs
//
// Needs `terraform` on PATH and the AWS provider in a filesystem mirror (TF_GOLDEN_PLUGINS, default
// /opt/tf-plugins, laid out as registry.terraform.io/hashicorp/aws/VERSION/linux_amd64/...). Nothing is
// fetched: each case is copied to a temporary folder with a provider configuration of dummy credentials, and
// STS (for data.aws_caller_identity) is answered by a stub on 127.0.0.1 that names CALLER_ACCOUNT.
// The cases hold no provider "aws" block of their own; they may hold terraform.tfvars and *.auto.tfvars,
// which Terraform loads as it would for a team.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const CASES = path.join(ROOT, 'test', 'fixtures', 'terraform-eval');
const PLUGINS = process.env.TF_GOLDEN_PLUGINS ?? '/opt/tf-plugins';
/** The account the STS stub answers with; no case writes it literally, so the test can tell it apart. */
const CALLER_ACCOUNT = '999988887777';
/** ECR policy resources and the attribute that holds each one's policy. */
const POLICY_ATTRIBUTE = {
  aws_ecr_repository_policy: 'policy',
  aws_ecr_registry_policy: 'policy',
  aws_ecr_repository_creation_template: 'repository_policy',
  aws_ecrpublic_repository_policy: 'policy',
};

function stsStub() {
  const body = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>`
    + `<Arn>arn:aws:iam::${CALLER_ACCOUNT}:user/golden</Arn><UserId>AIDAGOLDENSTUB</UserId><Account>${CALLER_ACCOUNT}</Account>`
    + `</GetCallerIdentityResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.setHeader('Content-Type', 'text/xml');
      response.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function providerConfig(stsUrl) {
  return `provider "aws" {
  region                      = "eu-west-1"
  access_key                  = "golden"
  secret_key                  = "golden"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  endpoints {
    sts = "${stsUrl}"
  }
}
`;
}

function cliConfig() {
  return `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(PLUGINS)}
    include = ["registry.terraform.io/hashicorp/aws"]
  }
}
`;
}

/** Every managed ECR policy resource instance of a module and its child modules, in plan order. */
function policyResources(module) {
  const own = (module.resources ?? []).filter((resource) => resource.mode === 'managed' && resource.type in POLICY_ATTRIBUTE);
  return [...own, ...(module.child_modules ?? []).flatMap(policyResources)];
}

function goldenOf(plan, versions) {
  const unknown = new Map((plan.resource_changes ?? []).map((change) => [change.address, change.change?.after_unknown ?? {}]));
  const policies = policyResources(plan.planned_values?.root_module ?? {}).map((resource) => {
    const attribute = POLICY_ATTRIBUTE[resource.type];
    const entry = { address: resource.address, type: resource.type, attribute };
    if (unknown.get(resource.address)?.[attribute] === true) return { ...entry, unknown: true };
    const text = resource.values?.[attribute];
    return { ...entry, policy: typeof text === 'string' && text !== '' ? JSON.parse(text) : null };
  });
  policies.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  return { generatedBy: versions, callerAccountId: CALLER_ACCOUNT, policies };
}

async function planCase(name, stsUrl) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `tf-golden-${name}-`));
  try {
    fs.cpSync(path.join(CASES, name), work, { recursive: true, filter: (source) => path.basename(source) !== 'golden.json' });
    fs.writeFileSync(path.join(work, 'golden_provider.tf'), providerConfig(stsUrl));
    fs.writeFileSync(path.join(work, '.terraformrc'), cliConfig());
    const env = { ...process.env, TF_CLI_CONFIG_FILE: path.join(work, '.terraformrc'), TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1', TF_DATA_DIR: path.join(work, '.terraform') };
    const terraform = (...args) => run('terraform', args, { cwd: work, env, maxBuffer: 256 * 1024 * 1024 });
    await terraform('init', '-input=false', '-no-color', '-backend=false');
    await terraform('plan', '-input=false', '-no-color', '-lock=false', '-out=golden.plan');
    const plan = JSON.parse((await terraform('show', '-json', 'golden.plan')).stdout);
    const version = JSON.parse((await terraform('version', '-json')).stdout);
    const aws = Object.entries(version.provider_selections ?? {}).find(([provider]) => provider.endsWith('/hashicorp/aws'));
    return goldenOf(plan, { terraform: version.terraform_version, aws: aws?.[1] ?? 'unknown' });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Up to `limit` cases at a time: a plan is mostly the provider loading its schema, on one core. */
async function eachLimited(items, limit, work) {
  const queue = [...items];
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, async () => {
    while (queue.length > 0) await work(queue.shift());
  }));
}

async function main() {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const named = args.filter((arg) => !arg.startsWith('--'));
  const all = fs.readdirSync(CASES, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  const unknownNames = named.filter((name) => !all.includes(name));
  if (unknownNames.length > 0) throw new Error(`no such case: ${unknownNames.join(', ')}`);
  if (!fs.existsSync(PLUGINS)) throw new Error(`no provider mirror at ${PLUGINS} (set TF_GOLDEN_PLUGINS)`);
  const server = await stsStub();
  const stsUrl = `http://127.0.0.1:${server.address().port}`;
  const failures = [];
  try {
    await eachLimited(named.length > 0 ? named : all, Math.max(1, os.availableParallelism?.() ?? 2), async (name) => {
      try {
        const text = `${JSON.stringify(await planCase(name, stsUrl), null, 2)}\n`;
        const file = path.join(CASES, name, 'golden.json');
        if (check) {
          const same = fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text;
          console.log(`${same ? 'same' : 'DIFFERS'}  ${name}`);
          if (!same) failures.push(name);
        } else {
          fs.writeFileSync(file, text);
          console.log(`wrote  ${name}`);
        }
      } catch (error) {
        failures.push(name);
        console.error(`FAILED ${name}\n${error.stderr || error.stdout || error.message}`);
      }
    });
  } finally {
    server.close();
  }
  if (failures.length > 0) {
    console.error(`${failures.length} case(s) failed: ${failures.join(', ')}`);
    process.exitCode = 1;
  }
}

await main();
