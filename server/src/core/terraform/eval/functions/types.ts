import { Origin, Value } from '../value';

/** What a function call may ask of the evaluator beyond its arguments. */
export interface FunctionContext {
  /** The call as written (`concat(local.a, var.b)`): the text of an unknown result. */
  text: string;
  /** Where the call stands. */
  origin: Origin;
  /**
   * A file of the module's folder (`file`, `templatefile`), by the path the configuration gives (already
   * relative to the module folder, `path.module` resolved). Undefined when it cannot be read: the result is
   * then unknown, never an error the user did not make.
   */
  readFile(path: string): { text: string; file: string } | undefined;
  /** Renders a template text (`templatefile`) with the given variables (an object value). */
  renderTemplate(text: string, file: string, variables: Value): Value;
}

/**
 * A Terraform built-in function. Arguments arrive evaluated and may be unknown (or hold unknown parts):
 * a function returns unknown when it cannot compute the result, and keeps what it can (a list with one
 * unknown element stays a list with its known elements). It throws EvalError where Terraform reports an
 * error (what `try` and `can` catch).
 */
export type HclFunction = (args: Value[], context: FunctionContext) => Value;
