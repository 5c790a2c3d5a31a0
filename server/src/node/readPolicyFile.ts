import * as fs from 'fs';

/** A file's text, or why it was not read (with the error code when the system gave one, e.g. ENOENT). */
export type ReadResult = { text: string } | { reason: string; code?: string };

/** Files up to this size are read with synchronous calls; larger ones asynchronously (the server keeps answering). */
const SYNC_READ_BYTES = 1024 * 1024;
/** Reads after the first one: a file that grows or lies about its size (/proc) is read this much at a time. */
const CHUNK_BYTES = 64 * 1024;

/**
 * A FIFO must never block the open (the reader would wait for a writer forever); on a regular file the
 * flag changes nothing. Windows has neither FIFOs nor the flag.
 */
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/**
 * Reads a file that may hold a policy (or a trust list): only a regular file, or a symlink to one, and at
 * most `maxBytes`, checked before reading and again while reading, so a device, a FIFO or a file that grows
 * never costs more than the limit. Too large (with `limitName` naming the setting behind the limit), binary
 * (a NUL), not regular and unreadable files give a reason instead. Synchronous: the CLI's worker threads
 * read thousands of small files.
 */
export function readPolicyFileSync(file: string, maxBytes: number, limitName?: string): ReadResult {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, OPEN_FLAGS);
    const stat = fs.fstatSync(fd);
    const refused = kindVerdict(stat) ?? sizeVerdict(stat.size, maxBytes, limitName);
    if (refused) return refused;
    const descriptor = fd;
    return bytesVerdict(readBoundedSync((buffer, offset, length) => fs.readSync(descriptor, buffer, offset, length, null), stat.size, maxBytes), maxBytes, limitName);
  } catch (error) {
    return unreadable(error);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * The same, reading large files asynchronously. Opening and the size check stay synchronous: with the
 * non-blocking open they never wait, and most files are small enough to be read at once.
 */
export async function readPolicyFile(file: string, maxBytes: number, limitName?: string): Promise<ReadResult> {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, OPEN_FLAGS);
    const stat = fs.fstatSync(fd);
    const refused = kindVerdict(stat) ?? sizeVerdict(stat.size, maxBytes, limitName);
    if (refused) return refused;
    const descriptor = fd;
    if (stat.size < SYNC_READ_BYTES) {
      const syncLimit = Math.min(maxBytes, SYNC_READ_BYTES);
      const small = readBoundedSync((buffer, offset, length) => fs.readSync(descriptor, buffer, offset, length, null), stat.size, syncLimit);
      // A file that claimed to be small but goes on (it grew, or lies like /proc) is read again, asynchronously.
      if (small.length <= syncLimit || maxBytes <= SYNC_READ_BYTES) return bytesVerdict(small, maxBytes, limitName);
    }
    return bytesVerdict(await readBounded(descriptor, stat.size, maxBytes), maxBytes, limitName);
  } catch (error) {
    return unreadable(error);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

type ReadInto = (buffer: Buffer, offset: number, length: number) => number;

/** Where synchronous reads after the first go: usually only to see the end of the file, with no allocation. */
const SCRATCH = Buffer.allocUnsafe(CHUNK_BYTES);

/**
 * Up to `maxBytes + 1` bytes (one more than allowed tells a file over the limit): first what the size
 * promises plus one byte, then in chunks until the end of the file.
 */
function readBoundedSync(read: ReadInto, size: number, maxBytes: number): Buffer {
  const first = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
  let total = read(first, 0, first.length);
  const chunks = [first.subarray(0, total)];
  while (total > 0 && total <= maxBytes) {
    const count = read(SCRATCH, 0, Math.min(CHUNK_BYTES, maxBytes + 1 - total));
    if (count === 0) break;
    chunks.push(Buffer.from(SCRATCH.subarray(0, count)));
    total += count;
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}

async function readBounded(fd: number, size: number, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  let want = Math.min(size, maxBytes) + 1;
  while (total <= maxBytes) {
    const chunk = Buffer.allocUnsafe(Math.min(want, maxBytes + 1 - total));
    const bytesRead = await readAt(fd, chunk, total);
    if (bytesRead === 0) break;
    chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
    total += bytesRead;
    want = CHUNK_BYTES;
  }
  return Buffer.concat(chunks, total);
}

function readAt(fd: number, buffer: Buffer, position: number): Promise<number> {
  return new Promise((resolve, reject) => fs.read(fd, buffer, 0, buffer.length, position, (error, count) => (error ? reject(error) : resolve(count))));
}

/** Only regular files hold text: a FIFO would block, a device never ends, a directory has no text. */
function kindVerdict(stat: fs.Stats): ReadResult | undefined {
  if (stat.isFile()) return undefined;
  const kind = stat.isFIFO() ? 'FIFO' : stat.isCharacterDevice() ? 'character device' : stat.isBlockDevice() ? 'block device'
    : stat.isSocket() ? 'socket' : stat.isDirectory() ? 'directory' : 'unknown type';
  return { reason: `not a regular file (${kind})` };
}

function sizeVerdict(size: number, maxBytes: number, limitName: string | undefined): ReadResult | undefined {
  return size > maxBytes ? { reason: `larger than ${maxBytes} bytes${limitName ? ` (${limitName})` : ''}` } : undefined;
}

function bytesVerdict(bytes: Buffer, maxBytes: number, limitName: string | undefined): ReadResult {
  const tooLarge = sizeVerdict(bytes.length, maxBytes, limitName);
  if (tooLarge) return tooLarge;
  if (bytes.includes(0)) return { reason: 'binary (contains NUL bytes)' };
  // VS Code drops a UTF-8 byte order mark when it opens a file (and Terraform accepts one): without it the
  // text and every position match what the editor shows.
  return { text: bytes.toString('utf8', hasUtf8Bom(bytes) ? 3 : 0) };
}

function hasUtf8Bom(bytes: Buffer): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

function unreadable(error: unknown): ReadResult {
  return { reason: cannotBeRead(error), code: (error as NodeJS.ErrnoException).code };
}

/** Why a file or folder could not be read, as every skipped-file note words it: the system's code when it gave one. */
export function cannotBeRead(error: unknown): string {
  return `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
}
