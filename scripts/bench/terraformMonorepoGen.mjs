// The generated Terraform monorepo of the terraform-scan benchmark: exactly 5,000 files in 300 module folders,
// 80 roots (environments/ENV/STACK/) and 220 child modules (modules/NAME/), each with main.tf, variables.tf,
// outputs.tf, locals.tf, versions.tf, terraform.tfvars and a README; roots also a backend, a provider and a
// lock file. 5% of the files (250) are about ECR policies, in today's idioms (terraformMonorepoEcr.mjs and
// terraformMonorepoEcrRoots.mjs); the rest are VPCs, IAM roles, buckets, functions and the like
// (terraformMonorepoBlocks.mjs), spread as extra files (iam.tf, s3.tf, sizing.auto.tfvars...) over the folders
// by a seeded PRNG until the count is reached. Deterministic: the same files every run.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { random, trustList } from './common.mjs';
import { BLOCKS } from './terraformMonorepoBlocks.mjs';
import { dynamicStatements, ecrVariables, forEachRepositories } from './terraformMonorepoEcr.mjs';
import { jsonencodeFor, policyTemplate, templatefilePolicy } from './terraformMonorepoEcrJson.mjs';
import { ecrTfvars, rootEcrFile, rootEcrVariables } from './terraformMonorepoEcrRoots.mjs';
import * as files from './terraformMonorepoFiles.mjs';

export const MONOREPO = { files: 5_000, ecrFiles: 250, seed: 2026 };
const ENVS = ['dev', 'staging', 'prod', 'sandbox'];
const STACKS = ['network', 'platform', 'data', 'observability', 'identity', 'edge', 'payments', 'checkout', 'search', 'catalog',
  'orders', 'users', 'notifications', 'analytics', 'ml', 'batch', 'api', 'web', 'internal-tools', 'security'];
/** Child module kinds: how many, the resources of their main.tf, the files their extras are drawn from. */
const KINDS = {
  network: { count: 10, main: 'network.tf', extras: ['security_groups.tf', 'monitoring.tf', 'iam.tf'] },
  iam: { count: 25, main: 'iam.tf', extras: ['iam.tf', 's3.tf', 'monitoring.tf'] },
  bucket: { count: 25, main: 's3.tf', extras: ['s3.tf', 'iam.tf', 'messaging.tf', 'monitoring.tf'] },
  lambda: { count: 40, main: 'lambda.tf', extras: ['iam.tf', 'messaging.tf', 'monitoring.tf', 'security_groups.tf', 'dynamodb.tf'] },
  service: { count: 80, main: 'security_groups.tf', extras: Object.keys(BLOCKS) },
  data: { count: 25, main: 'dynamodb.tf', extras: ['dynamodb.tf', 's3.tf', 'iam.tf', 'monitoring.tf'] },
  observability: { count: 15, main: 'monitoring.tf', extras: ['monitoring.tf', 'messaging.tf', 'iam.tf'] },
};
const CHILD_ECR = { dynamic: 44, forEach: 40, jsonencodeFor: 40, templatefile: 20 };   // + modules/ecr: 45 dynamic
/** The ECR file of a child module, by idiom. */
const CHILD_IDIOMS = { dynamic: dynamicStatements, forEach: forEachRepositories, jsonencodeFor, templatefile: templatefilePolicy };
const ROOTS_WITH_ECR = 60;
const ROOTS_WITH_TFVARS = 25;

