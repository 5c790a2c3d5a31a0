import { Memento, QuickPickItem, window } from 'vscode';
import { listProfiles } from './profiles';

/** The profile the audit signs its requests with, picked by name; remembered in globalState, like the regions. */

export const PROFILE_KEY = 'ecrGuard.audit.profile';
const DEFAULT_CHAIN = '';

interface ProfileItem extends QuickPickItem {
  value: string;
}

/** The picked profile name, `''` for the SDK's default credential chain, undefined when the pick was dismissed. */
export async function pickProfile(state: Memento, names: string[] = listProfiles()): Promise<string | undefined> {
  const last = state.get<unknown>(PROFILE_KEY);
  const items: ProfileItem[] = [
    { value: DEFAULT_CHAIN, label: 'Default credentials', description: 'environment variables, AWS_PROFILE, the default profile, SSO, instance roles' },
    ...names.map((name) => ({ value: name, label: name, description: 'profile' })),
  ];
  // The last choice first, so Enter repeats it.
  const lastIndex = items.findIndex((item) => item.value === last);
  if (lastIndex > 0) items.unshift(...items.splice(lastIndex, 1));
  const picked = await window.showQuickPick(items, { title: 'ECR Guard: audit deployed registries (2/2)', placeHolder: 'Credentials to audit with' });
  if (!picked) return undefined;
  await state.update(PROFILE_KEY, picked.value);
  return picked.value;
}
