import { ParseError, ParseErrorCode, parseTree, printParseErrorCode } from 'jsonc-parser';
import { lineStarts, positionOf } from '../core/text';
import { readTrustListSync } from '../node/readTrustList';
import { UsageError } from './arguments';

/** What each jsonc-parser error means, in the words a person fixing the file would use. */
const IN_WORDS: Record<ParseErrorCode, string> = {
  [ParseErrorCode.InvalidSymbol]: 'unexpected character',
  [ParseErrorCode.InvalidNumberFormat]: 'not a valid number',
  [ParseErrorCode.PropertyNameExpected]: 'expected a property name in double quotes',
  [ParseErrorCode.ValueExpected]: 'expected a value',
  [ParseErrorCode.ColonExpected]: 'expected a colon after the property name',
  [ParseErrorCode.CommaExpected]: 'expected a comma, or a closing brace or bracket',
  [ParseErrorCode.CloseBraceExpected]: 'expected a closing brace }',
  [ParseErrorCode.CloseBracketExpected]: 'expected a closing bracket ]',
  [ParseErrorCode.EndOfFileExpected]: 'expected the end of the file after the JSON value',
  [ParseErrorCode.InvalidCommentToken]: 'not a valid comment',
  [ParseErrorCode.UnexpectedEndOfComment]: 'a comment is not closed',
  [ParseErrorCode.UnexpectedEndOfString]: 'a string is not closed',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'a number is not complete',
  [ParseErrorCode.InvalidUnicode]: 'not a valid \\u escape',
  [ParseErrorCode.InvalidEscapeCharacter]: 'not a valid escape in a string',
  [ParseErrorCode.InvalidCharacter]: 'a control character in a string must be escaped',
};

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
    throw new UsageError(`trust list error: ${file}:${line}:${column}: not valid JSON: ${IN_WORDS[error.error] ?? printParseErrorCode(error.error)}`, false);
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
