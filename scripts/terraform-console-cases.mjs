// Re-verifies the built-in function table (test/unit/terraform-functions/cases-*.ts) against the real
// Terraform: each expression runs through `terraform console` as jsonencode(EXPRESSION) in a scratch
// folder holding the table's files, and any result that differs from the recorded one is printed.
// CI has no Terraform, so the unit test uses the recorded strings; run this where Terraform is installed:
//
//   npx tsx scripts/terraform-console-cases.mjs           mismatches only (exit 1 if any)
//   npx tsx scripts/terraform-console-cases.mjs --print   every expression with Terraform's answer
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CASES, ERROR, FILES } from '../test/unit/terraform-functions/cases.ts';

const PARALLEL = 8;
const print = process.argv.includes('--print');

if (spawnSync('terraform', ['version'], { stdio: 'ignore' }).error) {
  console.error('terraform is not on the PATH');
  process.exit(2);
}

// One folder per worker: a console holds the folder's state lock while it runs.
const folders = Array.from({ length: PARALLEL }, () => {
  const folder = mkdtempSync(join(tmpdir(), 'tf-console-'));
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return folder;
});

/** Terraform's answer: the JSON text jsonencode printed, or ERROR. */
function consoleAnswer(expression, folder) {
  return new Promise((resolve) => {
    const child = spawn('terraform', ['console'], { cwd: folder, env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', NO_COLOR: '1' } });
    let stdout = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.resume();
    child.on('close', (code) => {
      if (code !== 0) return resolve(ERROR);
      const printed = stdout.trim();
      try {
        resolve(JSON.parse(printed));
      } catch {
        resolve(`(unparsed) ${printed}`);
      }
    });
    child.stdin.end(`jsonencode(${expression})\n`);
  });
}

const answers = new Array(CASES.length);
let next = 0;
async function worker(folder) {
  while (next < CASES.length) {
    const index = next++;
    answers[index] = await consoleAnswer(CASES[index][0], folder);
  }
}
await Promise.all(folders.map(worker));
for (const folder of folders) rmSync(folder, { recursive: true, force: true });

let mismatches = 0;
CASES.forEach(([expression, expected], index) => {
  const answer = answers[index];
  if (print) console.log(`  [${JSON.stringify(expression)}, ${answer === ERROR ? 'ERROR' : JSON.stringify(answer)}],`);
  else if (answer !== expected) {
    mismatches++;
    console.log(`${expression}\n  recorded:  ${expected}\n  terraform: ${answer}`);
  }
});
if (!print) console.log(`${CASES.length} cases, ${mismatches} differ from terraform console`);
process.exit(mismatches > 0 ? 1 : 0);
