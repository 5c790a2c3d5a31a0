import { Memento, QuickPickItem, window } from 'vscode';
import { isRegionName } from '../../../server/src/protocol';
import { parseRegionNames } from './regionNames';

/**
 * The regions the audit reads, as the user picks them: a multi-select of the commercial regions, "all
 * enabled regions" (the Account API's ListRegions), or names typed in. The last choice is remembered in
 * globalState (the user's, never the workspace's: a repository must not choose where the audit looks).
 */

export const REGIONS_KEY = 'ecrGuard.audit.regions';

export const KNOWN_REGIONS: readonly string[] = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'ca-west-1', 'mx-central-1', 'sa-east-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2',
  'il-central-1', 'me-south-1', 'me-central-1', 'af-south-1',
  'ap-east-1', 'ap-east-2', 'ap-south-1', 'ap-south-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7',
];

const ALL = 'all';
const OTHER = 'other';

/** What was remembered, if it still reads as a choice of regions. */
export function rememberedRegions(state: Memento): string[] | 'all' | undefined {
  const value = state.get<unknown>(REGIONS_KEY);
  if (value === ALL) return ALL;
  return Array.isArray(value) && value.length > 0 && value.every(isRegionName) ? value as string[] : undefined;
}

interface RegionItem extends QuickPickItem {
  value: string;
}

export async function pickRegions(state: Memento): Promise<string[] | 'all' | undefined> {
  const last = rememberedRegions(state);
  const chosen = new Set(last === ALL ? [ALL] : last ?? []);
  const extra = last === ALL || !last ? [] : last.filter((name) => !KNOWN_REGIONS.includes(name));
  const items: RegionItem[] = [
    { value: ALL, label: 'All enabled regions', description: 'every region the account has enabled (Account API ListRegions)' },
    { value: OTHER, label: 'Other regions…', description: 'type region names' },
    ...[...extra, ...KNOWN_REGIONS].map((name) => ({ value: name, label: name })),
  ];
  for (const item of items) item.picked = chosen.has(item.value);
  const picked = await window.showQuickPick(items, {
    canPickMany: true, title: 'ECR Guard: audit deployed registries (1/2)', placeHolder: 'Regions to audit',
  });
  if (!picked || picked.length === 0) return undefined;
  let regions: string[] | 'all';
  if (picked.some((item) => item.value === ALL)) regions = ALL;
  else {
    regions = picked.filter((item) => item.value !== OTHER).map((item) => item.value);
    if (picked.some((item) => item.value === OTHER)) {
      const typed = await window.showInputBox({
        title: 'ECR Guard: other regions', prompt: 'Region names, separated by commas', placeHolder: 'us-gov-west-1, cn-north-1',
        validateInput: (text) => (parseRegionNames(text) ? undefined : 'Region names such as eu-west-1, separated by commas'),
      });
      const names = typed === undefined ? undefined : parseRegionNames(typed);
      if (!names) return undefined;
      regions = [...new Set([...regions, ...names])];
    }
    if (regions.length === 0) return undefined;
  }
  await state.update(REGIONS_KEY, regions);
  return regions;
}
