// Seeded mutation fuzz of ECR Guard over the real language server, plus a hostile workspace.
//
// Mutants of the repository's fixtures and examples (JSON policies, Terraform, CloudFormation templates in
// YAML and JSON, with YAML's own mutations: indentation, tabs, tags, unclosed flow collections, alias
// bombs, deep nesting, huge scalars; see scripts/fuzz/cloudformation.mjs) are typed into
// `node server/out/server.js --stdio` as incremental didChange notifications; for each one the fuzzer waits for the diagnostics of the final version, hovers, asks for the quick fixes of every
// diagnostic and for source.fixAll.ecrGuard, applies fix-all and re-checks the result, and for some
// mutants sends repeated and lower versions and a second didOpen. It fails on a server crash, a request
// or a publishDiagnostics not answered in time (hang), an error the server logs (exception), peak RSS
// over the limit, diagnostics or edits outside the document, fix-all text growth or more findings after
// fix-all, and stale results. The hostile tree (scripts/fuzz/hostile.mjs) then puts FIFOs, device files,
// symlink loops and a 30 MB file in a workspace and runs the editor path, the workspace scan and the CLI.
//
//   npm run fuzz                         build, then 10,000 mutants per format and the hostile tree
//   node scripts/fuzz.mjs --quick        the short fixed-seed round CI runs (npm run test:fuzz)
//   node scripts/fuzz.mjs --seed 7 --mutants 500 --formats json --no-hostile
//   node scripts/fuzz.mjs --replay fuzz-out/failures/json-seed1-42-exception.json
//   node scripts/fuzz.mjs --minimize fuzz-out/failures/json-seed1-42-exception.json   (writes ...min.json)
//
// Options: --seed N (default 1), --mutants N per format (10000; --quick 50),
// --formats json,terraform,cloudformation, --timeout MS per request (10000), --blocked-ms MS a hover may wait behind fix-all (2000),
// --hostile-timeout MS per hostile check (30000; --quick 15000), --rss-limit MB (1536), --out FILE (a JSON
// summary), --no-hostile, --hostile-only, --verbose (print every failure, not only the first of each kind).
// FUZZ_SERVER=FILE fuzzes another bundle of the server.
// Failures are saved to fuzz-out/failures/ (git-ignored) with the seed and the mutant's index; the last
// line is `fuzz: N passed, N failed` and the exit code 1 when anything failed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { trackFolder } from './fuzz/cleanup.mjs';
import { campaign, makeCase, newStats, saveFailure, startServer } from './fuzz/campaign.mjs';
import { Failure } from './fuzz/client.mjs';
import { corpusCases } from './fuzz/corpus.mjs';
import { hostileTree } from './fuzz/hostile.mjs';
import { mb } from './fuzz/memory.mjs';
import { minimize } from './fuzz/minimize.mjs';
import { loadSeeds, trustList } from './fuzz/seeds.mjs';
import { runCase } from './fuzz/session.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FORMATS = ['json', 'terraform', 'cloudformation'];

