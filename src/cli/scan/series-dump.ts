/**
 * DumpSeries' rendering of one data-table row for `tsdb scan`: by default the row key, metric, base
 * time and tags, then every cell raw — qualifier and value bytes, offset, `l`/`f`, timestamp and date;
 * compacted and append cells as `= N values:` followed by their points; annotations with their JSON —
 * or, with --import, one `<metric> <timestamp> <value> <tagk=tagv ...>` line per point, the format
 * `tsdb import` reads. Single cells get the legacy fix-ups a reader applies.
 */
import type { Cell, StoredRow } from '../../storage/store';
import { ANNOTATION_PREFIX, APPEND_PREFIX, isMilliseconds } from '../../core/const';
import { fixupSingleCell } from '../../core/row-cells';
import { mergeRow } from '../../core/row-merge';
import { walkColumn } from '../../core/column-decoder';
import { decodeValue, IllegalDataError } from '../../core/value-codec';
import { javaDoubleToString } from '../../java/java-double';
import { JavaHashMap } from '../../java/java-hash-map';
import type { TSDB } from '../../tsdb';
import { javaByteArray, NoSuchUniqueId } from '../../uid/errors';
import { CorruptCompactionError, flagsOf, inMs, isFloat, splitCompacted } from '../fsck/fsck-cells';
import { javaDateString } from '../java-date';

/** Internal.getOffsetFromQualifier(q, at): ms for ms qualifiers, seconds × 1000 otherwise. */
function offsetAt(q: Buffer, at: number): number {
  if (at >= q.length - 1) return 0;
  if ((q[at] & 0xf0) === 0xf0) return q.length >= at + 4 ? (q.readUInt32BE(at) & 0x0fffffc0) >>> 6 : 0;
  return (q.readUInt16BE(at) >>> 4) * 1000;
}

/** DumpSeries.date: seconds or ms (any of the high 32 bits set) to Date.toString. */
const date = (ts: number): string => javaDateString(isMilliseconds(ts) ? ts : ts * 1000);

interface Point {
  readonly qualifier: Buffer;
  readonly value: Buffer;
}

function pointValue(p: Point): string {
  const flags = flagsOf(p.qualifier);
  const v = decodeValue(p.value, 0, flags, (flags & 0x07) + 1);
  return v.isInteger ? String(v.value) : javaDoubleToString(v.value as number);
}

export class SeriesDump {
  constructor(private readonly tsdb: TSDB) {}

  /** The row's metric name and tags (in the HashMap order DumpSeries prints), or the lookup error. */
  async #names(key: Buffer): Promise<{ metric: string; tags: [string, string][] | string }> {
    const { codec, uids } = this.tsdb;
    const failure = (e: unknown): string => {
      if (e instanceof NoSuchUniqueId) return `net.opentsdb.uid.NoSuchUniqueId: ${e.message}`;
      throw e;
    };
    let metric: string;
    try {
      metric = await uids.metrics.getName(codec.metric(key));
    } catch (e) {
      metric = failure(e);
    }
    try {
      const pairs = codec.tags(key);
      const map = new JavaHashMap<string>(pairs.length);
      for (const [k, v] of pairs) map.put(await uids.tagk.getName(k), await uids.tagv.getName(v));
      return { metric, tags: map.orderedEntries() };
    } catch (e) {
      return { metric, tags: failure(e) };
    }
  }

  /** The lines of one row. */
  async rowLines(row: StoredRow, importFormat: boolean): Promise<string[]> {
    const base = this.tsdb.codec.baseTime(row.key);
    const { metric, tags } = await this.#names(row.key);
    const lines: string[] = [];
    if (!importFormat) {
      const tagText = typeof tags === 'string' ? tags : `{${tags.map(([k, v]) => `${k}=${v}`).join(', ')}}`;
      lines.push(`${javaByteArray(row.key)} ${metric} ${base} (${date(base)}) ${tagText}`);
    }
    const importTags = typeof tags === 'string' ? '' : tags.map(([k, v]) => ` ${k}=${v}`).join('');
    for (const cell of row.cells) {
      const text = this.#cell(row.key, cell, base, importFormat ? { metric, tags: importTags } : null);
      if (text !== null) lines.push(importFormat ? text : `  ${text}`);
    }
    return lines;
  }

  /** One cell's text; null when the import format has nothing to say about it. */
  #cell(key: Buffer, cell: Cell, base: number, asImport: { metric: string; tags: string } | null): string | null {
    const q = cell.qualifier;
    const append = q.length === 3 && q[0] === APPEND_PREFIX;
    const point = (p: Point): string => {
      const ts = inMs(p.qualifier) ? base * 1000 + offsetAt(p.qualifier, 0) : base + offsetAt(p.qualifier, 0) / 1000;
      if (asImport) return `${asImport.metric} ${ts} ${pointValue(p)}${asImport.tags}`;
      const offset = inMs(p.qualifier) ? offsetAt(p.qualifier, 0) : offsetAt(p.qualifier, 0) / 1000;
      return `${javaByteArray(p.qualifier)}\t${javaByteArray(p.value)}\t${offset}\t${isFloat(p.qualifier) ? 'f' : 'l'}\t${ts}\t(${date(ts)})`;
    };
    if (q.length === 0 || (q.length % 2 !== 0 && !append)) {
      if (asImport) return null;
      if (q[0] !== ANNOTATION_PREFIX) return `${javaByteArray(cell.value)}\t[Not a data point]`;
      // DumpSeries reads an annotation's qualifier as if it were a data point's, offsets included.
      const ts = base * 1000 + offsetAt(q, 0);
      return `${javaByteArray(q)}\t${javaByteArray(cell.value)}\t${offsetAt(q, 1) / 1000}\t${cell.value.toString('latin1')}\t${ts}\t(${date(ts)})`;
    }
    // OpenTSDB's tool dies on a cell it cannot read; this one says so on that cell's line and goes on.
    try {
      if (q.length === 2 || (q.length === 4 && inMs(q))) return point(fixupSingleCell(cell).cell);
      const points = append ? splitMerged(cell) : splitCompacted(key, cell);
      if (asImport) return points.map(point).join('\n');
      return [`${javaByteArray(q)}\t${javaByteArray(cell.value)} = ${points.length} values:`, ...points.map((p) => `    ${point(p)}`)].join('\n');
    } catch (e) {
      if (!(e instanceof CorruptCompactionError || e instanceof IllegalDataError)) throw e;
      return asImport ? null : `${javaByteArray(q)}\t${javaByteArray(cell.value)}\t[${e.message}]`;
    }
  }
}

/** An append column's points: sorted, the last appended winning (AppendDataPoints.parseKeyValue). */
function splitMerged(cell: Cell): Point[] {
  const merged = mergeRow([cell], { fixDuplicates: true });
  const points: Point[] = [];
  walkColumn(merged.qualifier, merged.value, (qAt, qW, vAt, vL) =>
    points.push({ qualifier: merged.qualifier.subarray(qAt, qAt + qW), value: merged.value.subarray(vAt, vAt + vL) }),
  );
  return points;
}

