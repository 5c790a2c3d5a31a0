import { PolicyStatement, Span } from '../model';
import { TextEditSpan } from './types';

/**
 * Replaces a misspelt action with the catalogued name, in place. Only where the text at the finding is
 * the action written as a plain literal (JSON or HCL `"..."`, YAML plain, '...' or "..."), so a value
 * that came from elsewhere (a variable, a parameter's default) is never rewritten at its use.
 */
export function replaceActionEdit(text: string, statement: PolicyStatement, span: Span, name: string): TextEditSpan | undefined {
  const action = statement.actions.find((item) => item.span.offset === span.offset && item.span.length === span.length);
  if (!action || action.origin !== undefined || action.definedAt) return undefined;
  const written = text.slice(span.offset, span.offset + span.length);
  const forms: [string, string][] = [
    [JSON.stringify(action.value), JSON.stringify(name)],
    [`'${action.value}'`, `'${name}'`],
    [action.value, name],
  ];
  const form = forms.find(([before]) => before === written);
  return form && { span, newText: form[1] };
}
