/**
 * `DateTime.parseDateTimeString` of OpenTSDB 2.4.1: a query's start/end in every accepted form, to
 * epoch milliseconds. "now" is passed in (the engine has no clock), and so is the zone a JVM would use
 * by default for absolute dates (`tsd.core.timezone`, else the TSD host's zone).
 */
import { parseDuration } from '../duration';
import { NumberFormatError, parseLong } from '../../core/value-parser';
import { IllegalArgumentError } from '../query-error';
import { parseSimpleDate, type DatePattern } from './simple-date-format';
import { findTimeZone, type TimeZone } from './time-zone';

export interface DateContext {
  /** The current time in ms ("now", "1h-ago", a missing end). */
  readonly nowMs: number;
  /** The zone for absolute dates when the query names none. */
  readonly defaultZone: TimeZone;
}

/** Returns -1 for an empty string, like Java. Throws IllegalArgumentError with OpenTSDB's texts. */
export function parseDateTimeString(datetime: string, tz: string | null, ctx: DateContext): number {
  if (datetime.length === 0) return -1;
  if (/^[0-9]+ms$/.test(datetime)) return Number(parseLong(datetime.slice(0, -2)));
  const lower = datetime.toLowerCase();
  if (lower === 'now') return ctx.nowMs;
  if (lower.endsWith('-ago')) return ctx.nowMs - parseDuration(datetime.slice(0, -4));
  if (datetime.includes('/') || datetime.includes(':')) return parseAbsolute(datetime, tz, ctx);
  return parseEpoch(datetime);
}

function parseAbsolute(datetime: string, tz: string | null, ctx: DateContext): number {
  const pattern = patternFor(datetime);
  let zone = ctx.defaultZone;
  if (tz !== null && tz.length > 0) {
    const found = findTimeZone(tz);
    if (found === null) throw new IllegalArgumentError(`Invalid timezone name: ${tz}`);
    zone = found;
  }
  const ms = parseSimpleDate(datetime, pattern, zone);
  if (ms === null) {
    throw new IllegalArgumentError(`Invalid date: ${datetime}. Unparseable date: "${datetime}"`);
  }
  return ms;
}

function patternFor(datetime: string): DatePattern {
  switch (datetime.length) {
    case 10:
      return 'yyyy/MM/dd';
    case 16:
      return datetime.includes('-') ? 'yyyy/MM/dd-HH:mm' : 'yyyy/MM/dd HH:mm';
    case 19:
      return datetime.includes('-') ? 'yyyy/MM/dd-HH:mm:ss' : 'yyyy/MM/dd HH:mm:ss';
    default:
      throw new IllegalArgumentError(`Invalid absolute date: ${datetime}`);
  }
}

function parseEpoch(datetime: string): number {
  let time: number;
  try {
    if (datetime.includes('.')) {
      if (!/^[0-9]{10}\.[0-9]{1,3}$/.test(datetime)) {
        throw new IllegalArgumentError(
          `Invalid time: ${datetime}. Millisecond timestamps must be in the format ` +
            '<seconds>.<ms> where the milliseconds are limited to 3 digits',
        );
      }
      time = Number(parseLong(datetime.replace('.', '')));
    } else {
      time = Number(parseLong(datetime));
    }
  } catch (e) {
    if (e instanceof NumberFormatError) throw new IllegalArgumentError(`Invalid time: ${datetime}. ${e.message}`);
    throw e;
  }
  if (time < 0) throw new IllegalArgumentError(`Invalid time: ${datetime}. Negative timestamps are not supported.`);
  // OpenTSDB's rule: up to 10 characters are seconds, longer strings are milliseconds.
  return datetime.length <= 10 ? time * 1000 : time;
}
