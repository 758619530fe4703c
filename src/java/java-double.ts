/**
 * Java's `Double.toString` as JDK 8-18 print it (OpenTSDB 2.4.1 runs on those): plain decimal with at
 * least one fractional digit for 1e-3 <= |d| < 1e7 (`1.0`, `0.5`), otherwise `d.dddE±n` (`1.2E7`,
 * `1.0E-4`), with the shortest round-trip digits except for whole numbers in [2^53, 2^63), which
 * FloatingDecimal prints from their exact integer value (`4.8540896772117504E16`).
 */
export function javaDoubleToString(d: number): string {
  if (d !== d) return 'NaN';
  if (d === Infinity) return 'Infinity';
  if (d === -Infinity) return '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const abs = d < 0 ? -d : d;
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(d);
    // JS prints integers without a fraction; Java always has one.
    return s.indexOf('.') < 0 ? s + '.0' : s;
  }
  if (abs >= TWO_53 && abs < TWO_63 && Number.isInteger(abs)) return (d < 0 ? '-' : '') + longDigits(abs);
  const exp = d.toExponential(); // shortest digits, e.g. "-1.2345e-7" or "1e+21"
  const e = exp.indexOf('e');
  let mantissa = exp.slice(0, e);
  if (mantissa.indexOf('.') < 0) mantissa += '.0';
  const power = exp.slice(e + 1);
  return `${mantissa}E${power[0] === '+' ? power.slice(1) : power}`;
}

const TWO_53 = 2 ** 53;
const TWO_63 = 2 ** 63;

/** FloatingDecimal's "insignificant digits" per power of two beyond the 53-bit mantissa. */
const INSIGNIFICANT = [
  0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9, 9, 10,
  10, 10, 11, 11, 11, 12, 12, 12, 12, 13, 13, 13, 14, 14, 14, 15, 15, 15, 15, 16, 16, 16, 17, 17, 17, 18,
  18, 18, 19,
];

/** FloatingDecimal's easy path (`developLongDigits`) for a whole number in [2^53, 2^63). */
function longDigits(abs: number): string {
  let value = BigInt(abs);
  const binExp = value.toString(2).length - 1;
  const p2 = binExp - 54;
  const insignificant = p2 > 1 && p2 < INSIGNIFICANT.length ? INSIGNIFICANT[p2] : 0;
  if (insignificant > 0) {
    const pow10 = 10n ** BigInt(insignificant);
    const residue = value % pow10;
    value /= pow10;
    if (residue >= pow10 / 2n) value++;
  }
  const all = value.toString();
  const exponent = all.length + insignificant - 1;
  const digits = all.replace(/0+$/, '');
  return `${digits[0]}.${digits.length > 1 ? digits.slice(1) : '0'}E${exponent}`;
}
