/**
 * The slice of java.util.GregorianCalendar that OpenTSDB's calendar downsampling uses:
 * `Calendar.add(field, n)` for the duration units and `DateTime.previousInterval` (OpenTSDB 2.4.1
 * `src/utils/DateTime.java`), in a zone and with the en_US week (weeks start on Sunday, one day is
 * enough for the first week).
 */
import { IllegalArgumentError } from '../query-error';
import { civilFromDays, dayOfWeek, daysFromCivil, daysInMonth, MS_PER_DAY, splitWall } from './civil';
import type { TimeZone } from './time-zone';

/** Duration units as `DateTime.unitsToCalendarType` accepts them (lower-cased). */
export type CalendarUnit = 'ms' | 's' | 'm' | 'h' | 'd' | 'w' | 'n' | 'y';

const FIXED_MS: Partial<Record<CalendarUnit, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function calendarUnit(units: string): CalendarUnit {
  const lc = units.toLowerCase();
  if (lc === 'ms' || lc === 's' || lc === 'm' || lc === 'h' || lc === 'd' || lc === 'w' || lc === 'n' || lc === 'y') {
    return lc;
  }
  if (units.length === 0) throw new IllegalArgumentError('Units cannot be null or empty');
  throw new IllegalArgumentError(`Unrecognized unit type: ${units}`);
}

/** `Calendar.add(unit, amount)`; 'w' adds 7-day steps as OpenTSDB's downsampler does. */
export function calendarAdd(utc: number, unit: CalendarUnit, amount: number, tz: TimeZone): number {
  const fixed = FIXED_MS[unit];
  if (fixed !== undefined) return utc + amount * fixed;
  if (unit === 'd' || unit === 'w') return addDays(utc, unit === 'w' ? amount * 7 : amount, tz);
  const { days, msOfDay } = splitWall(utc + tz.offsetAt(utc));
  const date = civilFromDays(days);
  const months = unit === 'n' ? date.month0 + amount : date.month0;
  const year = date.year + (unit === 'y' ? amount : 0) + Math.floor(months / 12);
  const month0 = ((months % 12) + 12) % 12;
  const day = Math.min(date.day, daysInMonth(year, month0));
  return tz.wallToUtc(daysFromCivil(year, month0, day) * MS_PER_DAY + msOfDay);
}

/** GregorianCalendar.add(DAY_OF_MONTH): keep the wall time of day across offset changes. */
function addDays(utc: number, amount: number, tz: TimeZone): number {
  const oldOffset = tz.offsetAt(utc);
  const { days, msOfDay } = splitWall(utc + oldOffset);
  const targetDay = days + amount;
  const t = targetDay * MS_PER_DAY + msOfDay - oldOffset;
  const diff = oldOffset - tz.offsetAt(t);
  if (diff === 0) return t;
  const adjusted = t + diff;
  return splitWall(adjusted + tz.offsetAt(adjusted)).days === targetDay ? adjusted : t;
}

/**
 * `DateTime.previousInterval(ts, interval, unit, tz)`: the start of the calendar bucket holding `ts`.
 * The anchor depends on whether the interval divides its unit evenly (see the Java source), then the
 * calendar steps forward by the interval while <= ts, and one step back.
 */
export function previousInterval(ts: number, interval: number, unit: CalendarUnit, tz: TimeZone): number {
  if (ts < 0) throw new IllegalArgumentError('Timestamp cannot be less than zero');
  if (interval < 1) throw new IllegalArgumentError('Interval must be greater than zero');
  const { days, msOfDay } = splitWall(ts + tz.offsetAt(ts));
  const date = civilFromDays(days);
  let wall: number;
  let stepUnit = unit;
  let step = interval;
  switch (unit) {
    case 'ms':
      wall = days * MS_PER_DAY + msOfDay - (1000 % interval === 0 ? msOfDay % 1000 : msOfDay % 60_000);
      break;
    case 's':
      wall = days * MS_PER_DAY + msOfDay - (60 % interval === 0 ? msOfDay % 60_000 : msOfDay % 3_600_000);
      break;
    case 'm':
      wall = days * MS_PER_DAY + (60 % interval === 0 ? msOfDay - (msOfDay % 3_600_000) : 0);
      break;
    case 'h':
      wall = (24 % interval === 0 ? days : daysFromCivil(date.year, date.month0, 1)) * MS_PER_DAY;
      break;
    case 'd':
      wall = daysFromCivil(date.year, interval === 1 ? date.month0 : 0, 1) * MS_PER_DAY;
      break;
    case 'w':
      wall = weekAnchor(days, date.year, date.month0, 2 % interval === 0) * MS_PER_DAY;
      stepUnit = 'd';
      step = 7;
      break;
    default:
      wall = daysFromCivil(date.year, 0, 1) * MS_PER_DAY;
  }
  let utc = tz.wallToUtc(wall);
  if (utc === ts) return utc;
  while (utc <= ts) utc = calendarAdd(utc, stepUnit, step, tz);
  return calendarAdd(utc, stepUnit, -step, tz);
}

/**
 * Java resolves `set(DAY_OF_WEEK, SUNDAY)` through WEEK_OF_MONTH: the Sunday of the date's week, or,
 * after `set(MONTH, JANUARY)`, the Sunday of the same-numbered week of January.
 */
function weekAnchor(days: number, year: number, month0: number, sameMonth: boolean): number {
  const firstOfMonth = daysFromCivil(year, month0, 1);
  const week1 = firstOfMonth - (dayOfWeek(firstOfMonth) - 1);
  const weekOfMonth = Math.floor((days - week1) / 7) + 1;
  if (sameMonth) return week1 + 7 * (weekOfMonth - 1);
  const jan1 = daysFromCivil(year, 0, 1);
  return jan1 - (dayOfWeek(jan1) - 1) + 7 * (weekOfMonth - 1);
}
