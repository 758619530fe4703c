/**
 * Feeds import lines into the daemon's write path (TSDB.resolvePoint + writePoint): known series go
 * straight to the writer; the first line of a new series starts its UID resolution and the series'
 * lines wait, in order, until the batch ends, so many new series resolve together. Per series the
 * timestamps must increase (IncomingDataPoints' batch rule) unless
 * tsd.core.bulk.allow_out_of_order_timestamps. A bad line is reported and skipped.
 */
import { isMilliseconds } from '../../core/const';
import { checkTimestamp } from '../../core/point-validation';
import type { SeriesId } from '../../core/series-resolver';
import type { EncodedValue } from '../../core/value-codec';
import { javaMapToString } from '../../core/java-text';
import { parseTagWords } from '../../tsd/put/put-point';
import type { TSDB } from '../../tsdb';
import { javaByteArray } from '../../uid/errors';
import { encodeImportValue, ImportLineError, parseImportLine } from './import-line';
import type { LineBatch } from './line-reader';

export interface BadLine {
  readonly path: string;
  readonly lineNo: number;
  readonly line: string;
  readonly message: string;
}

interface SeriesState {
  readonly series: SeriesId;
  /** Last timestamp written, in ms (IncomingDataPoints.last_ts). */
  lastMs: number;
}

interface QueuedPoint {
  readonly timestamp: number;
  readonly value: EncodedValue;
  readonly lineNo: number;
  readonly line: string;
}

interface PendingSeries {
  readonly resolving: Promise<SeriesId>;
  readonly points: QueuedPoint[];
}

export class Importer {
  points = 0;
  errors = 0;
  /** Series by the line text that names them (metric and tag words), and by TSUID. */
  readonly #byText = new Map<string, SeriesState>();
  readonly #byTsuid = new Map<string, SeriesState>();

  constructor(
    private readonly tsdb: TSDB,
    private readonly allowOutOfOrder: boolean,
    private readonly onBadLine: (bad: BadLine) => void,
  ) {}

  /** Bad lines of the batch under way, reported in line order once it is done. */
  #badLines: BadLine[] = [];

  #bad(path: string, lineNo: number, line: string, e: unknown): void {
    this.errors++;
    this.#badLines.push({ path, lineNo, line, message: e instanceof Error ? e.message : String(e) });
  }

  #write(state: SeriesState, timestamp: number, value: EncodedValue): void {
    const { series } = state;
    checkTimestamp(series.metric, timestamp, value.bytes, value.flags, series.tags);
    const ms = isMilliseconds(timestamp) ? timestamp : timestamp * 1000;
    if (ms <= state.lastMs && !this.allowOutOfOrder) {
      throw new ImportLineError(
        `New timestamp=${timestamp} is less than or equal to previous=${state.lastMs} when trying to add ` +
          `value=${javaByteArray(value.bytes)} to ${series.metric} ${javaMapToString(series.tags)}`,
      );
    }
    this.tsdb.writePoint(series, timestamp, value);
    if (ms > state.lastMs) state.lastMs = ms;
    this.points++;
  }

  /** Imports one batch of lines of `path`; resolves once every line of it is written or reported. */
  async importBatch(path: string, batch: LineBatch): Promise<void> {
    const pending = new Map<string, PendingSeries>();
    const { lines, firstLine } = batch;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      try {
        const p = parseImportLine(line);
        const key = p.tagsAt < line.length ? `${p.metric} ${line.slice(p.tagsAt)}` : p.metric;
        const value = encodeImportValue(p.valueText, p.metric, p.timestamp);
        const known = this.#byText.get(key);
        if (known) {
          this.#write(known, p.timestamp, value);
          continue;
        }
        const queued = pending.get(key);
        const point = { timestamp: p.timestamp, value, lineNo: firstLine + i, line };
        if (queued) {
          queued.points.push(point);
          continue;
        }
        const tags = parseTagWords(line.slice(p.tagsAt).split(' '));
        const resolving = this.tsdb.resolvePoint(p.metric, p.timestamp, value, tags);
        resolving.catch(() => undefined); // settled below, with the batch
        pending.set(key, { resolving, points: [point] });
      } catch (e) {
        this.#bad(path, firstLine + i, line, e);
      }
    }
    if (pending.size > 0) await this.#settle(path, pending);
    if (this.#badLines.length > 0) {
      const bad = this.#badLines.sort((a, b) => a.lineNo - b.lineNo);
      this.#badLines = [];
      bad.forEach(this.onBadLine);
    }
    if (this.tsdb.writer.saturated) await this.tsdb.writable();
  }

  async #settle(path: string, pending: Map<string, PendingSeries>): Promise<void> {
    const results = await Promise.allSettled([...pending.values()].map((p) => p.resolving));
    let i = 0;
    for (const [key, { points }] of pending) {
      const r = results[i++];
      if (r.status === 'rejected') {
        for (const p of points) this.#bad(path, p.lineNo, p.line, r.reason);
        continue;
      }
      const tsuid = r.value.tsuid.toString('latin1');
      let state = this.#byTsuid.get(tsuid);
      if (!state) this.#byTsuid.set(tsuid, (state = { series: r.value, lastMs: -1 }));
      this.#byText.set(key, state);
      for (const p of points) {
        try {
          this.#write(state, p.timestamp, p.value);
        } catch (e) {
          this.#bad(path, p.lineNo, p.line, e);
        }
      }
    }
  }
}
