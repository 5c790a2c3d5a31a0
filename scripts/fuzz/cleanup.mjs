// What the fuzzer must not leave behind, even when interrupted: child processes (a server or CLI stuck
// on a FIFO never exits by itself) and hostile trees (a FIFO left in /tmp can hang a later tool).

const children = new Set();
const folders = new Map();

/** Kills `child` (SIGKILL) if the fuzzer exits while it runs. */
export function trackChild(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Runs `remove` for `folder` if the fuzzer exits before untrackFolder. */
export function trackFolder(folder, remove) {
  folders.set(folder, remove);
}

export function untrackFolder(folder) {
  folders.delete(folder);
}

function cleanUp() {
  for (const child of children) child.kill('SIGKILL');
  for (const [folder, remove] of folders) {
    try {
      remove(folder);
    } catch {
      // best effort on the way out
    }
  }
}

process.once('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    cleanUp();
    process.exit(130);
  });
}
