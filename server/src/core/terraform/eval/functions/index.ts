import { HclFunction } from './types';
import { COLLECTION_FUNCTIONS } from './collections';
import { CONVERSION_FUNCTIONS } from './conversion';
import { ENCODING_FUNCTIONS } from './encoding';
import { FILE_FUNCTIONS } from './files';
import { FORMAT_FUNCTIONS } from './format';
import { MAP_FUNCTIONS } from './maps';
import { MATCHING_FUNCTIONS } from './matching';
import { NUMERIC_FUNCTIONS } from './numeric';
import { STRING_FUNCTIONS } from './strings';

/**
 * Terraform's built-in functions the evaluator knows, by name. A call of any other function is unknown.
 * `try` and `can` are not here: they need their arguments unevaluated, so the evaluator handles them.
 */
export const FUNCTIONS: ReadonlyMap<string, HclFunction> = new Map([
  ...COLLECTION_FUNCTIONS, ...MAP_FUNCTIONS, ...CONVERSION_FUNCTIONS, ...STRING_FUNCTIONS, ...FORMAT_FUNCTIONS,
  ...MATCHING_FUNCTIONS, ...ENCODING_FUNCTIONS, ...NUMERIC_FUNCTIONS, ...FILE_FUNCTIONS,
]);

export type { FunctionContext, HclFunction } from './types';
