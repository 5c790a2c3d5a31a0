/**
 * A file's name relative to another file's folder, for names as hosts give them: POSIX paths, Windows paths
 * (`C:\a\x.json`, `\\server\share\x.json`) and URIs (`file:///a/x.json`, `file:///c%3A/a/x.json`). Pure
 * string work (the core has no `path` or `url`): a `file:` URI and the path it names are the same place, and
 * Windows names compare without regard to case, as Windows does.
 */
export interface RelativeName {
  /** Segments joined with `/`. */
  path: string;
  /** Whether names here are case-insensitive (a Windows drive or share). */
  foldCase: boolean;
}

/** `name` relative to the folder holding `sibling`, or undefined when it is not inside that folder. */
export function relativeToFolderOf(sibling: string, name: string): RelativeName | undefined {
  const anchor = locate(sibling);
  const target = locate(name);
  if (!anchor || !target) return undefined;
  const foldCase = anchor.foldCase || target.foldCase;
  const same = (a: string, b: string): boolean => (foldCase ? a.toLowerCase() === b.toLowerCase() : a === b);
  const folder = anchor.segments.slice(0, -1);
  if (!same(anchor.root, target.root) || target.segments.length <= folder.length) return undefined;
  if (!folder.every((segment, index) => same(segment, target.segments[index]))) return undefined;
  return { path: target.segments.slice(folder.length).join('/'), foldCase };
}

interface Located {
  /** '' for a relative name, '/' for a POSIX one, `c:` for a drive, `//server` for a share, `scheme://authority` for other URIs. */
  root: string;
  segments: string[];
  foldCase: boolean;
}

// Two characters at least, so that a drive letter is not taken for a scheme.
const URI = /^([a-zA-Z][a-zA-Z0-9+.-]+):\/\/([^/]*)(.*)$/;
const DRIVE = /^([a-zA-Z]):(?:[\\/]|$)/;
const SHARE = /^[\\/]{2}([^\\/]+)/;

function locate(name: string): Located | undefined {
  const uri = URI.exec(name);
  if (!uri) return fromPath(name);
  const scheme = uri[1].toLowerCase();
  const path = decode(uri[3]);
  const authority = decode(uri[2]);
  if (path === undefined || authority === undefined) return undefined;
  if (scheme !== 'file') return { root: `${scheme}://${authority}`, segments: segmentsOf(path), foldCase: false };
  if (authority !== '' && authority.toLowerCase() !== 'localhost') return fromPath(`//${authority}${path}`);
  // file:///c:/a is the drive path c:/a; file:///a is /a.
  return fromPath(/^\/[a-zA-Z]:/.test(path) ? path.slice(1) : path === '' ? '/' : path);
}

function fromPath(path: string): Located {
  const drive = DRIVE.exec(path);
  if (drive) return { root: `${drive[1].toLowerCase()}:`, segments: segmentsOf(path.slice(2)), foldCase: true };
  const share = SHARE.exec(path);
  if (share) return { root: `//${share[1].toLowerCase()}`, segments: segmentsOf(path.slice(share[0].length)), foldCase: true };
  return { root: /^[\\/]/.test(path) ? '/' : '', segments: segmentsOf(path), foldCase: false };
}

/** Segments between either separator, with `.` and empty ones dropped and `..` taking one back. */
function segmentsOf(path: string): string[] {
  const segments: string[] = [];
  for (const segment of path.split(/[\\/]/)) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && segments.length > 0 && segments[segments.length - 1] !== '..') segments.pop();
    else segments.push(segment);
  }
  return segments;
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
