// Peak resident memory of a process, from /proc (Linux): VmHWM, the high-water mark the kernel keeps.
import * as fs from 'node:fs';
import { clearInterval, setInterval } from 'node:timers';

/** Bytes, or 0 where /proc is missing or the process is gone. */
export function peakRss(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/**
 * Polls a process's peak RSS every `everyMs` while it runs; calls `onOver` once it passes `limit`
 * (the caller kills it: an RSS limit is only useful if it stops the growth).
 */
export function watchMemory(pid, limit, onOver, everyMs = 50) {
  let peak = 0;
  let over = false;
  const timer = setInterval(() => {
    peak = Math.max(peak, peakRss(pid));
    if (!over && peak > limit) {
      over = true;
      onOver(peak);
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, peakRss(pid));
      return peak;
    },
    get peak() {
      return peak;
    },
  };
}

export function mb(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}
