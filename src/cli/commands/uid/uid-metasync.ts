/**
 * `tsdb uid metasync` (UidManager.metaSync / MetaSync): walks the data table's row keys and, for each
 * series seen for the first time, makes sure its UIDs have UIDMeta and the series has TSMeta and its
 * counter, with `created` set to the earliest hour found when the stored one is later by more than an
 * hour or unset. As in OpenTSDB, a series whose counter is missing gets the counter (and, only under
 * tsd.core.meta.enable_realtime_ts, a TSMeta created "now"); one whose counter exists but has no
 * TSMeta gets one created at its first hour.
 */
import { DATA_FAMILY } from '../../../core/const';
import { toHex } from '../../../core/row-key';
import { META_FAMILY, newTsMeta, TS_COUNTER_QUALIFIER, TS_META_QUALIFIER, tsMetaJson } from '../../../meta/ts-meta';
import { uidMetaJson, uidMetaType } from '../../../meta/uid-meta';
import { NoSuchUniqueId } from '../../../uid/errors';
import { metaQualifier, NAME_FAMILY, type UidKind } from '../../../uid/uid-kind';
import { Progress, summaryLine } from '../../progress';
import { parseTsMeta, parseUidMeta } from './stored-meta';
import type { UidContext } from './uid-context';

/** `created` needs setting when unset, or later than the data by more than an hour. */
const stale = (created: number, firstHour: number): boolean => created === 0 || created > firstHour + 3600;

class MetaSync {
  readonly #earliest: Record<UidKind, Map<string, number>> = { metrics: new Map(), tagk: new Map(), tagv: new Map() };

  constructor(
    private readonly ctx: UidContext,
    private readonly progress: Progress,
  ) {}

  /** The UIDs of a series whose UIDMeta may need work (UIDs not yet seen at this hour or earlier). */
  uidsToSync(tsuid: Buffer, hour: number): [UidKind, Buffer][] {
    const { metricWidth, tagkWidth, tagvWidth } = this.ctx.tsdb.codec.layout;
    const out: [UidKind, Buffer][] = [];
    const consider = (kind: UidKind, uid: Buffer): void => {
      const seen = this.#earliest[kind].get(uid.toString('latin1'));
      if (seen !== undefined && seen !== 0 && seen <= hour) return;
      this.#earliest[kind].set(uid.toString('latin1'), hour);
      out.push([kind, uid]);
    };
    consider('metrics', tsuid.subarray(0, metricWidth));
    for (let at = metricWidth; at + tagkWidth + tagvWidth <= tsuid.length; at += tagkWidth + tagvWidth) {
      consider('tagk', tsuid.subarray(at, at + tagkWidth));
      consider('tagv', tsuid.subarray(at + tagkWidth, at + tagkWidth + tagvWidth));
    }
    return out;
  }

  /** UIDMeta.getUIDMeta + MetaSync's UidCB: the name must exist; a missing or stale meta gets `created`. */
  async syncUid(kind: UidKind, uid: Buffer, hour: number, tsuidHex: string): Promise<void> {
    const { tsdb, logger } = this.ctx;
    try {
      await tsdb.uids[kind].getName(uid);
    } catch (e) {
      if (!(e instanceof NoSuchUniqueId)) throw e;
      logger.warn(`Timeseries [${tsuidHex}] includes a non-existant UID: ${e.message}`);
      this.progress.error();
      return;
    }
    const qualifier = metaQualifier(kind);
    // Two series may carry the same UID at different first hours: a lost CAS re-reads and re-decides.
    for (let attempt = 0; attempt < 3; attempt++) {
      const row = await tsdb.store.get(tsdb.tables.uid, uid, { columns: [{ family: NAME_FAMILY, qualifiers: [qualifier] }] });
      const stored = row?.cells[0]?.value ?? null;
      const meta = stored ? parseUidMeta(stored.toString('utf8'), kind) : null;
      if (meta && !stale(meta.created, hour)) return;
      const next = meta ? { ...meta, created: hour } : { type: uidMetaType(kind), displayName: '', description: '', notes: '', created: hour, custom: null };
      logger.info(`Updating UID [${toHex(uid)}] of type [${uidMetaType(kind)}]`);
      const value = Buffer.from(uidMetaJson(next), 'utf8');
      if (await tsdb.store.compareAndSet(tsdb.tables.uid, uid, { family: NAME_FAMILY, qualifier, value }, stored)) return;
    }
  }

