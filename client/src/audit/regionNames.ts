import { isRegionName } from '../../../server/src/protocol';

/** Region names typed in, comma or space separated; undefined when one is not a region name. */
export function parseRegionNames(text: string): string[] | undefined {
  const names = text.split(/[\s,]+/).map((name) => name.trim().toLowerCase()).filter(Boolean);
  return names.length > 0 && names.every(isRegionName) ? [...new Set(names)] : undefined;
}
