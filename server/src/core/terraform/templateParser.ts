import { TemplatePart, toExpr } from './eval/ast';
import { TerraformParser } from './parser';
import { attributesOf, configBody } from './syntax';
import { shiftParts } from './templateParts';

/**
 * A template file (`templatefile`) read with the HCL grammar: its text becomes a heredoc, whose template
 * parts tree-sitter parses with the same interpolation and directive rules. Ranges are moved back into
 * the template file's own coordinates.
 */
export function parseTemplateFile(parser: TerraformParser, text: string): TemplatePart[] | undefined {
  let marker = 'ECR_GUARD_TEMPLATE';
  while (text.includes(marker)) marker += '_';
  const prefix = `t = <<${marker}\n`;
  const addedNewline = !text.endsWith('\n');
  const tree = parser.parse(`${prefix}${text}${addedNewline ? '\n' : ''}${marker}\n`);
  try {
    const node = attributesOf(configBody(tree.rootNode)).get('t');
    if (!node || tree.rootNode.hasError) return undefined;
    const expr = toExpr(node);
    if (expr.kind !== 'template') return undefined;
    const parts = shiftParts(expr.parts, -prefix.length);
    return addedNewline ? dropFinalNewline(parts) : parts;
  } finally {
    tree.delete();
  }
}

function dropFinalNewline(parts: TemplatePart[]): TemplatePart[] {
  const last = parts[parts.length - 1];
  if (last?.kind !== 'text' || !last.text.endsWith('\n')) return parts;
  return [...parts.slice(0, -1), { ...last, text: last.text.slice(0, -1) }];
}
