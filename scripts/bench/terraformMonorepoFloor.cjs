// The floor of the terraform-scan benchmark (scripts/bench/terraformMonorepo.mjs), run as a fresh process:
// walk the tree, read every file, and parse with tree-sitter the .tf and .tfvars files whose text could hold
// a policy, with the web-tree-sitter and Terraform grammar WebAssembly the server uses (the copies the build
// puts in server/out/, loaded as server/src/node/wasm.ts does). Nothing else: no analysis, no output.
// argv: the folder, the wasm folder, and `--check` (not timed) to parse every .tf and .tfvars file and list
// those with syntax errors (the generator's HCL must be valid for the scan to mean anything), and to count
// what the server's own look parses: every .tf file that may matter in a module (folder) holding a policy.
'use strict';
const fs = require('fs');
const path = require('path');
const { Language, Parser } = require('web-tree-sitter');

// terraformMayHoldPolicy in server/src/core/sources/terraform.ts (TERRAFORM_POLICY, LOCAL_MODULE_SOURCE and the
// registry modules' REGISTRY_SOURCE_HINTS): keep them the same, so that the floor parses the files the server's
// cheap look would send to the parser.
const TERRAFORM_POLICY = [
  'aws_iam_policy_document', 'aws_ecr_repository_policy', 'aws_ecr_registry_policy', 'aws_ecr_repository_creation_template',
  'aws_ecrpublic_repository_policy', '\\u', 'ecr/aws', 'terraform-aws-ecr',
];
const LOCAL_MODULE_SOURCE = /\bsource\s*=\s*"\.\.?[/\\]/;
// ... and of terraformMayMatter (TERRAFORM_CONTEXT), for --check's count only.
const TERRAFORM_CONTEXT = ['locals', 'variable'];
const includesAny = (text, needles) => needles.some((needle) => text.includes(needle));

async function main() {
  const [root, wasmDir, check] = process.argv.slice(2);
  await Parser.init({ wasmBinary: fs.readFileSync(path.join(wasmDir, 'tree-sitter.wasm')) });
  const parser = new Parser();
  parser.setLanguage(await Language.load(fs.readFileSync(path.join(wasmDir, 'tree-sitter-terraform.wasm'))));
  const counts = { files: 0, bytes: 0, parsed: 0, parsedBytes: 0, withErrors: [], modulesWithPolicy: 0, moduleParsed: 0, moduleParsedBytes: 0 };
  (function walk(folder) {
    const module = [];
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        walk(file);
        continue;
      }
      const text = fs.readFileSync(file, 'utf8');
      counts.files++;
      counts.bytes += text.length;
      if (!/\.(tf|tfvars)$/.test(entry.name)) continue;
      const mayHold = includesAny(text, TERRAFORM_POLICY) || (text.includes('source') && LOCAL_MODULE_SOURCE.test(text));
      if (check === '--check' && entry.name.endsWith('.tf')) module.push({ text, mayHold });
      if (!mayHold && check !== '--check') continue;
      const tree = parser.parse(text);
      if (mayHold) {
        counts.parsed++;
        counts.parsedBytes += text.length;
      }
      if (tree.rootNode.hasError) counts.withErrors.push(path.relative(root, file));
      tree.delete();
    }
    if (!module.some((file) => file.mayHold)) return;
    const parsedByServer = module.filter((file) => file.mayHold || includesAny(file.text, TERRAFORM_CONTEXT));
    counts.modulesWithPolicy++;
    counts.moduleParsed += parsedByServer.length;
    counts.moduleParsedBytes += parsedByServer.reduce((sum, file) => sum + file.text.length, 0);
  })(root);
  process.stdout.write(JSON.stringify(counts));
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