  /** TSMeta.getTSMeta + MetaSync's TSMetaCB. */
  async syncSeries(tsuid: Buffer, hour: number): Promise<void> {
    const { tsdb, logger } = this.ctx;
    const table = tsdb.tables.meta;
    const tsuidHex = toHex(tsuid);
    const row = await tsdb.store.get(table, tsuid, { columns: [{ family: META_FAMILY, qualifiers: [TS_META_QUALIFIER, TS_COUNTER_QUALIFIER] }] });
    const cell = (q: Buffer): Buffer | undefined => row?.cells.find((c) => c.qualifier.equals(q))?.value;
    const stored = cell(TS_META_QUALIFIER);
    const put = (json: string): Promise<void> => tsdb.store.put(table, tsuid, [{ family: META_FAMILY, qualifier: TS_META_QUALIFIER, value: Buffer.from(json, 'utf8') }]);
    if (!stored) {
      if (cell(TS_COUNTER_QUALIFIER) === undefined) {
        // TSMeta.incrementAndGetCounter: the TSMeta itself only under tsd.core.meta.enable_realtime_ts.
        const count = await tsdb.store.atomicIncrement(table, tsuid, META_FAMILY, TS_COUNTER_QUALIFIER, 1n);
        if (count === 1n && this.ctx.config.getBoolean('tsd.core.meta.enable_realtime_ts')) {
          await put(tsMetaJson(newTsMeta(tsuidHex, Math.floor(Date.now() / 1000))));
        }
        logger.info(`Created counter and meta for timeseries [${tsuidHex}]`);
      } else {
        logger.info(`Counter exists but meta was null, creating meta data for timeseries [${tsuidHex}]`);
        await put(tsMetaJson(newTsMeta(tsuidHex, hour)));
      }
      return;
    }
    const meta = parseTsMeta(stored.toString('utf8'));
    if (meta.tsuid === '') {
      logger.warn(`Replacing corrupt meta data for timeseries [${tsuidHex}]`);
      await put(tsMetaJson(newTsMeta(tsuidHex, hour)));
    } else if (stale(meta.created, hour)) {
      logger.info(`Updated created timestamp for timeseries [${tsuidHex}]`);
      const value = Buffer.from(tsMetaJson({ ...meta, created: hour }), 'utf8');
      await tsdb.store.compareAndSet(table, tsuid, { family: META_FAMILY, qualifier: TS_META_QUALIFIER, value }, stored);
    }
  }
}

export async function uidMetaSync(ctx: UidContext): Promise<number> {
  const { tsdb, logger } = ctx;
  const { codec } = tsdb;
  const progress = new Progress({ label: 'metasync', unit: 'series' }).start();
  const sync = new MetaSync(ctx, progress);
  const processed = new Set<string>();
  for await (const batch of tsdb.store.scan(tsdb.tables.data, { families: [DATA_FAMILY], filter: { type: 'keyOnly' }, batchSize: 1024 })) {
    const work: Promise<void>[] = [];
    for (const { key } of batch) {
      if (key.length < codec.prefixLength || (key.length - codec.prefixLength) % codec.tagPairWidth !== 0) continue;
      const tsuid = codec.tsuid(key);
      if (codec.metric(key).every((b) => b === 0)) continue; // global annotations: no series
      const k = tsuid.toString('latin1');
      if (processed.has(k)) continue;
      processed.add(k);
      const hour = codec.baseTime(key);
      const tsuidHex = toHex(tsuid);
      progress.add();
      const report = (e: unknown): void => {
        progress.error();
        logger.error(`Invalid data when processing TSUID [${tsuidHex}]: ${(e as Error).message}`);
      };
      for (const [kind, uid] of sync.uidsToSync(tsuid, hour)) work.push(sync.syncUid(kind, uid, hour, tsuidHex).catch(report));
      work.push(sync.syncSeries(tsuid, hour).catch(report));
    }
    await Promise.all(work);
  }
  await tsdb.flush();
  const summary = progress.finish();
  logger.info(`Completed meta data synchronization in [${Math.round(summary.elapsedMs / 1000)}] seconds`);
  process.stdout.write(`${summaryLine('metasync', 'series', summary)}\n`);
  return 0;
}
