import { EvalError, list, num, Value } from '../value';
import { HclFunction } from './types';
import { define, knownItems, numeric } from './support';
import { tidy } from './numbers';

const RANGE_LIMIT = 1024;

const sum = define('sum', 1, 1, ([value], context) => {
  const all = knownItems(value);
  if (all.length === 0) throw new EvalError('cannot sum an empty list');
  return num(tidy(all.reduce((total, item) => total + numeric(item), 0)), context.origin);
});

function extreme(name: string, pick: (...values: number[]) => number): HclFunction {
  return define(name, 1, Infinity, (args, context) => num(pick(...args.map(numeric)), context.origin));
}

function rounding(name: string, round: (value: number) => number): HclFunction {
  // `+ 0` turns JavaScript's -0 (Math.ceil(-0.5)) into the 0 Terraform prints.
  return define(name, 1, 1, ([value], context) => num(round(numeric(value)) + 0, context.origin));
}

/** Terraform's range: start (0), limit and step (1, or -1 counting down), at most 1024 numbers. */
const range = define('range', 1, 3, (args, context) => {
  const numbers = args.map(numeric);
  const [start, limit] = numbers.length === 1 ? [0, numbers[0]] : [numbers[0], numbers[1]];
  const step = numbers[2] ?? (limit < start ? -1 : 1);
  if (step < 0 && limit > start) throw new EvalError('the limit must be less than the start when the step is negative');
  if (step > 0 && limit < start) throw new EvalError('the limit must be greater than the start when the step is positive');
  const result: Value[] = [];
  for (let current = start; step < 0 ? current > limit : current < limit; current = tidy(current + step)) {
    if (result.length >= RANGE_LIMIT) throw new EvalError(`range would make more than ${RANGE_LIMIT} numbers`);
    result.push(num(current, context.origin));
  }
  return list(result, context.origin);
});

export const NUMERIC_FUNCTIONS: [string, HclFunction][] = [
  ['sum', sum], ['min', extreme('min', Math.min)], ['max', extreme('max', Math.max)],
  ['abs', define('abs', 1, 1, ([value], context) => num(Math.abs(numeric(value)), context.origin))],
  ['ceil', rounding('ceil', Math.ceil)], ['floor', rounding('floor', Math.floor)],
  ['range', range],
];
