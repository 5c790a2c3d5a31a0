import * as fs from 'fs';
import * as path from 'path';
import { TRUST_FILE_NAME } from './trust';

/** The first line of the help, also printed under a usage error. */
export const USAGE_LINE = 'Usage: ecr-guard scan [OPTION]... [--] PATH...';

export const HELP = `${USAGE_LINE}

Checks AWS ECR repository policies in the given files and folders: JSON policies, Terraform and
CloudFormation (skipping node_modules, .git, .terraform).

Commands:
  scan PATH...                 check the files and folders named
  audit --regions LIST|all     check the policies deployed in AWS ECR (ecr-guard audit --help)

Options:
  --trust FILE                 the trust list for every file (default: the nearest ${TRUST_FILE_NAME}
                               in each file's folder or above)
  --format text|json|sarif     the report format (default text); sarif is SARIF 2.1.0, for code scanning
  --output FILE                write the report to FILE and print only the summary line
  --inventory FILE.csv|FILE.md also write every cross-account grant (CSV, or Markdown for .md)
  --write-baseline FILE        write this run's findings to FILE as the accepted baseline, and exit 0
  --baseline FILE              fail only on findings FILE does not account for (they are new); with
                               --write-baseline too, write only the baselined ones that still occur
                               (neither --output, --inventory nor --write-baseline may name a file the
                               scan reads)
  --fail-on LEVEL              error (default), warning, information or never: the lowest severity
                               that fails the run
  --var-file FILE              Terraform variable values, as \`terraform plan\` takes them (repeatable)
  --var NAME=VALUE             one Terraform variable (repeatable; a list or map value is read as HCL);
                               both apply after terraform.tfvars and *.auto.tfvars, later ones win
  --max-size BYTES             skip files larger than this (default 20000000)
  --jobs N                     check files on N threads (default: one per core, for 1000 files or more)
  -h, --help                   print this help
  --version                    print the version
  (-- ends the options: every argument after it is a PATH, even one that starts with -)

Examples:
  ecr-guard scan .
  ecr-guard scan infra --trust infra/${TRUST_FILE_NAME} --fail-on warning
  ecr-guard scan . --format sarif --output ecr-guard.sarif
  ecr-guard scan . --write-baseline ecr-guard-baseline.json    (once; commit the file)
  ecr-guard scan . --baseline ecr-guard-baseline.json           (in CI: fails on new findings only)
  ecr-guard scan modules/registry --var-file prod.tfvars --var account_id=111122223333

Accepting a finding on purpose:
  # ecr-guard-ignore wildcard-principal until=2027-06-30 -- public base images, reviewed 2026-11
  in a comment above the statement (or on the finding's line) suppresses that statement's findings of
  those rules; strict JSON files use "suppressions" in the trust list. Suppressed findings never fail the
  run; they are counted in the summary and listed in JSON ("suppressed") and SARIF ("suppressions").

Exit codes:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage or input errors: an unknown option, a bad value, a PATH that does not exist, a trust list that
     is missing, unreadable, not JSON or has errors, a baseline that is missing, unreadable or not a
     baseline, an output that would overwrite a scanned file, or a file that could not be checked
     (reported as "failed FILE: reason"; the others are checked)

Colour: on a terminal only; NO_COLOR turns it off, FORCE_COLOR on (NO_COLOR wins).`;

/** The package's version: from the nearest package.json named ecr-guard above this file (server/out/cli.js in the bundle). */
export function packageVersion(): string {
  for (let folder = __dirname, parent = path.dirname(folder); ; folder = parent, parent = path.dirname(folder)) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (manifest.name === 'ecr-guard' && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // No package.json here (or not JSON): look further up.
    }
    if (parent === folder) return 'unknown';
  }
}
