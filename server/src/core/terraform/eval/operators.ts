import { asBool, asNumber, bool, EvalError, num, Origin, sameValue, unknown, Value } from './value';

/** HCL's binary operators; `&&` and `||` look at the right side only when the left does not decide. */
export function binaryOperation(operator: string, left: () => Value, right: () => Value, origin: Origin): Value {
  const a = left();
  if (operator === '&&' || operator === '||') {
    if (a.kind !== 'unknown' && asBool(a) === (operator === '||')) return bool(operator === '||', origin);
    const b = right();
    if (a.kind === 'unknown' || b.kind === 'unknown') return unknownOf(a, b, origin);
    return bool(asBool(b), origin);
  }
  const b = right();
  if (a.kind === 'unknown' || b.kind === 'unknown') return unknownOf(a, b, origin);
  switch (operator) {
    case '==': return bool(sameValue(a, b), origin);
    case '!=': return bool(!sameValue(a, b), origin);
    case '<': return bool(asNumber(a) < asNumber(b), origin);
    case '>': return bool(asNumber(a) > asNumber(b), origin);
    case '<=': return bool(asNumber(a) <= asNumber(b), origin);
    case '>=': return bool(asNumber(a) >= asNumber(b), origin);
    case '+': return num(asNumber(a) + asNumber(b), origin);
    case '-': return num(asNumber(a) - asNumber(b), origin);
    case '*': return num(asNumber(a) * asNumber(b), origin);
    case '/': return num(asNumber(a) / asNumber(b), origin);
    case '%': return num(asNumber(a) % asNumber(b), origin);
    default: throw new EvalError(`unknown operator ${operator}`);
  }
}

export function unaryOperation(operator: string, operand: Value, origin: Origin): Value {
  if (operand.kind === 'unknown') return operand;
  if (operator === '!') return bool(!asBool(operand), origin);
  if (operator === '-') return num(-asNumber(operand), origin);
  throw new EvalError(`unknown operator ${operator}`);
}

function unknownOf(a: Value, b: Value, origin: Origin): Value {
  const text = a.kind === 'unknown' ? a.text : b.kind === 'unknown' ? b.text : '';
  return unknown(text, origin);
}
