/** Region names as the audit accepts them (pure: the unit tests check it). */

const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

export function isRegionName(name: unknown): name is string {
  return typeof name === 'string' && REGION_NAME.test(name);
}

/** Region names typed in, comma or space separated; undefined when one is not a region name. */
export function parseRegionNames(text: string): string[] | undefined {
  const names = text.split(/[\s,]+/).map((name) => name.trim().toLowerCase()).filter(Boolean);
  return names.length > 0 && names.every(isRegionName) ? [...new Set(names)] : undefined;
}
