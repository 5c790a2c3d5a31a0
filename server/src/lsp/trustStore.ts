import * as os from 'os';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { ParsedTrustList, parseTrustList } from '../core/trust';
import { readTrustListSync } from '../node/readTrustList';

/** A trust list as last read, from the editor buffer when the file is open, else from disk. */
export interface LoadedTrust {
  uri: string;
  /** Undefined when the file does not exist. */
  text?: string;
  parsed?: ParsedTrustList;
}

/**
 * Resolves and caches trust lists by file URI. The LSP layer owns file access so the core stays pure;
 * open editor buffers win over disk so that unsaved edits to the trust list take effect at once.
 */
export class TrustStore {
  private readonly cache = new Map<string, LoadedTrust>();

  constructor(private readonly openText: (uri: string) => string | undefined) {}

  /**
   * The trust file URI a setting value names, relative paths against the workspace folder. A document
   * outside every folder (untitled:, a file opened on its own) has none unless the setting is absolute:
   * the server's working directory is nobody's choice, and "Trust account" would edit a file there.
   */
  static resolve(setting: string, folderUri: string | undefined): string | undefined {
    const expanded = setting.startsWith('~/') ? path.join(os.homedir(), setting.slice(2)) : setting;
    if (path.isAbsolute(expanded)) return URI.file(expanded).toString();
    if (!folderUri) return undefined;
    const folder = URI.parse(folderUri);
    return folder.with({ path: path.posix.join(folder.path, expanded.split(path.sep).join('/')) }).toString();
  }

  get(uri: string): LoadedTrust {
    let loaded = this.cache.get(uri);
    if (!loaded) {
      loaded = this.load(uri);
      this.cache.set(uri, loaded);
    }
    return loaded;
  }

  /** Reads a cached list again; true when its text (or why it could not be read) changed. */
  reload(uri: string): boolean {
    const cached = this.cache.get(uri);
    if (!cached) return false;
    const fresh = this.load(uri);
    this.cache.set(uri, fresh);
    return signature(fresh) !== signature(cached);
  }

  invalidate(uri: string): boolean {
    return this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
  }

  private load(uri: string): LoadedTrust {
    const label = displayPath(uri);
    const open = this.openText(uri);
    if (open !== undefined) return { uri, text: open, parsed: parseTrustList(open, label) };
    const parsedUri = URI.parse(uri);
    if (parsedUri.scheme !== 'file') return { uri };
    const read = readTrustListSync(parsedUri.fsPath);
    if ('text' in read) return { uri, text: read.text, parsed: parseTrustList(read.text, label) };
    if (read.code === 'ENOENT') return { uri };
    // Reported as the list's own error (diagnostics on the file, a warning): checks then run with no trusted account.
    const message = `The trust list was not read: ${read.reason}. No account is trusted until it is fixed.`;
    return { uri, parsed: { list: parseTrustList('{}', label).list, problems: [{ span: { offset: 0, length: 0 }, severity: 'error', message }] } };
  }
}

function signature(loaded: LoadedTrust): string {
  return loaded.text !== undefined ? `text:${loaded.text}` : `none:${loaded.parsed?.problems[0]?.message ?? ''}`;
}

/** The trust file as users know it: its path for local files, else the URI. */
export function displayPath(uri: string): string {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? parsed.fsPath : uri;
}
