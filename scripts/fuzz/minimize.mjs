// Shrinks a saved failure to a small input that fails the same way (delta debugging over lines, then
// characters), opening each candidate directly in one server; writes FILE.min.json beside the original.
import * as fs from 'node:fs';
import { Failure } from './client.mjs';
import { newStats, startServer } from './campaign.mjs';
import { runCase } from './session.mjs';

/** Same kind, and for exceptions the same first line of the error (another exception is another bug). */
function sameFailure(original, error) {
  if (!(error instanceof Failure) || error.kind !== original.kind) return false;
  if (original.kind !== 'exception') return true;
  const signature = (message) => /(\w*Error: [^\n:]{0,60})/.exec(message)?.[1] ?? message.slice(0, 60);
  return signature(error.message) === signature(original.message);
}

/** ddmin over `units` (lines or characters): the smallest list for which `fails(list)` holds, greedily. */
async function ddmin(units, fails) {
  let current = units;
  let chunks = 2;
  while (current.length >= 2) {
    const size = Math.ceil(current.length / chunks);
    let reduced = false;
    for (let start = 0; start < current.length; start += size) {
      const candidate = [...current.slice(0, start), ...current.slice(start + size)];
      if (await fails(candidate)) {
        current = candidate;
        chunks = Math.max(chunks - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (chunks >= current.length) break;
      chunks = Math.min(current.length, chunks * 2);
    }
  }
  return current;
}

export async function minimize(file, options, workspace, log) {
  const original = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (original.kind === 'stale' || original.kind === 'hang') {
    log(`${original.kind} failures depend on the edit history or on time; replay it instead`);
    return 1;
  }
  const runOptions = { ...options, direct: true, versionsShare: 0, cliShare: original.kind === 'cli' ? 1 : 0 };
  let client = await startServer(options, workspace);
  let tries = 0;
  const fails = async (text) => {
    tries++;
    try {
      await runCase(client, workspace, { ...original, index: `min${tries}`, base: text, text }, runOptions, newStats(original.format));
      return false;
    } catch (error) {
      if (!client.alive || (error instanceof Failure && ['crash', 'hang', 'memory'].includes(error.kind))) {
        client.kill();
        await client.dispose(1000);
        client = await startServer(options, workspace);
      }
      client.takeErrors();
      return sameFailure(original, error);
    }
  };
  try {
    if (!await fails(original.text)) {
      log('the input does not fail that way when opened directly in a fresh server; nothing to minimise');
      return 1;
    }
    const lines = await ddmin(original.text.split(/(?<=\n)/), (units) => fails(units.join('')));
    const chars = await ddmin([...lines.join('')], (units) => fails(units.join('')));
    const text = chars.join('');
    const target = file.replace(/\.json$/, '.min.json');
    fs.writeFileSync(target, `${JSON.stringify({ ...original, base: text, text, minimizedFrom: original.text.length }, null, 1)}\n`);
    log(`${original.text.length} characters down to ${text.length} in ${tries} runs: ${target}\n${text}`);
    return 0;
  } finally {
    await client.dispose(1000);
  }
}
