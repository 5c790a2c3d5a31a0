import { Severity } from '../core/model';
import { TRUST_FILE_NAME } from './trust';

export const USAGE = `Usage: ecr-guard scan [OPTION]... [--] PATH...
Options: [--trust FILE] [--format text|json|sarif] [--output FILE] [--fail-on error|warning|information|never] [--inventory FILE.csv|FILE.md] [--max-size BYTES] [--jobs N]
         [--var-file FILE]... [--var NAME=VALUE]...

Checks AWS ECR repository policies in the given files and folders (skipping node_modules, .git, .terraform).
Without --trust, each file uses the nearest ${TRUST_FILE_NAME} in its folder or above.
--format sarif writes SARIF 2.1.0 (for code scanning); --output FILE writes the report to FILE and prints
only the summary line; --inventory FILE also writes every cross-account grant (CSV, or Markdown for .md).
Neither may name a file the scan reads (a policy, a module's .tf file, a trust list in use).
--var-file FILE and --var NAME=VALUE give Terraform variable values, as \`terraform plan\` takes them, to every
Terraform folder scanned (after its terraform.tfvars and *.auto.tfvars; later ones win; a list or map value of
--var is read as HCL).
--jobs N checks files on N threads (default: one per core, for 1000 files or more).
-- ends the options: every argument after it is a PATH, even one that starts with -.
Exit codes: 0 no finding at or above --fail-on (default error), 1 such findings, 2 usage errors (an unknown
option, a bad value, a PATH that does not exist, an output that would overwrite a scanned file), trust list
errors, or a file that could not be checked (reported as "failed FILE: reason"; the others are checked).`;

export interface Options {
  paths: string[];
  trust?: string;
  format: 'text' | 'json' | 'sarif';
  failOn: Severity | 'never';
  maxSize: number;
  output?: string;
  inventory?: string;
  jobs?: number;
  varFiles: string[];
  vars: string[];
}

/** A mistake in the command line: exit 2. `showUsage` is false where the usage text would only bury the message. */
export class UsageError extends Error {
  constructor(message: string, readonly showUsage = true) {
    super(message);
  }
}

/** Whether the command line asks for help: -h or --help among the options (not after `--`). */
export function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

export function parseArguments(args: readonly string[]): Options {
  if (args[0] !== 'scan') throw new UsageError(args.length === 0 ? 'missing command' : `unknown command "${args[0]}"`);
  const options: Options = { paths: [], format: 'text', failOn: 'error', maxSize: 20_000_000, varFiles: [], vars: [] };
  let optionsEnded = false;
  for (let i = 1; i < args.length; i++) {
    const arg = args[i];
    const value = (): string => {
      const next = args[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (optionsEnded) options.paths.push(arg);
    else if (arg === '--') optionsEnded = true;
    else if (arg === '--trust') options.trust = value();
    else if (arg === '--format') options.format = oneOf(arg, value(), ['text', 'json', 'sarif'] as const);
    else if (arg === '--output') options.output = value();
    else if (arg === '--inventory') options.inventory = value();
    else if (arg === '--fail-on') options.failOn = oneOf(arg, value(), ['error', 'warning', 'information', 'never'] as const);
    else if (arg === '--max-size') options.maxSize = wholeNumber(arg, value(), 0, 'a number of bytes');
    else if (arg === '--var-file') options.varFiles.push(value());
    else if (arg === '--var') options.vars.push(assignment(arg, value()));
    else if (arg === '--jobs') options.jobs = wholeNumber(arg, value(), 1, 'a number of threads, 1 or more');
    // A typo such as -x must not be scanned as a path that then does not exist; `--` lets a file named so through.
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg} (put -- before a PATH that starts with -)`);
    else options.paths.push(arg);
  }
  if (options.paths.length === 0) throw new UsageError('no PATH to scan');
  return options;
}

function assignment(flag: string, value: string): string {
  if (!/^[A-Za-z_][\w-]*=/.test(value)) throw new UsageError(`${flag} takes NAME=VALUE`);
  return value;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} takes ${allowed.join(', ')}`);
  return value as T;
}

/** Decimal digits only: `Number` would take '' as 0 and '1.5', '-1', '0x10' or ' 7' as numbers. */
function wholeNumber(flag: string, value: string, minimum: number, what: string): number {
  const number = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < minimum) throw new UsageError(`${flag} takes ${what}, not "${value}"`);
  return number;
}
