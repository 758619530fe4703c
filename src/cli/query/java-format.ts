/**
 * Java's `String.format("%f", double)`, as `tsdb query` prints non-integer values: six decimals,
 * rounded half-up from the shortest decimal form of the double (Java's FormattedFloatingDecimal),
 * not from its exact binary value as `toFixed` does; NaN and infinities by name.
 */
export function javaFormatF(value: number, decimals = 6): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  const negative = value < 0 || Object.is(value, -0);
  const [mantissa, exp] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  // The decimal point sits after `point` digits (may be <= 0 or beyond the digits).
  const point = Number(exp) + 1;
  const padded = point <= 0 ? '0'.repeat(1 - point) + digits : digits.padEnd(point + decimals + 1, '0');
  const intLen = Math.max(point, 1);
  let kept = padded.slice(0, intLen + decimals).padEnd(intLen + decimals, '0');
  if ((padded.charCodeAt(intLen + decimals) || 48) >= 53) kept = incrementDecimal(kept);
  const intPart = kept.slice(0, kept.length - decimals).replace(/^0+(?=\d)/, '');
  return `${negative ? '-' : ''}${intPart}.${kept.slice(kept.length - decimals)}`;
}

/** Adds one to a string of decimal digits (it may grow by one digit). */
function incrementDecimal(s: string): string {
  const d = s.split('');
  for (let i = d.length - 1; i >= 0; i--) {
    if (d[i] !== '9') {
      d[i] = String(Number(d[i]) + 1);
      return d.join('');
    }
    d[i] = '0';
  }
  return `1${d.join('')}`;
}
