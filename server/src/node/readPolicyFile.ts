import * as fs from 'fs';

/** A file's text, or why it was not read. */
export type ReadResult = { text: string } | { reason: string };

/** Files up to this size are read in one synchronous call; larger ones asynchronously (the server keeps answering). */
const SYNC_READ_BYTES = 1024 * 1024;

/**
 * Reads a file that may hold a policy: too large (bytes, with `limitName` naming the setting behind the
 * limit), binary (a NUL) and unreadable files give a reason instead. Synchronous: the CLI's worker threads
 * read thousands of small files.
 */
export function readPolicyFileSync(file: string, maxBytes: number, limitName?: string): ReadResult {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const tooLarge = sizeVerdict(fs.fstatSync(fd).size, maxBytes, limitName);
    return tooLarge ?? textVerdict(fs.readFileSync(fd, 'utf8'));
  } catch (error) {
    return unreadable(error);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** The same, reading large files asynchronously. */
export async function readPolicyFile(file: string, maxBytes: number, limitName?: string): Promise<ReadResult> {
  try {
    const size = (await fs.promises.stat(file)).size;
    if (size <= SYNC_READ_BYTES) return readPolicyFileSync(file, maxBytes, limitName);
    return sizeVerdict(size, maxBytes, limitName) ?? textVerdict(await fs.promises.readFile(file, 'utf8'));
  } catch (error) {
    return unreadable(error);
  }
}

function sizeVerdict(size: number, maxBytes: number, limitName: string | undefined): ReadResult | undefined {
  return size > maxBytes ? { reason: `larger than ${maxBytes} bytes${limitName ? ` (${limitName})` : ''}` } : undefined;
}

function textVerdict(text: string): ReadResult {
  return text.includes('\u0000') ? { reason: 'binary (contains NUL bytes)' } : { text };
}

function unreadable(error: unknown): ReadResult {
  return { reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
}
