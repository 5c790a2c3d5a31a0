/**
 * File names as the host gives them (paths, or URIs in the editor), joined and normalised without `path`:
 * the core runs where Node does not.
 */
export function joinName(folder: string, relative: string): string {
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  const parts = folder === '' ? [] : folder.split(/[\\/]/);
  for (const part of relative.split(/[\\/]/)) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..' && parts[parts.length - 1] !== '') parts.pop();
    else parts.push(part);
  }
  return parts.join(separator);
}

export function baseName(name: string): string {
  return name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
}

/** The folder part of a path or URI (either separator): files of a module source share it. */
export function folderOf(name: string): string {
  const slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
  return slash >= 0 ? name.slice(0, slash) : '';
}
