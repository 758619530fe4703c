/**
 * Data sets for the cross-read tests: per prefix, integer and floating-point series with 1 to 8
 * tags, second and millisecond timestamps (also mixed in one row), written in a shuffled order, half
 * as telnet lines and half as /api/put objects. Values are chosen so their stored form is exact:
 * integers, multiples of 0.25 (4-byte floats) and values like 2.35 (8-byte doubles).
 */

export interface XPoint {
  readonly metric: string;
  /** As written: seconds, or milliseconds when above 2^32. */
  readonly ts: number;
  /** The value's text, a valid JSON number. */
  readonly value: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** Seconds of two whole hours, 2024-02-01T00:00:00Z and the next. */
export const X0 = 1706745600;

const tagsOf = (n: number): Record<string, string> =>
  Object.fromEntries(Array.from({ length: n }, (_, k) => [`k${k + 1}`, `v${k + 1}_${n}`]));

/** Every point of the data set named `prefix` (metrics `<prefix>.int|float|ms|mix|wide`). */
export function crossPoints(prefix: string): XPoint[] {
  const out: XPoint[] = [];
  for (let n = 1; n <= 8; n++) {
    for (let i = 0; i < 40; i++) out.push({ metric: `${prefix}.int`, ts: X0 + i * 180 + n, value: String((i * 37 + n) % 1000 - 300), tags: tagsOf(n) });
  }
  for (let i = 0; i < 60; i++) {
    out.push({ metric: `${prefix}.float`, ts: X0 + i * 120, value: (i * 0.25 - 3).toFixed(2), tags: { host: 'a' } });
    out.push({ metric: `${prefix}.float`, ts: X0 + i * 120 + 60, value: (i * 0.1 + 0.05).toFixed(2), tags: { host: 'b' } });
  }
  for (let i = 0; i < 100; i++) {
    out.push({ metric: `${prefix}.ms`, ts: X0 * 1000 + i * 71_111, value: String(i * 3), tags: { host: 'a' } });
    out.push({ metric: `${prefix}.ms`, ts: X0 * 1000 + i * 72_000 + 999, value: (i * 0.75).toFixed(2), tags: { host: 'b' } });
  }
  for (let i = 0; i < 80; i++) {
    const ts = i % 2 === 0 ? X0 + i * 90 : (X0 + i * 90) * 1000 + 250;
    out.push({ metric: `${prefix}.mix`, ts, value: i % 3 === 0 ? `${i}.5` : String(i), tags: { host: 'a', dc: 'x' } });
  }
  // Every value width OpenTSDB stores: 1, 2, 4 and 8-byte integers, 4 and 8-byte floats.
  const wide = ['0', '127', '-128', '128', '-129', '32767', '-32768', '32768', '2147483647', '-2147483648',
    '2147483648', '-2147483649', '1099511627776', '-4503599627370496', '0.5', '-1.25', '3.0e5', '0.1', '-2.2e-10', '123456.789'];
  wide.forEach((value, i) => out.push({ metric: `${prefix}.wide`, ts: X0 + i * 300, value, tags: { host: 'a' } }));
  return shuffle(out);
}

/** A fixed permutation (a linear congruential sequence), so writes arrive out of order. */
function shuffle<T>(items: T[]): T[] {
  const a = [...items];
  let seed = 12345;
  for (let i = a.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
}

export const telnetLine = (p: XPoint): string =>
  `put ${p.metric} ${p.ts} ${p.value} ${Object.entries(p.tags).map(([k, v]) => `${k}=${v}`).join(' ')}`;

/** An /api/put body whose values keep their exact text. */
export const putBody = (points: readonly XPoint[]): string =>
  `[${points.map((p) => `{"metric":${JSON.stringify(p.metric)},"timestamp":${p.ts},"value":${p.value},"tags":${JSON.stringify(p.tags)}}`).join(',')}]`;

/** The points of each series of `metric`, keyed by the series' tags as `k=v,…`, in ms → value. */
export function expectedSeries(points: readonly XPoint[], metric: string): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>();
  for (const p of points) {
    if (p.metric !== metric) continue;
    const key = seriesKey(p.tags);
    const series = out.get(key) ?? new Map<number, number>();
    series.set(p.ts > 0xffffffff ? p.ts : p.ts * 1000, Number(p.value));
    out.set(key, series);
  }
  return out;
}

export const seriesKey = (tags: Readonly<Record<string, string>>): string =>
  Object.keys(tags).sort().map((k) => `${k}=${tags[k]}`).join(',');
