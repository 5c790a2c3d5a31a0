import { parseArgs, ParseArgsConfig } from 'node:util';
import { didYouMean } from '../core/didYouMean';
import { Severity } from '../core/model';

/** Files larger than this (bytes) are skipped unless --max-size says otherwise: scan's default, and audit's for the IaC it compares with. */
export const DEFAULT_MAX_SIZE = 20_000_000;

export interface Options {
  paths: string[];
  trust?: string;
  format: 'text' | 'json' | 'sarif';
  failOn: Severity | 'never';
  maxSize: number;
  output?: string;
  inventory?: string;
  /** Fail only on findings this baseline file does not account for. */
  baseline?: string;
  /** Write the baseline of this run's findings to this file. */
  writeBaseline?: string;
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

/** What each option takes, as a usage error says it. */
const TAKES: Record<string, string> = {
  trust: 'a FILE', format: 'text, json, sarif', output: 'a FILE', inventory: 'a FILE (.csv or .md)',
  'fail-on': 'error, warning, information, never', 'max-size': 'a number of bytes',
  jobs: 'a number of threads, 1 or more', 'var-file': 'a FILE', var: 'NAME=VALUE',
  baseline: 'a FILE', 'write-baseline': 'a FILE',
};

const OPTIONS = {
  trust: { type: 'string' }, format: { type: 'string' }, output: { type: 'string' }, inventory: { type: 'string' },
  'fail-on': { type: 'string' }, 'max-size': { type: 'string' }, jobs: { type: 'string' },
  baseline: { type: 'string' }, 'write-baseline': { type: 'string' },
  'var-file': { type: 'string', multiple: true }, var: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' }, version: { type: 'boolean' },
} satisfies ParseArgsConfig['options'];

/** The options before `--`: after it, `--help` is a PATH. */
function beforeEnd(args: readonly string[]): readonly string[] {
  const end = args.indexOf('--');
  return end < 0 ? args : args.slice(0, end);
}

/** Whether the command line asks for help: -h or --help among the options (not after `--`). */
export function wantsHelp(args: readonly string[]): boolean {
  return beforeEnd(args).some((arg) => arg === '--help' || arg === '-h');
}

/** Whether it asks for the version: --version among the options. */
export function wantsVersion(args: readonly string[]): boolean {
  return beforeEnd(args).includes('--version');
}

export function parseArguments(args: readonly string[]): Options {
  if (args[0] !== 'scan') throw new UsageError(args.length === 0 ? 'missing command' : `unknown command "${args[0]}"`);
  const { values, tokens } = parsed(args.slice(1));
  const paths: string[] = [];
  let optionsEnded = false;
  for (const token of tokens) {
    if (token.kind === 'option-terminator') optionsEnded = true;
    // parseArgs takes a lone - as a PATH; before -- it is a typo like any other argument that starts with -.
    else if (token.kind === 'positional' && token.value.startsWith('-') && !optionsEnded) throw new UsageError(`unknown option ${token.value} (put -- before a PATH that starts with -)`);
    else if (token.kind === 'positional') paths.push(token.value);
  }
  if (paths.length === 0) throw new UsageError('no PATH to scan');
  return {
    paths,
    trust: values.trust,
    format: values.format === undefined ? 'text' : oneOf('format', values.format, ['text', 'json', 'sarif'] as const),
    failOn: values['fail-on'] === undefined ? 'error' : oneOf('fail-on', values['fail-on'], ['error', 'warning', 'information', 'never'] as const),
    maxSize: values['max-size'] === undefined ? DEFAULT_MAX_SIZE : wholeNumber('max-size', values['max-size'], 0),
    output: values.output,
    inventory: values.inventory,
    baseline: values.baseline,
    writeBaseline: values['write-baseline'],
    jobs: values.jobs === undefined ? undefined : wholeNumber('jobs', values.jobs, 1),
    varFiles: values['var-file'] ?? [],
    vars: (values.var ?? []).map((value) => assignment(value)),
  };
}

/** node:util's strict parse, its errors reworded to name the option and what it takes. */
function parsed(args: string[]): ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; strict: true; allowPositionals: true; tokens: true }>> {
  try {
    return parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: true, tokens: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const named = /'(?:-\w, )?(-{1,2}[\w-]+)/.exec((error as Error).message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && named !== undefined) throw new UsageError(unknownOption(named));
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && named !== undefined) {
      const name = named.replace(/^-+/, '');
      const takes = TAKES[name];
      if (takes === undefined) throw new UsageError(`--${name} takes no value`);
      // parseArgs refuses a value that starts with - unless it is written --NAME=VALUE: say how.
      const missing = /argument missing/.test((error as Error).message);
      throw new UsageError(missing ? `--${name} needs a value: ${takes}` : `--${name} takes ${takes} (write --${name}=VALUE for a value that starts with -)`);
    }
    throw new UsageError((error as Error).message);
  }
}

function unknownOption(option: string): string {
  const suggestion = option.startsWith('--') ? didYouMean(option.slice(2), Object.keys(OPTIONS)) : undefined;
  return `unknown option ${option}${suggestion === undefined ? '' : `; did you mean --${suggestion}?`} (put -- before a PATH that starts with -)`;
}

function assignment(value: string): string {
  if (!/^[A-Za-z_][\w-]*=/.test(value)) throw new UsageError(`--var takes ${TAKES.var}`);
  return value;
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} takes ${allowed.join(', ')}`);
  return value as T;
}

/** Decimal digits only: `Number` would take '' as 0 and '1.5', '-1', '0x10' or ' 7' as numbers. */
function wholeNumber(name: string, value: string, minimum: number): number {
  const number = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < minimum) throw new UsageError(`--${name} takes ${TAKES[name]}, not "${value}"`);
  return number;
}
