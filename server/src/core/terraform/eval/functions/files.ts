import { EvalError, str, typeName } from '../value';
import { HclFunction } from './types';
import { define, known, notKnown, text } from './support';

/*
 * A file the host cannot give (missing, outside the workspace, not text) makes the result unknown, not
 * an error: Terraform would read it at plan time, and ECR Guard must not report a mistake the user did
 * not make.
 */

/** The file's text, standing where it was written: the whole file. */
const file = define('file', 1, 1, ([path], context) => {
  const read = context.readFile(text(path)) ?? notKnown();
  return str(read.text, { file: read.file, span: { offset: 0, length: read.text.length } });
});

const templatefile = define('templatefile', 2, 2, ([path, variables], context) => {
  const read = context.readFile(text(path)) ?? notKnown();
  const given = known(variables);
  if (given.kind !== 'object') throw new EvalError(`templatefile needs an object of variables, not a ${typeName(given)}`);
  return context.renderTemplate(read.text, read.file, given);
});

export const FILE_FUNCTIONS: [string, HclFunction][] = [['file', file], ['templatefile', templatefile]];
