/**
 * Fills the series index at start from the data table: a key-only scan of family `t`, each row key
 * reduced to its TSUID (salt and base time dropped), so the hours of one series count once. It runs
 * in the background; new series the write path resolves meanwhile go into the index directly.
 *
 * Lookups wait for the load to finish, at most `maxWaitMs`; past that they are answered from what is
 * loaded so far (and the wait is logged), so a huge table cannot hang Grafana's dashboards.
 */
import { DATA_FAMILY } from '../core/const';
import type { RowKeyCodec } from '../core/row-key';
import type { Logger } from '../logging/logger';
import type { Store } from '../storage/store';
import type { SeriesIndex } from './series-index';

export interface SeriesIndexLoaderOptions {
  readonly store: Store;
  readonly table: string;
  readonly codec: RowKeyCodec;
  readonly index: SeriesIndex;
  readonly logger: Logger;
  /** Row keys the write path holds in memory only (replayed from its log): indexed first. */
  readonly pendingRowKeys?: () => Iterable<Buffer>;
  readonly maxWaitMs?: number;
  readonly nowMs?: () => number;
}

export interface SeriesIndexLoadStats {
  rowsScanned: number;
  loaded: boolean;
  failed: boolean;
  loadMs: number;
}

const DEFAULT_MAX_WAIT_MS = 20_000;

export class SeriesIndexLoader {
  readonly stats: SeriesIndexLoadStats = { rowsScanned: 0, loaded: false, failed: false, loadMs: 0 };
  readonly #abort = new AbortController();
  #done: Promise<void> = Promise.resolve();
  #warned = false;

  constructor(private readonly options: SeriesIndexLoaderOptions) {}

  #started = false;

  /** Starts the background load (once); errors are logged, never thrown. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    const now = this.options.nowMs ?? Date.now;
    const started = now();
    this.#done = this.#load().then(
      () => {
        this.stats.loaded = true;
        this.stats.loadMs = now() - started;
        this.options.logger.info('Loaded the series index', {
          series: this.options.index.size,
          rows: this.stats.rowsScanned,
          ms: this.stats.loadMs,
        });
      },
      (e: unknown) => {
        if (this.#abort.signal.aborted) return;
        this.stats.failed = true;
        this.options.logger.error('Cannot load the series index; lookups answer from new series only', {
          error: (e as Error).message,
        });
      },
    );
  }

  /** Resolves once the load is over, or after maxWaitMs (the index then answers with what it has). */
  async ready(): Promise<void> {
    if (this.stats.loaded || this.stats.failed) return;
    const maxWait = this.options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => {
      timer = setTimeout(() => r('timeout'), maxWait);
    });
    const outcome = await Promise.race([this.#done.then(() => 'done' as const), timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout' && !this.#warned) {
      this.#warned = true;
      this.options.logger.warn('Series index still loading; lookups answer from the series loaded so far', {
        series: this.options.index.size,
        rows: this.stats.rowsScanned,
      });
    }
  }

  /** Stops a load under way (shutdown). */
  async stop(): Promise<void> {
    this.#abort.abort(new Error('TSD shutting down'));
    await this.#done;
  }

  async #load(): Promise<void> {
    const { store, table, codec, index, pendingRowKeys } = this.options;
    for (const key of pendingRowKeys?.() ?? []) addRowKey(index, codec, key);
    for await (const rows of store.scan(table, {
      families: [DATA_FAMILY],
      filter: { type: 'keyOnly' },
      batchSize: 1024,
      signal: this.#abort.signal,
    })) {
      for (const row of rows) addRowKey(index, codec, row.key);
      this.stats.rowsScanned += rows.length;
    }
  }
}

/**
 * Indexes the series of a data-table row key; global annotation rows (metric UID 0, no tags) and
 * keys of the wrong shape are skipped.
 */
export function addRowKey(index: SeriesIndex, codec: RowKeyCodec, key: Buffer): boolean {
  const { saltWidth, metricWidth } = codec.layout;
  const tagBytes = key.length - codec.prefixLength;
  if (tagBytes < 0 || tagBytes % codec.tagPairWidth !== 0) return false;
  let zeroMetric = true;
  for (let i = saltWidth; i < saltWidth + metricWidth; i++) if (key[i] !== 0) zeroMetric = false;
  if (zeroMetric && tagBytes === 0) return false;
  // Small unsafe allocations come from Node's pool: cheap enough per row.
  const tsuid = Buffer.allocUnsafe(metricWidth + tagBytes);
  key.copy(tsuid, 0, saltWidth, saltWidth + metricWidth);
  key.copy(tsuid, metricWidth, codec.prefixLength);
  return index.add(tsuid);
}
