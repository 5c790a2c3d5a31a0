import { Span } from '../model';

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * The value of a JSON string literal's content (`raw`, without its quotes), and for each UTF-16 unit of the
 * value the offset in `raw` of the text it was written as; one more entry, `raw.length`, closes the last.
 * Terraform writes `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026`, and policies hold `\"` and `\n`, so
 * each escape maps back to its whole spelling. An escape JSON does not have stands for its letter.
 */
export function decodeJsonString(raw: string): { value: string; offsets: number[] } {
  let value = '';
  const offsets: number[] = [];
  for (let i = 0; i < raw.length;) {
    offsets.push(i);
    if (raw[i] !== '\\' || i + 1 >= raw.length) {
      value += raw[i];
      i += 1;
    } else if (raw[i + 1] === 'u' && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 2, i + 6))) {
      // One unit per escape: a surrogate pair is two escapes, and stays two units of the value.
      value += String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16));
      i += 6;
    } else {
      value += SIMPLE_ESCAPES[raw[i + 1]] ?? raw[i + 1];
      i += 2;
    }
  }
  offsets.push(raw.length);
  return { value, offsets };
}

/** Maps spans of a decoded string's value into the file, where its content starts at `base`. */
export function spanMapper(offsets: readonly number[], base: number): (span: Span) => Span {
  const at = (offset: number): number => base + offsets[Math.max(0, Math.min(offset, offsets.length - 1))];
  return (span) => {
    const start = at(span.offset);
    return { offset: start, length: Math.max(0, at(span.offset + span.length) - start) };
  };
}
