/**
 * Values of data-point cells (§6.3–6.4 of the storage spec): integers big-endian in the shortest of
 * 1, 2, 4 or 8 bytes whose signed range holds them; floats as 4-byte singles (flags 0xB) or 8-byte
 * doubles (flags 0xF).
 */
import { FLAG_FLOAT } from './const';

/** A value ready to store: its bytes and the qualifier flags that describe them. */
export interface EncodedValue {
  readonly bytes: Buffer;
  readonly flags: number;
}

/** A decoded value: integers may exceed 2^53 only as bigint. */
export interface PointValue {
  readonly value: number | bigint;
  readonly isInteger: boolean;
}

const INT1: EncodedValue[] = Array.from({ length: 256 }, (_, i) => ({ bytes: Buffer.from([i]), flags: 0 }));

export function encodeInteger(v: number | bigint): EncodedValue {
  if (typeof v === 'number') {
    if (v >= -128 && v <= 127) return INT1[v & 0xff];
    if (v >= -32768 && v <= 32767) {
      const b = Buffer.allocUnsafe(2);
      b.writeInt16BE(v, 0);
      return { bytes: b, flags: 1 };
    }
    if (v >= -2147483648 && v <= 2147483647) {
      const b = Buffer.allocUnsafe(4);
      b.writeInt32BE(v, 0);
      return { bytes: b, flags: 3 };
    }
    v = BigInt(v);
  }
  if (v >= -2147483648n && v <= 2147483647n) return encodeInteger(Number(v));
  const b = Buffer.allocUnsafe(8);
  b.writeBigInt64BE(v, 0);
  return { bytes: b, flags: 7 };
}

/** A 4-byte IEEE single (the value must be exactly representable to round-trip). */
export function encodeFloat(v: number): EncodedValue {
  const b = Buffer.allocUnsafe(4);
  b.writeFloatBE(v, 0);
  return { bytes: b, flags: FLAG_FLOAT | 3 };
}

export function encodeDouble(v: number): EncodedValue {
  const b = Buffer.allocUnsafe(8);
  b.writeDoubleBE(v, 0);
  return { bytes: b, flags: FLAG_FLOAT | 7 };
}

export class IllegalDataError extends Error {
  override name = 'IllegalDataError';
}

/** Decodes `length` value bytes at `at` with the given flags (RowSeq.extract*Value). */
export function decodeValue(buf: Buffer, at: number, flags: number, length: number): PointValue {
  if ((flags & FLAG_FLOAT) !== 0) {
    if (length === 4) return { value: buf.readFloatBE(at), isInteger: false };
    if (length === 8) return { value: buf.readDoubleBE(at), isInteger: false };
    throw new IllegalDataError(`Floating point value with ${length} bytes`);
  }
  switch (length) {
    case 1:
      return { value: buf.readInt8(at), isInteger: true };
    case 2:
      return { value: buf.readInt16BE(at), isInteger: true };
    case 4:
      return { value: buf.readInt32BE(at), isInteger: true };
    case 8: {
      const v = buf.readBigInt64BE(at);
      return { value: v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v, isInteger: true };
    }
    default:
      throw new IllegalDataError(`Integer value with ${length} bytes`);
  }
}
