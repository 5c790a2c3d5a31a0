import { parseArgs, ParseArgsConfig } from 'node:util';
import { didYouMean } from '../core/didYouMean';
import { Severity } from '../core/model';
import { UsageError } from './arguments';
import { isRegionName } from '../protocol/regionName';

export type AuditFormat = 'text' | 'json' | 'sarif' | 'markdown' | 'csv';

export interface AuditArguments {
  regions: string[] | 'all';
  profile?: string;
  trust?: string;
  /** The folder whose IaC deployed policies are compared with. */
  workspace: string;
  drift: boolean;
  format: AuditFormat;
  failOn: Severity | 'never';
  output?: string;
  concurrency?: number;
}

const FORMATS: readonly AuditFormat[] = ['text', 'json', 'sarif', 'markdown', 'csv'];
const MAX_CONCURRENCY = 64;

const OPTIONS = {
  regions: { type: 'string' }, profile: { type: 'string' }, trust: { type: 'string' }, workspace: { type: 'string' },
  'no-drift': { type: 'boolean' }, format: { type: 'string' }, 'fail-on': { type: 'string' }, output: { type: 'string' },
  concurrency: { type: 'string' },
} satisfies ParseArgsConfig['options'];

const TAKES: Record<string, string> = {
  regions: 'REGION,REGION... or all', profile: 'a profile NAME', trust: 'a FILE', workspace: 'a DIR', format: FORMATS.join(', '),
  'fail-on': 'error, warning, information, never', output: 'a FILE', concurrency: `a number of calls, 1 to ${MAX_CONCURRENCY}`,
};

/** A profile name of the shared config files: no spaces, brackets or newlines that could rewrite what is read. */
const PROFILE = /^[\w.+@-]{1,128}$/;

/** `ecr-guard audit ...` (the arguments after `audit`). */
export function parseAuditArguments(args: readonly string[]): AuditArguments {
  const { values, positionals } = parsed(args);
  if (positionals.length > 0) throw new UsageError(`audit takes no PATH ("${positionals[0]}"); name the workspace with --workspace DIR`);
  if (values.regions === undefined) throw new UsageError('audit needs --regions: the regions to read (--regions us-east-1,eu-west-1) or --regions all');
  if (values.profile !== undefined && !PROFILE.test(values.profile)) throw new UsageError(`--profile takes ${TAKES.profile}, not "${values.profile}"`);
  return {
    regions: regionList(values.regions),
    profile: values.profile,
    trust: values.trust,
    workspace: values.workspace ?? '.',
    drift: values['no-drift'] !== true,
    format: values.format === undefined ? 'text' : oneOf('format', values.format, FORMATS),
    failOn: values['fail-on'] === undefined ? 'error' : oneOf('fail-on', values['fail-on'], ['error', 'warning', 'information', 'never'] as const),
    output: values.output,
    concurrency: values.concurrency === undefined ? undefined : concurrency(values.concurrency),
  };
}

function regionList(value: string): string[] | 'all' {
  if (value.trim() === 'all') return 'all';
  const regions = value.split(',').map((region) => region.trim()).filter((region) => region !== '');
  if (regions.length === 0) throw new UsageError(`--regions takes ${TAKES.regions}`);
  const bad = regions.find((region) => !isRegionName(region));
  if (bad !== undefined) throw new UsageError(`--regions: "${bad}" is not a region name (like us-east-1); write --regions all for every enabled region`);
  return [...new Set(regions)];
}

function concurrency(value: string): number {
  const number = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < 1 || number > MAX_CONCURRENCY) throw new UsageError(`--concurrency takes ${TAKES.concurrency}, not "${value}"`);
  return number;
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} takes ${allowed.join(', ')}`);
  return value as T;
}

function parsed(args: readonly string[]): { values: { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string }; positionals: string[] } {
  try {
    return parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const named = /'(?:-\w, )?(-{1,2}[\w-]+)/.exec((error as Error).message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && named !== undefined) {
      const suggestion = named.startsWith('--') ? didYouMean(named.slice(2), Object.keys(OPTIONS)) : undefined;
      throw new UsageError(`unknown option ${named} for audit${suggestion === undefined ? '' : `; did you mean --${suggestion}?`}`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && named !== undefined) {
      const name = named.replace(/^-+/, '');
      const takes = TAKES[name];
      throw new UsageError(takes === undefined ? `--${name} takes no value` : `--${name} needs a value: ${takes}`);
    }
    throw new UsageError((error as Error).message);
  }
}
