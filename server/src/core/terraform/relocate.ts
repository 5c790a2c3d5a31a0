import { PolicyDocument, Span, Str } from '../model';
import { mapDocument } from '../shift';
import { Placement } from './eval/strs';

/**
 * A document a called module built, moved into the caller's file: values the caller gave sit on the
 * caller's arguments; what the module writes itself sits on the call and points into the module's file.
 * No fix rewrites such statements (their text is the module's).
 */
export function relocate(document: PolicyDocument, childFile: string, placement: Placement, address: string): PolicyDocument {
  const toCall = (): Span => placement.anchor;
  const str = (item: Str): Str => {
    if (item.definedAt?.file === placement.file) return { ...item, span: item.definedAt.span, definedAt: undefined };
    const definedAt = item.definedAt ?? { span: item.span, message: 'Defined in the module', file: childFile };
    return { ...item, span: placement.anchor, definedAt: { ...definedAt, file: definedAt.file ?? childFile } };
  };
  const moved = mapDocument(document, toCall, str);
  for (const statement of moved.statements) statement.generated = `built by ${address}`;
  const resource = document.provenance?.resource;
  return { ...moved, syntax: { kind: 'opaque' }, provenance: { source: 'terraform', ...document.provenance, resource: resource ? `${address}.${resource}` : address } };
}
