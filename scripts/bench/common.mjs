// Shared by the parts of the benchmark: the accounts of the generated policies and the trust list, the seeded
// random numbers of the generators, and the number formatting of the results tables.
import * as os from 'node:os';

export const OWN = '111122223333';
export const TRUSTED_PULL = '222233334444';
export const TRUSTED_PUSH = '333344445555';
export const ORG = 'o-a1b2c3d4e5';

/** A 12-digit account nobody trusts, different for each i. */
export function account(i) {
  return String(100000000000 + ((i * 7919) % 899999999999)).padStart(12, '0');
}

/** A small deterministic PRNG (mulberry32): the generated workspaces are the same files every run. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function trustList() {
  return `${JSON.stringify({
    ownAccounts: [OWN],
    organizationIds: [ORG],
    trustedAccounts: {
      [TRUSTED_PULL]: { name: 'staging', access: 'pull' },
      [TRUSTED_PUSH]: { name: 'ci-builder', access: 'push' },
    },
  }, null, 2)}\n`;
}

export function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Median, p95, min and max of a list of latencies. */
export function summarize(latencies) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { n: sorted.length, median: percentile(sorted, 50), p95: percentile(sorted, 95), min: sorted[0], max: sorted[sorted.length - 1] };
}

export function ms(value) {
  return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`;
}

export function mb(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

export function size(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

export function count(value) {
  return value.toLocaleString('en');
}

export function machine() {
  const cpus = os.cpus();
  return `Node ${process.version}, ${cpus[0]?.model.trim() ?? 'unknown CPU'} × ${cpus.length}, ${os.platform()} ${os.release()}`;
}

/** The load average when the numbers were taken: a loaded machine explains slow outliers. */
export function load() {
  return `load average ${os.loadavg().map((value) => value.toFixed(2)).join(', ')} (1, 5, 15 min)`;
}

/** The position of `offset` in `text` as an LSP line and UTF-16 character. */
export function positionAt(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}
