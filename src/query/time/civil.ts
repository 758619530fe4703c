/**
 * Proleptic Gregorian day arithmetic (H. Hinnant's algorithms), in "wall milliseconds": a local date and
 * time encoded as if it were UTC. Java's GregorianCalendar switches to the Julian calendar before 1582;
 * dates that old are not modelled.
 */

export const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a (possibly out-of-range, lenient) year/month(0-11)/day. */
export function daysFromCivil(year: number, month0: number, day: number): number {
  // Lenient months roll into years, like Calendar with setLenient(true).
  const y0 = year + Math.floor(month0 / 12);
  const m = (((month0 % 12) + 12) % 12) + 1;
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5);
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468 + (day - 1);
}

export interface CivilDate {
  readonly year: number;
  /** 0-11, as Calendar.MONTH. */
  readonly month0: number;
  /** 1-31. */
  readonly day: number;
}

export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month0: month - 1, day };
}

/** Calendar.DAY_OF_WEEK of a day number: 1 = Sunday … 7 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeek(days: number): number {
  return ((((days + 4) % 7) + 7) % 7) + 1;
}

export function daysInMonth(year: number, month0: number): number {
  return daysFromCivil(year, month0 + 1, 1) - daysFromCivil(year, month0, 1);
}

/** Splits wall milliseconds into its day number and the milliseconds into that day. */
export function splitWall(wallMs: number): { days: number; msOfDay: number } {
  const days = Math.floor(wallMs / MS_PER_DAY);
  return { days, msOfDay: wallMs - days * MS_PER_DAY };
}
