/**
 * Java's `Double.toString` layout, as Jackson writes doubles in OpenTSDB's JSON: plain decimal with at
 * least one fractional digit for 1e-3 <= |d| < 1e7 (`1.0`, `0.5`), otherwise `d.dddE±n` (`1.2E7`,
 * `1.0E-4`). Digits are the shortest that round-trip (JDK 19+; older JDKs very rarely printed a longer
 * string for the same double).
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
  const exp = d.toExponential(); // shortest digits, e.g. "-1.2345e-7" or "1e+21"
  const e = exp.indexOf('e');
  let mantissa = exp.slice(0, e);
  if (mantissa.indexOf('.') < 0) mantissa += '.0';
  const power = exp.slice(e + 1);
  return `${mantissa}E${power[0] === '+' ? power.slice(1) : power}`;
}
