import * as fs from 'fs';

/**
 * The names of a module's files (a Terraform module's `.tf` files: `extensions` of its module source):
 * every entry of the folder so named except folders (a folder named x.tf is no Terraform file: Terraform
 * passes it over). FIFOs, devices and symlinks are listed; the
 * bounded reader refuses what is not a regular file. An unreadable folder lists nothing.
 */
export function moduleFileNamesSync(folder: string, extensions: readonly string[]): string[] {
  try {
    return namesOf(fs.readdirSync(folder, { withFileTypes: true }), extensions);
  } catch {
    return [];
  }
}

/** The same, without blocking the language server's event loop. */
export async function moduleFileNames(folder: string, extensions: readonly string[]): Promise<string[]> {
  try {
    return namesOf(await fs.promises.readdir(folder, { withFileTypes: true }), extensions);
  } catch {
    return [];
  }
}

function namesOf(entries: readonly fs.Dirent[], extensions: readonly string[]): string[] {
  return entries.filter((entry) => !entry.isDirectory() && extensions.some((extension) => entry.name.toLowerCase().endsWith(extension))).map((entry) => entry.name);
}
