/**
 * Java's `Long.parseLong`, as OpenTSDB reads rate options (`Tags.parseLong`, used for times, lives in
 * core/value-parser).
 */
import { NumberFormatError } from '../core/value-parser';

export { NumberFormatError };

export const LONG_MAX = 9223372036854775807n;
export const LONG_MIN = -9223372036854775808n;

/** `Long.parseLong(s)`: optional sign, then decimal digits; message `For input string: "s"`. */
export function parseJavaLong(s: string): bigint {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new NumberFormatError(`For input string: "${s}"`);
  const v = BigInt(s);
  if (v > LONG_MAX || v < LONG_MIN) throw new NumberFormatError(`For input string: "${s}"`);
  return v;
}
