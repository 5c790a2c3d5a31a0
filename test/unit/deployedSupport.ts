import * as fs from 'fs';
import * as path from 'path';
import { analyzeBatch } from '../../server/src/core/batch';
import { WorkspacePolicy } from '../../server/src/core/deployed/analyze';
import { TerraformParser } from '../../server/src/core/terraform';

/** The workspace's policies as the scan reads them: every file of `workspace/`, Terraform by folder. */
export function workspacePolicies(folder: string, terraform: TerraformParser): WorkspacePolicy[] {
  const files = fs.readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name)).sort()
    .map((name) => ({ name, text: fs.readFileSync(name, 'utf8') }));
  const results = analyzeBatch(files, () => ({}), { terraform });
  return files.flatMap((file) => (results.get(file.name)?.documents ?? []).map((document) => ({ file: file.name, text: file.text, document })));
}
