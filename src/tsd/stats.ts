/**
 * The TSD's own statistics, as `stats` (telnet), `/api/stats` and `/stats` report them: OpenTSDB's
 * names (tsd.rpc.received, tsd.rpc.errors, tsd.uid.cache-hit, tsd.connectionmgr.connections, …) plus
 * ours for the store and the compactor, each line a metric, a value and its tags.
 */
import { hostname } from 'node:os';

export interface StatLine {
  readonly metric: string;
  readonly value: number | bigint;
  readonly tags: Readonly<Record<string, string>>;
}

export type StatsSource = () => StatLine[];

/** Named counters that RPCs bump; rendered together with the sources' live figures. */
export class TsdStats {
  readonly #counters = new Map<string, { metric: string; tags: Record<string, string>; value: number }>();
  readonly #sources: StatsSource[] = [];

  constructor(
    private readonly options: { readonly canonical: boolean; readonly port?: number; readonly withPort: boolean },
  ) {}

  /** The counter `metric` with `tags` (created at 0): hot paths keep it and bump `value`. */
  counter(metric: string, tags: Readonly<Record<string, string>> = {}): { value: number } {
    const key = `${metric}|${Object.entries(tags).map(([k, v]) => `${k}=${v}`).join(',')}`;
    let c = this.#counters.get(key);
    if (!c) this.#counters.set(key, (c = { metric, tags: { ...tags }, value: 0 }));
    return c;
  }

  /** Adds `n` to the counter `metric` with `tags`. */
  inc(metric: string, tags: Readonly<Record<string, string>> = {}, n = 1): void {
    this.counter(metric, tags).value += n;
  }

  /** Declares a counter so it is reported (as 0) before it is first bumped. */
  declare(metric: string, tags: Readonly<Record<string, string>> = {}): void {
    this.inc(metric, tags, 0);
  }

  addSource(source: StatsSource): void {
    this.#sources.push(source);
  }

  /** Every statistic with the host (or fqdn) tag, and port when tsd.core.stats_with_port. */
  collect(): StatLine[] {
    const host = hostname();
    const extra: Record<string, string> = this.options.canonical ? { fqdn: host } : { host };
    if (this.options.withPort && this.options.port !== undefined) extra.port = String(this.options.port);
    const lines: StatLine[] = [...this.#counters.values()].map((c) => ({ metric: c.metric, value: c.value, tags: c.tags }));
    for (const s of this.#sources) lines.push(...s());
    return lines.map((l) => ({ ...l, tags: { ...l.tags, ...extra } }));
  }
}

/** `tsd.<name> <epoch s> <value> k=v ...`, one line per statistic (StatsCollector.record). */
export function statsAsLines(lines: readonly StatLine[], nowSec: number): string[] {
  return lines.map((l) => `${l.metric} ${nowSec} ${l.value} ${Object.entries(l.tags).map(([k, v]) => `${k}=${v}`).join(' ')}`.trimEnd());
}
