/**
 * TSMeta in tsdb-meta as OpenTSDB's TSMeta and TSUIDQuery handle it: a read takes `ts_meta` and the
 * `ts_ctr` counter (points, and its cell time as "last received"); an edit checks that every UID of
 * the TSUID still has a name, needs a stored meta, merges, and writes with compare-and-set against
 * OpenTSDB's re-serialisation of the stored object; a listing scans the metric's rows.
 */
import type { Uids } from '../core/series-resolver';
import type { UidWidths } from './series-index';
import type { Store } from '../storage/store';
import { hasChanges, mergeEdit, NoChangesError, type MetaEdit } from './meta-edit';
import { META_FAMILY, newTsMeta, parseTsMetaJson, TS_COUNTER_QUALIFIER, TS_META_QUALIFIER, tsMetaJson, type StoredTsMeta, type TsMeta } from './ts-meta';

export interface TsMetaDeps {
  readonly store: Store;
  /** tsdb-meta */
  readonly table: string;
  readonly uids: Uids;
  readonly widths: UidWidths;
}

const USER_FIELDS: readonly (keyof TsMeta)[] = ['displayName', 'description', 'notes', 'custom', 'units', 'dataType', 'retention', 'max', 'min'];

export class MissingTsMetaError extends Error {
  override name = 'MissingTsMetaError';
}

function fromCells(cells: readonly { qualifier: Buffer; value: Buffer; timestamp: number }[]): StoredTsMeta | null {
  let meta: TsMeta | null = null;
  let totalDatapoints = 0n;
  let lastReceived = 0;
  for (const c of cells) {
    if (c.qualifier.equals(TS_COUNTER_QUALIFIER) && c.value.length === 8) {
      totalDatapoints = c.value.readBigInt64BE(0);
      lastReceived = Math.floor(c.timestamp / 1000);
    } else if (c.qualifier.equals(TS_META_QUALIFIER) && c.value.length > 0) {
      meta = parseTsMetaJson(c.value.toString('utf8'));
    }
  }
  return meta === null ? null : { meta, totalDatapoints, lastReceived };
}

/** TSMeta.getFromStorage: null when no `ts_meta` is stored (a lone counter does not count). */
export async function readTsMeta(deps: TsMetaDeps, tsuid: Buffer): Promise<StoredTsMeta | null> {
  const row = await deps.store.get(deps.table, tsuid, { columns: [{ family: META_FAMILY, qualifiers: [TS_COUNTER_QUALIFIER, TS_META_QUALIFIER] }] });
  return row ? fromCells(row.cells) : null;
}

async function cellExists(deps: TsMetaDeps, tsuid: Buffer, qualifier: Buffer): Promise<boolean> {
  const row = await deps.store.get(deps.table, tsuid, { columns: [{ family: META_FAMILY, qualifiers: [qualifier] }] });
  return (row?.cells[0]?.value.length ?? 0) > 0;
}

export const tsMetaExists = (deps: TsMetaDeps, tsuid: Buffer): Promise<boolean> => cellExists(deps, tsuid, TS_META_QUALIFIER);

/**
 * The `create=true` path of UniqueIdRpc: a zero counter unless one exists, then the meta as given
 * (TSMeta.storeNew, a plain put).
 */
export async function createTsMeta(deps: TsMetaDeps, tsuid: Buffer, edit: MetaEdit<TsMeta>): Promise<void> {
  if (!(await cellExists(deps, tsuid, TS_COUNTER_QUALIFIER))) {
    await deps.store.put(deps.table, tsuid, [{ family: META_FAMILY, qualifier: TS_COUNTER_QUALIFIER, value: Buffer.alloc(8) }]);
  }
  const meta: TsMeta = { ...newTsMeta(tsuid.toString('hex').toUpperCase(), 0), ...edit };
  await deps.store.put(deps.table, tsuid, [{ family: META_FAMILY, qualifier: TS_META_QUALIFIER, value: Buffer.from(tsMetaJson(meta), 'utf8') }]);
}

/** Every UID of a TSUID must still have a name (NoSuchUniqueId otherwise). */
async function checkUids(deps: TsMetaDeps, tsuid: Buffer): Promise<void> {
  const { metricWidth, tagkWidth, tagvWidth } = deps.widths;
  const names: Promise<string>[] = [deps.uids.metrics.getName(tsuid.subarray(0, metricWidth))];
  for (let at = metricWidth; at < tsuid.length; at += tagkWidth + tagvWidth) {
    names.push(deps.uids.tagk.getName(tsuid.subarray(at, at + tagkWidth)));
    names.push(deps.uids.tagv.getName(tsuid.subarray(at + tagkWidth, at + tagkWidth + tagvWidth)));
  }
  await Promise.all(names);
}

/** TSMeta.syncToStorage; false when another writer changed the meta meanwhile. */
export async function syncTsMeta(deps: TsMetaDeps, tsuid: Buffer, edit: MetaEdit<TsMeta>, overwrite: boolean): Promise<boolean> {
  if (!hasChanges(edit)) throw new NoChangesError('No changes detected in TSUID meta data');
  await checkUids(deps, tsuid);
  const stored = await readTsMeta(deps, tsuid);
  if (stored === null) throw new MissingTsMetaError('Requested TSMeta did not exist');
  const hex = tsuid.toString('hex').toUpperCase();
  const meta = mergeEdit(newTsMeta(hex, 0), edit, { ...stored.meta, tsuid: stored.meta.tsuid || hex }, overwrite, USER_FIELDS);
  const expected = Buffer.from(tsMetaJson(stored.meta), 'utf8');
  const value = Buffer.from(tsMetaJson({ ...meta, tsuid: stored.meta.tsuid || hex }), 'utf8');
  return deps.store.compareAndSet(deps.table, tsuid, { family: META_FAMILY, qualifier: TS_META_QUALIFIER, value }, expected);
}

/** TSMeta.delete: the meta cell only; the counter stays. */
export async function deleteTsMeta(deps: TsMetaDeps, tsuid: Buffer): Promise<void> {
  await deps.store.delete(deps.table, tsuid, META_FAMILY, [TS_META_QUALIFIER]);
}

/**
 * TSUIDQuery.getTSMetas: the stored metas of a metric's series that carry every given tag pair
 * (other tags allowed), in TSUID order.
 */
export async function listTsMetas(deps: TsMetaDeps, metricUid: Buffer, pairs: readonly Buffer[]): Promise<StoredTsMeta[]> {
  const stop = Buffer.from(metricUid);
  let i = stop.length - 1;
  while (i >= 0 && stop[i] === 0xff) stop[i--] = 0;
  if (i >= 0) stop[i]++;
  const pairWidth = deps.widths.tagkWidth + deps.widths.tagvWidth;
  const hasPair = (key: Buffer, pair: Buffer): boolean => {
    for (let at = deps.widths.metricWidth; at + pairWidth <= key.length; at += pairWidth) {
      if (key.subarray(at, at + pairWidth).equals(pair)) return true;
    }
    return false;
  };
  const out: StoredTsMeta[] = [];
  for await (const rows of deps.store.scan(deps.table, { start: metricUid, stop: i >= 0 ? stop : undefined, families: [META_FAMILY] })) {
    for (const row of rows) {
      if (!pairs.every((p) => hasPair(row.key, p))) continue;
      const found = fromCells(row.cells);
      if (found) out.push({ ...found, meta: { ...found.meta, tsuid: found.meta.tsuid || row.key.toString('hex').toUpperCase() } });
    }
  }
  return out;
}
