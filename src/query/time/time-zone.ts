/**
 * Time zones by Java ID (`DateTime.timezones`, built from `TimeZone.getAvailableIDs()`), backed by the
 * ICU data of `Intl`. Java looks IDs up case-sensitively; Intl is case-insensitive, so an ID is taken
 * only if Intl knows it and every path segment starts with an upper-case letter or digit as all of
 * Java's IDs do ("US/Eastern", "EST", "Etc/GMT+5"), which rejects "us/eastern" like Java does.
 */
import { daysFromCivil, MS_PER_DAY } from './civil';

export interface TimeZone {
  readonly id: string;
  /** Offset from UTC in ms at an instant (`TimeZone.getOffset`). */
  offsetAt(utcMs: number): number;
  /**
   * The instant of a wall time (local time encoded as if UTC), resolved as GregorianCalendar does:
   * a wall time skipped by a forward shift is read with the offset before it, and a repeated wall
   * time is read with the offset after the shift (the later instant in both cases).
   */
  wallToUtc(wallMs: number): number;
}

const FIXED_UTC: TimeZone = { id: 'UTC', offsetAt: () => 0, wallToUtc: (w) => w };
const SEGMENT = /^[A-Z0-9]/;
const cache = new Map<string, TimeZone | null>();

/** The zone for a Java ID, or null if Java would not know it. */
export function findTimeZone(id: string): TimeZone | null {
  let tz = cache.get(id);
  if (tz === undefined) {
    tz = load(id);
    if (cache.size < 1024) cache.set(id, tz);
  }
  return tz;
}

export const UTC: TimeZone = FIXED_UTC;

function load(id: string): TimeZone | null {
  if (id === 'UTC') return FIXED_UTC;
  if (id.length === 0 || !id.split('/').every((seg) => SEGMENT.test(seg))) return null;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: id,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
  } catch {
    return null;
  }
  return new IcuTimeZone(id, format);
}

/** Offsets change only at transitions, which fall on quarter hours: cache by quarter hour. */
const QUARTER_HOUR = 900_000;

class IcuTimeZone implements TimeZone {
  private readonly offsets = new Map<number, number>();

  constructor(
    readonly id: string,
    private readonly format: Intl.DateTimeFormat,
  ) {}

  offsetAt(utcMs: number): number {
    const key = Math.floor(utcMs / QUARTER_HOUR);
    let offset = this.offsets.get(key);
    if (offset === undefined) {
      offset = this.compute(key * QUARTER_HOUR);
      if (this.offsets.size > 100_000) this.offsets.clear();
      this.offsets.set(key, offset);
    }
    return offset;
  }

  wallToUtc(wallMs: number): number {
    const before = this.offsetAt(wallMs - 86_400_000);
    const after = this.offsetAt(wallMs + 86_400_000);
    if (before === after) return wallMs - after;
    return this.offsetAt(wallMs - after) === after ? wallMs - after : wallMs - before;
  }

  private compute(utcMs: number): number {
    const parts = this.format.formatToParts(new Date(utcMs));
    const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? '0');
    const era = parts.find((p) => p.type === 'era')?.value;
    const year = era === 'BC' || era === 'B' ? 1 - get('year') : get('year');
    const days = daysFromCivil(year, get('month') - 1, get('day'));
    const wallMs = days * MS_PER_DAY + get('hour') * 3_600_000 + get('minute') * 60_000 + get('second') * 1000;
    return wallMs - utcMs;
  }
}
