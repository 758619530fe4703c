/**
 * Turns a value's text into a stored value exactly as OpenTSDB's put paths do: text without '.', 'e'
 * or 'E' is a 64-bit integer (Tags.parseLong, with its error texts); anything else is a Java double,
 * stored as a 4-byte float when it survives the round trip (telnet) or always as a double (HTTP).
 */
import { encodeDouble, encodeFloat, encodeInteger, type EncodedValue } from './value-codec';

/** A NumberFormatException's message, rendered by the faces as `invalid value: <message>`. */
export class NumberFormatError extends Error {
  override name = 'NumberFormatError';
}

/** Tags.looksLikeInteger: no '.', 'e' or 'E'. */
export function looksLikeInteger(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 || c === 101 || c === 69) return false;
  }
  return true;
}

const LONG_MIN = -9223372036854775808n;
const LONG_MAX = 9223372036854775807n;

/** Tags.parseLong: optional sign, decimal digits, no overflow; a number when it is safe, else bigint. */
export function parseLong(s: string): number | bigint {
  const n = s.length;
  if (n === 0) throw new NumberFormatError('Empty string');
  let i = 0;
  const c0 = s.charCodeAt(0);
  if (c0 === 43 || c0 === 45) {
    if (n === 1) throw new NumberFormatError(`Just a sign, no value: ${s}`);
    if (n > 20) throw new NumberFormatError(`Value too long: ${s}`);
    i = 1;
  } else if (n > 19) {
    throw new NumberFormatError(`Value too long: ${s}`);
  }
  for (let j = i; j < n; j++) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) throw new NumberFormatError(`Invalid character '${s[j]}' in ${s}`);
  }
  if (n - i <= 15) return Number(s);
  const v = BigInt(s);
  if (v < LONG_MIN || v > LONG_MAX) throw new NumberFormatError(`Overflow in ${s}`);
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

const JAVA_DECIMAL = /^[+-]?(NaN|Infinity|((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)[fFdD]?)$/;
const JAVA_HEX = /^[+-]?0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?\d+[fFdD]?$/;

/** Double.parseDouble: Java's syntax (trimmed; f/d suffixes; NaN, Infinity; hex) and error texts. */
export function parseJavaDouble(text: string): number {
  // Java trims every char <= ' ' from both ends.
  const s = text.replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '');
  if (s === '') throw new NumberFormatError('empty String');
  if (JAVA_DECIMAL.test(s)) {
    const body = s.replace(/[fFdD]$/, '');
    if (body.endsWith('NaN')) return NaN;
    if (body.endsWith('Infinity')) return body.startsWith('-') ? -Infinity : Infinity;
    return Number(body);
  }
  if (JAVA_HEX.test(s)) return parseHexDouble(s.replace(/[fFdD]$/, ''));
  if ((s.match(/\./g) ?? []).length > 1 && /^[+-]?[\d.]+$/.test(s)) throw new NumberFormatError('multiple points');
  throw new NumberFormatError(`For input string: "${text}"`);
}

function parseHexDouble(s: string): number {
  const m = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/.exec(s);
  if (!m) throw new NumberFormatError(`For input string: "${s}"`);
  const mantissa = parseInt(`${m[2]}${m[3]}` || '0', 16);
  const v = mantissa * 2 ** (Number(m[4]) - 4 * m[3].length);
  return m[1] === '-' ? -v : v;
}

/** Tags.fitsInFloat: the double survives a round trip through a 32-bit float. */
export const fitsInFloat = (d: number): boolean => Math.fround(d) === d;

/** Which put path a value came through: telnet stores float32 when exact, HTTP always doubles. */
export type ValueStyle = 'telnet' | 'http';

/** A value text parsed and encoded for storage, or the error OpenTSDB would raise. */
export interface ParsedValue {
  readonly encoded: EncodedValue;
  /** The number, for NaN/Infinity checks and meta; bigint only for integers beyond 2^53. */
  readonly value: number | bigint;
  readonly isInteger: boolean;
}

export function parseValue(text: string, style: ValueStyle): ParsedValue {
  if (looksLikeInteger(text)) {
    const v = parseLong(text);
    return { encoded: encodeInteger(v), value: v, isInteger: true };
  }
  const d = parseJavaDouble(text);
  const encoded = style === 'telnet' && fitsInFloat(d) ? encodeFloat(d) : encodeDouble(d);
  return { encoded, value: d, isInteger: false };
}
