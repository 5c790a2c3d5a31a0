import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { CLI_JS, REPO_ROOT, requireBuild } from './lspClient';

/** One run of the built CLI, as a CI job sees it. */
export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node server/out/cli.js ARGS` in `cwd` (the repository by default), optionally as another user.
 * NO_COLOR and FORCE_COLOR of the test runner are not passed on (a run sets them in `env`), so output is
 * the plain text of a pipe.
 */
export function cli(args: string[], cwd = REPO_ROOT, user?: { uid: number; gid: number }, env: NodeJS.ProcessEnv = {}): Run {
  requireBuild(CLI_JS);
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NO_COLOR' && name !== 'FORCE_COLOR'));
  const result = spawnSync(process.execPath, [CLI_JS, ...args], { cwd, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024, ...user, env: { ...inherited, ...env } });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The `--format json` report on stdout, failing the test with the whole output when it is not JSON. */
export function jsonOutput<T>(run: Run): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    assert.fail(`stdout is not JSON (exit ${run.code}):\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}
