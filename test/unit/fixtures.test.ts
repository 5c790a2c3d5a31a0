import type { HostFiles } from '../../server/src/core/terraform/host';
import { nodeHostFiles } from '../../server/src/node/hostFiles';
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeBatch } from '../../server/src/core/batch';
import { mayBePolicyFile, moduleSourceFor } from '../../server/src/core/sources/registry';
import { TerraformParser } from '../../server/src/core/terraform';
import { parseTrustList } from '../../server/src/core/trust';
import { lineOf, lineStarts } from '../../server/src/core/text';
import { loadWasmParser } from './support';

/**
 * One case per folder under test/fixtures: the input policy (or the .tf files of one Terraform module),
 * `expected.json` beside it, and the trust list that governs it: the case's own `.ecr-trust.json`, else the
 * nearest one above (unless `"trust": "none"`).
 */
const FIXTURES = path.resolve(__dirname, '..', 'fixtures');

interface ExpectedFinding {
  /** The input file, when the case has several (a Terraform module). */
  file?: string;
  rule: string;
  severity: string;
  line: number;
  /** The exact source text the finding covers, quotes included. */
  text: string;
  messageIncludes?: string[];
  /** Places in the same file the finding points to (a parameter's Default), when the case checks them. */
  related?: { line: number; text: string; message: string }[];
  /** The suppression that names the finding (active or expired); absent: none does. */
  suppression?: { kind: string; reason: string; until?: string; expired: boolean };
}

interface ExpectedCase {
  description?: string;
  trust?: 'none';
  /** The day the case is evaluated on (trust expiry), YYYY-MM-DD; default 2026-06-01. */
  now?: string;
  findings: ExpectedFinding[];
}

function caseFolders(folder: string): string[] {
  const entries = fs.readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  return entries.flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return fs.existsSync(path.join(full, 'expected.json')) ? [full] : caseFolders(full);
  });
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

describe('fixture cases', () => {
  const folders = caseFolders(FIXTURES);
  let terraform: TerraformParser;

  before(async () => {
    terraform = await loadWasmParser();
  });

  it('finds the fixture cases', () => {
    assert.ok(folders.length >= 40, `expected at least 40 fixture cases, found ${folders.length}`);
  });

  for (const folder of folders) {
    const name = path.relative(FIXTURES, folder);
    it(name, () => {
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
      const actual = files.flatMap((file) => {
        const starts = lineStarts(file.text);
        return (results.get(file.name)?.findings ?? []).map((finding) => ({
          file: file.name,
          rule: finding.rule,
          severity: finding.severity,
          line: lineOf(starts, finding.span.offset),
          text: file.text.slice(finding.span.offset, finding.span.offset + finding.span.length),
          message: finding.message,
          ...(finding.suppression ? { suppression: { kind: finding.suppression.kind, reason: finding.suppression.reason, ...(finding.suppression.until ? { until: finding.suppression.until } : {}), expired: finding.suppression.expired } } : {}),
          related: finding.related.filter((related) => related.file === undefined && related.span).map((related) => ({
            line: lineOf(starts, related.span!.offset),
            text: file.text.slice(related.span!.offset, related.span!.offset + related.span!.length),
            message: related.message,
          })),
        }));
      });
      assert.deepStrictEqual(
        actual.map(({ message: _message, related: _related, ...rest }) => rest),
        expected.findings.map(({ file, rule, severity, line, text: covered, suppression }) => ({ file: file ?? names[0], rule, severity, line, text: covered, ...(suppression ? { suppression } : {}) })),
      );
      expected.findings.forEach((want, index) => {
        for (const part of want.messageIncludes ?? []) {
          assert.ok(actual[index].message.includes(part), `finding ${index} message "${actual[index].message}" lacks "${part}"`);
        }
        if (want.related) assert.deepStrictEqual(actual[index].related, want.related, `finding ${index} related locations`);
      });
    });
  }
});

/** The host's file access with names relative to the case folder, as the cases name their files. */
function filesUnder(folder: string): HostFiles {
  const host = nodeHostFiles();
  return {
    read: (name) => host.read(path.join(folder, name)),
    list: (name) => host.list(path.join(folder, name))?.map((file) => path.relative(folder, file)),
  };
}
