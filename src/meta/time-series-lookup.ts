/**
 * OpenTSDB's TimeSeriesLookup, answered from the series index instead of tsdb-meta: names become UIDs
 * (an unknown name throws NoSuchUniqueName, as 2.4 does), the index picks the series in TSUID order up
 * to the limit, and each series' UIDs become names again (NoSuchUniqueId if one has none left).
 */
import type { Uids } from '../core/series-resolver';
import { toHex } from '../core/row-key';
import { NoSuchUniqueName } from '../uid/errors';
import type { UniqueId } from '../uid/unique-id';
import type { SeriesIndex } from './series-index';
import type { SeriesIndexLoader } from './series-index-loader';
import type { TagConstraint } from './series-query';

/** A name of a lookup; `*` and null are the wildcard. */
export interface LookupPair {
  readonly key: string | null;
  readonly value: string | null;
}

export interface LookupRequest {
  readonly metric: string | null;
  readonly tags: readonly LookupPair[];
  readonly limit: number;
}

export interface LookupSeries {
  readonly tsuid: string;
  readonly metric: string;
  /** Tag names in the TSUID's order (by tagk UID). */
  readonly tags: readonly (readonly [string, string])[];
}

export interface LookupDeps {
  readonly uids: Uids;
  readonly index: SeriesIndex;
  readonly loader: Pick<SeriesIndexLoader, 'ready'>;
}

const isWildcard = (name: string | null): name is null => name === null || name === '*';

function resolveName(uid: UniqueId, name: string): Promise<Buffer> {
  // An empty name has no row to read in tsdb-uid; OpenTSDB reports it like any unknown name.
  if (name === '') return Promise.reject(new NoSuchUniqueName(uid.kind, name));
  return uid.getId(name);
}

export async function lookupSeries(deps: LookupDeps, request: LookupRequest): Promise<LookupSeries[]> {
  const { uids, index } = deps;
  const metric = request.metric === null || request.metric === '' || request.metric === '*' ? null : await resolveName(uids.metrics, request.metric);
  const tags: TagConstraint[] = await Promise.all(
    request.tags.map(async ({ key, value }) => ({
      tagk: isWildcard(key) ? null : await resolveName(uids.tagk, key),
      tagv: isWildcard(value) ? null : await resolveName(uids.tagv, value),
    })),
  );
  await deps.loader.ready();
  const ids = index.lookup({ metric, tags, limit: request.limit });
  const { metricWidth, tagkWidth, tagvWidth } = index.widths;
  return Promise.all(
    ids.map(async (id) => {
      const tsuid = index.tsuid(id);
      const names: Promise<readonly [string, string]>[] = [];
      for (let at = metricWidth; at < tsuid.length; at += tagkWidth + tagvWidth) {
        const k = tsuid.subarray(at, at + tagkWidth);
        const v = tsuid.subarray(at + tagkWidth, at + tagkWidth + tagvWidth);
        names.push(Promise.all([uids.tagk.getName(k), uids.tagv.getName(v)]));
      }
      const [metricName, tagNames] = await Promise.all([uids.metrics.getName(tsuid.subarray(0, metricWidth)), Promise.all(names)]);
      return { tsuid: toHex(tsuid), metric: metricName, tags: tagNames };
    }),
  );
}
