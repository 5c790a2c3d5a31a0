import type { RegionProgress } from '../audit/readRegistry';

/** How often the line is redrawn at most: a large audit reports thousands of calls. */
const REDRAW_MS = 100;

/** A progress line on a terminal (stderr): the calls done of each region, redrawn in place. */
export function progressLine(stream: NodeJS.WriteStream): { update(progress: RegionProgress): void; clear(): void } {
  const regions = new Map<string, RegionProgress>();
  let drawn = 0;
  return {
    update(progress) {
      regions.set(progress.region, progress);
      if (Date.now() - drawn < REDRAW_MS) return;
      drawn = Date.now();
      const parts = [...regions.values()].map((region) => `${region.region} ${region.done}/${region.total}`);
      stream.write(`\r\x1b[2KAuditing: ${parts.join(', ')} calls`);
    },
    clear() {
      if (drawn > 0) stream.write('\r\x1b[2K');
    },
  };
}
