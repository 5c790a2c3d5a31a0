// Runs in a fresh node process (see cloudformation.mjs): the core bundle, one template, the timings as JSON on
// stdout. argv: bundle, template file, trust file, edit count, warm-up count.
const fs = require('fs');
const { performance } = require('perf_hooks');
const [bundlePath, templatePath, trustPath, editsArg, warmupArg] = process.argv.slice(2);
const core = require(bundlePath);
const text = fs.readFileSync(templatePath, 'utf8');
const trust = core.parseTrustList(fs.readFileSync(trustPath, 'utf8'), trustPath).list;
const now = new Date('2026-06-01T12:00:00Z');
const options = { trust, now };

function analyse(source, read = core.extractCloudFormation) {
  const started = performance.now();
  const { documents, damaged } = read(source);
  const findings = core.checkPolicies(documents, options);
  return { ms: performance.now() - started, documents: documents.length, damaged: damaged.length, findings };
}

function fingerprint(findings) {
  return findings.map((finding) => `${finding.rule}@${finding.span.offset}:${finding.span.length}`).join('|');
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

const first = analyse(text);
const sid = `Pull${String(Math.floor(first.documents / 2)).padStart(5, '0')}A`;
const at = text.indexOf(sid) + sid.length - 1;
const edited = (version) => `${text.slice(0, at)}${version % 2 === 0 ? 'B' : 'A'}${text.slice(at + 1)}`;
const expected = fingerprint(first.findings);
const failures = [];

/** One-character edits, each analysed as the editor would: the whole text, the cache warm from before. */
function edits(count, warmup, make, read) {
  const times = [];
  for (let i = 0; i < warmup + count; i++) {
    const result = analyse(make(i), read);
    if (fingerprint(result.findings) !== expected && make === edited) failures.push(`edit ${i}: findings differ`);
    if (i >= warmup) times.push(result.ms);
  }
  return { median: median(times), max: Math.max(...times), n: times.length };
}

const count = Number(editsArg);
const warmup = Number(warmupArg);
const sidEdit = edits(count, warmup, edited);
// A character typed at the top moves every resource: each policy is re-worked from its cached parse.
const moved = edits(Math.min(count, 20), 1, (i) => `${'#'.repeat(1 + (i % 2))}\n${text}`);
// The partner's Default changes: every policy may depend on it and is re-worked (parses still cached).
const parameter = edits(Math.min(count, 20), 1, (i) => text.replace(/Default: '(\d+)'/, `Default: '${i % 2 === 0 ? '444455556666' : '555566667777'}'`));
const whole = edits(Math.min(count, 10), 1, edited, (source) => core.extractTemplate(core.readWhole(source)));
process.stdout.write(JSON.stringify({
  bytes: text.length,
  lines: text.split('\n').length,
  documents: first.documents,
  findings: first.findings.length,
  damaged: first.damaged,
  firstMs: first.ms,
  sidEdit,
  moved,
  parameter,
  whole,
  failures,
}));
