/**
 * `DateTime.parseDuration` of OpenTSDB 2.4.1: relative times (`1h-ago`) and downsample intervals.
 * Bug-compatible: the unit is read from the last character only (`1.5h` = 1h, `1xh` = 1h), `ms` needs
 * a lower-case `m` before the final `s` (`2MS` = 2 s), and the result is in milliseconds.
 */
import { IllegalArgumentError } from './query-error';

const UNIT_SECONDS: Readonly<Record<string, number>> = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 604800,
  n: 2592000,
  y: 31536000,
};

const LONG_MAX_AS_DOUBLE = 9223372036854775807;

export function parseDuration(duration: string): number {
  if (duration.length === 0) throw new IllegalArgumentError('Cannot parse null or empty duration');
  let unit = 0;
  while (isDigit(duration.charCodeAt(unit))) {
    unit++;
    if (unit >= duration.length) {
      throw new IllegalArgumentError(`Invalid duration, must have an integer and unit: ${duration}`);
    }
  }
  const digits = duration.slice(0, unit);
  if (digits.length === 0 || digits.length > 19 || BigInt(digits) > 9223372036854775807n) {
    throw new IllegalArgumentError(`Invalid duration (number): ${duration}`);
  }
  const interval = Number(digits);
  if (interval <= 0) throw new IllegalArgumentError(`Zero or negative duration: ${duration}`);
  const last = duration[duration.length - 1].toLowerCase();
  if (last === 's' && duration[duration.length - 2] === 'm') return interval;
  const seconds = UNIT_SECONDS[last];
  if (seconds === undefined) throw new IllegalArgumentError(`Invalid duration (suffix): ${duration}`);
  const ms = interval * seconds * 1000;
  if (ms > LONG_MAX_AS_DOUBLE) {
    throw new IllegalArgumentError(`Duration must be < Long.MAX_VALUE ms: ${duration}`);
  }
  return ms;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
