import { PolicyDocument, Span } from '../model';
import { CfnNode } from './nodes';
import { TemplateScope } from './scope';

/** An ECR policy resource of a template, ready for extraction. */
export interface TemplateResource {
  logicalId: string;
  /** The resource's value (`Type`, `Properties`), spans pointing into `source`. */
  node: CfnNode;
  /** The text the node was parsed from: the template, or the resource's own lines. */
  source: string;
  /** Where `source` starts in the template. */
  base: number;
  /** For a resource parsed on its own: its policies where it stood at `base`, kept while the scope stays the same. */
  memo?: { scopeId?: number; base?: number; documents?: PolicyDocument[] };
}

/** A template as far as its policies need it. */
export interface ReadTemplate {
  json: boolean;
  /** Parameters and mappings, spans in the template. */
  scope: TemplateScope;
  /** Changes whenever the scope may have (another text, or the same text moved); 0 when nothing is kept. */
  scopeId: number;
  resources: TemplateResource[];
  damaged: Span[];
}

/** The span of a resource or section holding `offset`, or the offset's own place when none does. */
export function damageAt(error: Span, parts: readonly Span[]): Span {
  return parts.find((part) => error.offset >= part.offset && error.offset < part.offset + part.length) ?? error;
}

/** Distinct spans, in order. */
export function uniqueSpans(spans: readonly Span[]): Span[] {
  const seen = new Set<string>();
  return spans
    .filter((span) => !seen.has(`${span.offset}:${span.length}`) && seen.add(`${span.offset}:${span.length}`))
    .sort((a, b) => a.offset - b.offset);
}

let lastScope: { key: string; id: number } = { key: '', id: 0 };

/** A number standing for a scope's text: the same number as long as the same text comes back. */
export function scopeIdOf(key: string): number {
  if (key !== lastScope.key) lastScope = { key, id: lastScope.id + 1 };
  return lastScope.id;
}
