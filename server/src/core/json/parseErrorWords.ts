import { ParseErrorCode, printParseErrorCode } from 'jsonc-parser';

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

/** A jsonc-parser error as a sentence fragment ("expected a closing bracket ]"), not its code name. */
export function parseErrorInWords(code: ParseErrorCode): string {
  return IN_WORDS[code] ?? printParseErrorCode(code);
}