function parseArgs(argv) {
  const options = {
    seed: 1, mutants: undefined, formats: FORMATS, quick: false, out: undefined, replay: undefined, hostile: true, hostileOnly: false, verbose: false,
    timeoutMs: 10_000, blockedMs: 2000, hostileTimeoutMs: 30_000, rssLimit: 1536 * 1024 * 1024, versionsShare: 0.1, cliShare: 0.02, progressEvery: 1000,
    server: process.env.FUZZ_SERVER ? path.resolve(process.env.FUZZ_SERVER) : path.join(ROOT, 'server', 'out', 'server.js'), cli: path.join(ROOT, 'server', 'out', 'cli.js'), outDir: path.join(ROOT, 'fuzz-out'),
  };
  const value = (i, name) => {
    if (i >= argv.length) throw new Error(`${name} needs a value`);
    return argv[i];
  };
  const number = (text, name) => {
    const parsed = Number(text);
    if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} takes a whole number, not "${text}"`);
    return parsed;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--seed') options.seed = number(value(++i, arg), arg);
    else if (arg === '--mutants') options.mutants = number(value(++i, arg), arg);
    else if (arg === '--formats') {
      options.formats = value(++i, arg).split(',').map((format) => format.trim()).filter(Boolean);
      const unknown = options.formats.filter((format) => !FORMATS.includes(format));
      if (unknown.length > 0) throw new Error(`unknown format ${unknown.join(', ')}; known: ${FORMATS.join(', ')}`);
    } else if (arg === '--quick') options.quick = true;
    else if (arg === '--out') options.out = path.resolve(value(++i, arg));
    else if (arg === '--replay') options.replay = path.resolve(value(++i, arg));
    else if (arg === '--minimize') options.minimize = path.resolve(value(++i, arg));
    else if (arg === '--timeout') options.timeoutMs = number(value(++i, arg), arg);
    else if (arg === '--blocked-ms') options.blockedMs = number(value(++i, arg), arg);
    else if (arg === '--hostile-timeout') options.hostileTimeoutMs = number(value(++i, arg), arg);
    else if (arg === '--rss-limit') options.rssLimit = number(value(++i, arg), arg) * 1024 * 1024;
    else if (arg === '--no-hostile') options.hostile = false;
    else if (arg === '--hostile-only') options.hostileOnly = true;
    else if (arg === '--verbose') options.verbose = true;
    else throw new Error(`unknown argument ${arg}; see the comment at the top of scripts/fuzz.mjs`);
  }
  if (options.quick) {
    // A fixed round for CI: the seed is fixed so a red build is a regression, not bad luck.
    options.seed = 1;
    // Three formats at 50 mutants (after each format's corpus) take what two took at 100.
    options.mutants ??= 50;
    options.versionsShare = 0.2;
    options.cliShare = 0.1;
    options.hostileTimeoutMs = 15_000;
    options.progressEvery = Number.MAX_SAFE_INTEGER;
  }
  options.mutants ??= 10_000;
  return options;
}

function log(line) {
  process.stderr.write(`fuzz: ${line}\n`);
}

function makeWorkspace() {
  const workspace = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-guard-fuzz-')));
  fs.writeFileSync(path.join(workspace, '.ecr-trust.json'), trustList());
  trackFolder(workspace, (folder) => fs.rmSync(folder, { recursive: true, force: true }));
  return workspace;
}

async function replay(options) {
  const testCase = JSON.parse(fs.readFileSync(options.replay, 'utf8'));
  log(`replaying ${testCase.format} mutant #${testCase.index} of seed ${testCase.seed} (${testCase.text.length} characters, from ${testCase.baseName}, ${testCase.operators.join('+')}); it was: ${testCase.kind}`);
  const workspace = makeWorkspace();
  const stats = newStats(testCase.format);
  const client = await startServer(options, workspace);
  let failed = 0;
  try {
    await runCase(client, workspace, testCase, { ...options, versionsShare: testCase.versionsShare ?? 1, cliShare: testCase.cliShare ?? 1 }, stats);
    log('passed');
  } catch (error) {
    failed = 1;
    log(error instanceof Failure ? `${error.kind}: ${error.message}` : error.stack);
  } finally {
    log(`server peak RSS ${mb(client.peakRss())}`);
    await client.dispose(2000);
    fs.rmSync(workspace, { recursive: true, force: true });
  }
  return failed;
}

function kinds(byKind) {
  const entries = Object.entries(byKind);
  return entries.length === 0 ? 'none' : entries.map(([kind, n]) => `${n} ${kind}`).join(', ');
}

