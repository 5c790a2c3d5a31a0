import { PolicySource, SourceEnvironment } from '../core/sources/types';
import { TerraformParser } from '../core/terraform';
import type { VariableOptions } from '../core/terraform/host';
import { nodeHostFiles } from './hostFiles';
import { loadTerraformParser } from './wasm';

type Loadable = 'terraform';
type Loaders = { [K in Loadable]-?: () => Promise<NonNullable<SourceEnvironment[K]>> };

const LOADERS: Loaders = { terraform: loadTerraformParser };

/**
 * Supplies what sources require (see PolicySource.requires), loading each part once and only when a file
 * that needs it turns up: a run over JSON files never loads the Terraform WebAssembly.
 */
export class SourceEnvironmentLoader {
  private readonly loading = new Map<Loadable, Promise<unknown>>();
  private readonly environment: SourceEnvironment;

  /** `variables`: what the user gave for Terraform root modules (the CLI's --var-file and --var). */
  constructor(variables?: VariableOptions) {
    this.environment = { files: nodeHostFiles(), terraformVariables: variables };
  }

  /** One part, loaded on first use; a part that fails to load rejects every time it is asked for. */
  get(need: 'terraform'): Promise<TerraformParser> {
    let loading = this.loading.get(need) as Promise<TerraformParser> | undefined;
    if (!loading) {
      loading = LOADERS[need]().then((part) => (this.environment[need] = part));
      this.loading.set(need, loading);
    }
    return loading;
  }

  /** Everything `source` requires. */
  async for(source: PolicySource): Promise<SourceEnvironment> {
    for (const need of source.requires ?? []) if (need === 'terraform') await this.get(need);
    return this.environment;
  }
}
