/**
 * Series bookkeeping in tsdb-meta when OpenTSDB's switches ask for it (storage spec §9), coalesced
 * per event-loop turn: many points of one series in a turn cost one store operation, not one each.
 *
 * | tracking | realtime_ts | incrementing | per series and turn                                     |
 * | off      | –           | –            | nothing                                                 |
 * | on       | off         | –            | put ts_ctr = 1 (its cell timestamp marks the last write) |
 * | on       | on          | on           | increment ts_ctr by the points; store ts_meta when new  |
 * | on       | on          | off          | store ts_meta unless it exists                          |
 */
import type { Store } from '../storage/store';
import { META_FAMILY, newTsMeta, TS_COUNTER_QUALIFIER, TS_META_QUALIFIER, tsMetaJson } from './ts-meta';

export interface MetaSwitches {
  readonly tracking: boolean;
  readonly realtimeTs: boolean;
  readonly incrementing: boolean;
}

const ONE = Buffer.from('0000000000000001', 'hex');

export class MetaTracker {
  #pending = new Map<string, { tsuid: Buffer; points: number }>();
  #scheduled = false;
  readonly #known = new Set<string>();
  #inflight: Promise<void> = Promise.resolve();
  errors = 0;

  constructor(
    private readonly store: Store,
    private readonly table: string,
    private readonly switches: MetaSwitches,
    private readonly nowMs: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.switches.tracking;
  }

  /** Notes one point of the series `tsuid` (metric UID + tag UIDs). */
  onPoint(tsuid: Buffer): void {
    if (!this.switches.tracking) return;
    const k = tsuid.toString('latin1');
    const entry = this.#pending.get(k);
    if (entry) entry.points++;
    else this.#pending.set(k, { tsuid, points: 1 });
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => {
        this.#scheduled = false;
        const batch = this.#pending;
        this.#pending = new Map();
        this.#inflight = this.#inflight.then(() => this.#apply(batch)).catch(() => {
          this.errors++;
        });
      });
    }
  }

  async #apply(batch: Map<string, { tsuid: Buffer; points: number }>): Promise<void> {
    const { tracking, realtimeTs, incrementing } = this.switches;
    if (!tracking) return;
    if (!realtimeTs) {
      await this.store.batch([...batch.values()].map(({ tsuid }) => ({ type: 'put' as const, table: this.table, row: tsuid, cells: [{ family: META_FAMILY, qualifier: TS_COUNTER_QUALIFIER, value: ONE }] })));
      return;
    }
    await Promise.all(
      [...batch.entries()].map(async ([k, { tsuid, points }]) => {
        if (incrementing) {
          const total = await this.store.atomicIncrement(this.table, tsuid, META_FAMILY, TS_COUNTER_QUALIFIER, BigInt(points));
          if (total === BigInt(points)) await this.#storeMeta(tsuid);
          return;
        }
        if (this.#known.has(k)) return;
        const existing = await this.store.get(this.table, tsuid, { columns: [{ family: META_FAMILY, qualifiers: [TS_META_QUALIFIER] }] });
        if (!existing) await this.#storeMeta(tsuid);
        this.#known.add(k);
      }),
    );
  }

  async #storeMeta(tsuid: Buffer): Promise<void> {
    const json = tsMetaJson(newTsMeta(tsuid.toString('hex').toUpperCase(), Math.floor(this.nowMs() / 1000)));
    await this.store.compareAndSet(this.table, tsuid, { family: META_FAMILY, qualifier: TS_META_QUALIFIER, value: Buffer.from(json, 'utf8') }, null);
  }

  /** Resolves when the bookkeeping of every point noted so far is stored. */
  async flush(): Promise<void> {
    if (this.#scheduled) await new Promise((r) => setImmediate(r));
    await this.#inflight;
  }
}