function report(results, hostile, options, wallMs) {
  const lines = ['', `Seed ${options.seed}, ${options.mutants} mutants per format, request timeout ${options.timeoutMs} ms, RSS limit ${mb(options.rssLimit)}.`, ''];
  lines.push('| Format | Inputs | Passed | Crashes | Hangs | Exceptions | Fix-all growth | Other failures | Server restarts | Peak RSS | Slowest fix-all | Wall time |');
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |');
  for (const stats of results) {
    const { crash = 0, hang = 0, exception = 0, growth = 0, ...other } = stats.byKind;
    lines.push(`| ${stats.format} | ${stats.inputs} | ${stats.passed} | ${crash} | ${hang} | ${exception} | ${growth} | ${kinds(other)} | ${stats.restarts} | ${mb(stats.peakRss)} | ${stats.fixAllMaxMs.toFixed(0)} ms | ${(stats.wallMs / 1000).toFixed(1)} s |`);
  }
  for (const stats of results) {
    lines.push('', `${stats.format}: ${stats.typedVersions} document versions, ${stats.diagnostics} diagnostics, ${stats.hovers} hovers, ${stats.codeActionRequests} quick-fix requests (${stats.codeActions} actions), ${stats.fixAllRequests} fix-all requests (${stats.fixAllApplied} applied, growing the text by up to ${stats.fixAllMaxGrowthPerFinding.toFixed(0)} characters per finding; a hover behind one waited up to ${stats.hoverDuringFixAllMaxMs.toFixed(0)} ms), ${stats.versionChecks} version checks, ${stats.cliChecks} CLI comparisons.`);
    lines.push(`  slowest mutants: ${stats.slowest.map((slow) => `#${slow.index} ${slow.ms} ms (${slow.chars} chars, ${slow.operators})`).join('; ')}`);
    for (const [kind, example] of Object.entries(stats.examples)) {
      lines.push(`  first ${kind}: #${example.index} from ${example.base} (${example.operators.join('+')}, ${example.size} chars): ${example.message.split('\n')[0]}`);
      lines.push(`    replay: node scripts/fuzz.mjs --replay ${path.relative(process.cwd(), example.file)}`);
    }
  }
  if (hostile) {
    lines.push('', 'Hostile tree:', '');
    for (const check of hostile) lines.push(`- ${check.passed ? 'ok    ' : 'FAILED'} ${check.name}: ${check.detail}`);
  }
  lines.push('', `Total wall time ${(wallMs / 1000).toFixed(1)} s.`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`fuzz: ${error.message}`);
    return 2;
  }
  for (const file of [options.server, options.cli]) {
    if (!fs.existsSync(file)) {
      console.error(`fuzz: ${path.relative(ROOT, file)} is missing; run \`npm run build\` first (npm run fuzz does).`);
      return 2;
    }
  }
  if (options.minimize) {
    const workspace = makeWorkspace();
    try {
      return await minimize(options.minimize, options, workspace, log);
    } finally {
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  }
  if (options.replay) {
    const failed = await replay(options);
    process.stdout.write(`fuzz: ${1 - failed} passed, ${failed} failed\n`);
    return failed;
  }
  const started = performance.now();
  const seeds = loadSeeds(ROOT);
  const results = [];
  const workspace = makeWorkspace();
  try {
    if (!options.hostileOnly) {
      for (const format of options.formats) {
        const corpus = corpusCases(format, options.seed);
        log(`${format}: ${corpus.length} corpus inputs, then ${options.mutants} mutants of ${seeds[format].length} seeds, seed ${options.seed}`);
        const caseAt = (i) => (i < corpus.length ? corpus[i] : makeCase(seeds, format, options.seed, i - corpus.length));
        results.push(await campaign(format, corpus.length + options.mutants, caseAt, options, workspace, log));
      }
    }
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
  const hostile = options.hostile ? await hostileTree(options, log) : undefined;
  for (const check of hostile ?? []) {
    if (!check.passed) saveFailure(options.outDir, { format: 'hostile', seed: options.seed, index: check.name.replace(/\W+/g, '-') }, new Failure(check.kind ?? 'hostile', check.detail));
  }
  const wallMs = performance.now() - started;
  report(results, hostile, options, wallMs);
  const passed = results.reduce((sum, stats) => sum + stats.passed, 0) + (hostile ?? []).filter((check) => check.passed).length;
  const failed = results.reduce((sum, stats) => sum + stats.failed, 0) + (hostile ?? []).filter((check) => !check.passed).length;
  if (options.out) {
    fs.mkdirSync(path.dirname(options.out), { recursive: true });
    fs.writeFileSync(options.out, `${JSON.stringify({ seed: options.seed, mutants: options.mutants, timeoutMs: options.timeoutMs, rssLimit: options.rssLimit, wallMs, formats: results, hostile, passed, failed }, null, 2)}\n`);
  }
  process.stdout.write(`fuzz: ${passed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main();
