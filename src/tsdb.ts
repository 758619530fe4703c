/**
 * The TSDB facade, one per process: wires configuration, the store and the layers built on it (UIDs,
 * the write path, the compactor). Faces (the daemon, the CLI) get everything from here; nothing here
 * parses requests or formats answers.
 */
import { join } from 'node:path';
import type { Config } from './config/config';
import { IllegalPointError, checkMetricAndTags, checkTimestamp, type PointLimits } from './core/point-validation';
import { RowKeyCodec } from './core/row-key';
import { SeriesResolver, type SeriesId, type Uids } from './core/series-resolver';
import { tableNames, tableSpecs, type TableNames } from './core/tables';
import type { EncodedValue } from './core/value-codec';
import { Compactor } from './core/write/compactor';
import { DataPointWriter, type WriteMode } from './core/write/data-point-writer';
import { OpenRows } from './core/write/open-rows';
import { WriteAheadLog } from './core/write/wal';
import type { Logger } from './logging/logger';
import { EmbeddedStore } from './storage/embedded/embedded-store';
import { HBaseStore } from './storage/hbase/hbase-store';
import type { Store } from './storage/store';
import { UniqueId } from './uid/unique-id';
import { metaQualifier, NAME_FAMILY, type UidKind } from './uid/uid-kind';
import { MetaTracker } from './meta/meta-tracker';
import { newUidMeta, uidMetaJson } from './meta/uid-meta';
import { SeriesIndex } from './meta/series-index';
import { SeriesIndexLoader } from './meta/series-index-loader';

export class TsdbStartError extends Error {
  override name = 'TsdbStartError';
}

/** Where the embedded backend keeps its LevelDB files and its write-ahead log. */
export function embeddedPaths(config: Config): { store: string; wal: string } {
  const root = config.getString('tsd.storage.embedded.path');
  return { store: join(root, 'store'), wal: join(root, 'wal') };
}

/** Opens the backend named by tsd.storage.backend. */
export async function openStore(config: Config): Promise<Store> {
  const backend = config.getString('tsd.storage.backend').trim().toLowerCase();
  if (backend === 'embedded') {
    return EmbeddedStore.open({ path: embeddedPaths(config).store, fsync: config.getBoolean('tsd.storage.embedded.fsync') });
  }
  if (backend === 'hbase') {
    return HBaseStore.open({
      zkQuorum: config.getString('tsd.storage.hbase.zk_quorum'),
      zkBasedir: config.getString('tsd.storage.hbase.zk_basedir'),
    });
  }
  throw new TsdbStartError(
    `Cannot open the store: 'tsd.storage.backend' must be 'embedded' or 'hbase', current value is '${backend}'`,
  );
}

export interface TsdbOptions {
  /** A store opened by the caller (tests, tools); otherwise opened from the config. */
  readonly store?: Store;
  /** Override the write mode (default: `log` on the embedded store, `cells` elsewhere). */
  readonly writeMode?: WriteMode;
  readonly nowMs?: () => number;
}

export class TSDB {
  readonly tables: TableNames;
  readonly codec: RowKeyCodec;
  readonly uids: Uids;
  readonly resolver: SeriesResolver;
  readonly openRows: OpenRows;
  readonly writer: DataPointWriter;
  readonly compactor: Compactor;
  readonly limits: PointLimits;
  readonly meta: MetaTracker;
  /** Every series in the store, for /api/search/lookup (the daemon starts its background load). */
  readonly seriesIndex: SeriesIndex;
  readonly seriesIndexLoader: SeriesIndexLoader;
  readonly #wal: WriteAheadLog | undefined;
  /** Series resolutions under way: flush() waits for them, so a flushed put is a stored put. */
  readonly #resolving = new Set<Promise<SeriesId>>();

