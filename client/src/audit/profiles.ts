import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * The profile names of the user's shared AWS config and credentials files, for the audit's quick pick.
 * Only section names are read out: no key, token or endpoint leaves the files (the SDK reads them itself
 * when the audit runs). The files are where the SDK looks (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE,
 * else ~/.aws/config and ~/.aws/credentials): the user's environment, never a workspace setting.
 */

export interface ProfileFiles {
  config: string;
  credentials: string;
}

export function profileFiles(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): ProfileFiles {
  return {
    config: env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials'),
  };
}

/**
 * Section names as profiles: in the config file `[default]` and `[profile NAME]` (other sections, such as
 * `[sso-session NAME]` and `[services NAME]`, are not profiles); in the credentials file every `[NAME]`.
 */
export function profileNames(text: string, file: 'config' | 'credentials'): string[] {
  const names: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const section = /^\s*\[\s*([^\]]+?)\s*\]\s*(?:[#;].*)?$/.exec(line)?.[1];
    if (!section) continue;
    if (file === 'credentials') names.push(section);
    else if (section === 'default') names.push(section);
    else {
      const profile = /^profile\s+(\S+)$/.exec(section)?.[1];
      if (profile) names.push(profile);
    }
  }
  return names;
}

/** Every profile name of both files, each once, `default` first, the others sorted. */
export function listProfiles(files: ProfileFiles = profileFiles(), read: (file: string) => string | undefined = readText): string[] {
  const names = new Set<string>();
  for (const kind of ['config', 'credentials'] as const) {
    const text = read(files[kind]);
    if (text !== undefined) for (const name of profileNames(text, kind)) names.add(name);
  }
  const sorted = [...names].filter((name) => name !== 'default').sort((a, b) => a.localeCompare(b));
  return names.has('default') ? ['default', ...sorted] : sorted;
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
