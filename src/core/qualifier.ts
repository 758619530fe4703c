/**
 * Data-point qualifiers (Internal.buildQualifier / getOffsetFromQualifier):
 *   seconds:      2 bytes, (offset_s << 4) | flags
 *   milliseconds: 4 bytes, 0xF0000000 | (offset_ms << 6) | flags
 * where flags = float bit 0x8 | (value length − 1).
 */
import { FLAG_BITS, FLAGS_MASK, isMilliseconds, MS_BYTE_FLAG, MS_FLAG, MS_FLAG_BITS } from './const';

/** The qualifier of a point at `timestamp` (s or ms) in the row starting at `baseTime` (s). */
export function buildQualifier(timestamp: number, baseTime: number, flags: number): Buffer {
  if (isMilliseconds(timestamp)) {
    const offsetMs = timestamp - baseTime * 1000;
    const q = Buffer.allocUnsafe(4);
    q.writeUInt32BE((MS_FLAG | (offsetMs << MS_FLAG_BITS) | flags) >>> 0, 0);
    return q;
  }
  const q = Buffer.allocUnsafe(2);
  q.writeUInt16BE(((timestamp - baseTime) << FLAG_BITS) | flags, 0);
  return q;
}

/** A (sub-)qualifier starting at `at` is in milliseconds when its first byte's high nibble is F. */
export function inMilliseconds(qualifier: Buffer, at = 0): boolean {
  return (qualifier[at] & MS_BYTE_FLAG) === MS_BYTE_FLAG;
}

/** Width of the sub-qualifier starting at `at`: 4 bytes for ms, 2 for seconds. */
export function qualifierWidth(qualifier: Buffer, at = 0): number {
  return inMilliseconds(qualifier, at) ? 4 : 2;
}

/** Offset from the row's base time in milliseconds, of the sub-qualifier at `at`. */
export function offsetMs(qualifier: Buffer, at = 0): number {
  if (inMilliseconds(qualifier, at)) return (qualifier.readUInt32BE(at) & 0x0fffffc0) >>> MS_FLAG_BITS;
  return (qualifier.readUInt16BE(at) >>> FLAG_BITS) * 1000;
}

/** The flags nibble of the sub-qualifier at `at`. */
export function qualifierFlags(qualifier: Buffer, at = 0): number {
  return qualifier[at + qualifierWidth(qualifier, at) - 1] & FLAGS_MASK;
}

/** Value length encoded in the flags. */
export const valueLength = (flags: number): number => (flags & 0x07) + 1;
