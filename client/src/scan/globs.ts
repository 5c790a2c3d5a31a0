/**
 * Glob helpers for the scan's file search, free of the vscode module so unit tests can run them.
 */

/**
 * One exclude glob for workspace.findFiles from the built-in folders and the `files.exclude` and
 * `search.exclude` settings: every pattern set to true (patterns with a `when` clause are not applied), in
 * one brace group. VS Code globs do not nest braces, so each pattern's own braces are expanded first.
 */
export function excludePattern(always: readonly string[], settings: readonly Record<string, unknown>[]): string {
  const patterns = new Set(always);
  for (const excludes of settings) {
    for (const [pattern, value] of Object.entries(excludes)) {
      if (value !== true) continue;
      for (const expanded of expandBraces(pattern)) patterns.add(expanded);
    }
  }
  return `{${[...patterns].join(',')}}`;
}

/** `a/{b,c}/*.{x,y}` -> the four plain patterns; a pattern without braces is itself. */
export function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf('{');
  if (open < 0) return [pattern];
  let depth = 0;
  for (let i = open; i < pattern.length; i++) {
    if (pattern[i] === '{') depth++;
    else if (pattern[i] === '}' && --depth === 0) {
      const alternatives = splitTopLevel(pattern.slice(open + 1, i));
      const rest = expandBraces(pattern.slice(i + 1));
      return alternatives.flatMap((alternative) => expandBraces(pattern.slice(0, open) + alternative).flatMap((head) => rest.map((tail) => head + tail)));
    }
  }
  return [pattern];
}

function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '{') depth++;
    else if (body[i] === '}') depth--;
    else if (body[i] === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}