function shuffle(items, r) {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** Some block groups of one file kind, numbered from `start` so that names stay unique in the module. */
function blocks(kind, count, start, r) {
  return Array.from({ length: count }, (_, n) => BLOCKS[kind](start + n, r)).join('\n');
}

/** A child module's fixed files; `idiom` and `i` say which ECR file it holds, if any. */
function childFolder(child, idiom, i, r) {
  const spec = KINDS[child.kind] ?? KINDS.service;
  const folder = { path: `modules/${child.name}`, kind: child.kind, extras: spec.extras, files: {}, ecr: [] };
  if (child.kind === 'ecr') folder.files['main.tf'] = CHILD_IDIOMS.dynamic(i);
  else folder.files['main.tf'] = blocks(spec.main, 1 + Math.floor(r() * 3), 1, r);
  if (idiom && child.kind !== 'ecr') folder.files['ecr.tf'] = CHILD_IDIOMS[idiom](i);
  if (idiom === 'templatefile') folder.files['templates/ecr-policy.json.tftpl'] = policyTemplate();
  if (idiom) folder.ecr.push({ idiom, files: Object.keys(folder.files).filter((name) => name !== 'main.tf' || child.kind === 'ecr') });
  const urls = idiom === 'forEach' ? '{ for name, repo in aws_ecr_repository.this : name => repo.repository_url }' : 'aws_ecr_repository.this.repository_url';
  folder.files['variables.tf'] = files.variablesTf(r, idiom ? ecrVariables(i) : '');
  folder.files['outputs.tf'] = files.outputsTf(child.name, idiom ? `\noutput "repository_url" {\n  value = ${urls}\n}\n` : '');
  Object.assign(folder.files, commonFiles(child.name, 'dev', r), { 'README.md': files.readme(child.name, child.kind) });
  return folder;
}

/** A root module's fixed files: calls to the child modules, and its ECR file and tfvars if it has them. */
function rootFolder(root, network, names, r) {
  const folder = { path: `environments/${root.env}/${root.stack}`, kind: 'root', extras: KINDS.service.extras, files: {}, ecr: [] };
  folder.files['main.tf'] = files.rootMainTf(network, names, 3, r);
  if (root.ecr !== undefined) {
    folder.files['ecr.tf'] = rootEcrFile(root.ecr, 3);
    folder.ecr.push({ idiom: root.ecr % 2 === 0 ? 'localModule' : 'registryModule', files: ['ecr.tf'] });
  }
  if (root.tfvars) {
    folder.files['ecr.auto.tfvars'] = ecrTfvars(root.ecr, root.env);
    folder.ecr.push({ idiom: 'tfvars', files: ['ecr.auto.tfvars'] });
  }
  folder.files['variables.tf'] = files.variablesTf(r, root.ecr !== undefined ? rootEcrVariables() : '');
  folder.files['outputs.tf'] = files.outputsTf(root.stack);
  Object.assign(folder.files, commonFiles(root.stack, root.env, r), {
    'backend.tf': files.backendTf(root.env, root.stack), 'providers.tf': files.providersTf(), '.terraform.lock.hcl': files.lockFile(r), 'README.md': files.readme(root.stack, `${root.env} root`),
  });
  return folder;
}

/**
 * The folders and their fixed files, ECR files included (extras come after). The ECR child modules: the shared
 * modules/ecr, every service and lambda module, and 24 others; the ECR roots: 60 of the 80, 25 with tfvars.
 */
function layout(r) {
  const children = Object.entries(KINDS).flatMap(([kind, spec]) => Array.from({ length: spec.count }, (_, n) => ({ kind, name: `${kind}-${String(n + 1).padStart(2, '0')}` })));
  children[0] = { kind: 'ecr', name: 'ecr' };   // the shared module the roots call
  const withImages = children.filter((c) => c.kind === 'service' || c.kind === 'lambda');
  const others = children.filter((c) => !['service', 'lambda', 'ecr'].includes(c.kind));
  const ecrChildren = new Set(shuffle(withImages, r).concat(shuffle(others, r).slice(0, 24)));
  const idioms = shuffle(Object.entries(CHILD_ECR).flatMap(([idiom, n]) => Array(n).fill(idiom)), r);
  let ecrIndex = 0;
  const folders = children.map((child) => {
    const idiom = child.kind === 'ecr' ? 'dynamic' : ecrChildren.has(child) ? idioms.pop() : undefined;
    return childFolder(child, idiom, idiom ? ecrIndex++ : ecrIndex, r);
  });
  const roots = ENVS.flatMap((env) => STACKS.map((stack) => ({ env, stack })));
  shuffle(roots, r).slice(0, ROOTS_WITH_ECR).forEach((root, i) => Object.assign(root, { ecr: i, tfvars: i < ROOTS_WITH_TFVARS }));
  const names = children.map((c) => c.name).filter((name) => name !== 'ecr');
  const network = names.find((name) => name.startsWith('network-'));
  return [...folders, ...roots.map((root) => rootFolder(root, network, names, r))];
}

function commonFiles(name, env, r) {
  return { 'locals.tf': files.localsTf(name, r), 'versions.tf': files.versionsTf(r), 'terraform.tfvars': files.tfvars(env, r) };
}

/** Extra non-ECR files over random folders until the monorepo holds `total` files. */
function addExtras(folders, total, r) {
  let count = folders.reduce((sum, folder) => sum + Object.keys(folder.files).length, 0);
  if (count > total) throw new Error(`the fixed files alone are ${count}, more than ${total}`);
  for (; count < total; count++) {
    const folder = folders[Math.floor(r() * folders.length)];
    const tfvars = r() < 0.06;
    const base = tfvars ? (r() < 0.5 ? 'sizing.auto.tfvars' : 'tags.auto.tfvars') : folder.extras[Math.floor(r() * folder.extras.length)];
    let name = base;
    for (let n = 2; name in folder.files; n++) name = base.replace(/(\.auto)?\.\w+$/, (ext) => `_${n}${ext}`);
    folder.files[name] = tfvars ? files.autoTfvars(base.split('.')[0], r) : blocks(base, 1 + Math.floor(r() * 3), 100 * Object.keys(folder.files).length, r);
  }
}

/** Writes the monorepo under `root` (emptied first) with the trust list beside it, and returns what it holds. */
export function generateMonorepo(root, { total = MONOREPO.files, seed = MONOREPO.seed } = {}) {
  const r = random(seed);
  const folders = layout(r);
  addExtras(folders, total, r);
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, '.ecr-trust.json'), trustList());
  const stats = { files: 0, bytes: 0, folders: folders.length, roots: 0, tf: 0, tfvars: 0, other: 0, ecrFiles: 0, idioms: {} };
  for (const folder of folders) {
    if (folder.kind === 'root') stats.roots++;
    for (const [name, text] of Object.entries(folder.files)) {
      const file = path.join(root, folder.path, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      stats.files++;
      stats.bytes += Buffer.byteLength(text);
      stats[name.endsWith('.tf') ? 'tf' : name.endsWith('.tfvars') ? 'tfvars' : 'other']++;
    }
    for (const { idiom, files: ecrFiles } of folder.ecr) {
      stats.ecrFiles += ecrFiles.length;
      stats.idioms[idiom] = (stats.idioms[idiom] ?? 0) + ecrFiles.length;
    }
  }
  return stats;
}
