import { formatNumber } from '../value';

/*
 * Terraform holds numbers as 512-bit binary floats and prints them with Go's big.Float. A JavaScript
 * double carries the same shortest decimal digits for any number written with up to 15 significant
 * digits, so the printing below starts from those digits and rounds them as Go rounds the 512-bit value.
 */

/** A number's shortest decimal digits: value = 0.`digits` × 10^`point`. */
interface Decimal {
  negative: boolean;
  digits: string;
  point: number;
}

function decimal(value: number): Decimal {
  const [mantissa, exponent] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  return { negative: value < 0 || Object.is(value, -0), digits: digits === '0' ? '' : digits, point: Number(exponent) + 1 };
}

/** `value` rounded to its first `keep` digits (none left: zero). */
function roundTo(value: Decimal, keep: number): Decimal {
  if (keep >= value.digits.length) return value;
  if (keep < 0) return { ...value, digits: '' };
  const head = value.digits.slice(0, keep);
  if (!roundsUp(value, head, value.digits.slice(keep))) return { ...value, digits: head.replace(/0+$/, '') };
  const raised = (BigInt(head || '0') + 1n).toString().padStart(keep, '0');
  const carried = raised.length > keep;
  return { ...value, digits: raised.replace(/0+$/, ''), point: value.point + (carried ? 1 : 0) };
}

function roundsUp(value: Decimal, head: string, rest: string): boolean {
  if (rest[0] !== '5' || rest.length > 1) return rest[0] >= '5';
  // A tie in decimal: for a number binary holds exactly Go rounds half to even; otherwise the 512-bit
  // value lies just above or below the tie and decides.
  const numerator = BigInt(value.digits);
  const scale = value.digits.length - value.point;
  if (scale <= 0 || numerator % 5n ** BigInt(scale) === 0n) return Number(head.at(-1) ?? '0') % 2 === 1;
  return storedAbove(numerator, 10n ** BigInt(scale));
}

/** Whether numerator / denominator, rounded to a 512-bit mantissa, lies above the exact quotient. */
function storedAbove(numerator: bigint, denominator: bigint): boolean {
  const probe = 512 + 4 * denominator.toString().length;
  const length = ((numerator << BigInt(probe)) / denominator).toString(2).length;
  const shift = BigInt(probe - (length - 512));
  return 2n * ((numerator << shift) % denominator) > denominator;
}

function sign(value: Decimal): string {
  return value.negative ? '-' : '';
}

/** Go's %f: `precision` digits after the point. */
export function fixed(value: number, precision: number): string {
  const exact = decimal(value);
  return plain(roundTo(exact, exact.point + precision), precision);
}

/** Digits already rounded, written with `precision` digits after the point. */
function plain(value: Decimal, precision: number): string {
  const { digits, point } = value;
  const whole = point > 0 ? digits.slice(0, point).padEnd(point, '0') : '0';
  const fraction = (point >= 0 ? digits.slice(point) : '0'.repeat(-point) + digits).padEnd(precision, '0');
  return sign(value) + whole + (precision > 0 ? `.${fraction.slice(0, precision)}` : '');
}

/** Go's %e: one digit, `precision` more after the point, and an exponent of at least two digits. */
export function exponential(value: number, precision: number, upper = false): string {
  const rounded = roundTo(decimal(value), precision + 1);
  const digits = rounded.digits.padEnd(precision + 1, '0');
  const exponent = rounded.digits ? rounded.point - 1 : 0;
  const mantissa = digits[0] + (precision > 0 ? `.${digits.slice(1, precision + 1)}` : '');
  return `${sign(rounded)}${mantissa}${upper ? 'E' : 'e'}${exponentText(exponent)}`;
}

function exponentText(exponent: number): string {
  return (exponent < 0 ? '-' : '+') + String(Math.abs(exponent)).padStart(2, '0');
}

/**
 * Go's %g (and Terraform's %v for numbers): plain up to an exponent of 5 (or `precision`), scientific
 * beyond, with the shortest digits when no precision is given.
 */
export function general(value: number, precision?: number, upper = false): string {
  if (value === 0) return sign(decimal(value)) + '0';
  const shortest = precision === undefined;
  const wanted = shortest ? 0 : Math.max(precision, 1);
  const rounded = shortest ? decimal(value) : roundTo(decimal(value), wanted);
  const count = rounded.digits.length;
  let limit = shortest ? 6 : wanted;
  if (!shortest && limit > count && count >= rounded.point) limit = count;
  const exponent = rounded.point - 1;
  if (exponent < -4 || exponent >= limit) {
    const mantissa = rounded.digits[0] + (count > 1 ? `.${rounded.digits.slice(1)}` : '');
    return `${sign(rounded)}${mantissa}${upper ? 'E' : 'e'}${exponentText(exponent)}`;
  }
  const digits = shortest || wanted > rounded.point ? count : wanted;
  return plain(rounded, Math.max(digits - rounded.point, 0));
}

/** A whole number in base 2, 8, 10 or 16, without its sign. */
export function digitsIn(value: number, radix: number): string {
  return BigInt(formatNumber(Math.abs(value))).toString(radix);
}

/**
 * A computed sum or product as Terraform's 512-bit arithmetic would print it: 0.1 + 0.2 is 0.3 there,
 * so a fraction is cut to the 15 significant digits a double holds reliably.
 */
export function tidy(value: number): number {
  return Number.isInteger(value) ? value : Number(value.toPrecision(15));
}
