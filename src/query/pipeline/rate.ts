/**
 * OpenTSDB 2.4.1's `RateSpan`, materialized: per-second rates between consecutive points of one series
 * (raw or downsampled). It starts with a synthetic rate from (t=0, v=0) to the first point, which the
 * merge never uses as a timestamp but does use as the series' value until its second point (issue
 * #1892). Integer pairs subtract as Java longs; counters roll over at `counterMax`, optionally dropping
 * resets or zeroing rates above `resetValue`.
 */
import type { RateOptions } from '../model';
import { QueryError } from '../query-error';
import { PointsBuilder, type SeriesPoints } from './series-points';

export function rate(src: SeriesPoints, from: number, options: RateOptions): SeriesPoints {
  const out = new PointsBuilder(src.n - from + 1);
  const counterMax = Number(options.counterMax);
  const resetValue = Number(options.resetValue);
  let t0 = 0;
  let v0 = 0;
  let int0 = true;
  for (let i = from; i < src.n; i++) {
    const t1 = src.ts[i];
    const v1 = src.vals[i];
    const int1 = src.ints !== null && src.ints[i] === 1;
    if (t1 <= t0) {
      const message =
        `Next timestamp (${t1}) is supposed to be  strictly greater than the previous one (${t0}), ` +
        "but it's not.";
      throw new QueryError(message, 400, message);
    }
    const seconds = (t1 - t0) / 1000;
    const bothInts = int0 && int1;
    let difference = bothInts ? longDifference(v1, v0) : v1 - v0;
    if (options.counter && difference < 0) {
      if (options.dropResets) {
        t0 = t1;
        v0 = v1;
        int0 = int1;
        continue;
      }
      difference = bothInts
        ? Number(BigInt.asIntN(64, options.counterMax - BigInt(v0) + BigInt(v1)))
        : counterMax - v0 + v1;
      const r = difference / seconds;
      out.push(t1, options.resetValue > 0n && r > resetValue ? 0 : r);
    } else {
      out.push(t1, difference / seconds);
    }
    t0 = t1;
    v0 = v1;
    int0 = int1;
  }
  return out.build();
}

/** `next.longValue() - prev.longValue()` (wrapping), as the double Java assigns it to. */
function longDifference(a: number, b: number): number {
  const d = a - b;
  return Number.isSafeInteger(d) ? d : Number(BigInt.asIntN(64, BigInt(a) - BigInt(b)));
}
