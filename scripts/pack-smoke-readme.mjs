// The README's CI examples, read from its YAML code blocks, so pack-smoke.mjs runs what users copy.
import assert from 'assert';
import { parse } from 'yaml';

/** The first ```yaml block after the heading. */
function yamlAfter(readme, heading) {
  const at = readme.indexOf(`\n${heading}\n`);
  assert.ok(at >= 0, `the README has "${heading}"`);
  const block = /```yaml\n([\s\S]*?)\n```/.exec(readme.slice(at));
  assert.ok(block, `a yaml block follows "${heading}"`);
  return parse(block[1]);
}

/** The install and scan steps' shell commands, and the files the later steps upload. */
export function readmeGitHubActions(readme) {
  const workflow = yamlAfter(readme, '### GitHub Actions');
  const steps = Object.values(workflow.jobs)[0].steps;
  const install = steps.find((step) => /npm install --global/.test(step.run ?? ''));
  const scan = steps.find((step) => /^ecr-guard scan /.test(step.run ?? ''));
  assert.ok(install && scan, 'the workflow installs the package and runs the installed ecr-guard');
  assert.ok(!steps.some((step) => step.with?.repository), 'the workflow does not check out ECR Guard to build it');
  const option = (name) => new RegExp(`--${name} (\\S+)`).exec(scan.run)?.[1];
  const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
  assert.ok(upload, 'the workflow uploads SARIF to code scanning');
  assert.strictEqual(upload.if, 'always()', 'the SARIF is uploaded when the scan fails too');
  assert.strictEqual(upload.with.sarif_file, option('output'), 'upload-sarif uploads the file the scan writes');
  assert.match(scan.run, /--format sarif/);
  assert.ok(workflow.permissions['security-events'] === 'write', 'upload-sarif needs security-events: write');
  const artifacts = steps.filter((step) => step.uses?.startsWith('actions/upload-artifact@')).map((step) => step.with.path);
  assert.deepStrictEqual(artifacts, [option('inventory')], 'the inventory uploaded is the one the scan writes');
  return { env: install.env ?? {}, install: install.run, scan: scan.run, sarifFile: option('output'), artifacts: [option('output'), ...artifacts] };
}

/** The hook's entry as pre-commit runs a `language: system` hook: split into words, no shell. */
export function readmePreCommitHook(readme) {
  const config = yamlAfter(readme, '### pre-commit hook');
  const hook = config.repos.flatMap((repo) => repo.hooks).find((candidate) => candidate.id === 'ecr-guard');
  assert.ok(hook, 'the README has an ecr-guard hook');
  assert.strictEqual(hook.language, 'system');
  assert.strictEqual(hook.pass_filenames, false);
  const words = hook.entry.split(/\s+/);
  assert.strictEqual(words[0], 'ecr-guard', 'the hook calls the installed CLI');
  return words;
}
