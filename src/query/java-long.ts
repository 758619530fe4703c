/**
 * Java's two ways of reading a long from text, with their exact error texts: `Long.parseLong`
 * (rate options) and OpenTSDB's faster `Tags.parseLong` (times). Both reject anything outside int64.
 */

export const LONG_MAX = 9223372036854775807n;
export const LONG_MIN = -9223372036854775808n;

/** Java's NumberFormatException (a kind of IllegalArgumentException). */
export class NumberFormatError extends Error {
  override name = 'NumberFormatError';
}

/** `Long.parseLong(s)`: optional sign, then decimal digits; message `For input string: "s"`. */
export function parseJavaLong(s: string): bigint {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new NumberFormatError(`For input string: "${s}"`);
  const v = BigInt(s);
  if (v > LONG_MAX || v < LONG_MIN) throw new NumberFormatError(`For input string: "${s}"`);
  return v;
}

/** `Tags.parseLong(s)` (OpenTSDB 2.4.1 `src/core/Tags.java`), returned as a number. */
export function tagsParseLong(s: string): number {
  const n = s.length;
  if (n === 0) throw new NumberFormatError('Empty string');
  let i = 0;
  const c0 = s.charCodeAt(0);
  if (c0 === 0x2b || c0 === 0x2d) {
    if (n === 1) throw new NumberFormatError(`Just a sign, no value: ${s}`);
    if (n > 20) throw new NumberFormatError(`Value too long: ${s}`);
    i = 1;
  } else if (n > 19) {
    throw new NumberFormatError(`Value too long: ${s}`);
  }
  for (let k = i; k < n; k++) {
    const c = s.charCodeAt(k);
    if (c < 0x30 || c > 0x39) throw new NumberFormatError(`Invalid character '${s[k]}' in ${s}`);
  }
  const v = BigInt(s);
  if (v > LONG_MAX || v < LONG_MIN) throw new NumberFormatError(`Overflow in ${s}`);
  return Number(v);
}
