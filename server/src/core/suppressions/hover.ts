import { Finding, Span } from '../model';
import { lineOf, lineStarts } from '../text';
import { parseDirective } from './directive';

export interface SuppressionHover {
  span: Span;
  /** Markdown. */
  contents: string;
}

/**
 * Over a suppression comment: what it suppresses now, so that an accepted finding stays visible where it
 * was accepted. `findings` are the file's findings with suppressions applied.
 */
export function suppressionHoverAt(text: string, comments: readonly Span[], findings: readonly Finding[], offset: number): SuppressionHover | undefined {
  const span = comments.find((comment) => offset >= comment.offset && offset <= comment.offset + comment.length);
  if (!span) return undefined;
  const directive = parseDirective(text.slice(span.offset, span.offset + span.length));
  if (directive === undefined) return undefined;
  if ('problem' in directive) return { span, contents: `**Not a suppression.** ${directive.problem}` };
  const named = findings.filter((finding) => finding.suppression?.at.file === undefined && sameSpan(finding.suppression?.at.span, span));
  const rules = directive.rules.map((rule) => `\`${rule}\``).join(', ');
  if (named.length === 0) return { span, contents: `**Suppresses nothing here.** No ${rules} finding on the statement below or on this line.` };
  const starts = lineStarts(text);
  const list = named.map((finding) => `- line ${lineOf(starts, finding.span.offset)}, \`${finding.rule}\`: ${finding.message}`).join('\n');
  const head = named[0].suppression?.expired
    ? `**Expired on ${directive.until}**: ${named.length === 1 ? 'this finding is' : 'these findings are'} reported again.`
    : `**Suppresses ${named.length} finding${named.length === 1 ? '' : 's'}**${directive.until ? ` until ${directive.until}` : ''}. Reason: ${directive.reason}`;
  return { span, contents: `${head}\n\n${list}` };
}

function sameSpan(a: Span | undefined, b: Span): boolean {
  return a !== undefined && a.offset === b.offset && a.length === b.length;
}
