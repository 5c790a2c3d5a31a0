import { FileResult } from '../core/batch';
import { SourceFile } from '../core/sources/types';

/** A file the scan could not check because its analysis threw; the run checks the others and exits 2. */
export interface Failed {
  /** As the scan was given it (the CLI prints it relative to the current directory). */
  file: string;
  message: string;
}

/** What the report keeps of one checked file (its findings, SARIF results, inventory rows). */
export type Collect<T> = (file: string, text: string, result: FileResult | undefined) => T | undefined;

/** Long messages (an error may quote the whole offending value) are cut: the report names the file, not the text. */
const MESSAGE_MAX = 200;

export function failureMessage(error: unknown): string {
  const text = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).split('\n')[0];
  return text.length > MESSAGE_MAX ? `${text.slice(0, MESSAGE_MAX)}…` : text;
}

function recordingFailure<T>(files: readonly string[], step: () => T, failed: Failed[]): T | undefined {
  try {
    return step();
  } catch (error) {
    const message = failureMessage(error);
    for (const file of files) failed.push({ file, message });
    return undefined;
  }
}

/** One file of a file source: analysed and collected, or recorded as failed when either throws. */
export function checkFile<T>(file: string, text: string, analyse: (text: string) => FileResult, collect: Collect<T>, failed: Failed[]): T | undefined {
  return recordingFailure([file], () => collect(file, text, analyse(text)), failed);
}

/**
 * The files of one module (Terraform's .tf files of a folder), analysed together with the module's other files as context. When the
 * module's analysis throws, each of its scanned files fails; when collecting one file throws, that one.
 */
export function checkModule<T>(
  sources: readonly SourceFile[], context: readonly SourceFile[], analyse: (all: readonly SourceFile[]) => ReadonlyMap<string, FileResult>,
  collect: Collect<T>, failed: Failed[],
): (T | undefined)[] {
  const results = recordingFailure(sources.map((source) => source.name), () => analyse([...sources, ...context]), failed);
  if (!results) return sources.map(() => undefined);
  return sources.map((source) => recordingFailure([source.name], () => collect(source.name, source.text, results.get(source.name)), failed));
}
