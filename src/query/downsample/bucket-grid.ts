/**
 * Bucket boundaries of one downsampling specification: epoch-aligned (`ts - ts % interval`) or calendar
 * ones (DateTime.previousInterval + Calendar.add in the query's zone). Calendar steps are memoized:
 * every series of a query walks the same boundaries.
 */
import { calendarAdd, previousInterval, type CalendarUnit } from '../time/java-calendar';
import { calendarInterval, type DownsamplingSpec } from './downsampling-spec';

export interface BucketGrid {
  /** Start of the bucket holding `ts` (`alignTimestamp` or `previousInterval`). */
  floor(ts: number): number;
  /** The boundary one interval after `boundary` (Calendar.add of the interval). */
  next(boundary: number): number;
  /** The boundary one interval before `boundary`. */
  previous(boundary: number): number;
  /** Where Downsampler.seek(ts) moves the source: the first boundary at or after `ts`. */
  seekTarget(ts: number): number;
}

export function bucketGrid(spec: DownsamplingSpec): BucketGrid {
  return spec.useCalendar ? new CalendarGrid(spec) : new EpochGrid(spec.interval);
}

class EpochGrid implements BucketGrid {
  constructor(private readonly interval: number) {}

  floor(ts: number): number {
    return ts - (ts % this.interval);
  }

  next(boundary: number): number {
    return boundary + this.interval;
  }

  previous(boundary: number): number {
    return boundary - this.interval;
  }

  seekTarget(ts: number): number {
    return this.floor(ts + this.interval - 1);
  }
}

class CalendarGrid implements BucketGrid {
  private readonly count: number;
  private readonly unit: CalendarUnit;
  private readonly forward = new Map<number, number>();

  constructor(private readonly spec: DownsamplingSpec) {
    const { count, unit } = calendarInterval(spec);
    this.count = count;
    this.unit = unit;
  }

  floor(ts: number): number {
    return previousInterval(ts, this.count, this.unit, this.spec.timezone);
  }

  next(boundary: number): number {
    let n = this.forward.get(boundary);
    if (n === undefined) {
      n = calendarAdd(boundary, this.unit, this.count, this.spec.timezone);
      if (this.forward.size > 1_000_000) this.forward.clear();
      this.forward.set(boundary, n);
    }
    return n;
  }

  previous(boundary: number): number {
    return calendarAdd(boundary, this.unit, -this.count, this.spec.timezone);
  }

  seekTarget(ts: number): number {
    const floor = this.floor(ts);
    return ts > floor ? this.next(floor) : floor;
  }
}
