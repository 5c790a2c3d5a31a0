import { Span } from '../model';
import { EvalContext } from './eval/context';
import { Placement } from './eval/strs';
import { TerraformModuleContext } from './module';
import { Value } from './eval/value';

/** The evaluation context of a top-level block of `file`: its module, the instance's bindings, the block as home. */
export function blockContext(module: TerraformModuleContext, file: string, home: Span, bindings: Record<string, Value>): EvalContext {
  return { module: module.env(), file, home: { file, span: home }, bindings: new Map(Object.entries(bindings)), depth: 0 };
}

export function placementOf(file: string, home: Span, anchor: Span): Placement {
  return { file, home, anchor };
}
