/**
 * Java `long` arithmetic for integer-mode aggregation: exact and wrapping at 64 bits like the JVM.
 * Values travel as doubles while they are safe integers (|v| <= 2^53) and as bigint beyond that.
 */

export type Long = number | bigint;

export const SAFE = Number.MAX_SAFE_INTEGER;
export const LONG_MAX_BIG = 9223372036854775807n;
export const LONG_MIN_BIG = -9223372036854775808n;

export function isSafe(v: number): boolean {
  return v <= SAFE && v >= -SAFE;
}

export function toBig(v: Long): bigint {
  return typeof v === 'bigint' ? v : BigInt(v);
}

/** A wrapped 64-bit result, as a number when it is a safe integer. */
export function fromBig(b: bigint): Long {
  const w = BigInt.asIntN(64, b);
  return w <= 9007199254740991n && w >= -9007199254740991n ? Number(w) : w;
}

/** `(long) d`: truncation toward zero, NaN to 0, saturating at the long range. */
export function doubleToLong(d: number): Long {
  if (d !== d) return 0;
  const t = Math.trunc(d);
  if (isSafe(t)) return t;
  if (t >= 9223372036854775807) return LONG_MAX_BIG;
  if (t <= -9223372036854775808) return LONG_MIN_BIG;
  return BigInt(t);
}

/**
 * Integer LERP of AggregationIterator.nextLongValue: `y0 + (x - x0) * (y1 - y0) / (x1 - x0)` with
 * long overflow and truncating division, exactly as Java computes it.
 */
export function lerpLong(x: number, x0: number, y0: Long, x1: number, y1: Long): Long {
  if (typeof y0 === 'number' && typeof y1 === 'number') {
    const dy = y1 - y0;
    const product = (x - x0) * dy;
    if (isSafe(dy) && isSafe(product)) return y0 + Math.trunc(product / (x1 - x0));
  }
  const product = BigInt.asIntN(64, BigInt(x - x0) * BigInt.asIntN(64, toBig(y1) - toBig(y0)));
  return fromBig(toBig(y0) + product / BigInt(x1 - x0));
}
