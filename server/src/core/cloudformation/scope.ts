import { entryOf, CfnNode, literalOf, valueOf } from './nodes';

/** A template parameter as far as it can stand for a value: its type and its `Default`. */
export interface Parameter {
  type?: string;
  default?: CfnNode;
}

/** What intrinsic functions may draw on: the template's parameters and mappings, spans in the template's text. */
export interface TemplateScope {
  parameters: ReadonlyMap<string, Parameter>;
  mappings?: CfnNode;
}

export const EMPTY_SCOPE: TemplateScope = { parameters: new Map() };

export function templateScope(parameters: CfnNode | undefined, mappings: CfnNode | undefined): TemplateScope {
  const byName = new Map<string, Parameter>();
  if (parameters?.kind === 'map') {
    for (const { key, value } of parameters.entries) byName.set(key, { type: literalOf(valueOf(value, 'Type')), default: entryOf(value, 'Default')?.value });
  }
  return { parameters: byName, mappings: mappings?.kind === 'map' ? mappings : undefined };
}

/**
 * Parameters whose value is looked up in Systems Manager Parameter Store when the stack is deployed: their
 * `Default` is the name of the SSM parameter, not its value.
 */
export function isSsmParameter(parameter: Parameter): boolean {
  return parameter.type?.startsWith('AWS::SSM::Parameter::') === true;
}

/** List-typed parameters (`CommaDelimitedList`, `List<...>`), whose value is comma-separated. */
export function isListParameter(parameter: Parameter): boolean {
  return parameter.type === 'CommaDelimitedList' || parameter.type?.startsWith('List<') === true;
}
