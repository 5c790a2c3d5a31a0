import { PolicyDocument } from '../model';
import { Value } from './eval/value';
import { TerraformInputs } from './module';
import { baseName, joinName } from '../names';
import { TerraformParser } from './parser';
import { parseTemplateFile } from './templateParser';
import { automaticVarFiles, commandLineVar, readVarFile } from './tfvars';

/** Synchronous, bounded file access the host gives the core (paths, or URIs in the editor). */
export interface HostFiles {
  /** A regular file's text, or undefined (missing, too large, not a regular file). */
  read(name: string): string | undefined;
  /** The names of a folder's entries (files only), or undefined. */
  list(folder: string): string[] | undefined;
}

/** What the user gave for a root module's variables: `--var-file` (in order) and `--var NAME=VALUE`. */
export interface VariableOptions {
  varFiles?: readonly string[];
  vars?: readonly string[];
}

/** What the core needs from its host to evaluate a module folder beyond the folder's .tf files. */
export interface ModuleHost {
  parser: TerraformParser;
  files?: HostFiles;
  /** How a called module's files are analysed, given the inputs of the call. */
  analyze?: (files: { name: string; text: string }[], inputs: TerraformInputs) => { file: string; document: PolicyDocument }[];
  /**
   * Parsed var files by name, reused while their text is unchanged: the editor evaluates a module on every
   * keystroke, and the var files rarely change meanwhile.
   */
  varFiles?: Map<string, { text: string; values: Map<string, Value> }>;
}

/** Local module calls nest; deeper than this is not followed (and cycles end here). */
const MAX_MODULE_DEPTH = 4;

/**
 * A module folder's inputs: variable values (a root module's var files and the user's, or a caller's
 * arguments), its files for `file`/`templatefile`, and the modules it calls (local sources, or sources
 * `terraform init` installed under .terraform/modules).
 */
export function terraformInputs(folder: string, host: ModuleHost, options: VariableOptions = {}, call?: { variables: ReadonlyMap<string, Value>; depth: number; root: string }): TerraformInputs {
  const { parser, files, analyze } = host;
  const varTexts: string[] = [];
  const variables = call ? new Map(call.variables) : rootVariables(folder, host, options, varTexts);
  const root = call?.root ?? folder;
  const depth = call?.depth ?? 0;
  return {
    variables,
    readFile: files && ((relative) => {
      const name = joinName(folder, relative);
      const text = files.read(name);
      return text === undefined ? undefined : { text, file: name };
    }),
    parseTemplate: (text) => parseTemplateFile(parser, text),
    childPolicies: files && analyze && depth < MAX_MODULE_DEPTH ? (source, key, given) => {
      const dir = moduleFolder(source, key, folder, root, files);
      const names = dir === undefined ? undefined : files.list(dir)?.filter((name) => name.toLowerCase().endsWith('.tf'));
      if (!dir || !names || names.length === 0) return undefined;
      const texts = names.flatMap((name) => {
        const text = files.read(name);
        return text === undefined ? [] : [{ name, text }];
      });
      return analyze(texts, terraformInputs(dir, host, {}, { variables: given, depth: depth + 1, root }));
    } : undefined,
    signature: call ? undefined : JSON.stringify([varTexts, options.vars ?? []]),
  };
}

function rootVariables(folder: string, host: ModuleHost, options: VariableOptions, texts: string[]): Map<string, Value> {
  const { parser, files } = host;
  const variables = new Map<string, Value>();
  const names = [...automaticVarFiles(files?.list(folder) ?? []), ...(options.varFiles ?? [])];
  for (const name of names) {
    const text = files?.read(name);
    if (text === undefined) continue;
    texts.push(`${baseName(name)}\n${text}`);
    for (const [key, value] of varFileValues(host, name, text)) variables.set(key, value);
  }
  for (const assignment of options.vars ?? []) {
    const parsed = commandLineVar(parser, assignment);
    if (parsed) variables.set(parsed[0], parsed[1]);
  }
  return variables;
}

/** A var file's values, parsed once per text when the host keeps a cache. */
function varFileValues(host: ModuleHost, name: string, text: string): Map<string, Value> {
  const cached = host.varFiles?.get(name);
  if (cached?.text === text) return cached.values;
  const values = readVarFile(host.parser, name, text);
  host.varFiles?.set(name, { text, values });
  return values;
}

/**
 * Where a called module's files are: a local source (`./modules/ecr`) relative to the caller, else where
 * `terraform init` recorded it in `.terraform/modules/modules.json` (keyed by the call's name path).
 */
function moduleFolder(source: string, key: string, folder: string, root: string, files: HostFiles): string | undefined {
  if (source.startsWith('./') || source.startsWith('../')) return joinName(folder, source);
  const manifest = files.read(joinName(root, '.terraform/modules/modules.json'));
  if (!manifest) return undefined;
  try {
    const modules = (JSON.parse(manifest) as { Modules?: { Key?: unknown; Dir?: unknown }[] }).Modules ?? [];
    const entry = modules.find((item) => item.Key === key);
    return typeof entry?.Dir === 'string' ? joinName(root, entry.Dir) : undefined;
  } catch {
    return undefined;
  }
}
