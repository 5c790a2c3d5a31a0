import { Span } from '../model';
import { EvalContext } from './eval/context';
import { Placement } from './eval/strs';
import { TerraformModuleContext } from './module';
import { Value } from './eval/value';
import { Instance, instancesOf } from './instances';
import { HclBlock } from './syntax';
import { spanOf } from './values';

/** The evaluation context of a top-level block of `file`: its module, the instance's bindings, the block as home. */
export function blockContext(module: TerraformModuleContext, file: string, home: Span, bindings: Record<string, Value>): EvalContext {
  return { module: module.env(), file, home: { file, span: home }, bindings: new Map(Object.entries(bindings)), depth: 0 };
}

export function placementOf(file: string, home: Span, anchor: Span): Placement {
  return { file, home, anchor };
}

/** Each instance of a top-level block (one without count/for_each) with the context its expressions evaluate in. */
export function blockInstances(block: HclBlock, module: TerraformModuleContext, file: string): (Instance & { context: EvalContext })[] {
  const home = spanOf(block.node);
  return instancesOf(block, blockContext(module, file, home, {})).map((instance) => ({ ...instance, context: blockContext(module, file, home, instance.bindings) }));
}
