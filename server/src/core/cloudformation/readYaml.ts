import { isMap, isPair, isScalar, Pair } from 'yaml';
import { Span } from '../model';
import { TextCache } from './cache';
import { fromYaml } from './fromYaml';
import { templateLayout, TemplateLayout } from './layout';
import { CfnNode, literalOf, shiftNode, valueOf } from './nodes';
import { isEcrCheckedResource } from './resources';
import { templateScope } from './scope';
import { damageAt, ReadTemplate, scopeIdOf, TemplateResource, uniqueSpans } from './template';
import { parseYaml } from './yaml';

/** What one piece of a template (a section, a resource) parsed to, spans relative to the piece. */
interface Piece {
  node?: CfnNode;
  errors: Span[];
  memo: NonNullable<TemplateResource['memo']>;
}

/**
 * Pieces by their text, shared by every template read: an edit re-parses the piece it changed. The budget
 * holds the largest template read (2 MB) twice over; a workspace scan streams through it rather than pinning
 * every template of the repository in the language server's memory.
 */
const pieces = new TextCache<Piece>(4_000_000);

/** Resources that may be ECR's; the others are never parsed. */
function mayBeEcr(text: string): boolean {
  return text.includes('AWS::ECR::') || text.includes('\\u');
}

/**
 * A YAML template. A block-style template is read piece by piece (see layout.ts); anything else is parsed
 * whole. Both give the same resources and scope.
 */
export function readYamlTemplate(text: string): ReadTemplate {
  const layout = templateLayout(text);
  return layout ? readPieces(text, layout) : readWhole(text);
}

function readPieces(text: string, layout: TemplateLayout): ReadTemplate {
  const damaged: Span[] = [];
  const section = (name: string): CfnNode | undefined => {
    const span = layout.sections.get(name);
    if (!span) return undefined;
    const piece = parsePiece(text.slice(span.offset, span.offset + span.length));
    damaged.push(...piece.errors.map((error) => ({ offset: error.offset + span.offset, length: error.length })));
    const value = valueOf(piece.node, name);
    return value && shiftNode(value, span.offset);
  };
  const scope = templateScope(section('Parameters'), section('Mappings'));
  const scopeKey = ['Parameters', 'Mappings'].map((name) => {
    const span = layout.sections.get(name);
    return span ? `${span.offset}:${text.slice(span.offset, span.offset + span.length)}` : '';
  }).join('\u0000');
  const resources: TemplateResource[] = [];
  for (const span of layout.resources) {
    const source = text.slice(span.offset, span.offset + span.length);
    if (!mayBeEcr(source)) continue;
    const piece = parsePiece(source);
    if (piece.errors.length > 0) {
      damaged.push(span);
      continue;
    }
    const entry = piece.node?.kind === 'map' ? piece.node.entries[0] : undefined;
    if (entry && isEcrCheckedResource(literalOf(valueOf(entry.value, 'Type')))) {
      resources.push({ logicalId: entry.key, node: entry.value, source, base: span.offset, memo: piece.memo });
    }
  }
  return { json: false, scope, scopeId: scopeIdOf(scopeKey), resources, damaged: uniqueSpans(damaged) };
}

function parsePiece(source: string): Piece {
  return pieces.get(source, () => {
    const parsed = parseYaml(source);
    if (!parsed) return { errors: [{ offset: 0, length: source.length }], memo: {} };
    return { node: fromYaml(parsed.document.contents, source, parsed.document), errors: parsed.errors, memo: {} };
  });
}

/** The whole template in one parse: flow style, several documents, anchors across resources, odd layouts. */
export function readWhole(text: string): ReadTemplate {
  const parsed = parseYaml(text);
  const root = parsed?.document.contents;
  if (!parsed || !isMap(root)) return { json: false, scope: templateScope(undefined, undefined), scopeId: 0, resources: [], damaged: parsed ? parsed.errors : [{ offset: 0, length: text.length }] };
  const { document } = parsed;
  const top = (name: string): Pair | undefined => root.items.filter((pair) => isPair(pair) && isScalar(pair.key) && pair.key.value === name).pop();
  const convert = (name: string): CfnNode | undefined => {
    const pair = top(name);
    return pair ? fromYaml(pair.value, text, document) : undefined;
  };
  const scope = templateScope(convert('Parameters'), convert('Mappings'));
  const resourcePairs = resourceEntries(top('Resources'));
  const spans = resourcePairs.map(({ span }) => span);
  const damaged = parsed.errors.map((error) => damageAt(error, spans));
  const resources: TemplateResource[] = [];
  for (const { name, pair, span } of resourcePairs) {
    if (damaged.includes(span) || !isEcrCheckedResource(typeOf(pair.value))) continue;
    const node = fromYaml(pair.value, text, document);
    if (node) resources.push({ logicalId: name, node, source: text, base: 0 });
  }
  return { json: false, scope, scopeId: 0, resources, damaged: uniqueSpans(damaged) };
}

function resourceEntries(resources: Pair | undefined): { name: string; pair: Pair; span: Span }[] {
  if (!resources || !isMap(resources.value)) return [];
  return resources.value.items.flatMap((pair) => {
    if (!isScalar(pair.key) || !pair.key.range) return [];
    const end = (pair.value as { range?: number[] } | null)?.range?.[2] ?? pair.key.range[2];
    return [{ name: String(pair.key.value), pair, span: { offset: pair.key.range[0], length: end - pair.key.range[0] } }];
  });
}

function typeOf(value: unknown): string | undefined {
  if (!isMap(value)) return undefined;
  const type = value.items.find((pair) => isScalar(pair.key) && pair.key.value === 'Type')?.value;
  return isScalar(type) && typeof type.value === 'string' ? type.value : undefined;
}
