// Reading the servers' V8 CPU profiles (BENCH_CPU_PROF=1): time per pipeline stage and the functions with
// most self time, so a missed target comes with where the time goes. Frames of the esbuild bundle are
// attributed to their source module through the `// server/src/...` comments esbuild writes before each
// module, so stages can name methods that share a name (three `analyze`s) by their file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Inclusive time of the server's pipeline stages (a sample counts for every stage on its stack), so the
 * profile says which step to optimise. Each: function name, source module (or undefined: any), label.
 */
export const JSON_PHASES = [
  ['validate', undefined, 'the whole analysis of one version (LSP layer)'],
  ['extractJsonPolicies', undefined, 'parse + policy extraction'],
  ['parseTree', undefined, 'jsonc-parser parseTree'],
  ['checkPolicies', undefined, 'rules'],
  ['toDiagnostic', undefined, 'findings to LSP diagnostics'],
  ['positionAt', undefined, 'offset to line/character'],
  ['computeLineOffsets', undefined, 'line table of the document'],
  ['sendDiagnostics', undefined, 'publishDiagnostics (serialise + write)'],
  ['encode', undefined, 'JSON-RPC message encoding'],
  ['update', undefined, 'TextDocument.update (incremental sync)'],
  ['(garbage collector)', undefined, 'GC (all causes)'],
];

/** The Terraform path: server/src/lsp/terraformDocuments.ts and server/src/core/terraform/. */
export const TERRAFORM_PHASES = [
  ['validate', 'languageServer.ts', 'the whole analysis of one document version (LSP layer)'],
  ['update', 'terraformDocuments.ts', 'TerraformDocuments.update: text sync + tree.edit + moving published findings'],
  ['analyze', 'terraformDocuments.ts', 'TerraformDocuments.analyze: everything below except diagnostics'],
  ['state', 'terraformDocuments.ts', '  state: reparse and file summary, once per version'],
  ['parse', 'parser.ts', '    TerraformParser.parse (tree-sitter, incremental with the edited old tree)'],
  ['summarize', 'blockCache.ts', '    TerraformBlockCache.summarize: top-level block walk, per-block summaries'],
  ['moduleSummaries', 'terraformDocuments.ts', '  moduleSummaries: the summaries of the open and on-disk files of the folder'],
  ['moduleContext', 'module.ts', '  moduleContext: merging them, with the JSON signature of the module'],
  ['analyze', 'blockCache.ts', '  TerraformBlockCache.analyze: block walk with cached policies and findings'],
  ['blocks', 'blockCache.ts', '    blocks: the top-level block nodes and their cache entries (both walks)'],
  ['entry', 'blockCache.ts', '      entry: cache lookup keyed by node.text (the block\'s whole text)'],
  ['blockPolicy', 'extract.ts', '    blockPolicy: policy extraction of blocks not cached'],
  ['checkPolicies', undefined, '    checkPolicies: rules on blocks not cached'],
  ['move', 'blockCache.ts', '    move: shifting cached results of blocks that moved'],
  ['stabilize', undefined, 'stabilize: keeping findings inside damaged ranges'],
  ['toDiagnostic', 'diagnostics.ts', 'toDiagnostic: findings to LSP diagnostics'],
  ['sendDiagnostics', undefined, 'sendDiagnostics: serialise + write'],
  ['(garbage collector)', undefined, 'GC (all causes)'],
];

/** Maps a bundle's line numbers to the source module esbuild placed there. */
function moduleMapper() {
  const cache = new Map();
  return (frame) => {
    const url = frame.url || '';
    if (url.includes('.wasm')) return 'tree-sitter.wasm';
    if (!url.startsWith('file:')) return path.basename(url);
    let starts = cache.get(url);
    if (!starts) {
      starts = [];
      try {
        fs.readFileSync(fileURLToPath(url), 'utf8').split('\n').forEach((line, index) => {
          const module = /^\/\/ ((?:server|client|node_modules)\/\S+)$/.exec(line);
          if (module) starts.push([index, module[1]]);
        });
      } catch {
        // no source: frames keep the bundle's name
      }
      cache.set(url, starts);
    }
    let low = 0;
    let high = starts.length - 1;
    let found;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (starts[middle][0] <= frame.lineNumber) {
        found = starts[middle][1];
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found ? path.basename(found) : path.basename(url);
  };
}

/**
 * Self time per function from a .cpuprofile, largest first, and the inclusive time of `phases`; with
 * `window` ([from, to] in microseconds of the monotonic clock, as process.hrtime gives), only the samples
 * taken inside it, e.g. the edits without the first analysis.
 */
export function topFunctions(file, phases, window, count = 15) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const moduleOf = moduleMapper();
  const inWindow = [];
  let time = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i] ?? 0;
    inWindow.push(!window || (time >= window[0] && time <= window[1]));
  }
  const self = new Map();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    if (!inWindow[i]) continue;
    const frame = byId.get(profile.samples[i]).callFrame;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const where = frame.url ? ` ${moduleOf(frame)}${frame.url.startsWith('file:') ? ` (${path.basename(frame.url)}:${frame.lineNumber + 1})` : ''}` : '';
    const key = `${frame.functionName || '(anonymous)'}${where}`;
    self.set(key, (self.get(key) ?? 0) + ms);
    total += ms;
  }
  const idle = (self.get('(idle)') ?? 0) + (self.get('(program)') ?? 0);
  return { total, idle, top: [...self].sort((a, b) => b[1] - a[1]).slice(0, count), phases: phaseTimes(profile, byId, phases, inWindow, moduleOf) };
}

function phaseTimes(profile, byId, phases, inWindow, moduleOf) {
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const stacks = new Map();
  const framesOf = (id) => {
    let frames = stacks.get(id);
    if (!frames) {
      frames = new Set();
      for (let current = id; current !== undefined; current = parent.get(current)) {
        const frame = byId.get(current).callFrame;
        frames.add(frame.functionName);
        frames.add(`${frame.functionName}@${moduleOf(frame)}`);
      }
      stacks.set(id, frames);
    }
    return frames;
  };
  const totals = phases.map(() => 0);
  for (let i = 0; i < profile.samples.length; i++) {
    if (!inWindow[i]) continue;
    const frames = framesOf(profile.samples[i]);
    phases.forEach(([name, module], index) => {
      if (frames.has(module ? `${name}@${module}` : name)) totals[index] += (profile.timeDeltas[i] ?? 0) / 1000;
    });
  }
  return phases.map(([name, module, label], index) => ({ name: module ? `${name} (${module})` : name, label, ms: totals[index] }));
}
