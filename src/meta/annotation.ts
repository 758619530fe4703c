/**
 * Annotations in the data table (OpenTSDB's meta/Annotation.java, storage spec §8.2): a series
 * annotation lives in its series' row for the hour of its start time; a global one in the row of
 * metric UID 0 with no tags. The qualifier is 0x01 + the offset, computed — a quirk kept for byte
 * compatibility — from the start time divided by 1000 whenever it is a multiple of 1000.
 */
import { ANNOTATION_PREFIX, isMilliseconds, MAX_TIMESPAN } from '../core/const';
import type { RowKeyCodec } from '../core/row-key';
import { jsonString, jsonStringMap } from './json';

export interface Annotation {
  readonly tsuid: string;
  readonly startTime: number;
  readonly endTime: number;
  readonly description: string;
  readonly notes: string;
  readonly custom: Readonly<Record<string, string>> | null;
}

export function annotationQualifier(startTime: number): Buffer {
  const t = startTime % 1000 === 0 ? startTime / 1000 : startTime;
  if (!isMilliseconds(t)) {
    const q = Buffer.alloc(3);
    q[0] = ANNOTATION_PREFIX;
    q.writeUInt16BE(t % MAX_TIMESPAN, 1);
    return q;
  }
  const seconds = Math.floor(t / 1000);
  const base = seconds - (seconds % MAX_TIMESPAN);
  const q = Buffer.alloc(5);
  q[0] = ANNOTATION_PREFIX;
  q.writeUInt32BE(t - base * 1000, 1);
  return q;
}

/** Base time (s) of the row holding an annotation: from the undivided start time. */
export function annotationBaseTime(startTime: number): number {
  const seconds = isMilliseconds(startTime) ? Math.floor(startTime / 1000) : startTime;
  return seconds - (seconds % MAX_TIMESPAN);
}

/** The row of a global annotation: zero salt, zero metric UID, the base time, no tags. */
export function globalAnnotationRow(codec: RowKeyCodec, startTime: number): Buffer {
  const { saltWidth, metricWidth } = codec.layout;
  const key = Buffer.alloc(saltWidth + metricWidth + 4);
  key.writeUInt32BE(annotationBaseTime(startTime), saltWidth + metricWidth);
  return key;
}

/** Annotation.getStorageJSON: fixed field order, `tsuid` left out when empty, custom keys sorted. */
export function annotationJson(a: Annotation): string {
  const parts: string[] = [];
  if (a.tsuid) parts.push(`"tsuid":${jsonString(a.tsuid)}`);
  parts.push(
    `"startTime":${a.startTime}`,
    `"endTime":${a.endTime}`,
    `"description":${jsonString(a.description)}`,
    `"notes":${jsonString(a.notes)}`,
    `"custom":${jsonStringMap(a.custom, true)}`,
  );
  return `{${parts.join(',')}}`;
}

export function parseAnnotationJson(text: string): Annotation {
  const o = JSON.parse(text) as Partial<Record<keyof Annotation, unknown>>;
  const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : 0);
  const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
  const custom = o.custom && typeof o.custom === 'object' ? Object.fromEntries(Object.entries(o.custom).map(([k, v]) => [k, String(v)])) : null;
  return {
    tsuid: str(o.tsuid),
    startTime: num(o.startTime),
    endTime: num(o.endTime),
    description: str(o.description),
    notes: str(o.notes),
    custom,
  };
}

