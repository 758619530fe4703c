/**
 * Resolves a series (metric name + tags) into its UIDs and row-key template, creating UIDs where
 * OpenTSDB would (tsd.core.auto_create_metrics, auto_create_tagks, auto_create_tagvs). The template is
 * the salted row key at base time 0; a point's row key only changes its 4 time bytes.
 */
import type { UniqueId } from '../uid/unique-id';
import type { RowKeyCodec } from './row-key';

export interface Uids {
  readonly metrics: UniqueId;
  readonly tagk: UniqueId;
  readonly tagv: UniqueId;
}

export interface SeriesId {
  readonly metric: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly metricUid: Buffer;
  /** The salted row key with base time 0. */
  readonly keyTemplate: Buffer;
  /** Metric UID and tag UIDs: the series' TSUID bytes. */
  readonly tsuid: Buffer;
}

export interface AutoCreate {
  readonly metrics: boolean;
  readonly tagks: boolean;
  readonly tagvs: boolean;
}

export class SeriesResolver {
  constructor(
    private readonly uids: Uids,
    private readonly codec: RowKeyCodec,
    private readonly autoCreate: AutoCreate,
    /** Told of every series resolved (the series index keeps those it has not seen). */
    private readonly onSeries?: (series: SeriesId) => void,
  ) {}

  #resolve(uid: UniqueId, name: string, create: boolean): Buffer | Promise<Buffer> {
    const cached = uid.getIdCached(name);
    if (cached) return cached;
    return create ? uid.getOrCreateId(name) : uid.getId(name);
  }

  /** Resolves metric then tags (IncomingDataPoints.rowKeyTemplate's order); NoSuchUniqueName if not allowed to create. */
  async resolve(metric: string, tags: Readonly<Record<string, string>>): Promise<SeriesId> {
    const { uids, autoCreate } = this;
    const metricUid = await this.#resolve(uids.metrics, metric, autoCreate.metrics);
    const pairs = await Promise.all(
      Object.entries(tags).map(async ([k, v]) => {
        const [kid, vid] = await Promise.all([this.#resolve(uids.tagk, k, autoCreate.tagks), this.#resolve(uids.tagv, v, autoCreate.tagvs)]);
        return Buffer.concat([kid, vid]);
      }),
    );
    const keyTemplate = this.codec.build(metricUid, pairs, 0);
    const series: SeriesId = { metric, tags, metricUid, keyTemplate, tsuid: this.codec.tsuid(keyTemplate) };
    this.onSeries?.(series);
    return series;
  }
}
