import { Connection } from 'vscode-languageserver/node';
import { TRUST_FILE_NAME } from '../core/trust';

export interface Settings {
  enable: boolean;
  trustList: string;
  maxFileSize: number;
  /** ecrGuard.inlayHints.enable: the trust list's verdict after account IDs. */
  inlayHints: boolean;
  /** ecrGuard.codeLens.enable: a summary of its grants above each policy. */
  codeLens: boolean;
}

export const DEFAULT_SETTINGS: Settings = { enable: true, trustList: TRUST_FILE_NAME, maxFileSize: 20_000_000, inlayHints: true, codeLens: true };

/**
 * Settings pulled per resource with workspace/configuration (so folder settings and Restricted Mode apply)
 * and cached until the client says they changed.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();

  constructor(private readonly connection: Connection, private readonly canPull: boolean) {}

  get(scopeUri: string): Promise<Settings> {
    if (!this.canPull) return Promise.resolve(DEFAULT_SETTINGS);
    let settings = this.cache.get(scopeUri);
    if (!settings) {
      settings = this.connection.workspace.getConfiguration({ scopeUri, section: 'ecrGuard' })
        .then(sanitize, () => DEFAULT_SETTINGS);
      this.cache.set(scopeUri, settings);
    }
    return settings;
  }

  clear(): void {
    this.cache.clear();
  }
}

function sanitize(raw: unknown): Settings {
  const value = (raw ?? {}) as Partial<Record<keyof Settings, unknown>>;
  const enabled = (section: unknown): boolean => (section as { enable?: unknown } | undefined)?.enable !== false;
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : DEFAULT_SETTINGS.enable,
    trustList: typeof value.trustList === 'string' && value.trustList.trim() !== '' ? value.trustList.trim() : DEFAULT_SETTINGS.trustList,
    maxFileSize: typeof value.maxFileSize === 'number' && value.maxFileSize >= 0 ? value.maxFileSize : DEFAULT_SETTINGS.maxFileSize,
    inlayHints: enabled(value.inlayHints),
    codeLens: enabled(value.codeLens),
  };
}
