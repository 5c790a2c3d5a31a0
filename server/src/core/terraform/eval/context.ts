import { Span } from '../../model';
import type { Expr, TemplatePart } from './ast';
import { Value } from './value';

/** A local's expression and the file it is written in. */
export interface LocalDefinition {
  expr: Expr;
  file: string;
}

/**
 * What one module knows, shared by every expression evaluated in it: locals (evaluated lazily, once),
 * variable values (already resolved: default < terraform.tfvars < *.auto.tfvars < the caller's --var),
 * literal attributes of resources other expressions refer to, and the host's file access.
 */
export interface ModuleEnv {
  locals: ReadonlyMap<string, LocalDefinition>;
  variables: ReadonlyMap<string, Value>;
  /** `aws_ecr_repository.app.name` and the like: literal attributes of the module's resources, by address. */
  resourceAttribute?(address: string, attribute: string): Value | undefined;
  /** A file of the module folder (relative path as written, `path.module` already resolved). */
  readFile?(path: string): { text: string; file: string } | undefined;
  /** Parses a template file's text into parts (templatefile); undefined when it cannot. */
  parseTemplate?(text: string, file: string): TemplatePart[] | undefined;
  /** Locals already computed, and those being computed (a cycle is unknown, not a hang). */
  readonly localValues: Map<string, Value>;
  readonly evaluating: Set<string>;
}

export function moduleEnv(parts: Omit<ModuleEnv, 'localValues' | 'evaluating'>): ModuleEnv {
  return { ...parts, localValues: new Map(), evaluating: new Set() };
}

/** Where an evaluation stands. */
export interface EvalContext {
  module: ModuleEnv;
  /** The file the expressions being evaluated are written in. */
  file: string;
  /**
   * The block a policy is being built from. A value that enters it through a reference written inside it
   * is re-sited to that reference, so findings stay within the block the user would fix.
   */
  home?: { file: string; span: Span };
  /** Names bound here: `each`, `count`, `for` variables, dynamic iterators, template variables. */
  bindings: ReadonlyMap<string, Value>;
  /** Nesting depth, bounded: hostile configurations must not overflow the stack. */
  depth: number;
}

export const MAX_DEPTH = 200;

export function bind(context: EvalContext, names: Record<string, Value>): EvalContext {
  const bindings = new Map(context.bindings);
  for (const [name, value] of Object.entries(names)) bindings.set(name, value);
  return { ...context, bindings };
}

export function within(inner: Span, outer: Span): boolean {
  return inner.offset >= outer.offset && inner.offset + inner.length <= outer.offset + outer.length;
}

/** Whether a value's origin (or site) is already inside the home block. */
export function isHome(context: EvalContext, file: string | undefined, span: Span | undefined): boolean {
  return !!context.home && !!span && file === context.home.file && within(span, context.home.span);
}
