/**
 * Lenient `java.text.SimpleDateFormat.parse` for the five absolute date patterns OpenTSDB accepts
 * (`yyyy/MM/dd`, `yyyy/MM/dd-HH:mm`, `yyyy/MM/dd HH:mm`, and both with `:ss`). Like Java: spaces and
 * tabs before a number are skipped, a number may carry a '-' sign, digits are read greedily, text after
 * the last field is ignored, and out-of-range fields roll over (month 13 is next January).
 */
import { daysFromCivil, MS_PER_DAY } from './civil';
import type { TimeZone } from './time-zone';

export type DatePattern =
  | 'yyyy/MM/dd'
  | 'yyyy/MM/dd-HH:mm'
  | 'yyyy/MM/dd HH:mm'
  | 'yyyy/MM/dd-HH:mm:ss'
  | 'yyyy/MM/dd HH:mm:ss';

/** Returns the instant in ms, or null where Java throws "Unparseable date". */
export function parseSimpleDate(text: string, pattern: DatePattern, tz: TimeZone): number | null {
  const fields: number[] = [];
  let pos = 0;
  for (let p = 0; p < pattern.length; ) {
    const letter = pattern[p];
    if (!/[yMdHms]/.test(letter)) {
      if (text[pos] !== letter) return null;
      pos++;
      p++;
      continue;
    }
    while (p < pattern.length && pattern[p] === letter) p++;
    while (text[pos] === ' ' || text[pos] === '\t') pos++;
    const m = /^-?[0-9]+/.exec(text.slice(pos));
    if (m === null) return null;
    fields.push(Number(m[0]));
    pos += m[0].length;
  }
  const [year, month, day, hour = 0, minute = 0, second = 0] = fields;
  const wall = daysFromCivil(year, month - 1, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000;
  return tz.wallToUtc(wall);
}
