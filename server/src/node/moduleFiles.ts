import * as fs from 'fs';

/**
 * The names of a Terraform module's `.tf` files: every entry of the folder so named except folders (a folder
 * named x.tf is no Terraform file: Terraform passes it over). FIFOs, devices and symlinks are listed; the
 * bounded reader refuses what is not a regular file. An unreadable folder lists nothing.
 */
export function moduleFileNamesSync(folder: string): string[] {
  try {
    return terraformNames(fs.readdirSync(folder, { withFileTypes: true }));
  } catch {
    return [];
  }
}

/** The same, without blocking the language server's event loop. */
export async function moduleFileNames(folder: string): Promise<string[]> {
  try {
    return terraformNames(await fs.promises.readdir(folder, { withFileTypes: true }));
  } catch {
    return [];
  }
}

function terraformNames(entries: readonly fs.Dirent[]): string[] {
  return entries.filter((entry) => !entry.isDirectory() && entry.name.toLowerCase().endsWith('.tf')).map((entry) => entry.name);
}
