// The mutation campaign of one format: mutants typed one after another into one server, restarted after
// a crash, a hang or runaway memory so the run goes on; every failure saved to a file that replays it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Failure, FuzzClient } from './client.mjs';
import { mb, watchMemory } from './memory.mjs';
import { mutate } from './mutate.mjs';
import { mutantRandom } from './random.mjs';
import { runCase } from './session.mjs';

/** Failures after which the server is not trusted to go on. */
const FATAL = new Set(['crash', 'hang', 'memory']);

export function newStats(format) {
  return {
    format, inputs: 0, passed: 0, failed: 0, byKind: {}, restarts: 0, peakRss: 0, wallMs: 0,
    typedVersions: 0, diagnostics: 0, hovers: 0, codeActionRequests: 0, codeActions: 0, fixAllRequests: 0, fixAllApplied: 0, fixAllMaxMs: 0, hoverDuringFixAllMaxMs: 0, fixAllMaxGrowthPerFinding: 0, versionChecks: 0, cliChecks: 0,
    examples: {},
    /** The slowest mutants, for finding where the time goes. */
    slowest: [],
  };
}

function noteTime(stats, testCase, ms) {
  if (stats.slowest.length >= 5 && ms <= stats.slowest[stats.slowest.length - 1].ms) return;
  stats.slowest.push({ index: testCase.index, chars: testCase.text.length, operators: testCase.operators.join('+'), ms: Math.round(ms) });
  stats.slowest.sort((a, b) => b.ms - a.ms).splice(5);
}

/** The mutant `index` of `format` under `seed`: the same on every run. */
export function makeCase(seeds, format, seed, index) {
  const random = mutantRandom(seed, format, index);
  const base = seeds[format][random.int(seeds[format].length)];
  const { text, operators } = mutate(base.text, random, { format, seeds: seeds[format] });
  return { format, seed, index, baseName: base.name, base: base.text, text, operators };
}

export function saveFailure(outDir, testCase, failure) {
  const folder = path.join(outDir, 'failures');
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${testCase.format}-seed${testCase.seed}-${testCase.index}-${failure.kind}.json`);
  fs.writeFileSync(file, `${JSON.stringify({ ...testCase, kind: failure.kind, message: failure.message }, null, 1)}\n`);
  return file;
}

/** A fresh server, killed as soon as its RSS passes the limit (the mutant then fails with `memory`). */
export async function startServer(options, workspace) {
  const client = new FuzzClient(options.server, workspace);
  client.memory = watchMemory(client.pid, options.rssLimit, (peak) => {
    client.overLimit = peak;
    client.kill();
  }, 100);
  void client.exited.then(() => client.memory.stop());
  await client.initialize(options.timeoutMs * 3);
  return client;
}

/**
 * Runs `cases` (a function of the index) through one server after another; `log` prints a line.
 * Returns the stats; a failure's input goes to a replay file under options.outDir.
 */
export async function campaign(format, count, caseAt, options, workspace, log) {
  const stats = newStats(format);
  const started = performance.now();
  let client = await startServer(options, workspace);
  const retire = async (killed) => {
    stats.peakRss = Math.max(stats.peakRss, client.memory.stop(), client.overLimit ?? 0);
    if (killed) client.kill();
    await client.dispose(2000);
  };
  try {
    for (let i = 0; i < count; i++) {
      const testCase = caseAt(i);
      stats.inputs++;
      const caseStarted = performance.now();
      try {
        await runCase(client, workspace, testCase, options, stats);
        const rss = client.peakRss();
        if (rss > options.rssLimit) throw new Failure('memory', `server peak RSS ${mb(rss)} over the limit of ${mb(options.rssLimit)}`);
        stats.passed++;
      } catch (error) {
        const failure = client.overLimit ? new Failure('memory', `server killed at ${mb(client.overLimit)} RSS (limit ${mb(options.rssLimit)})`)
          : error instanceof Failure ? error : new Failure('fuzzer', error?.stack ?? String(error));
        stats.failed++;
        stats.byKind[failure.kind] = (stats.byKind[failure.kind] ?? 0) + 1;
        // The shares of optional steps go with it, so that a replay takes the same steps.
        const file = saveFailure(options.outDir, { ...testCase, versionsShare: testCase.versionsShare ?? options.versionsShare, cliShare: testCase.cliShare ?? options.cliShare }, failure);
        const first = !stats.examples[failure.kind];
        if (first) stats.examples[failure.kind] = { index: testCase.index, base: testCase.baseName, operators: testCase.operators, size: testCase.text.length, message: failure.message.slice(0, 400), file };
        if (first || options.verbose) log(`${format} #${testCase.index} (seed ${testCase.seed}, from ${testCase.baseName}, ${testCase.operators.join('+')}): ${failure.kind}: ${failure.message.split('\n')[0].slice(0, 300)}\n    replay: node scripts/fuzz.mjs --replay ${path.relative(process.cwd(), file)}`);
        if (FATAL.has(failure.kind) || !client.alive) {
          await retire(true);
          stats.restarts++;
          client = await startServer(options, workspace);
        }
        client.takeErrors();
      }
      noteTime(stats, testCase, performance.now() - caseStarted);
      if ((i + 1) % options.progressEvery === 0) log(`${format}: ${i + 1}/${count} mutants, ${stats.failed} failed, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  } finally {
    await retire(false);
    stats.wallMs = performance.now() - started;
  }
  return stats;
}