  private constructor(
    readonly config: Config,
    readonly store: Store,
    readonly logger: Logger,
    options: TsdbOptions,
  ) {
    this.tables = tableNames(config);
    this.codec = new RowKeyCodec({
      metricWidth: config.getInt('tsd.storage.uid.width.metric', 1, 8),
      tagkWidth: config.getInt('tsd.storage.uid.width.tagk', 1, 8),
      tagvWidth: config.getInt('tsd.storage.uid.width.tagv', 1, 8),
      saltWidth: config.getInt('tsd.storage.salt.width', 0, 8),
      saltBuckets: config.getInt('tsd.storage.salt.buckets', 1),
    });
    const nowMs = options.nowMs ?? Date.now;
    const realtimeUidMeta = config.getBoolean('tsd.core.meta.enable_realtime_uid');
    const uid = (kind: UidKind, width: number, randomIds = false): UniqueId =>
      new UniqueId({
        store,
        table: this.tables.uid,
        kind,
        width,
        randomIds,
        onConflict: (message) => logger.warn(message, { kind }),
        // UIDMeta.storeNew: a plain put of the new UID's meta JSON.
        onAssigned: realtimeUidMeta
          ? (_name, id) =>
              store.put(this.tables.uid, id, [
                { family: NAME_FAMILY, qualifier: metaQualifier(kind), value: Buffer.from(uidMetaJson(newUidMeta(kind, Math.floor(nowMs() / 1000))), 'utf8') },
              ])
          : undefined,
      });
    this.uids = {
      metrics: uid('metrics', this.codec.layout.metricWidth, config.getBoolean('tsd.core.uid.random_metrics')),
      tagk: uid('tagk', this.codec.layout.tagkWidth),
      tagv: uid('tagv', this.codec.layout.tagvWidth),
    };
    this.seriesIndex = new SeriesIndex(this.codec.layout);
    this.resolver = new SeriesResolver(
      this.uids,
      this.codec,
      {
        metrics: config.getBoolean('tsd.core.auto_create_metrics'),
        tagks: config.getBoolean('tsd.core.auto_create_tagks'),
        tagvs: config.getBoolean('tsd.core.auto_create_tagvs'),
      },
      (series) => this.seriesIndex.add(series.tsuid),
    );
    this.limits = {
      maxTags: config.getInt('tsd.storage.max_tags', 1),
      allowSpecialChars: config.getString('tsd.core.tag.allow_specialchars'),
    };
    const mode = options.writeMode ?? (config.getBoolean('tsd.storage.enable_appends') ? 'append' : store instanceof EmbeddedStore ? 'log' : 'cells');
    this.#wal =
      mode === 'log'
        ? new WriteAheadLog(embeddedPaths(config).wal, { segmentBytes: 64 * 1024 * 1024, fsync: config.getBoolean('tsd.storage.embedded.fsync') })
        : undefined;
    this.meta = new MetaTracker(store, this.tables.meta, {
      tracking: config.getBoolean('tsd.core.meta.enable_tsuid_tracking'),
      realtimeTs: config.getBoolean('tsd.core.meta.enable_realtime_ts'),
      incrementing: config.getBoolean('tsd.core.meta.enable_tsuid_incrementing'),
    }, nowMs);
    this.openRows = new OpenRows((key) => this.codec.metric(key));
    this.writer = new DataPointWriter({
      mode,
      store,
      table: this.tables.data,
      codec: this.codec,
      openRows: this.openRows,
      wal: this.#wal,
      startedAtSec: Math.floor(nowMs() / 1000),
      nowMs,
      highWaterPoints: config.getInt('tsd.storage.write.max_pending_points', 1),
      onStoreError: (e, points) => logger.error('Cannot store data points; retrying', { points, error: (e as Error).message }),
    });
    this.seriesIndexLoader = new SeriesIndexLoader({
      store,
      table: this.tables.data,
      codec: this.codec,
      index: this.seriesIndex,
      logger: logger.child('series-index'),
      pendingRowKeys: () => [...this.openRows.values()].map((r) => r.key),
      nowMs,
    });
    this.compactor = new Compactor({
      mode,
      store,
      table: this.tables.data,
      codec: this.codec,
      openRows: this.openRows,
      writer: this.writer,
      wal: this.#wal,
      enabled: config.getBoolean('tsd.storage.enable_compaction'),
      fixDuplicates: config.getBoolean('tsd.storage.fix_duplicates'),
      idleMs: 2000,
      maxOpenBytes: config.getInt('tsd.storage.write.max_open_bytes', 1),
      intervalMs: 1000,
      batchRows: 1000,
      logger: logger.child('compaction'),
      nowMs,
    });
  }

