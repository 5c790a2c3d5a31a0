import type { HostFiles } from '../../server/src/core/terraform/host';
import { nodeHostFiles } from '../../server/src/node/hostFiles';
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeBatch } from '../../server/src/core/batch';
import { Finding } from '../../server/src/core/model';
import { mayBePolicyFile, moduleSourceFor } from '../../server/src/core/sources/registry';
import { TerraformParser } from '../../server/src/core/terraform';
import { parseTrustList } from '../../server/src/core/trust';

/**
 * One case per folder under test/fixtures: the input policy (or the .tf files of one Terraform module),
 * `expected.json` beside it, and the trust list that governs it: the case's own `.ecr-trust.json`, else the
 * nearest one above (unless `"trust": "none"`).
 */
export const FIXTURES = path.resolve(__dirname, '..', 'fixtures');

export interface ExpectedFinding {
  /** The input file, when the case has several (a Terraform module). */
  file?: string;
  rule: string;
  severity: string;
  line: number;
  /** The exact source text the finding covers, quotes included. */
  text: string;
  messageIncludes?: string[];
  /** Parts of the long form (related information: why, every action, what to do) the message leaves out. */
  detailIncludes?: string[];
  /** Places in the same file the finding points to (a parameter's Default), when the case checks them. */
  related?: { line: number; text: string; message: string }[];
  /** The suppression that names the finding (active or expired); absent: none does. */
  suppression?: { kind: string; reason: string; until?: string; expired: boolean };
}

export interface ExpectedCase {
  description?: string;
  trust?: 'none';
  /** The day the case is evaluated on (trust expiry), YYYY-MM-DD; default 2026-06-01. */
  now?: string;
  findings: ExpectedFinding[];
}

export interface CaseRun {
  expected: ExpectedCase;
  /** The case's input file names, sorted. */
  names: string[];
  files: { name: string; text: string; findings: Finding[] }[];
}

export function caseFolders(folder: string = FIXTURES): string[] {
  const entries = fs.readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  return entries.flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return fs.existsSync(path.join(full, 'expected.json')) ? [full] : caseFolders(full);
  });
}

/** Analyses one case folder as the fixtures are meant to be: its trust list, its day, its module's files. */
export function runCase(folder: string, terraform: TerraformParser): CaseRun {
  const expected = JSON.parse(fs.readFileSync(path.join(folder, 'expected.json'), 'utf8')) as ExpectedCase;
  const names = inputFiles(folder);
  const files = names.map((file) => ({ name: file, text: fs.readFileSync(path.join(folder, file), 'utf8') }));
  const trustFile = expected.trust === 'none' ? undefined : trustFileFor(folder);
  const trust = trustFile ? parseTrustList(fs.readFileSync(trustFile, 'utf8'), trustFile) : undefined;
  if (trust) assert.deepStrictEqual(trust.problems, [], `trust list ${trustFile} has problems`);
  // The case's files are named relative to its folder, so the list's suppressions are matched from there too.
  if (trust && trustFile) trust.list.location = path.relative(folder, trustFile);
  const now = new Date(`${expected.now ?? '2026-06-01'}T12:00:00Z`);
  const results = analyzeBatch(files, () => ({ trust: trust?.list, now }), { terraform, files: filesUnder(folder) });
  return { expected, names, files: files.map((file) => ({ ...file, findings: results.get(file.name)?.findings ?? [] })) };
}

function inputFiles(folder: string): string[] {
  const inputs = fs.readdirSync(folder).filter((name) => name !== 'expected.json' && !name.startsWith('.') && mayBePolicyFile(name)).sort();
  const terraform = inputs.filter((name) => moduleSourceFor(name) !== undefined);
  assert.ok(inputs.length === 1 || terraform.length === inputs.length, `${folder} must hold one input file or the .tf files of one module, found: ${inputs.join(', ') || 'none'}`);
  return inputs;
}

function trustFileFor(folder: string): string | undefined {
  for (let current = folder; current.startsWith(FIXTURES); current = path.dirname(current)) {
    const candidate = path.join(current, '.ecr-trust.json');
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The host's file access with names relative to the case folder, as the cases name their files. */
function filesUnder(folder: string): HostFiles {
  const host = nodeHostFiles();
  return {
    read: (name) => host.read(path.join(folder, name)),
    list: (name) => host.list(path.join(folder, name))?.map((file) => path.relative(folder, file)),
  };
}
