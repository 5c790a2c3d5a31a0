import { ParseError, parseTree } from 'jsonc-parser';
import { parseErrorInWords } from '../core/json/parseErrorWords';
import { lineStarts, positionOf } from '../core/text';
import { readTrustListSync } from '../node/readTrustList';
import { UsageError } from './arguments';

/**
 * The --trust file must exist, be readable and be JSON before anything is scanned: otherwise every file
 * would be checked as if there were no trust list, burying the one real error under findings. A list that
 * is JSON but breaks the schema is left to the scan, which reports each problem.
 */
export function checkTrustFile(file: string | undefined): void {
  if (file === undefined) return;
  const read = readTrustListSync(file);
  if ('reason' in read) {
    throw new UsageError(`trust list error: ${file}: ${read.code === 'ENOENT' ? 'does not exist' : read.reason}`, false);
  }
  const error = firstParseError(read.text);
  if (error) {
    const { line, column } = positionOf(read.text, lineStarts(read.text), error.offset);
    throw new UsageError(`trust list error: ${file}:${line}:${column}: not valid JSON: ${parseErrorInWords(error.error)}`, false);
  }
}

function firstParseError(text: string): ParseError | undefined {
  const errors: ParseError[] = [];
  try {
    // As the trust list is read (core/trust.ts): a BOM is a space, comments and trailing commas are allowed.
    parseTree(text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text, errors, { allowTrailingComma: true, disallowComments: false });
  } catch (error) {
    // Nesting too deep for the parser: the scan reports it as it does today.
    if (!(error instanceof RangeError)) throw error;
  }
  return errors[0];
}
