/**
 * Annotations in the data table as OpenTSDB's Annotation class reads and writes them: one cell per
 * annotation (family `t`, qualifier from the start time), edits merged into the stored JSON and
 * written with compare-and-set against OpenTSDB's re-serialisation; global annotations read by a scan
 * of the zero-metric rows; range deletes by the time in each qualifier.
 */
import { DATA_FAMILY, ANNOTATION_PREFIX } from '../core/const';
import { fromHex, type RowKeyCodec } from '../core/row-key';
import type { Store } from '../storage/store';
import { annotationBaseTime, annotationJson, annotationQualifier, globalAnnotationRow, parseAnnotationJson, type Annotation } from './annotation';
import { hasChanges, mergeEdit, NoChangesError, type MetaEdit } from './meta-edit';

export interface AnnotationDeps {
  readonly store: Store;
  /** The data table (tsdb). */
  readonly table: string;
  readonly codec: RowKeyCodec;
}

/** An annotation's address: its series (empty for a global one) and start time (s or ms). */
export interface AnnotationKey {
  readonly tsuid: string;
  readonly startTime: number;
}

export class AnnotationError extends Error {
  override name = 'AnnotationError';
}

const USER_FIELDS: readonly (keyof Annotation)[] = ['endTime', 'description', 'notes', 'custom'];
const MAX_TIMESPAN = 3600;

/** Annotation.getRowKey: the series row of the start hour (salted), or the global row. */
function rowKey(deps: AnnotationDeps, key: AnnotationKey): Buffer {
  if (key.startTime < 1) throw new AnnotationError('The start timestamp has not been set');
  if (key.tsuid === '') return globalAnnotationRow(deps.codec, key.startTime);
  return deps.codec.fromTsuid(fromHex(key.tsuid), annotationBaseTime(key.startTime));
}

function isAnnotationQualifier(q: Buffer): boolean {
  return (q.length === 3 || q.length === 5) && q[0] === ANNOTATION_PREFIX;
}

/** Annotation.getAnnotation: the stored annotation at this address, or null. */
export async function getAnnotation(deps: AnnotationDeps, key: AnnotationKey): Promise<Annotation | null> {
  const row = await deps.store.get(deps.table, rowKey(deps, key), { columns: [{ family: DATA_FAMILY, qualifiers: [annotationQualifier(key.startTime)] }] });
  const cell = row?.cells[0];
  return cell && cell.value.length > 0 ? parseAnnotationJson(cell.value.toString('utf8')) : null;
}

/** Annotation.syncToStorage: POST merges into the stored one, PUT replaces; false on a lost race. */
export async function syncAnnotation(deps: AnnotationDeps, key: AnnotationKey, edit: MetaEdit<Annotation>, overwrite: boolean): Promise<boolean> {
  const row = rowKey(deps, key);
  if (!hasChanges(edit)) throw new NoChangesError('No changes detected in Annotation data');
  const stored = await getAnnotation(deps, key);
  const defaults: Annotation = { tsuid: key.tsuid, startTime: key.startTime, endTime: 0, description: '', notes: '', custom: null };
  const merged = mergeEdit(defaults, edit, stored, overwrite, USER_FIELDS);
  const value = Buffer.from(annotationJson({ ...merged, tsuid: key.tsuid, startTime: key.startTime }), 'utf8');
  const expected = stored ? Buffer.from(annotationJson(stored), 'utf8') : null;
  return deps.store.compareAndSet(deps.table, row, { family: DATA_FAMILY, qualifier: annotationQualifier(key.startTime), value }, expected);
}

export async function deleteAnnotation(deps: AnnotationDeps, key: AnnotationKey): Promise<void> {
  await deps.store.delete(deps.table, rowKey(deps, key), DATA_FAMILY, [annotationQualifier(key.startTime)]);
}

function hourKey(deps: AnnotationDeps, tsuid: Buffer | null, hour: number): Buffer {
  if (tsuid === null) return globalAnnotationRow(deps.codec, Math.max(0, Math.min(hour, 0xffffffff)));
  return deps.codec.fromTsuid(tsuid, Math.max(0, Math.min(hour, 0xffffffff)));
}

/** Each annotation cell of one series (or the global rows) whose row hour lies in [fromSec, toSec]. */
async function* annotationCells(deps: AnnotationDeps, tsuid: Buffer | null, fromSec: number, toSec: number): AsyncGenerator<{ row: Buffer; qualifier: Buffer; value: Buffer }> {
  const start = hourKey(deps, tsuid, fromSec - (fromSec % MAX_TIMESPAN));
  const stop = hourKey(deps, tsuid, toSec - (toSec % MAX_TIMESPAN) + MAX_TIMESPAN);
  const filter = { type: 'qualifierPrefix' as const, prefix: Buffer.from([ANNOTATION_PREFIX]) };
  for await (const rows of deps.store.scan(deps.table, { start, stop, families: [DATA_FAMILY], filter })) {
    for (const r of rows) {
      // The range also holds other series of the metric (and, for global rows, nothing else).
      if (tsuid === null ? r.key.length !== start.length : !deps.codec.sameSeries(r.key, start)) continue;
      for (const c of r.cells) if (isAnnotationQualifier(c.qualifier)) yield { row: r.key, qualifier: c.qualifier, value: c.value };
    }
  }
}

/** Annotation.getGlobalAnnotations: global annotations starting at or after `startSec` and ending by `endSec`. */
export async function globalAnnotations(deps: AnnotationDeps, startSec: number, endSec: number): Promise<Annotation[]> {
  if (endSec < 1) throw new AnnotationError('The end timestamp has not been set');
  if (endSec < startSec) throw new AnnotationError('The end timestamp cannot be less than the start timestamp');
  const out: Annotation[] = [];
  for await (const c of annotationCells(deps, null, startSec, endSec)) {
    const a = parseAnnotationJson(c.value.toString('utf8'));
    if (a.startTime < startSec || a.endTime > endSec) continue;
    out.push(a);
  }
  return out;
}

/** Annotation.timeFromQualifier, in ms. */
function qualifierTimeMs(codec: RowKeyCodec, row: Buffer, q: Buffer): number {
  const base = codec.baseTime(row);
  return q.length === 3 ? (base + q.readUInt16BE(1)) * 1000 : base * 1000 + q.readUInt32BE(1);
}

/** Annotation.deleteRange: deletes the annotations whose qualifier time is in [startMs, endMs]; returns how many. */
export async function deleteAnnotationRange(deps: AnnotationDeps, tsuid: Buffer | null, startMs: number, endMs: number): Promise<number> {
  if (endMs < 1) throw new AnnotationError('The end timestamp has not been set');
  if (endMs < startMs) throw new AnnotationError('The end timestamp cannot be less than the start timestamp');
  const doomed: { row: Buffer; qualifier: Buffer }[] = [];
  for await (const c of annotationCells(deps, tsuid, Math.floor(startMs / 1000), Math.floor(endMs / 1000))) {
    const t = qualifierTimeMs(deps.codec, c.row, c.qualifier);
    if (t >= startMs && t <= endMs) doomed.push(c);
  }
  await deps.store.batch(doomed.map((d) => ({ type: 'delete' as const, table: deps.table, row: d.row, family: DATA_FAMILY, qualifiers: [d.qualifier] })));
  return doomed.length;
}