  /**
   * Opens the store and checks its tables, replays the write-ahead log, and starts the compactor.
   * The embedded store creates missing tables (no setup); on HBase, as OpenTSDB, the data and UID
   * tables must exist.
   */
  static async open(config: Config, logger: Logger, options: TsdbOptions = {}): Promise<TSDB> {
    const store = options.store ?? (await openStore(config));
    const tsdb = new TSDB(config, store, logger, options);
    await tsdb.#ensureTables(store instanceof EmbeddedStore);
    tsdb.#replayLog();
    tsdb.compactor.start();
    return tsdb;
  }

  async #ensureTables(create: boolean): Promise<void> {
    const specs = tableSpecs(this.tables, { saltWidth: this.codec.layout.saltWidth, saltBuckets: this.codec.layout.saltBuckets });
    for (const spec of specs) {
      if (await this.store.tableExists(spec.name)) continue;
      if (create) {
        await this.store.createTable(spec);
        this.logger.info('Created table', { table: spec.name, store: this.store.description });
      } else if (spec.name === this.tables.data || spec.name === this.tables.uid) {
        throw new TsdbStartError(
          `Cannot start: table '${spec.name}' does not exist in ${this.store.description}; ` +
            `create the tables with 'tsdb create-tables' or hbase-schema/create_table.sh`,
        );
      }
    }
  }

  #replayLog(): void {
    if (!this.#wal) return;
    let points = 0;
    for (const p of this.#wal.replay()) {
      this.writer.restore(p.rowKey, p.qualifier, p.value, p.segment ?? 0);
      points++;
    }
    if (points > 0) this.logger.info('Replayed the write-ahead log', { points, rows: this.openRows.size, segments: this.#wal.segmentCount });
  }

  /**
   * Validates a point and resolves its series, as TSDB.addPoint does before writing: timestamp, tag
   * count and names are checked at once (a bad point throws IllegalPointError synchronously, as
   * OpenTSDB answers it before any lookup), then UIDs are resolved or created where allowed (the
   * promise rejects with NoSuchUniqueName when not).
   */
  resolvePoint(metric: string, timestamp: number, value: EncodedValue, tags: Readonly<Record<string, string>>): Promise<SeriesId> {
    checkTimestamp(metric, timestamp, value.bytes, value.flags, tags);
    checkMetricAndTags(metric, tags, this.limits);
    const p = this.resolver.resolve(metric, tags);
    this.#resolving.add(p);
    const done = (): void => {
      this.#resolving.delete(p);
    };
    p.then(done, done);
    return p;
  }

  /** Writes one point of an already resolved series. */
  writePoint(series: SeriesId, timestamp: number, value: EncodedValue): void {
    if (timestamp < 0) throw new IllegalPointError(`negative timestamp=${timestamp}`);
    this.writer.addPoint(series, timestamp, value);
    if (this.meta.enabled) this.meta.onPoint(series.tsuid);
  }

  /** Validates, resolves and writes one point. */
  async addPoint(metric: string, timestamp: number, value: EncodedValue, tags: Readonly<Record<string, string>>): Promise<void> {
    const series = await this.resolvePoint(metric, timestamp, value, tags);
    this.writePoint(series, timestamp, value);
  }

  /**
   * Resolves when the write path can take more points: the store keeps up and unpacked points fit
   * in memory. Faces stop reading from sockets until then.
   */
  writable(): Promise<void> {
    return this.writer.writable();
  }

  /** Resolves once every point written so far is durable. */
  async flush(): Promise<void> {
    while (this.#resolving.size > 0) await Promise.allSettled([...this.#resolving]);
    await new Promise((r) => setImmediate(r));
    await this.writer.flush();
    await this.meta.flush();
  }

  dropCaches(): void {
    this.uids.metrics.dropCaches();
    this.uids.tagk.dropCaches();
    this.uids.tagv.dropCaches();
  }

  /** Packs every open row, stores it, and closes the store. */
  async shutdown(): Promise<void> {
    await this.seriesIndexLoader.stop();
    await this.compactor.stop();
    // A store that stays down must not hold the process forever: after a grace period, failing
    // writes give up (and are logged) instead of retrying.
    const giveUp = setTimeout(() => this.writer.close(), 30_000);
    await this.flush().finally(() => clearTimeout(giveUp));
    await this.compactor.runOnce(true);
    if (this.openRows.size === 0) this.#wal?.releaseAll();
    else this.#wal?.close();
    await this.store.flush();
    await this.store.close();
  }
}
