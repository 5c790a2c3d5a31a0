import { Span } from '../model';

/**
 * Where the top-level sections of a block-style YAML template and the entries of its `Resources` stand,
 * found from line starts and indentation alone. Each piece is then parsed by the yaml library on its own,
 * so that an edit re-parses one resource, not the template, and a syntax error stays in its resource.
 *
 * A YAML block mapping's entries start at its indentation, and nothing inside an entry (block scalars,
 * flow collections, multi-line strings) may come back to that column. The layout is only given for text
 * where that settles it; anything unusual (flow or JSON templates, directives, several documents, quoted or
 * complex top-level keys, a `Resources:` with an inline value, odd indentation, anchors that a piece may
 * alias from another) gets `undefined`, and the template is parsed whole.
 */
export interface TemplateLayout {
  /** Top-level sections by key, each from its key line to the next key line. */
  sections: Map<string, Span>;
  /** The entries of the (last) `Resources` section, each from its key line to the next. */
  resources: Span[];
}

interface Line {
  /** Where the line starts (a byte order mark belongs to the first line). */
  start: number;
  indent: number;
  /** Offset of the first character that is not a space. */
  content: number;
  end: number;
}

export function templateLayout(text: string): TemplateLayout | undefined {
  if (ANCHOR.test(text)) return undefined;
  const sections = new Map<string, Span>();
  let open: { key: string; start: number } | undefined;
  let resources: Span[] = [];
  let resourceIndent = -1;
  let resourceStart = -1;
  let inResources = false;
  let seenContent = false;
  const close = (end: number): void => {
    if (open) sections.set(open.key, { offset: open.start, length: end - open.start });
    if (inResources && resourceStart >= 0) resources.push({ offset: resourceStart, length: end - resourceStart });
    open = undefined;
    inResources = false;
  };
  for (const line of lines(text)) {
    const first = text.charCodeAt(line.content);
    if (line.content === line.end || first === HASH) continue;
    const indent = line.indent;
    if (indent === 0) {
      if (text.startsWith('---', line.start) && !seenContent && restIsEmpty(text, line.start + 3, line.end)) continue;
      seenContent = true;
      if (first === DASH && isBlank(text.charCodeAt(line.start + 1))) {
        // A sequence at the key's own column (`Transform:\n- X`) belongs to the open section.
        if (!open) return undefined;
        continue;
      }
      const key = plainKey(text, line);
      if (key === undefined) return undefined;
      close(line.start);
      open = { key, start: line.start };
      if (key === 'Resources') {
        const colon = text.indexOf(':', line.start);
        if (!restIsEmpty(text, colon + 1, line.end)) return undefined;
        inResources = true;
        resources = [];
        resourceIndent = -1;
        resourceStart = -1;
      }
      continue;
    }
    seenContent = true;
    if (!inResources) continue;
    if (resourceIndent < 0) resourceIndent = indent;
    if (indent < resourceIndent || text.charCodeAt(line.content) === TAB) return undefined;
    if (indent > resourceIndent) continue;
    if (first === DASH || first === QUESTION) return undefined;
    if (resourceStart >= 0) resources.push({ offset: resourceStart, length: line.start - resourceStart });
    resourceStart = line.start;
  }
  close(text.length);
  return { sections, resources };
}

function* lines(text: string): Generator<Line> {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // Where the next CR is, searched again only once passed: one search per CR, not one per line.
  let cr = text.indexOf('\r');
  let start = bom;
  while (start < text.length) {
    if (cr >= 0 && cr < start) cr = text.indexOf('\r', start);
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    // YAML (and the editor) also end a line with a lone CR.
    if (cr >= 0 && cr < end - 1) end = cr;
    let content = start;
    while (content < end && text.charCodeAt(content) === SPACE) content++;
    let trimmed = end;
    while (trimmed > content && isBlank(text.charCodeAt(trimmed - 1))) trimmed--;
    yield { start: start === bom ? 0 : start, indent: content - start, content, end: trimmed };
    start = end + 1;
  }
}

/** The key of a top-level `Key:` line when it is a plain word, else undefined (the layout gives up). */
function plainKey(text: string, line: Line): string | undefined {
  const match = KEY_LINE.exec(text.slice(line.content, line.end));
  return match ? match[1] : undefined;
}

function restIsEmpty(text: string, from: number, end: number): boolean {
  for (let i = from; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === HASH && (i === from || isBlank(text.charCodeAt(i - 1)))) return true;
    if (!isBlank(code)) return false;
  }
  return true;
}

function isBlank(code: number): boolean {
  return code === SPACE || code === TAB || code === CR || code === LF || Number.isNaN(code);
}

// `&name` where YAML allows node properties; a false match only costs a whole parse.
const ANCHOR = /(?:^|[\s[{,])&[^\s]/;
const KEY_LINE = /^([A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]|$)/;
const SPACE = 32;
const TAB = 9;
const CR = 13;
const LF = 10;
const HASH = 35;
const DASH = 45;
const QUESTION = 63;
