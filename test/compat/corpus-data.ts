/**
 * The data set the query corpus runs over, generated from formulas (no randomness): three hours from
 * 2024-01-01T00:00:00Z of integer and floating-point gauges, counters with a reset, millisecond
 * points, series with one to eight tags, gaps and unaligned timestamps, negative and large values.
 * Every point is a telnet `put` line; the names all start with `cc.`.
 */

/** 2024-01-01T00:00:00Z: the first hour of the data set. */
export const T0 = 1704067200;
export const HOUR = 3600;
/** One past the last second holding data. */
export const T_END = T0 + 3 * HOUR;

export const HOSTS = ['web01', 'web02', 'web03', 'web04'] as const;
export const DC_OF: Readonly<Record<string, string>> = { web01: 'lga', web02: 'lga', web03: 'sjc', web04: 'sjc' };

const put = (metric: string, ts: number | string, value: string | number, tags: Record<string, string>): string =>
  `put ${metric} ${ts} ${value} ${Object.entries(tags).map(([k, v]) => `${k}=${v}`).join(' ')}`;

/** cc.cpu: integers every minute; web03 misses 15 minutes of the second hour, web04 runs 30 s late. */
function cpu(lines: string[]): void {
  HOSTS.forEach((host, h) => {
    for (let i = 0; i < 180; i++) {
      const ts = T0 + i * 60 + (host === 'web04' ? 30 : 0);
      if (host === 'web03' && ts >= T0 + HOUR && ts < T0 + HOUR + 900) continue;
      lines.push(put('cc.cpu', ts, (i * 7 + h * 13) % 100, { host, dc: DC_OF[host] as string }));
    }
  });
}

/** cc.load: floats every 90 s, some exact in float32 (x.25) and some only as doubles (x.1). */
function load(lines: string[]): void {
  HOSTS.forEach((host, h) => {
    for (let i = 0; i < 120; i++) {
      const v = i % 3 === 0 ? (i * 0.25 + h).toFixed(2) : (i * 0.1 + h / 3).toPrecision(12);
      lines.push(put('cc.load', T0 + i * 90 + h * 7, v, { host, dc: DC_OF[host] as string }));
    }
  });
}

/** cc.net.bytes: counters every 30 s for an hour; web02 resets halfway, web01 wraps at 65535. */
function counters(lines: string[]): void {
  for (let i = 0; i < 120; i++) {
    lines.push(put('cc.net.bytes', T0 + i * 30, (i * 1500) % 65536, { host: 'web01' }));
    lines.push(put('cc.net.bytes', T0 + i * 30, i < 60 ? 1000 + i * 250 : (i - 60) * 100, { host: 'web02' }));
  }
}

/** cc.ms: a point every 250 ms for 10 minutes; and a series mixing second and millisecond points. */
function milliseconds(lines: string[]): void {
  for (let i = 0; i < 2400; i++) lines.push(put('cc.ms', (T0 * 1000 + i * 250).toString(), i % 50, { host: 'web01' }));
  for (let i = 0; i < 120; i++) {
    const ts = i % 2 === 0 ? String(T0 + i * 5) : `${T0 + i * 5}.500`;
    lines.push(put('cc.ms', ts, (i * 1.5).toFixed(1), { host: 'web02' }));
  }
}

/** cc.tags: eight series, the n-th with tags t1..tn; every 5 minutes. */
function tagCounts(lines: string[]): void {
  for (let n = 1; n <= 8; n++) {
    const tags: Record<string, string> = {};
    for (let k = 1; k <= n; k++) tags[`t${k}`] = `v${k}`;
    for (let i = 0; i < 36; i++) lines.push(put('cc.tags', T0 + i * 300, n * 10 + (i % 5), tags));
  }
}

/** cc.mixed: integers and floats in one series; cc.neg: negative, zero and large values. */
function mixed(lines: string[]): void {
  for (let i = 0; i < 60; i++) {
    lines.push(put('cc.mixed', T0 + i * 60, i % 2 === 0 ? String(i) : `${i}.5`, { host: 'web01' }));
    lines.push(put('cc.mixed', T0 + i * 60 + 20, i % 3 === 0 ? `${-i}.75` : String(i * 3), { host: 'web02' }));
  }
  const big = [0, -1, -128, 127, -32768, 40000, -2147483648, 2147483647, 1099511627776, -1099511627776, 4503599627370496];
  big.forEach((v, i) => lines.push(put('cc.neg', T0 + i * 600, v, { host: 'web01' })));
  big.forEach((v, i) => lines.push(put('cc.neg', T0 + i * 600 + 300, `${v}.5`, { host: 'web02' })));
}

/** cc.huge: integers beyond 2^53, up to the ends of a long. */
function huge(lines: string[]): void {
  ['9007199254740993', '9223372036854775807', '-9223372036854775808', '9007199254740992'].forEach((v, i) =>
    lines.push(put('cc.huge', T0 + i * 60, v, { host: 'web01' })));
  lines.push(put('cc.huge', T0, '9007199254740993', { host: 'web02' }));
}

/** cc.sparse: one point every 40 minutes, over all three hours. */
function sparse(lines: string[]): void {
  for (let i = 0; i * 2400 < 3 * HOUR; i++) lines.push(put('cc.sparse', T0 + i * 2400, i + 1, { host: 'web01', dc: 'lga' }));
}

/** Every line of the data set. */
export function corpusLines(): string[] {
  const lines: string[] = [];
  for (const part of [cpu, load, counters, milliseconds, tagCounts, mixed, huge, sparse]) part(lines);
  return lines;
}
