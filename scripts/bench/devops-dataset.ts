/**
 * The benchmark's one dataset: devops-like series (hosts × metrics, tags host/dc/rack), one point per
 * series every 10 s, values derived from a seed so every target and every run gets the same bytes.
 * Values are a pure function of (seed, series, step), so any slice can be generated in any order.
 */

export interface DevopsOptions {
  readonly hosts: number;
  /** What each host reports: the first n names of DEVOPS_METRICS, or the names themselves. */
  readonly metrics: number | readonly string[];
  /** Epoch seconds of the first step (whole hour recommended). */
  readonly start: number;
  readonly intervalSec?: number;
  readonly seed?: number;
  /** Host names start at this index (a dataset of hosts 100..199 is `firstHost: 100`). */
  readonly firstHost?: number;
}

/** gauge: a percentage-like float; bytes: a large integer gauge; counter: a growing integer. */
type Kind = 'gauge' | 'bytes' | 'counter';

const METRICS: readonly (readonly [string, Kind])[] = [
  ['sys.cpu.user', 'gauge'], ['sys.cpu.system', 'gauge'], ['sys.cpu.iowait', 'gauge'],
  ['sys.mem.used', 'bytes'], ['sys.mem.free', 'bytes'], ['sys.load.1m', 'gauge'],
  ['sys.disk.read_bytes', 'counter'], ['sys.disk.write_bytes', 'counter'],
  ['sys.net.bytes_in', 'counter'], ['sys.net.bytes_out', 'counter'],
];

export const DEVOPS_METRICS: readonly string[] = METRICS.map(([name]) => name);

export interface DevopsSeries {
  readonly metric: string;
  readonly kind: Kind;
  readonly tags: Readonly<Record<string, string>>;
  /** ` host=… dc=… rack=…` as a telnet put line ends. */
  readonly telnetTags: string;
  /** `{"metric":…,"tags":{…},"timestamp":` — a JSON point up to its timestamp. */
  readonly jsonHead: string;
}

/** A 32-bit mix of three integers (murmur3's finaliser): cheap, stateless, well spread. */
function mix(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35) ^ Math.imul(c + 1, 0x27d4eb2f);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class DevopsDataset {
  readonly series: readonly DevopsSeries[];
  readonly start: number;
  readonly intervalSec: number;
  readonly #seed: number;

  constructor(readonly options: DevopsOptions) {
    const chosen = typeof options.metrics === 'number' ? METRICS.slice(0, options.metrics) : METRICS.filter(([m]) => (options.metrics as readonly string[]).includes(m));
    const wanted = typeof options.metrics === 'number' ? options.metrics : options.metrics.length;
    if (wanted < 1 || chosen.length !== wanted) {
      throw new RangeError(`Cannot build the dataset: metrics must be 1..${METRICS.length} of ${DEVOPS_METRICS.join(', ')}; got ${String(options.metrics)}`);
    }
    this.start = options.start;
    this.intervalSec = options.intervalSec ?? 10;
    this.#seed = options.seed ?? 42;
    const out: DevopsSeries[] = [];
    const first = options.firstHost ?? 0;
    for (let h = first; h < first + options.hosts; h++) {
      for (const [metric, kind] of chosen) {
        const tags = { host: `host${h}`, dc: `dc${h % 4}`, rack: `rack${h % 40}` };
        const telnetTags = ` host=${tags.host} dc=${tags.dc} rack=${tags.rack}`;
        out.push({ metric, kind, tags, telnetTags, jsonHead: `{"metric":"${metric}","tags":${JSON.stringify(tags)},"timestamp":` });
      }
    }
    this.series = out;
  }

  timestamp(step: number): number {
    return this.start + step * this.intervalSec;
  }

  /** The value of series `s` at `step`, as the text a client sends. */
  value(s: number, step: number): string {
    const kind = (this.series[s] as DevopsSeries).kind;
    const noise = mix(this.#seed, s, step);
    const phase = mix(this.#seed, s, -1);
    if (kind === 'counter') return String(step * (1000 + (phase % 9000)) + (noise % 1000));
    // Below 2^31, so OpenTSDB stores it in 4 bytes as it would a real memory gauge.
    if (kind === 'bytes') return String(2 ** 29 + (phase % 2 ** 30) + (noise % 2 ** 20));
    // A slow wave around a per-series level, plus noise: CPU-like, two decimals.
    const level = 5 + (phase % 60);
    const wave = 10 * Math.sin((step + (phase % 360)) / 60);
    return (Math.max(0, level + wave + (noise % 500) / 100)).toFixed(2);
  }

  /** `put` lines for series [from, to) at `step`. */
  telnetLines(from: number, to: number, step: number): string {
    const ts = this.timestamp(step);
    let text = '';
    for (let s = from; s < to; s++) {
      const x = this.series[s] as DevopsSeries;
      text += `put ${x.metric} ${ts} ${this.value(s, step)}${x.telnetTags}\n`;
    }
    return text;
  }

  /** The JSON object of point `index` in step-major order (step = index / series count). */
  jsonPoint(index: number): string {
    const n = this.series.length;
    const s = index % n;
    const step = Math.floor(index / n);
    return `${(this.series[s] as DevopsSeries).jsonHead}${this.timestamp(step)},"value":${this.value(s, step)}}`;
  }
}
