/**
 * 64-bit integers on the wire. protobufjs decodes uint64/int64 to Long objects ({low, high}) and
 * encodes from the same shape, so bigint values are converted explicitly at this boundary.
 */
export interface LongBits {
  readonly low: number;
  readonly high: number;
  readonly unsigned?: boolean;
}

export type WireLong = LongBits | number;

const MASK_32 = 0xffffffffn;

/** A bigint (signed or unsigned, 64-bit two's complement) as protobufjs's Long shape. */
export function toLong(value: bigint, unsigned = false): LongBits {
  const v = BigInt.asUintN(64, value);
  return { low: Number(v & MASK_32) | 0, high: Number((v >> 32n) & MASK_32) | 0, unsigned };
}

/** A decoded 64-bit field as bigint; `signed` picks int64 against uint64 reading. */
export function fromLong(value: WireLong | undefined | null, signed = false): bigint {
  if (value === undefined || value === null) return 0n;
  if (typeof value === 'number') return BigInt(value);
  const v = (BigInt(value.high >>> 0) << 32n) | BigInt(value.low >>> 0);
  return signed ? BigInt.asIntN(64, v) : v;
}

/** A decoded 64-bit field as a JS number (timestamps, region ids: well inside 2^53). */
export function longToNumber(value: WireLong | undefined | null): number {
  return Number(fromLong(value));
}

/** 8 random bytes as an unsigned 64-bit value (nonces, nonce groups). */
export function randomLong(random: (n: number) => Buffer): LongBits {
  const b = random(8);
  return { low: b.readInt32BE(4), high: b.readInt32BE(0), unsigned: true };
}
