/**
 * One line of `tsdb import` (TextImporter): `<metric> <timestamp> <value> <tagk=tagv> ...`, words split
 * on single spaces (empty tag words skipped), the timestamp a plain integer (seconds or ms; no dotted
 * form), the value an integer unless it holds '.', 'e' or 'E', else a 4-byte float — `tsdb import`
 * never stores doubles (storage spec §6.4). Checks and messages follow TextImporter's order.
 */
import { encodeFloat, encodeInteger, type EncodedValue } from '../../core/value-codec';
import { looksLikeInteger, parseJavaDouble, parseLong } from '../../core/value-parser';
import { javaDoubleToString } from '../../java/java-double';

export class ImportLineError extends Error {
  override name = 'ImportLineError';
}

export interface ImportLine {
  readonly metric: string;
  readonly timestamp: number;
  readonly valueText: string;
  /** Index in the line where the tag words start (after the value's space), or the line's length. */
  readonly tagsAt: number;
}

/** Digits only, short enough to be exact as a double: the common case, parsed without Tags.parseLong. */
function smallUnsigned(s: string): number {
  if (s.length === 0 || s.length > 15) return -1;
  let v = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

export function parseImportLine(line: string): ImportLine {
  const s1 = line.indexOf(' ');
  const metric = s1 < 0 ? line : line.slice(0, s1);
  if (metric.length === 0) throw new ImportLineError(`invalid metric: ${metric}`);
  if (s1 < 0) throw new ImportLineError('invalid timestamp: no timestamp');
  const s2 = line.indexOf(' ', s1 + 1);
  const tsText = s2 < 0 ? line.slice(s1 + 1) : line.slice(s1 + 1, s2);
  let timestamp = smallUnsigned(tsText);
  if (timestamp < 0) {
    try {
      const v = parseLong(tsText);
      timestamp = typeof v === 'bigint' ? Number(v) : v;
    } catch (e) {
      throw new ImportLineError(`invalid timestamp: ${(e as Error).message}`);
    }
  }
  if (timestamp <= 0) throw new ImportLineError(`invalid timestamp: ${timestamp}`);
  if (s2 < 0) throw new ImportLineError('invalid value: no value');
  const s3 = line.indexOf(' ', s2 + 1);
  const valueText = s3 < 0 ? line.slice(s2 + 1) : line.slice(s2 + 1, s3);
  if (valueText.length === 0) throw new ImportLineError(`invalid value: ${valueText}`);
  return { metric, timestamp, valueText, tagsAt: s3 < 0 ? line.length : s3 + 1 };
}

/** `[-]digits.digits`: what most files hold, and what Number() reads exactly as Java does. */
function plainDecimal(s: string): boolean {
  let dot = false;
  let digits = 0;
  for (let i = s.charCodeAt(0) === 45 ? 1 : 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 && !dot) dot = true;
    else if (c >= 48 && c <= 57) digits++;
    else return false;
  }
  return dot && digits > 0;
}

/** Tags.parseLong for integers, Float.parseFloat otherwise; NaN and infinities are refused. */
export function encodeImportValue(text: string, metric: string, timestamp: number): EncodedValue {
  if (looksLikeInteger(text)) {
    const small = smallUnsigned(text);
    return encodeInteger(small >= 0 ? small : parseLong(text));
  }
  const f = Math.fround(plainDecimal(text) ? Number(text) : parseJavaDouble(text));
  if (!Number.isFinite(f)) throw new ImportLineError(`value is NaN or Infinite: ${javaDoubleToString(f)} for metric=${metric} timestamp=${timestamp}`);
  return encodeFloat(f);
}
